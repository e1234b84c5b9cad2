/**
 * Hostile-input defences of the API outside the access matrix (issue 8): the security headers of every
 * answer, cookies carrying no authority (the API is bearer-only, so a cross-site request cannot ride a
 * browser's session), and uploads whose name disagrees with their content. The web app's own headers
 * and its Origin checks are tested on the built server: e2e/security.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { completeDraft } from './application-helpers';
import { act, bearer, challengeIn, createChallenge, fingerprint, setupTestApp, sharedBureauToken, verifiedEnterprise, verifiedSolver } from './helpers';

const env = await setupTestApp({ fundYears: false });
const { app } = env;

const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const TEXT = Buffer.from('检测报告 Test report\n抗拉强度 ≥ 1 100 MPa\n');
const SCRIPT = Buffer.from('WScript.Shell.Run("cmd /c del /q C:\\\\*")\n');

const upload = (parentType: string, parentId: string, filename: string, body: Buffer, token: string) =>
  app.inject({
    method: 'POST', url: `/api/attachments?parentType=${parentType}&parentId=${parentId}&filename=${encodeURIComponent(filename)}`,
    headers: { ...bearer(token), 'content-type': 'application/octet-stream' }, payload: body,
  });

/** Asserted on every answer: nothing in it may be framed, sniffed, leak the address it came from, or use a device. */
function expectBaseHeaders(headers: Record<string, unknown>, what: string) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(headers['permissions-policy'], what).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
}

describe('security headers', () => {
  it('every kind of answer carries them; data answers forbid running, loading and framing anything', async () => {
    const owner = await verifiedEnterprise(env);
    const draft = await challengeIn(env, owner, 'draft');
    const attachment = (await upload('challenge', draft.id, 'report.pdf', PDF, owner.token)).json().id as string;
    const answers = {
      'public JSON': await app.inject({ method: 'GET', url: '/api/health' }),
      'signed-in JSON': await app.inject({ method: 'GET', url: '/api/me', headers: bearer(owner.token) }),
      'problem details': await app.inject({ method: 'GET', url: '/api/no-such-route' }),
      'validation problem': await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x' } }),
      download: await app.inject({ method: 'GET', url: `/api/attachments/${attachment}`, headers: bearer(owner.token) }),
      'OpenAPI page': await app.inject({ method: 'GET', url: '/api/docs/' }),
    };
    for (const [what, res] of Object.entries(answers)) {
      expectBaseHeaders(res.headers, what);
      // Plain http (the test app's public address): never pinned to TLS.
      expect(res.headers['strict-transport-security'], what).toBeUndefined();
    }
    for (const what of ['public JSON', 'signed-in JSON', 'problem details', 'validation problem'] as const) {
      expect(answers[what].headers['content-security-policy'], what).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
    // A download keeps its own, stricter policy: sandboxed, whatever a browser makes of it.
    expect(answers.download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    // The OpenAPI page runs only its own script files.
    const docs = String(answers['OpenAPI page'].headers['content-security-policy']);
    expect([answers['OpenAPI page'].statusCode, answers['OpenAPI page'].headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(docs).toContain("script-src 'self';");
    expect(docs).toContain("frame-ancestors 'none'");
    expect(docs.match(/script-src[^;]*/)![0]).not.toContain('unsafe-inline');
  });

  it('Strict-Transport-Security only when the public address is https', async () => {
    const secure = await buildApp({
      db: env.database.db, driver: env.database.driver, clock: env.clock, jwtSecret: 'test-secret-that-is-long-enough-0123456789', env: 'test', dataDir: env.dataDir,
      publicUrl: 'https://jiebang.example.gov.cn',
    });
    try {
      for (const url of ['/api/health', '/api/no-such-route']) {
        const res = await secure.inject({ method: 'GET', url });
        expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
        expectBaseHeaders(res.headers, url);
      }
    } finally {
      await secure.close();
    }
  });
});

describe('cookies carry no authority', () => {
  it('a request with the access token in a cookie, as the web app keeps it, is anonymous: 401, and nothing changes', async () => {
    const owner = await verifiedEnterprise(env);
    const cookie = `at=${owner.token}; rt=whatever; lang=en`;
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(owner.token) })).statusCode).toBe(200);
    const before = await fingerprint(env);
    const read = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(read.statusCode).toBe(401);
    expect(read.json().code).toBe('unauthenticated');
    const write = await app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie, origin: 'https://evil.example' }, payload: { displayName: 'Mallory' } });
    expect([write.statusCode, write.json().code]).toEqual([401, 'unauthenticated']);
    expect(await fingerprint(env)).toEqual(before);
  });
});

describe('uploads whose name disagrees with their content', () => {
  it('are refused, whatever the parent, storing nothing; a name that agrees, or has no extension, is accepted', async () => {
    const owner = await verifiedEnterprise(env);
    const draft = await challengeIn(env, owner, 'draft');
    const before = await fingerprint(env);
    // Text that Windows would run rather than show, a PNG dressed as a PDF, a PDF called a page.
    for (const [name, body] of [['invoice.bat', TEXT], ['scan.js', SCRIPT], ['setup.exe', TEXT], ['notes.html', TEXT], ['photo.pdf', PNG], ['report.htm', PDF]] as const) {
      const res = await upload('challenge', draft.id, name, body, owner.token);
      expect([res.statusCode, res.json().code], name).toEqual([422, 'file_type_not_allowed']);
      expect(res.headers['content-type'], name).toContain('application/problem+json');
    }
    expect(await fingerprint(env)).toEqual(before);
    for (const [name, body, type] of [['photo.PNG', PNG, 'image/png'], ['测试数据.csv', TEXT, 'text/plain; charset=utf-8'], ['README', TEXT, 'text/plain; charset=utf-8']] as const) {
      const res = await upload('challenge', draft.id, name, body, owner.token);
      expect([res.statusCode, res.json().contentType], name).toEqual([201, type]);
    }

    // The same rule for an applicant's files.
    const c = await createChallenge(env, owner);
    await act(env, owner.token, c.id, 'submit');
    await act(env, await sharedBureauToken(env), c.id, 'approve', { specialFundFen: 0 });
    const solver = await verifiedSolver(env);
    const application = await app.inject({ method: 'POST', url: `/api/challenges/${c.id}/applications`, headers: bearer(solver.token), payload: completeDraft(c) });
    const refused = await upload('application', application.json().id, 'proposal.js', SCRIPT, solver.token);
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'file_type_not_allowed']);
    expect((await upload('application', application.json().id, 'proposal.txt', SCRIPT, solver.token)).statusCode).toBe(201);
  });
});

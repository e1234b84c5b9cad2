/**
 * Cache headers, conditional reads and compression of the API's answers (issue 9; http/caching.ts and
 * @fastify/compress in app.ts): what a cache may keep, that a matching If-None-Match costs only
 * headers and a change always gets through, and that compressed answers decode to the same JSON.
 */
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACCESS } from './access-table';
import { captureRoutes } from './fuzz-support';
import { act, bearer, challengeIn, fingerprint, setupTestApp, verifiedEnterprise, verifiedSolver } from './helpers';

const captured = captureRoutes();
const env = await setupTestApp();
captured.stop();
const { app } = env;

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('cache headers and conditional reads', () => {
  it('an anonymous public read may be kept a minute by any cache; a matching If-None-Match is a 304 without a body; a change gets through', async () => {
    const owner = await verifiedEnterprise(env);
    const open = await challengeIn(env, owner, 'published');
    const url = `/api/challenges/${open.id}`;

    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(String(first.headers.vary)).toMatch(/Authorization/);
    expect(String(first.headers.vary)).toMatch(/Accept-Language/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect((await get(url)).headers.etag, 'the same answer, the same tag').toBe(etag);

    for (const condition of [etag, `"x", ${etag}`, etag.slice(2), '*']) {
      const again = await get(url, { 'if-none-match': condition });
      expect(again.statusCode, condition).toBe(304);
      expect(again.body, condition).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('public, max-age=60');
    }
    expect((await get(url, { 'if-none-match': 'W/"something-else"' })).statusCode).toBe(200);

    // The owner adds a clarification: the tag a cache holds no longer matches.
    await act(env, owner.token, open.id, 'amendments', { kind: 'clarification', textZh: '试样由发榜企业提供。' });
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().amendments).toHaveLength(1);
  });

  it('the same read signed in is the reader’s own: private, checked every time, still answered 304 when unchanged', async () => {
    const owner = await verifiedEnterprise(env);
    const solver = await verifiedSolver(env);
    const open = await challengeIn(env, owner, 'published');
    for (const token of [owner.token, solver.token]) {
      const first = await get(`/api/challenges/${open.id}`, bearer(token));
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const again = await get(`/api/challenges/${open.id}`, { ...bearer(token), 'if-none-match': String(first.headers.etag) });
      expect(again.statusCode).toBe(304);
    }
    // The owner's view differs from a solver's: the tags do too, so no cache can hand one the other's.
    const ownerTag = (await get(`/api/challenges/${open.id}`, bearer(owner.token))).headers.etag;
    const solverTag = (await get(`/api/challenges/${open.id}`, bearer(solver.token))).headers.etag;
    expect(ownerTag).not.toBe(solverTag);
  });

  it('personal reads, refusals and errors are never stored and never answered 304', async () => {
    const owner = await verifiedEnterprise(env);
    const draft = await challengeIn(env, owner, 'draft');
    const answers = {
      'own account': await get('/api/me', { ...bearer(owner.token), 'if-none-match': '*' }),
      'own notifications': await get('/api/notifications', { ...bearer(owner.token), 'if-none-match': '*' }),
      'a draft, hidden from the anonymous': await get(`/api/challenges/${draft.id}`, { 'if-none-match': '*' }),
      'no such route': await get('/api/no-such-route', { 'if-none-match': '*' }),
      'bad paging': await get('/api/challenges?pageSize=0', { 'if-none-match': '*' }),
    };
    for (const [what, res] of Object.entries(answers)) {
      expect(res.statusCode, what).not.toBe(304);
      expect(res.headers['cache-control'], what).toBe('no-store');
      expect(res.headers.etag, what).toBeUndefined();
    }
  });

  it('only reads the access table opens to the anonymous are marked public', () => {
    const marked = captured.routes.filter((r) => r.config.publicRead === true).map((r) => `${r.method} ${r.url}`);
    expect(marked).toContain('GET /api/challenges/:id');
    for (const route of marked) {
      expect(route.startsWith('GET '), route).toBe(true);
      expect((ACCESS[route] ?? []).some((access) => access.ok.includes('anonymous')), route).toBe(true);
    }
  });
});

describe('compression', () => {
  it('a page of challenges goes out as brotli or gzip when the client takes it, and decodes to the same answer', async () => {
    const owner = await verifiedEnterprise(env);
    for (let i = 0; i < 5; i++) await challengeIn(env, owner, 'published');
    const url = '/api/challenges?pageSize=20';
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get(url, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    // The tag names the answer, not its encoding: a cache holding either may revalidate with it.
    expect(br.headers.etag).toBe(plain.headers.etag);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());

    // Under a kilobyte it is not worth the CPU.
    const small = await get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('a compressed request body is refused as it is, not inflated past the body limit, and changes nothing', async () => {
    const before = await fingerprint(env);
    const res = await app.inject({
      method: 'POST', url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(20) })),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await fingerprint(env)).toEqual(before);
  });
});

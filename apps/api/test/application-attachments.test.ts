import { describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import { bearer, challengeIn, fingerprint, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver, type Member } from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
const DAY = 24 * 60 * 60 * 1000;
type Json = Record<string, any>;

const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const upload = (applicationId: string, token: string | undefined, filename: string, bytes: Buffer = PDF) =>
  app.inject({
    method: 'POST', url: `/api/attachments?parentType=application&parentId=${applicationId}&filename=${encodeURIComponent(filename)}`,
    headers: { ...(token ? bearer(token) : {}), 'content-type': 'application/octet-stream' }, payload: bytes,
  });
const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const fresh = async (m: Member) => (await login(app, m.email)).accessToken;

describe('an application’s files', () => {
  test('the applicant attaches files while it may edit; readers of the submitted version get the files submitted with it, no one else any', async () => {
    const owner = await verifiedEnterprise(env);
    const [solver, other] = [await verifiedSolver(env), await verifiedSolver(env)];
    const challenge = await challengeIn(env, owner, 'published');
    const created = await app.inject({ method: 'POST', url: `/api/challenges/${challenge.id}/applications`, headers: bearer(solver.token), payload: completeDraft(challenge) });
    const id = created.json().id as string;

    const before = await fingerprint(env);
    expect((await upload(id, undefined, '检测报告.pdf')).statusCode).toBe(401);
    expect((await upload(id, other.token, '检测报告.pdf')).statusCode).toBe(404);
    expect((await upload(id, owner.token, '检测报告.pdf')).statusCode).toBe(404);
    expect((await upload(id, solver.token, 'page.html', Buffer.from('<html><script>alert(1)</script></html>'))).json()).toMatchObject({ code: 'file_type_not_allowed' });
    expect(await fingerprint(env)).toEqual(before);

    const first = await upload(id, solver.token, '中试检测报告.pdf');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ parentType: 'application', parentId: id, filename: '中试检测报告.pdf', contentType: 'application/pdf' });
    expect((await app.inject({ method: 'POST', url: `/api/applications/${id}/submit`, headers: bearer(solver.token), payload: {} })).statusCode).toBe(200);
    // Added after the submission: the applicant's draft only, until it is submitted again.
    const draftOnly = (await upload(id, solver.token, '补充材料.pdf')).json();
    expect((await get(`/api/applications/${id}`, solver.token)).json().attachments.map((a: Json) => a.filename)).toEqual(['中试检测报告.pdf', '补充材料.pdf']);
    expect((await get(`/api/attachments/${first.json().id}`, other.token)).statusCode).toBe(404);
    expect((await get(`/api/attachments/${first.json().id}`, owner.token)).statusCode).toBe(404); // before the deadline

    clock.advance(31 * DAY);
    expect((await upload(id, await fresh(solver), '迟到的文件.pdf')).json()).toMatchObject({ code: 'deadline_passed' });
    const ownerToken = await fresh(owner);
    const seen = (await get(`/api/applications/${id}`, ownerToken)).json();
    expect(seen.attachments.map((a: Json) => a.filename)).toEqual(['中试检测报告.pdf']);
    const download = await get(`/api/attachments/${first.json().id}`, ownerToken);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await get(`/api/attachments/${draftOnly.id}`, ownerToken)).statusCode).toBe(404);
    expect((await get(`/api/attachments/${first.json().id}`, await sharedBureauToken(env))).statusCode).toBe(200);
    // An expert: only once assigned and declared free of conflict.
    const expert = await staffToken(env, 'expert');
    const bureau = await sharedBureauToken(env);
    await app.inject({ method: 'POST', url: `/api/applications/${id}/eligibility`, headers: bearer(bureau), payload: { eligible: true } });
    expect((await get(`/api/attachments/${first.json().id}`, expert.token)).statusCode).toBe(404);
    await app.inject({ method: 'POST', url: `/api/challenges/${challenge.id}/reviewers`, headers: bearer(bureau), payload: { applicationIds: [id], expertIds: [expert.id] } });
    const e = (await login(app, expert.email)).accessToken;
    expect((await get(`/api/attachments/${first.json().id}`, e)).json()).toMatchObject({ code: 'conflict_declaration_required' });
    await app.inject({ method: 'PUT', url: `/api/applications/${id}/review`, headers: bearer(e), payload: { conflict: false } });
    expect((await get(`/api/attachments/${first.json().id}`, e)).statusCode).toBe(200);
    expect((await get(`/api/attachments/${draftOnly.id}`, e)).statusCode).toBe(404);
    clock.reset();
  });
});

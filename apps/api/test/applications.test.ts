import { beijingDate, parseReceiptNumber } from '@challenge/domain';
import { completeDraft } from './application-helpers';
import { describe, expect, test } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import {
  bearer, challengeIn, fingerprint, login, pendingSolver, setupTestApp, sharedBureauToken, verifiedEnterprise, verifiedSolver, type ChallengeJson, type Member,
} from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
const DAY = 24 * 60 * 60 * 1000;

type Json = Record<string, any>;
const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, who?: Member | string, payload?: unknown) => {
  const token = typeof who === 'string' ? who : who?.token;
  const res = await app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null, headers: res.headers, text: res.body };
};

/** Signed in again: access tokens last 15 minutes of the test clock, which the tests move by days. */
const fresh = async (m: Member): Promise<Member> => ({ ...m, token: (await login(app, m.email)).accessToken });

async function published(owner?: Member, overrides: Record<string, unknown> = {}) {
  const o = owner ?? (await verifiedEnterprise(env));
  return { owner: o, challenge: await challengeIn(env, o, 'published', overrides) };
}

describe('starting and saving a draft', () => {
  test('a solver starts its organisation’s application; a second one is refused with the first one’s id', async () => {
    const { challenge } = await published();
    const solver = await verifiedSolver(env);
    const created = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, {});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', version: 0, receiptNumber: null, organization: { id: solver.organizationId }, unsubmittedChanges: true });
    expect(created.body!.actions).toEqual(['edit', 'submit', 'withdraw']);
    const again = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'application_exists' });
    expect(again.body!.detail).toMatch(/只能有一份有效申请/);
  });

  test('who may not apply: anonymous, an enterprise, the bureau; a draft or restricted challenge', async () => {
    const { owner, challenge } = await published();
    const before = await fingerprint(env);
    expect((await call('POST', `/api/challenges/${challenge.id}/applications`, undefined, {})).status).toBe(401);
    expect((await call('POST', `/api/challenges/${challenge.id}/applications`, owner, {})).status).toBe(403);
    expect((await call('POST', `/api/challenges/${challenge.id}/applications`, await sharedBureauToken(env), {})).status).toBe(403);
    const draft = await challengeIn(env, owner, 'draft');
    expect((await call('POST', `/api/challenges/${draft.id}/applications`, await verifiedSolver(env), {})).status).toBe(404);
    const restricted = await challengeIn(env, owner, 'published', { visibility: 'restricted' });
    const r = await call('POST', `/api/challenges/${restricted.id}/applications`, await verifiedSolver(env), {});
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'confidentiality_required' });
    // Nothing was written by any refused request (the draft and restricted challenges are new, so compare those tables only).
    const after = await fingerprint(env);
    expect(after.applications).toBe(before.applications);
  });

  test('saving keeps what was sent, checks only lengths and counts, and refuses unknown partners and the owner as partner', async () => {
    const { owner, challenge } = await published();
    const solver = await verifiedSolver(env);
    const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, { priorResults: '已有工作' });
    const id = body!.id as string;
    const saved = await call('PATCH', `/api/applications/${id}`, solver, { requestedFen: 1000, team: [{ name: '陈', role: null, lead: true }] });
    expect(saved.status).toBe(200);
    expect(saved.body!.content).toMatchObject({ priorResults: '已有工作', requestedFen: 1000, team: [{ name: '陈', role: null, lead: true }] });

    const tooLong = await call('PATCH', `/api/applications/${id}`, solver, { priorResults: 'x'.repeat(10_001) });
    expect(tooLong.status).toBe(422);
    const ownerAsPartner = await call('PATCH', `/api/applications/${id}`, solver, { partnerOrganizationIds: [owner.organizationId] });
    expect(ownerAsPartner.status).toBe(422);
    expect(ownerAsPartner.body!.errors).toEqual([expect.objectContaining({ field: 'partnerOrganizationIds', code: 'own_challenge' })]);
    const unknown = await call('PATCH', `/api/applications/${id}`, solver, { partnerOrganizationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.body!.errors).toEqual([expect.objectContaining({ field: 'partnerOrganizationIds.0', code: 'unknown_organization' })]);
    const extra = await call('PATCH', `/api/applications/${id}`, solver, { leadOrganizationId: owner.organizationId });
    expect(extra.status).toBe(422);
    const unchanged = await call('GET', `/api/applications/${id}`, solver);
    expect(unchanged.body!.content).toMatchObject({ requestedFen: 1000, partnerOrganizationIds: [], leadOrganizationId: solver.organizationId });
  });
});

describe('submitting, resubmitting, withdrawing', () => {
  test('an incomplete application is refused with every problem at once', async () => {
    const { challenge } = await published();
    const solver = await verifiedSolver(env);
    const draft = completeDraft(challenge);
    const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, {
      ...draft, responses: { 0: draft.responses[0] }, milestones: draft.milestones.map((m, i) => (i === 0 ? { ...m, amountFen: 1 } : m)), requestedFen: 200_000_000,
    });
    const res = await call('POST', `/api/applications/${body!.id}/submit`, solver, {});
    expect(res.status).toBe(422);
    const codes = (res.body!.errors as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['responses.1:required', 'requestedFen:exceeds_bounty', 'milestones:milestones_sum_mismatch']));
    expect((await call('GET', `/api/applications/${body!.id}`, solver)).body).toMatchObject({ state: 'draft', version: 0 });
  });

  test('submission freezes a version with a receipt; a resubmission freezes a newer one with the same number; the owner and bureau read the frozen one', async () => {
    const { owner, challenge } = await published();
    const solver = await verifiedSolver(env);
    const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, completeDraft(challenge));
    const id = body!.id as string;
    const first = await call('POST', `/api/applications/${id}/submit`, solver, {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'submitted', version: 1, unsubmittedChanges: false });
    const receipt1 = parseReceiptNumber(first.body!.receiptNumber);
    expect(receipt1).toMatchObject({ year: Number(beijingDate(clock.now()).slice(0, 4)), version: 1 });

    // Edited after submission: the applicant sees the change pending; nobody else does.
    await call('PATCH', `/api/applications/${id}`, solver, { priorResults: '新增：2026 年中试成果' });
    const mine = await call('GET', `/api/applications/${id}`, solver);
    expect(mine.body).toMatchObject({ unsubmittedChanges: true, content: { priorResults: '新增：2026 年中试成果' } });
    const second = await call('POST', `/api/applications/${id}/submit`, solver, {});
    const receipt2 = parseReceiptNumber(second.body!.receiptNumber);
    expect(receipt2).toEqual({ ...receipt1!, version: 2 });
    expect(second.body!.versions.map((v: Json) => v.version)).toEqual([1, 2]);
    await call('PATCH', `/api/applications/${id}`, solver, { priorResults: '未提交的草稿修改' });

    // Before the deadline the owner sees nothing of it.
    expect((await call('GET', `/api/applications/${id}`, owner)).status).toBe(404);
    const early = await call('GET', `/api/challenges/${challenge.id}/applications`, owner);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'deadline_not_reached' });

    clock.advance(31 * DAY);
    const list = await call('GET', `/api/challenges/${challenge.id}/applications`, await fresh(owner));
    expect(list.status).toBe(200);
    expect(list.body!.items).toHaveLength(1);
    expect(list.body!.items[0]).toMatchObject({ id, version: 2, content: { priorResults: '新增：2026 年中试成果' }, versions: null, actions: [] });
    const bureau = await call('GET', `/api/applications/${id}`, await sharedBureauToken(env));
    expect(bureau.body!.content.priorResults).toBe('新增：2026 年中试成果');
  });

  test('after the deadline instant nothing changes: save, submit and withdraw are refused', async () => {
    const { challenge } = await published();
    const solver = await verifiedSolver(env);
    const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, completeDraft(challenge));
    const id = body!.id as string;
    clock.set(new Date(Date.parse(challenge.deadline as string)));
    const late = await fresh(solver);
    const before = await fingerprint(env);
    for (const [method, url, payload] of [['PATCH', `/api/applications/${id}`, { priorResults: '迟到' }], ['POST', `/api/applications/${id}/submit`, {}], ['POST', `/api/applications/${id}/withdraw`, {}]] as const) {
      const res = await call(method, url, late, payload);
      expect(res.status, url).toBe(409);
      expect(res.body).toMatchObject({ code: 'deadline_passed' });
    }
    expect(await fingerprint(env)).toEqual(before);
    expect((await call('POST', `/api/challenges/${challenge.id}/applications`, await verifiedSolver(env), {})).body).toMatchObject({ code: 'deadline_passed' });
    clock.reset();
  });

  test('a withdrawn application frees the organisation to apply again; an unverified organisation may draft but not submit', async () => {
    const { challenge } = await published();
    const solver = await verifiedSolver(env);
    const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, solver, {});
    const withdrawn = await call('POST', `/api/applications/${body!.id}/withdraw`, solver, {});
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', actions: [] });
    expect((await call('POST', `/api/applications/${body!.id}/submit`, solver, {})).status).toBe(409);
    expect((await call('POST', `/api/challenges/${challenge.id}/applications`, solver, {})).status).toBe(201);

    const pending = await pendingSolver(env);
    const draft = await call('POST', `/api/challenges/${challenge.id}/applications`, pending, completeDraft(challenge));
    expect(draft.status).toBe(201);
    const refused = await call('POST', `/api/applications/${draft.body!.id}/submit`, pending, {});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'organization_not_verified' });
  });

  test('solvers never see each other’s applications, not even through the list of their own', async () => {
    const { challenge } = await published();
    const a = await verifiedSolver(env);
    const b = await verifiedSolver(env);
    const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, a, completeDraft(challenge));
    await call('POST', `/api/applications/${body!.id}/submit`, a, {});
    expect((await call('GET', `/api/applications/${body!.id}`, b)).status).toBe(404);
    expect((await call('PATCH', `/api/applications/${body!.id}`, b, { priorResults: 'x' })).status).toBe(404);
    expect((await call('POST', `/api/applications/${body!.id}/withdraw`, b, {})).status).toBe(404);
    expect((await call('GET', `/api/challenges/${challenge.id}/applications`, b)).status).toBe(403);
    const mineA = await call('GET', '/api/applications', a);
    const mineB = await call('GET', '/api/applications', b);
    expect(mineA.body!.items.map((x: Json) => x.id)).toContain(body!.id);
    expect(mineB.body!.items.map((x: Json) => x.id)).not.toContain(body!.id);
    expect((await call('GET', '/api/applications', await verifiedEnterprise(env))).status).toBe(403);
  });

  test('bad ids and bodies are problem details, never a 500', async () => {
    const solver = await verifiedSolver(env);
    for (const [method, url, payload] of [
      ['GET', '/api/applications/not-a-uuid', undefined],
      ['PATCH', '/api/applications/00000000-0000-4000-8000-000000000000', { requestedFen: -1 }],
      ['PATCH', '/api/applications/00000000-0000-4000-8000-000000000000', { milestones: [{ title: 'x', deliverables: null, dueDate: '2026-02-30x', amountFen: 1 }] }],
      ['POST', '/api/challenges/00000000-0000-4000-8000-000000000000/applications', { responses: { x: 'a' } }],
    ] as const) {
      const res = await call(method, url, solver, payload);
      expect(res.status, url).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await call('GET', '/api/applications/00000000-0000-4000-8000-000000000000', solver)).status).toBe(404);
  });
});

describe('the deadline in a calendar, and amendments reaching applicants', () => {
  test('an .ics event at the deadline instant for a published challenge; nothing for a draft', async () => {
    const { owner, challenge } = await published();
    const res = await app.inject({ method: 'GET', url: `/api/challenges/${challenge.id}/deadline.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const stamp = new Date(challenge.deadline as string).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const unfolded = res.body.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DTSTART:${stamp}`);
    expect(unfolded).toContain('高温合金真空感应熔炼夹杂物控制');
    expect(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const draft = await challengeIn(env, owner, 'draft');
    expect((await app.inject({ method: 'GET', url: `/api/challenges/${draft.id}/deadline.ics` })).statusCode).toBe(404);
  });

  test('a deadline extension notifies the applicants, not the bureau officer who made it nor strangers', async () => {
    const { challenge } = await published();
    const solver = await verifiedSolver(env);
    const stranger = await verifiedSolver(env);
    await call('POST', `/api/challenges/${challenge.id}/applications`, solver, {});
    const bureau = await sharedBureauToken(env);
    const newDeadline = new Date(Date.parse(challenge.deadline as string) + 7 * DAY).toISOString();
    const amended = await call('POST', `/api/challenges/${challenge.id}/amendments`, bureau, { kind: 'deadline_extension', textZh: '截止时间延长一周。', newDeadline });
    expect(amended.status).toBeLessThan(300);
    await processNotificationEvents(app.ctx);
    const seen = async (who: Member | string) => ((await call('GET', '/api/notifications', who)).body!.items as Json[]).filter((n) => n.challenge?.id === challenge.id);
    expect(await seen(solver)).toEqual([expect.objectContaining({ kind: 'challenge_amended', data: { amendmentKind: 'deadline_extension' } })]);
    expect(await seen(stranger)).toEqual([]);
    expect(await seen(bureau)).toEqual([]);
  });
});

describe('the bureau’s eligibility check', () => {
  test('after the deadline only: ineligible needs a reason; the first check starts the review; the applicant alone hears of it', async () => {
    const { owner, challenge } = await published();
    const [a, b, c] = await Promise.all([verifiedSolver(env), verifiedSolver(env), verifiedSolver(env)]);
    const ids: string[] = [];
    for (const s of [a, b]) {
      const { body } = await call('POST', `/api/challenges/${challenge.id}/applications`, s, completeDraft(challenge));
      await call('POST', `/api/applications/${body!.id}/submit`, s, {});
      ids.push(body!.id);
    }
    const draftOnly = (await call('POST', `/api/challenges/${challenge.id}/applications`, c, {})).body!.id as string;
    const bureau = await sharedBureauToken(env);
    const early = await call('POST', `/api/applications/${ids[0]}/eligibility`, bureau, { eligible: true });
    expect(early.body).toMatchObject({ code: 'deadline_not_reached' });

    clock.advance(31 * DAY);
    const [officer, ownerNow, aNow, bNow] = [await sharedBureauToken(env), await fresh(owner), await fresh(a), await fresh(b)];
    expect((await call('POST', `/api/applications/${ids[0]}/eligibility`, ownerNow, { eligible: true })).status).toBe(403);
    expect((await call('POST', `/api/applications/${ids[0]}/eligibility`, aNow, { eligible: true })).status).toBe(403);
    expect((await call('POST', `/api/applications/${draftOnly}/eligibility`, officer, { eligible: true })).status).toBe(404);
    const noReason = await call('POST', `/api/applications/${ids[0]}/eligibility`, officer, { eligible: false, reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body!.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);

    const ineligible = await call('POST', `/api/applications/${ids[0]}/eligibility`, officer, { eligible: false, reason: '牵头单位不具备冶炼试验条件。' });
    expect(ineligible.body).toMatchObject({ state: 'ineligible', eligibilityReason: '牵头单位不具备冶炼试验条件。' });
    expect((await call('GET', `/api/challenges/${challenge.id}`)).body).toMatchObject({ state: 'reviewing' });
    expect((await call('POST', `/api/applications/${ids[1]}/eligibility`, officer, { eligible: true })).body).toMatchObject({ state: 'eligible' });
    const twice = await call('POST', `/api/applications/${ids[1]}/eligibility`, officer, { eligible: false, reason: '改变主意' });
    expect(twice.status).toBe(409);

    await processNotificationEvents(app.ctx);
    const about = async (who: Member) => ((await call('GET', '/api/notifications', who)).body!.items as Json[]).filter((n) => n.kind === 'eligibility_result' && n.challenge?.id === challenge.id);
    expect(await about(aNow)).toEqual([expect.objectContaining({ subjectId: ids[0], data: { state: 'ineligible' } })]);
    expect(await about(bNow)).toEqual([expect.objectContaining({ subjectId: ids[1], data: { state: 'eligible' } })]);
    expect(await about(ownerNow)).toEqual([]);
    expect((await call('GET', `/api/applications/${ids[0]}`, aNow)).body).toMatchObject({ eligibilityReason: '牵头单位不具备冶炼试验条件。' });
    clock.reset();
  });
});

describe.runIf(env.database.driver === 'pg')('concurrency on PostgreSQL', () => {
  test('two members of one organisation starting an application at once: exactly one is created', async () => {
    const { challenge } = await published();
    const solver = await verifiedSolver(env);
    const results = await Promise.all([0, 1, 2, 3].map(() => call('POST', `/api/challenges/${challenge.id}/applications`, solver, {})));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  test('submissions racing each other and the deadline: each gets its own version, none after the instant', async () => {
    const { challenge } = await published();
    const solvers = await Promise.all([0, 1, 2].map(() => verifiedSolver(env)));
    const ids: string[] = [];
    for (const s of solvers) ids.push((await call('POST', `/api/challenges/${challenge.id}/applications`, s, completeDraft(challenge))).body!.id);
    const doubled = await Promise.all(solvers.flatMap((s, i) => [call('POST', `/api/applications/${ids[i]}/submit`, s, {}), call('POST', `/api/applications/${ids[i]}/submit`, s, {})]));
    expect(doubled.every((r) => r.status === 200)).toBe(true);
    for (const [i, s] of solvers.entries()) expect((await call('GET', `/api/applications/${ids[i]}`, s)).body!.versions.map((v: Json) => v.version)).toEqual([1, 2]);

    // The test clock runs at real speed from where it is set: two seconds before the instant is
    // still before it when the requests run.
    clock.set(new Date(Date.parse(challenge.deadline as string) - 2000));
    const late = await Promise.all(solvers.map(fresh));
    const lastSeconds = await Promise.all(late.map((s, i) => call('POST', `/api/applications/${ids[i]}/submit`, s, {})));
    expect(lastSeconds.map((r) => r.status)).toEqual([200, 200, 200]);
    clock.set(new Date(Date.parse(challenge.deadline as string)));
    const atTheInstant = await Promise.all(late.map((s, i) => call('POST', `/api/applications/${ids[i]}/submit`, s, {})));
    expect(atTheInstant.map((r) => r.status)).toEqual([409, 409, 409]);
    clock.reset();
  });
});

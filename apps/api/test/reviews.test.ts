import { auditLog } from '@challenge/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import { completeDraft } from './application-helpers';
import {
  bearer, challengeIn, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver, type ChallengeJson, type Member,
} from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
const DAY = 24 * 60 * 60 * 1000;

type Json = Record<string, any>;
const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) => {
  const res = await app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null, text: res.body };
};
const fresh = async (m: Member) => (await login(app, m.email)).accessToken;
const SHEET = (score: number) => Object.fromEntries(
  ['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((key) => [key, { score, comment: `第 ${score} 档：依据方案第 3 节。` }]),
);

/**
 * One challenge past its deadline with three eligible applications: `a`, `b` (with `partner` in its
 * consortium) and `c`; nine experts, the first three employed by a's organisation, the owner and
 * b's partner.
 */
let owner: Member, a: Member, b: Member, c: Member, partner: Member;
let challenge: ChallengeJson;
const app_ = {} as Record<'a' | 'b' | 'c', string>;
let experts: { token: string; id: string; email: string }[] = [];
let bureau: string;

beforeAll(async () => {
  owner = await verifiedEnterprise(env);
  [a, b, c, partner] = await Promise.all([verifiedSolver(env), verifiedSolver(env), verifiedSolver(env), verifiedSolver(env)]);
  challenge = await challengeIn(env, owner, 'published');
  for (const [key, s] of [['a', a], ['b', b], ['c', c]] as const) {
    const draft = { ...completeDraft(challenge), partnerOrganizationIds: key === 'b' ? [partner.organizationId] : [] };
    const created = await call('POST', `/api/challenges/${challenge.id}/applications`, s.token, draft);
    expect((await call('POST', `/api/applications/${created.body!.id}/submit`, s.token, {})).status).toBe(200);
    app_[key] = created.body!.id;
  }
  bureau = await sharedBureauToken(env);
  for (let i = 0; i < 9; i++) {
    const e = await staffToken(env, 'expert');
    const organizationId = [a.organizationId, owner.organizationId, partner.organizationId][i] ?? null;
    const res = await call('PUT', `/api/experts/${e.id}/profile`, bureau, { organizationId, affiliation: null, expertise: [' Superalloy ', '冶金'] });
    expect(res.status).toBe(200);
    experts.push(e);
  }
  clock.advance(31 * DAY);
  bureau = await sharedBureauToken(env);
  for (const id of Object.values(app_)) expect((await call('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true })).status).toBe(200);
});

/** An expert signed in at the current test clock (the tokens from before the deadline have expired). */
const expertToken = async (i: number): Promise<string> => (await login(app, experts[i]!.email)).accessToken;

describe('assigning experts', () => {
  test('experts employed by the applicant, the owner or a consortium partner are refused, every pairing reported', async () => {
    const res = await call('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: [app_.a, app_.b], expertIds: [experts[0]!.id, experts[1]!.id, experts[2]!.id] });
    expect(res.status).toBe(422);
    const found = (res.body!.errors as Json[]).map((e) => `${e.field}:${e.params.reason}:${e.params.applicationId}`);
    expect(found.sort()).toEqual([
      `expertIds.0:applicant_organization:${app_.a}`,
      `expertIds.1:owner_organization:${app_.a}`,
      `expertIds.1:owner_organization:${app_.b}`,
      `expertIds.2:partner_organization:${app_.b}`,
    ].sort());
    // The message puts the reason in words, in the reader's language (Chinese unless asked otherwise).
    expect(res.body!.errors.find((e: Json) => e.field === 'expertIds.2').message).toBe('该专家须回避（受聘于联合申报单位）');
    const en = await app.inject({ method: 'POST', url: `/api/challenges/${challenge.id}/reviewers`, headers: { ...bearer(bureau), 'accept-language': 'en' }, payload: { applicationIds: [app_.a], expertIds: [experts[0]!.id] } });
    expect(JSON.parse(en.body).errors[0].message).toBe('this expert must stand aside (employed by the applicant)');
    expect((await call('GET', `/api/applications/${app_.a}`, bureau)).body).toMatchObject({ state: 'eligible' });
  });

  test('only the bureau assigns; a random draw leaves conflicted experts out and is audited', async () => {
    expect((await call('POST', `/api/challenges/${challenge.id}/reviewers`, owner.token, { applicationIds: [app_.c], expertIds: [experts[3]!.id] })).status).toBe(401);
    expect((await call('POST', `/api/challenges/${challenge.id}/reviewers`, await fresh(owner), { applicationIds: [app_.c], expertIds: [experts[3]!.id] })).status).toBe(403);
    const tooMany = await call('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: [app_.b], draw: { expertise: ['superalloy'], count: 9 } });
    expect(tooMany.body!.errors).toEqual([expect.objectContaining({ field: 'draw.count', code: 'not_enough_experts' })]);
    // b's partner employs expert 2, the owner expert 1: 7 of the 9 may review b.
    expect(tooMany.body!.errors[0].message).toMatch(/7/);

    const drawn = await call('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: [app_.b], draw: { expertise: ['冶金'], count: 2 } });
    expect(drawn.status).toBe(200);
    const ids = (drawn.body!.assigned as Json[]).map((x) => x.expertId);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(experts[1]!.id);
    expect(ids).not.toContain(experts[2]!.id);
    const audit = await env.database.db.select().from(auditLog).where(eq(auditLog.action, 'review.draw'));
    expect(audit.at(-1)!.after).toMatchObject({ drawn: ids });
    const b_ = (await call('GET', `/api/applications/${app_.b}`, bureau)).body!;
    expect(b_).toMatchObject({ state: 'under_review', partners: [{ id: partner.organizationId, nameEn: expect.any(String) }] });
    expect((await call('GET', `/api/challenges/${challenge.id}/applications`, bureau)).body!.items.find((x: Json) => x.id === app_.b).partners).toEqual(b_.partners);
  });
});

describe('the expert’s work', () => {
  test('declare first, then read and score; a declared conflict recuses for good; strangers see nothing', async () => {
    const assign = await call('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: [app_.a], expertIds: experts.slice(3, 9).map((e) => e.id) });
    expect(assign.status).toBe(200);
    const e3 = await expertToken(3);
    const e4 = await expertToken(4);

    await processNotificationEvents(app.ctx);
    const assigned = (await call('GET', '/api/notifications', e3)).body!.items as Json[];
    expect(assigned).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'review_assigned', subjectId: app_.a })]));

    // The earlier random draw may have given expert 3 application b as well.
    const mine = ((await call('GET', '/api/reviews', e3)).body!.items as Json[]).filter((r) => r.applicationId === app_.a);
    expect(mine).toEqual([expect.objectContaining({ applicationId: app_.a, conflict: null, totalTenths: null })]);
    const closed = await call('GET', `/api/applications/${app_.a}`, e3);
    expect(closed.status).toBe(403);
    expect(closed.body).toMatchObject({ code: 'conflict_declaration_required' });
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e3, { scores: SHEET(8) })).body).toMatchObject({ code: 'conflict_declaration_required' });
    expect((await call('GET', `/api/challenges/${challenge.id}/applications`, e3)).body!.items.map((x: Json) => x.id)).not.toContain(app_.a);

    expect((await call('PUT', `/api/applications/${app_.a}/review`, e3, { conflict: false })).body).toMatchObject({ conflict: false });
    const open = await call('GET', `/api/applications/${app_.a}`, e3);
    expect(open.status).toBe(200);
    expect(open.body!.content.responses['0']).toMatch(/双联工艺/);
    expect((await call('GET', `/api/challenges/${challenge.id}/applications`, e3)).body!.items.map((x: Json) => x.id)).toContain(app_.a);
    expect((await call('GET', `/api/applications/${app_.c}`, e3)).status).toBe(404);
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e3, { conflict: true, reason: '后来想起合作过' })).status).toBe(409);

    // A conflict needs its reason: none is "required", one character "too short" — and nothing is recorded.
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e4, { conflict: true, reason: '  ' })).body!.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e4, { conflict: true, reason: '亲' })).body!.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'minLength', message: '长度至少为 2' })]);
    expect(((await call('GET', '/api/reviews', e4)).body!.items as Json[]).find((r) => r.applicationId === app_.a)).toMatchObject({ conflict: null });
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e4, { conflict: true, reason: '曾与申请人共同发表论文。' })).body).toMatchObject({ conflict: true });
    expect((await call('GET', `/api/applications/${app_.a}`, e4)).status).toBe(404);
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e4, { scores: SHEET(9) })).status).toBe(404);
    expect(((await call('GET', '/api/reviews', e4)).body!.items as Json[]).filter((r) => r.applicationId === app_.a)).toEqual([expect.objectContaining({ conflict: true })]);
  });

  test('every criterion scored 0–10 with a comment; the weighted total in tenths', async () => {
    const e3 = await expertToken(3);
    const bad = await call('PUT', `/api/applications/${app_.a}/review`, e3, { scores: { ...SHEET(8), team: { score: 11, comment: '' }, novelty: { score: 5, comment: 'x' } } });
    expect(bad.status).toBe(422);
    expect((bad.body!.errors as Json[]).map((e) => `${e.field}:${e.code}`)).toEqual(expect.arrayContaining(['scores.team.score:out_of_range', 'scores.team.comment:required', 'scores.novelty:unknown_criterion']));
    const sheet = { ...SHEET(8), technical_approach: { score: 9, comment: '方案可行。' }, budget: { score: 5, comment: '预算偏高。' } };
    // 9×40 + 8×25 + 5×15 + 8×10 + 8×10 = 795 → 79.5 of 100.
    expect((await call('PUT', `/api/applications/${app_.a}/review`, e3, { scores: sheet })).body).toMatchObject({ totalTenths: 795 });
    // The expert comes back to revise: the saved sheet is theirs to read, and no one else's.
    const saved = await call('GET', `/api/applications/${app_.a}/review`, e3);
    expect(saved.body).toMatchObject({ conflict: false, totalTenths: 795, scores: { technical_approach: { score: 9, comment: '方案可行。' }, budget: { score: 5, comment: '预算偏高。' }, team: { score: 8 } } });
    expect((await call('GET', `/api/applications/${app_.a}/review`, await expertToken(4))).status).toBe(404);
    expect((await call('GET', `/api/applications/${app_.a}/review`, await expertToken(0))).status).toBe(404);
    expect((await call('GET', `/api/applications/${app_.a}/review`, bureau)).status).toBe(403);
    expect((await call('GET', `/api/applications/${app_.a}/review`, a.token)).status).toBe(401);
  });

  test('the bureau sees who reviews what: declarations, a recusal with its reason, totals; no one else does', async () => {
    const res = await call('GET', `/api/challenges/${challenge.id}/reviewers`, bureau);
    expect(res.status).toBe(200);
    const onA = (res.body!.items as Json[]).filter((x) => x.applicationId === app_.a);
    expect(onA.map((x) => x.expert.id).sort()).toEqual(experts.slice(3, 9).map((e) => e.id).sort());
    const byExpert = (i: number) => onA.find((x) => x.expert.id === experts[i]!.id)!;
    expect(byExpert(3)).toMatchObject({ conflict: false, totalTenths: 795, conflictReason: null, expert: { displayName: expect.any(String) } });
    expect(byExpert(4)).toMatchObject({ conflict: true, conflictReason: '曾与申请人共同发表论文。', totalTenths: null });
    expect(byExpert(5)).toMatchObject({ conflict: null, declaredAt: null, scoredAt: null });
    expect(JSON.stringify(res.body)).not.toContain('方案可行'); // the sheets themselves stay with their experts
    for (const token of [await fresh(owner), await fresh(a), await expertToken(3)]) {
      expect((await call('GET', `/api/challenges/${challenge.id}/reviewers`, token)).status).toBe(403);
    }
    expect((await call('GET', `/api/challenges/${challenge.id}/reviewers`)).status).toBe(401);
    expect((await call('GET', '/api/challenges/00000000-0000-4000-8000-000000000000/reviewers', bureau)).status).toBe(404);
  });

  test('the rubric changes until the first score is in, with weights adding up to 100', async () => {
    const other = await challengeIn(env, { ...owner, token: await fresh(owner) }, 'published');
    const wrong = await call('PUT', `/api/challenges/${other.id}/rubric`, bureau, { criteria: [{ key: 'technical_approach', weight: 60 }, { key: 'team', weight: 30 }] });
    expect(wrong.body!.errors).toEqual([expect.objectContaining({ field: 'criteria', code: 'weights_sum_mismatch' })]);
    const ok = await call('PUT', `/api/challenges/${other.id}/rubric`, bureau, { criteria: [{ key: 'technical_approach', weight: 70 }, { key: 'team', weight: 30 }] });
    expect(ok.body).toEqual({ criteria: [{ key: 'technical_approach', weight: 70 }, { key: 'team', weight: 30 }] });
    expect((await call('PUT', `/api/challenges/${other.id}/rubric`, await fresh(owner), { criteria: [{ key: 'team', weight: 100 }] })).status).toBe(403);
    const late = await call('PUT', `/api/challenges/${challenge.id}/rubric`, bureau, { criteria: [{ key: 'team', weight: 100 }] });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'review_started' });
  });
});

describe('the ranking', () => {
  test('five or more reviews drop the highest and lowest; the owner sees means and spread, never who reviewed', async () => {
    // Experts 5–8 score a (expert 4 recused; expert 3 gave 79.5): totals 79.5, 100, 0, 60, 70.
    for (const [i, score] of [[5, 10], [6, 0], [7, 6], [8, 7]] as const) {
      const t = await expertToken(i);
      await call('PUT', `/api/applications/${app_.a}/review`, t, { conflict: false });
      const scored = await call('PUT', `/api/applications/${app_.a}/review`, t, { scores: SHEET(score) });
      expect(scored.status, scored.text).toBe(200);
    }
    const ranking = await call('GET', `/api/challenges/${challenge.id}/ranking`, await fresh(owner));
    expect(ranking.status).toBe(200);
    const first = ranking.body!.items[0];
    expect(first).toMatchObject({ applicationId: app_.a, rank: 1, reviewCount: 5, aggregate: { used: 3, dropped: 2, min: 0, max: 100 } });
    // Kept: 60, 70, 79.5 → mean 69.83.
    expect(first.mean).toBe(69.83);
    expect(ranking.body!.items.map((x: Json) => x.applicationId)).toEqual([app_.a, expect.any(String), expect.any(String)]);
    for (const e of experts) expect(ranking.text).not.toContain(e.id);
    expect((await call('GET', `/api/challenges/${challenge.id}/ranking`, await fresh(a))).status).toBe(403);
    expect((await call('GET', `/api/challenges/${challenge.id}/ranking`, await expertToken(3))).status).toBe(403);
  });
});

import { projectMilestones, projects } from '@challenge/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import { completeDraft } from './application-helpers';
import { bearer, challengeIn, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver, type ChallengeJson, type Member } from './helpers';

const env = await setupTestApp();
const { app, clock } = env;

type Json = Record<string, any>;
const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) => {
  const res = await app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null, text: res.body };
};
const tokenOf = async (m: { email: string }) => (await login(app, m.email)).accessToken;
const SHEET = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((key) => [key, { score: 8, comment: '方案可行，依据充分。' }]));

/**
 * A challenge (bounty ¥1,500,000 = ¥1,000,000 enterprise + ¥500,000 special fund, two winners at most)
 * published on 2026-08-01 with a 30-day deadline, four applications (a, b reviewed; c eligible but
 * sent to no expert; d not yet checked for eligibility), brought to the review on 2026-09-30, 10:00
 * Beijing time — the day before National Day.
 */
async function reviewedChallenge() {
  clock.set(new Date('2026-08-01T02:00:00Z'));
  const owner = await verifiedEnterprise(env);
  const solvers = await Promise.all([verifiedSolver(env), verifiedSolver(env), verifiedSolver(env), verifiedSolver(env)]);
  const challenge = await challengeIn(env, owner, 'published');
  const ids: string[] = [];
  for (const s of solvers) {
    const created = await call('POST', `/api/challenges/${challenge.id}/applications`, s.token, completeDraft(challenge));
    expect((await call('POST', `/api/applications/${created.body!.id}/submit`, s.token, {})).status).toBe(200);
    ids.push(created.body!.id);
  }
  const expert = await staffToken(env, 'expert');
  clock.set(new Date('2026-09-30T02:00:00Z'));
  const bureau = await sharedBureauToken(env);
  for (const id of ids.slice(0, 3)) expect((await call('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true })).status).toBe(200);
  expect((await call('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: ids.slice(0, 2), expertIds: [expert.id] })).status).toBe(200);
  const e = await tokenOf(expert);
  for (const id of ids.slice(0, 2)) {
    await call('PUT', `/api/applications/${id}/review`, e, { conflict: false });
    expect((await call('PUT', `/api/applications/${id}/review`, e, { scores: SHEET })).status).toBe(200);
  }
  return { owner, solvers, challenge, ids, bureau, expert };
}

let s: Awaited<ReturnType<typeof reviewedChallenge>>;
beforeAll(async () => {
  s = await reviewedChallenge();
});

describe('deciding', () => {
  test('only the bureau decides; every problem of a decision is reported at once and nothing changes', async () => {
    const { challenge, ids, owner, solvers } = s;
    const body = { selections: [{ applicationId: ids[0], awardFen: 100_000_000 }], feedback: { [ids[1]!]: '技术路线与指标匹配度不足。' } };
    expect((await call('POST', `/api/challenges/${challenge.id}/decision`, await tokenOf(owner), body)).status).toBe(403);
    expect((await call('POST', `/api/challenges/${challenge.id}/decision`, await tokenOf(solvers[0]!), body)).status).toBe(403);
    const bad = await call('POST', `/api/challenges/${challenge.id}/decision`, s.bureau, {
      selections: [{ applicationId: ids[0], awardFen: 120_000_000 }, { applicationId: ids[2], awardFen: 40_000_000 }], feedback: {},
    });
    expect(bad.status).toBe(422);
    expect((bad.body!.errors as Json[]).map((x) => x.code)).toEqual(expect.arrayContaining(['not_under_review', 'awards_exceed_bounty', 'required', 'eligibility_pending']));
    expect((bad.body!.errors as Json[]).find((x) => x.code === 'awards_exceed_bounty')!.message).toBe('奖励合计 160000000 分，超过榜单金额 150000000 分');
    // d awaits its eligibility check: its applicant would hear nothing of a decision made now.
    expect((bad.body!.errors as Json[]).find((x) => x.code === 'eligibility_pending')).toMatchObject({ field: 'applications', params: { count: 1 }, message: '还有 1 份申请未完成资格审查，请先审查' });
    // Eligible c, sent to no expert, needs its feedback like the reviewed b.
    expect((bad.body!.errors as Json[]).filter((x) => x.code === 'required').map((x) => x.field).sort()).toEqual([`feedback.${ids[1]}`].sort());
    expect((await call('GET', `/api/challenges/${challenge.id}`)).body).toMatchObject({ state: 'reviewing' });
    const pending = await call('GET', `/api/challenges/${challenge.id}/applications?state=submitted`, s.bureau);
    expect(pending.body).toMatchObject({ total: 1, items: [{ id: ids[3] }] });
    expect((await call('POST', `/api/applications/${ids[3]}/eligibility`, s.bureau, { eligible: false, reason: '联合体成员资质证明缺失。' })).status).toBe(200);
  });

  test('a decision is published for five working days: across National Day and its make-up Saturday it ends 24:00 on 13 October', async () => {
    const { challenge, ids, solvers } = s;
    const res = await call('POST', `/api/challenges/${challenge.id}/decision`, s.bureau, {
      selections: [{ applicationId: ids[0], awardFen: 100_000_000 }], feedback: { [ids[1]!]: '技术路线与指标匹配度不足。', [ids[2]!]: '方案未进入专家评审：与核心指标关联较弱。' },
    });
    expect(res.status, res.text).toBe(200);
    // 1–7 Oct holidays; 8 (Thu), 9 (Fri), 10 (Sat, worked), 12 (Mon), 13 (Tue): ends 14 Oct 00:00 +08:00.
    expect(res.body!.noticeEndsAt).toBe('2026-10-13T16:00:00.000Z');
    expect((await call('GET', `/api/challenges/${challenge.id}`)).body).toMatchObject({ state: 'notice' });

    const seen = await call('GET', `/api/challenges/${challenge.id}/decision`);
    expect(seen.body).toMatchObject({ kind: 'award', superseded: false, noticeRunning: true, feedbackToMe: [], winners: [{ applicationId: ids[0], awardFen: 100_000_000 }] });
    // ¥1,000,000 award in the bounty's 2:1 proportion, to the fen: 66,666,666.67 → 66,666,667 + 33,333,333.
    expect(seen.body!.winners[0]).toMatchObject({ enterpriseShareFen: 66_666_667, specialFundFen: 33_333_333 });
    const loser = await call('GET', `/api/challenges/${challenge.id}/decision`, await tokenOf(solvers[1]!));
    expect(loser.body!.feedbackToMe).toEqual([{ applicationId: ids[1], text: '技术路线与指标匹配度不足。' }]);
    expect((await call('GET', `/api/applications/${ids[1]}`, await tokenOf(solvers[1]!))).body).toMatchObject({ state: 'not_selected' });
    const unreviewed = await tokenOf(solvers[2]!);
    expect((await call('GET', `/api/applications/${ids[2]}`, unreviewed)).body).toMatchObject({ state: 'not_selected' });
    expect((await call('GET', `/api/challenges/${challenge.id}/decision`, unreviewed)).body!.feedbackToMe).toEqual([{ applicationId: ids[2], text: '方案未进入专家评审：与核心指标关联较弱。' }]);
    expect((await call('GET', `/api/applications/${ids[3]}`, await tokenOf(solvers[3]!))).body).toMatchObject({ state: 'ineligible' });
  });
});

describe('objections and the award', () => {
  test('objections during the notice only, seen by the bureau and their filer; finalize waits for the end and for every objection', async () => {
    const { challenge, solvers } = s;
    expect((await call('POST', `/api/challenges/${challenge.id}/objections`, undefined, { reasons: '评审专家与中选单位有合作关系。' })).status).toBe(401);
    const c = await tokenOf(solvers[2]!);
    const filed = await call('POST', `/api/challenges/${challenge.id}/objections`, c, { reasons: '评审专家与中选单位有合作关系。', evidence: '合作论文 DOI 10.1000/xyz' });
    expect(filed.status).toBe(201);
    expect((await call('GET', `/api/challenges/${challenge.id}/objections`, c)).body!.items).toHaveLength(1);
    expect((await call('GET', `/api/challenges/${challenge.id}/objections`, await tokenOf(solvers[0]!))).body!.items).toEqual([]);
    expect((await call('GET', `/api/challenges/${challenge.id}/objections`, s.bureau)).body!.items).toHaveLength(1);

    expect((await call('POST', `/api/challenges/${challenge.id}/objections`, s.bureau, { reasons: '科工局不提出异议，只处理异议。' })).status).toBe(403);
    const early = await call('POST', `/api/challenges/${challenge.id}/finalize`, s.bureau, {});
    expect(early.body).toMatchObject({ code: 'notice_period_running' });
    clock.set(new Date('2026-10-13T16:00:00Z'));
    const bureau = await sharedBureauToken(env);
    expect((await call('POST', `/api/challenges/${challenge.id}/objections`, await tokenOf(solvers[2]!), { reasons: '期满之后再提出的异议。' })).body).toMatchObject({ code: 'notice_period_over' });
    // The server's clock says the notice is over, whatever the reader's clock says.
    expect((await call('GET', `/api/challenges/${challenge.id}/decision`)).body).toMatchObject({ noticeRunning: false });
    expect((await call('POST', `/api/challenges/${challenge.id}/finalize`, bureau, {})).body).toMatchObject({ code: 'objections_open' });

    expect((await call('POST', `/api/objections/${filed.body!.id}/resolve`, await tokenOf(s.owner), { outcome: 'dismissed', resolution: '经核查不存在合作关系。' })).status).toBe(403);
    const dismissed = await call('POST', `/api/objections/${filed.body!.id}/resolve`, bureau, { outcome: 'dismissed', resolution: '经核查不存在合作关系。' });
    expect(dismissed.body).toMatchObject({ state: 'dismissed' });
    const published = await call('GET', `/api/challenges/${challenge.id}/decision`);
    expect(published.body!.objectionOutcomes).toEqual([expect.objectContaining({ state: 'dismissed', resolution: '经核查不存在合作关系。' })]);
    expect(published.text).not.toContain(solvers[2]!.userId);
  });

  test('finalize: awarded, a project per winner whose milestones add up to the award, to the fen by source; everyone concerned is notified', async () => {
    const { challenge, ids, solvers, owner } = s;
    const bureau = await sharedBureauToken(env);
    const res = await call('POST', `/api/challenges/${challenge.id}/finalize`, bureau, {});
    expect(res.status, res.text).toBe(200);
    expect(res.body!.projects).toHaveLength(1);
    expect((await call('GET', `/api/challenges/${challenge.id}`)).body).toMatchObject({ state: 'awarded' });
    expect((await call('POST', `/api/challenges/${challenge.id}/finalize`, bureau, {})).status).toBe(409);

    const db = env.database.db;
    const [project] = await db.select().from(projects).where(eq(projects.id, res.body!.projects[0]));
    expect(project).toMatchObject({ applicationId: ids[0], state: 'awaiting_signature', awardFen: 100_000_000, enterpriseShareFen: 66_666_667, specialFundFen: 33_333_333 });
    const milestones = await db.select().from(projectMilestones).where(eq(projectMilestones.projectId, project!.id)).orderBy(projectMilestones.position);
    // The plan asked 30 / 40 / 30 % of ¥1,200,000; the award is ¥1,000,000.
    expect(milestones.map((m) => m.amountFen)).toEqual([30_000_000, 40_000_000, 30_000_000]);
    expect(milestones.reduce((a, m) => a + m.enterpriseShareFen, 0)).toBe(66_666_667);
    expect(milestones.reduce((a, m) => a + m.specialFundFen, 0)).toBe(33_333_333);

    await processNotificationEvents(app.ctx);
    const kinds = async (m: Member) => ((await call('GET', '/api/notifications', await tokenOf(m))).body!.items as Json[]).filter((n) => n.challenge?.id === challenge.id).map((n) => n.kind).sort();
    expect(await kinds(solvers[0]!)).toEqual(['awarded', 'decision_published', 'eligibility_result']);
    expect(await kinds(solvers[1]!)).toEqual(['decision_published', 'eligibility_result']);
    expect(await kinds(solvers[2]!)).toEqual(['decision_published', 'eligibility_result', 'objection_resolved']);
    expect(await kinds(solvers[3]!)).toEqual(['eligibility_result']);
    expect(await kinds(owner)).toEqual(['decision_published']);
    clock.reset();
  });

  test('an upheld objection sends the challenge back to review: the decision is superseded and its applications decidable again', async () => {
    const t = await reviewedChallenge();
    expect((await call('POST', `/api/applications/${t.ids[3]}/eligibility`, t.bureau, { eligible: false, reason: '资质证明缺失。' })).status).toBe(200);
    const decided = await call('POST', `/api/challenges/${t.challenge.id}/decision`, t.bureau, {
      selections: [{ applicationId: t.ids[1], awardFen: 50_000_000 }], feedback: { [t.ids[0]!]: '预算偏高。', [t.ids[2]!]: '未进入评审。' },
    });
    expect(decided.status).toBe(200);
    const filed = await call('POST', `/api/challenges/${t.challenge.id}/objections`, await tokenOf(t.solvers[0]!), { reasons: '中选方案的指标承诺无法验证。' });
    const upheld = await call('POST', `/api/objections/${filed.body!.id}/resolve`, t.bureau, { outcome: 'upheld', resolution: '重新组织评审。' });
    expect(upheld.body).toMatchObject({ state: 'upheld' });
    expect((await call('GET', `/api/challenges/${t.challenge.id}`)).body).toMatchObject({ state: 'reviewing' });
    expect((await call('GET', `/api/challenges/${t.challenge.id}/decision`)).body).toMatchObject({ superseded: true, winners: [] });
    for (const id of t.ids.slice(0, 3)) expect((await call('GET', `/api/applications/${id}`, t.bureau)).body).toMatchObject({ state: 'under_review' });
    expect((await call('GET', `/api/applications/${t.ids[3]}`, t.bureau)).body).toMatchObject({ state: 'ineligible' });
    const feedback = Object.fromEntries(t.ids.slice(0, 3).map((id) => [id, '均未达到指标要求。']));
    const again = await call('POST', `/api/challenges/${t.challenge.id}/decision`, t.bureau, { selections: [], feedback, reasons: '三份申请均未达到技术指标。' });
    expect(again.body).toMatchObject({ kind: 'none', superseded: false, noticeEndsAt: null });
    expect((await call('GET', `/api/challenges/${t.challenge.id}`)).body).toMatchObject({ state: 'failed' });
    clock.reset();
  });
});

// Keeps the type of the fixture in one place for readers of the set-up.
export type Fixture = { challenge: ChallengeJson };

import { describe, expect, test } from 'vitest';
import { fingerprint, login, setupTestApp, sharedBureauToken, staffToken, TEST_BUDGET_FEN, TEST_BUDGET_YEARS, verifiedEnterprise, verifiedSolver } from './helpers';
import { buildPortfolio, DAY, portfolioCalls } from './portfolio-helpers';

const env = await setupTestApp();
const { call } = portfolioCalls(env);
const p = await buildPortfolio(env);
type Json = Record<string, any>;

const dashboard = async (query = '') => {
  const r = await call('GET', `/api/dashboard${query}`, await sharedBureauToken(env));
  expect(r.status, r.res.body).toBe(200);
  return r.body!;
};
const funnel = (stages: Json) => Object.fromEntries((stages.funnel as Json[]).map((s) => [s.stage, s.challenges]));
const source = (d: Json, s: string) => (d.money as Json[]).find((m) => m.source === s);

describe('GET /api/dashboard', () => {
  test('only the bureau reads it; bad filters are refused with problem details and change nothing', async () => {
    expect((await call('GET', '/api/dashboard')).status).toBe(401);
    const others = [
      (await verifiedEnterprise(env)).token, (await verifiedSolver(env)).token, (await staffToken(env, 'expert')).token, (await staffToken(env, 'finance')).token,
    ];
    for (const token of others) expect((await call('GET', '/api/dashboard', token)).body).toMatchObject({ status: 403, code: 'forbidden' });
    const before = await fingerprint(env);
    for (const q of ['?year=abc', '?year=1999', '?year=2026.5', '?industry=textiles', '?foo=1']) {
      const r = await call('GET', `/api/dashboard${q}`, await sharedBureauToken(env));
      expect(r.status, q).toBe(422);
      expect(r.res.headers['content-type']).toContain('application/problem+json');
      expect(r.body, q).toMatchObject({ code: 'validation_failed' });
    }
    expect(await fingerprint(env)).toEqual(before);
  });

  test('challenges by stage: the funnel counts each challenge that reached the stage; failed and cancelled apart; by industry too', async () => {
    const d = await dashboard();
    // A, A2, B, C, D published; A, A2, B closed; A, A2 in notice and awarded; A signed.
    expect(funnel(d.stages)).toEqual({ published: 5, closed: 3, notice: 2, awarded: 2, in_progress: 1, completed: 0 });
    expect(d.stages).toMatchObject({ failed: 1, cancelled: 1 });
    const metal = d.stages.byIndustry.find((i: Json) => i.industry === 'metallurgy_new_materials');
    const equip = d.stages.byIndustry.find((i: Json) => i.industry === 'high_end_equipment');
    expect(funnel(metal)).toEqual({ published: 3, closed: 1, notice: 1, awarded: 1, in_progress: 1, completed: 0 });
    expect(metal).toMatchObject({ failed: 0, cancelled: 1 });
    expect(funnel(equip)).toEqual({ published: 2, closed: 2, notice: 1, awarded: 1, in_progress: 0, completed: 0 });
    expect(equip).toMatchObject({ failed: 1, cancelled: 0 });
  });

  test('money per funding source from the ledger: budgeted, reserved, awarded, released, paid', async () => {
    const d = await dashboard();
    // A: award ¥900,000 = 600,000 enterprise + 300,000 fund; A2: ¥600,000 = 400,000 + 200,000; D: the whole bounty reserved.
    // Milestone 1 of A: 30% of ¥900,000 = ¥180,000 enterprise (paid, confirmed) + ¥90,000 fund (paid, not confirmed).
    expect(p.milestones.m1).toMatchObject({ enterpriseShareFen: 18_000_000, specialFundFen: 9_000_000 });
    expect(source(d, 'special_fund')).toEqual({
      source: 'special_fund', budgetedFen: TEST_BUDGET_FEN * TEST_BUDGET_YEARS.length,
      reservedFen: 30_000_000 + 20_000_000 + 50_000_000, awardedFen: 50_000_000, releasedFen: 9_000_000, paidFen: 9_000_000, confirmedFen: 0,
    });
    expect(source(d, 'enterprise')).toEqual({
      source: 'enterprise', budgetedFen: null, reservedFen: 60_000_000 + 40_000_000 + 100_000_000, awardedFen: 100_000_000, releasedFen: 18_000_000, paidFen: 18_000_000, confirmedFen: 18_000_000,
    });
  });

  test('overdue milestones with their project, challenge, owner and solver, days overdue by the API clock', async () => {
    const d = await dashboard();
    expect(d.overdue.total).toBe(1);
    expect(d.overdue.items).toEqual([expect.objectContaining({
      milestoneId: p.milestones.m2.id, dueDate: p.milestones.m2.dueDate, daysOverdue: 10, state: 'pending', projectId: p.projects.a,
      challenge: expect.objectContaining({ id: p.challenges.a.id, titleZh: '甲：高温合金夹杂物控制' }),
      owner: expect.objectContaining({ id: p.e1.organizationId }), solver: expect.objectContaining({ id: p.s1.organizationId }),
    })]);
    env.clock.advance(DAY);
    expect((await dashboard()).overdue.items[0].daysOverdue).toBe(11);
    env.clock.advance(-DAY);
  });

  test('days from publication to award, applications per challenge, where applicants come from, leaders', async () => {
    const d = await dashboard();
    // A finalized 51 days after publication, A2 55 days.
    expect(d.timeToAward).toMatchObject({ awarded: 2, medianDays: 53, meanDays: 53 });
    expect(d.timeToAward.distribution).toEqual([
      { from: 0, to: 30, challenges: 0 }, { from: 31, to: 60, challenges: 2 }, { from: 61, to: 90, challenges: 0 },
      { from: 91, to: 180, challenges: 0 }, { from: 181, to: 365, challenges: 0 }, { from: 366, to: null, challenges: 0 },
    ]);
    // The slowest first.
    expect(d.timeToAward.slowest.map((i: Json) => [i.challengeId, i.days])).toEqual([[p.challenges.a2.id, 55], [p.challenges.a.id, 51]]);
    // A 3 (S4's draft does not count), A2 1, D 1, B and C none.
    expect(d.applications).toMatchObject({ total: 5, perChallengeMean: 1 });
    expect(d.applications.distribution.map((b: Json) => b.challenges)).toEqual([2, 2, 0, 1, 0, 0]);
    expect(d.applications.byCountry).toEqual([
      { key: 'DE', applications: 2, organizations: 1 }, { key: 'FR', applications: 2, organizations: 1 }, { key: 'US', applications: 1, organizations: 1 },
    ]);
    expect(d.applications.byKind).toEqual([
      { key: 'institute', applications: 2, organizations: 1 }, { key: 'university', applications: 2, organizations: 1 }, { key: 'company', applications: 1, organizations: 1 },
    ]);
    // E2: A2, B, D (3 × ¥1,500,000); E1: A, C.
    expect(d.leadingEnterprises.map((e: Json) => [e.id, e.challenges, e.bountyFen])).toEqual([[p.e2.organizationId, 3, 450_000_000], [p.e1.organizationId, 2, 300_000_000]]);
    expect(d.leadingSolvers.map((s: Json) => [s.id, s.awards, s.awardedFen])).toEqual([[p.s1.organizationId, 1, 90_000_000], [p.s2.organizationId, 1, 60_000_000]]);
  });

  test('the year and industry filters change the figures as they should', async () => {
    const y2026 = await dashboard('?year=2026');
    expect(y2026.filter).toEqual({ year: 2026, industry: null });
    expect(funnel(y2026.stages)).toMatchObject({ published: 4, closed: 3 });
    expect(source(y2026, 'special_fund')).toMatchObject({ budgetedFen: TEST_BUDGET_FEN, reservedFen: 50_000_000, awardedFen: 50_000_000 });
    expect(y2026.applications).toMatchObject({ total: 4 });
    expect(y2026.applications.byCountry).toEqual([{ key: 'FR', applications: 2, organizations: 1 }, { key: 'DE', applications: 1, organizations: 1 }, { key: 'US', applications: 1, organizations: 1 }]);
    expect(y2026.overdue.total).toBe(1);
    expect(y2026.overdue.items).toHaveLength(1);

    const y2027 = await dashboard('?year=2027');
    expect(funnel(y2027.stages)).toEqual({ published: 1, closed: 0, notice: 0, awarded: 0, in_progress: 0, completed: 0 });
    expect(source(y2027, 'special_fund')).toMatchObject({ budgetedFen: TEST_BUDGET_FEN, reservedFen: 50_000_000, awardedFen: 0, releasedFen: 0 });
    expect(source(y2027, 'enterprise')).toMatchObject({ reservedFen: 100_000_000 });
    expect(y2027.overdue).toEqual({ total: 0, items: [] });
    expect(y2027.timeToAward).toMatchObject({ awarded: 0, medianDays: null, meanDays: null, slowest: [] });
    expect(y2027.timeToAward.distribution.every((b: Json) => b.challenges === 0)).toBe(true);
    expect(y2027.leadingSolvers).toEqual([]);

    const equip = await dashboard('?industry=high_end_equipment');
    expect(funnel(equip.stages)).toMatchObject({ published: 2, awarded: 1 });
    expect(equip.stages.byIndustry.find((i: Json) => i.industry === 'metallurgy_new_materials').funnel[0].challenges).toBe(0);
    expect(source(equip, 'special_fund')).toMatchObject({ reservedFen: 20_000_000, awardedFen: 20_000_000, releasedFen: 0, paidFen: 0 });
    expect(equip.overdue).toEqual({ total: 0, items: [] });
    expect(equip.timeToAward.slowest.map((i: Json) => i.days)).toEqual([55]);
    expect(equip.timeToAward.awarded).toBe(1);
    expect(equip.leadingEnterprises.map((e: Json) => e.id)).toEqual([p.e2.organizationId]);

    const none = await dashboard('?year=2025&industry=high_end_equipment');
    expect(funnel(none.stages).published).toBe(0);
    expect(none.applications).toMatchObject({ total: 0, perChallengeMean: null });
  });

  test('answers in the reader’s language when refused', async () => {
    const solver = await verifiedSolver(env);
    const res = await env.app.inject({ method: 'GET', url: '/api/dashboard', headers: { authorization: `Bearer ${(await login(env.app, solver.email)).accessToken}`, 'accept-language': 'en' } });
    expect(res.json()).toMatchObject({ status: 403, title: 'Not allowed' });
  });
});

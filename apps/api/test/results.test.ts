import { describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import { bearer, challengeIn, challengeInput, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver, type ChallengeJson, type Member } from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
type Json = Record<string, any>;
const DAY = 24 * 60 * 60 * 1000;
const SHEET = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '方案可行。' }]));
const PAYEE = { accountName: '某大学财务处', bank: '中国工商银行北京海淀支行', accountNumber: '0200 0045 0901 4567 890' };

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) => {
  const res = await app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null, headers: res.headers, raw: res.body };
};
const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) => {
  const res = await call(method, url, token, payload);
  expect(res.status, `${url}: ${res.raw}`).toBeLessThan(300);
  return res.body!;
};
const fresh = async (m: Member) => ({ ...m, token: (await login(app, m.email)).accessToken });

/**
 * A published challenge of `owner` taken to a decision: each solver applies (requesting ¥1,200,000),
 * is found eligible and reviewed; the bureau selects `awards` (solver index → fen) and writes feedback
 * to the others. Returns the application ids in the solvers' order.
 */
async function decided(owner: Member, challenge: ChallengeJson, solvers: Member[], awards: Map<number, number>) {
  const apps: string[] = [];
  for (const s of solvers) {
    const created = await ok('POST', `/api/challenges/${challenge.id}/applications`, s.token, completeDraft(challenge));
    await ok('POST', `/api/applications/${created.id}/submit`, s.token, {});
    apps.push(created.id as string);
  }
  const expert = await staffToken(env, 'expert');
  clock.advance(31 * DAY);
  const bureau = await sharedBureauToken(env);
  for (const id of apps) await ok('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true });
  await ok('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: apps, expertIds: [expert.id] });
  const e = (await login(app, expert.email)).accessToken;
  for (const id of apps) {
    await ok('PUT', `/api/applications/${id}/review`, e, { conflict: false });
    await ok('PUT', `/api/applications/${id}/review`, e, { scores: SHEET });
  }
  const selections = [...awards].map(([i, awardFen]) => ({ applicationId: apps[i]!, awardFen }));
  const feedback = Object.fromEntries(apps.filter((_, i) => !awards.has(i)).map((id) => [id, '方案可行，但综合评分次于中选方案。']));
  await ok('POST', `/api/challenges/${challenge.id}/decision`, bureau, { selections, feedback });
  return apps;
}

async function finalized(challengeId: string): Promise<string[]> {
  clock.advance(20 * DAY);
  return (await ok('POST', `/api/challenges/${challengeId}/finalize`, await sharedBureauToken(env), {})).projects as string[];
}

/**
 * Three challenges: "two winners" (public, metallurgy: A ¥900,000, B ¥600,000, C not selected), then
 * "progress" (restricted, high-end equipment: A ¥1,200,000, its first milestone verified and the
 * enterprise share of it paid), then "in notice" (decided for C, not final).
 */
async function story() {
  clock.set(new Date('2026-03-02T02:00:00Z'));
  const owner = await verifiedEnterprise(env);
  const [a, b, c] = [await verifiedSolver(env), await verifiedSolver(env), await verifiedSolver(env)];

  const twoWinners = await challengeIn(env, owner, 'published', { titleZh: '两家中选的榜单', titleEn: 'Two winners' });
  await decided(owner, twoWinners, [a, b, c], new Map([[0, 90_000_000], [1, 60_000_000]]));
  await finalized(twoWinners.id);

  let [o, sa, sc] = [await fresh(owner), await fresh(a), await fresh(c)];
  const progress = await challengeIn(env, o, 'published', {
    titleZh: '有进展的榜单', titleEn: 'With progress', industry: 'high_end_equipment', visibility: 'restricted', descriptionZh: '受限的详细说明：只给签署保密条款的揭榜方。',
  });
  const terms = (await call('GET', `/api/challenges/${progress.id}`)).body!.confidentiality.version as string;
  await ok('POST', `/api/challenges/${progress.id}/confidentiality`, sa.token, { termsVersion: terms });
  await decided(o, progress, [sa], new Map([[0, 120_000_000]]));
  const [project] = await finalized(progress.id);
  [o, sa] = [await fresh(owner), await fresh(a)];
  await ok('POST', `/api/projects/${project}/sign`, sa.token, { payee: PAYEE });
  const signed = await ok('POST', `/api/projects/${project}/sign`, o.token, {});
  const m1 = (signed.milestones as Json[])[0]!;
  await ok('POST', `/api/milestones/${m1.id}/submit`, sa.token, { report: '第一阶段报告与检测数据。' });
  await ok('POST', `/api/milestones/${m1.id}/review`, o.token, { accept: true });
  const verified = await ok('POST', `/api/milestones/${m1.id}/verify`, await sharedBureauToken(env));
  const enterpriseRelease = (verified.releases as Json[]).find((r) => r.milestoneId === m1.id && r.source === 'enterprise')!;
  await ok('POST', `/api/releases/${enterpriseRelease.id}/disburse`, o.token, { paymentReference: '企业转账 0615' });
  await ok('POST', `/api/releases/${enterpriseRelease.id}/answer`, sa.token, { received: true });

  [o, sc] = [await fresh(owner), await fresh(c)];
  const inNotice = await challengeIn(env, o, 'published', { titleZh: '公示中的榜单', titleEn: 'Still in notice' });
  await decided(o, inNotice, [sc], new Map([[0, 50_000_000]]));

  return { owner, a, b, c, twoWinners, progress, inNotice, m1, enterprisePaidFen: enterpriseRelease.amountFen as number };
}

describe('GET /api/results', () => {
  test('final awards only, newest first, winners and progress to the fen; nothing private; filter, paging, bad input', async () => {
    const s = await story();
    const orgs = Object.fromEntries(await Promise.all(([['a', s.a], ['b', s.b], ['c', s.c], ['owner', s.owner]] as const).map(async ([k, m]) => {
      const org = await ok('GET', `/api/organizations/${m.organizationId}`, await sharedBureauToken(env));
      return [k, org] as const;
    })));

    // Anonymous: no token at all, answered with a public cache header.
    const res = await call('GET', '/api/results');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.body!;

    // The notice-period decision is absent; the two final awards, newest first.
    expect(body.items.map((i: Json) => i.challengeId)).toEqual([s.progress.id, s.twoWinners.id]);
    expect(body.total).toBe(2);
    const m1Fen = s.m1.amountFen as number;
    expect(m1Fen).toBe(s.m1.enterpriseShareFen + s.m1.specialFundFen);
    expect(body.totals).toEqual({ challengesAwarded: 2, awardedFen: 90_000_000 + 60_000_000 + 120_000_000, releasedFen: m1Fen, paidFen: s.enterprisePaidFen });
    expect(s.enterprisePaidFen).toBe(s.m1.enterpriseShareFen);

    const [progress, two] = body.items as [Json, Json];
    const bounty = challengeInput(env).enterpriseShareFen + 50_000_000;
    expect(progress).toEqual({
      challengeId: s.progress.id, titleZh: '有进展的榜单', titleEn: 'With progress', industry: 'high_end_equipment', state: 'in_progress', bountyFen: bounty,
      owner: { id: s.owner.organizationId, nameZh: orgs.owner!.nameZh, nameEn: orgs.owner!.nameEn },
      awardedAt: expect.any(String), awardedFen: 120_000_000,
      winners: [{ organization: { nameZh: null, nameEn: orgs.a!.nameEn, country: 'DE' }, awardFen: 120_000_000, projectState: 'active', milestonesVerified: 1, milestonesTotal: 3, releasedFen: m1Fen }],
    });
    expect(two).toMatchObject({ challengeId: s.twoWinners.id, state: 'awarded', industry: 'metallurgy_new_materials', awardedFen: 150_000_000 });
    expect(two.winners).toEqual([
      { organization: { nameZh: null, nameEn: orgs.a!.nameEn, country: 'DE' }, awardFen: 90_000_000, projectState: 'awaiting_signature', milestonesVerified: 0, milestonesTotal: 3, releasedFen: 0 },
      { organization: { nameZh: null, nameEn: orgs.b!.nameEn, country: 'DE' }, awardFen: 60_000_000, projectState: 'awaiting_signature', milestonesVerified: 0, milestonesTotal: 3, releasedFen: 0 },
    ]);
    expect(Date.parse(progress.awardedAt)).toBeGreaterThan(Date.parse(two.awardedAt));

    // Nothing private: no e-mail address, no person, no payee, not the applicant who was not selected,
    // nothing of the restricted challenge's details, nothing of the decision still in notice.
    expect(res.raw).not.toMatch(/@/);
    expect(res.raw).not.toContain(orgs.c!.nameEn);
    for (const text of ['Ada Researcher', '王工', PAYEE.accountNumber, '受限的详细说明', '公示中的榜单', s.inNotice.id, s.m1.title as string]) expect(res.raw).not.toContain(text);

    // Signed in reads the same.
    const signedIn = await call('GET', '/api/results', (await fresh(s.c)).token);
    expect(signedIn.body).toEqual(body);

    // The industry filter: figures follow it.
    const equipment = (await call('GET', '/api/results?industry=high_end_equipment')).body!;
    expect(equipment.items.map((i: Json) => i.challengeId)).toEqual([s.progress.id]);
    expect(equipment.totals).toEqual({ challengesAwarded: 1, awardedFen: 120_000_000, releasedFen: m1Fen, paidFen: s.enterprisePaidFen });
    const metallurgy = (await call('GET', '/api/results?industry=metallurgy_new_materials')).body!;
    expect(metallurgy.items.map((i: Json) => i.challengeId)).toEqual([s.twoWinners.id]);
    expect(metallurgy.totals).toEqual({ challengesAwarded: 1, awardedFen: 150_000_000, releasedFen: 0, paidFen: 0 });

    // Paging: one a page, totals still over everything.
    const page2 = (await call('GET', '/api/results?pageSize=1&page=2')).body!;
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1, totals: body.totals });
    expect(page2.items.map((i: Json) => i.challengeId)).toEqual([s.twoWinners.id]);
    expect((await call('GET', '/api/results?pageSize=1&page=3')).body!.items).toEqual([]);

    // Bad input: refused with problem details naming the field, never a 500. The app maps every
    // schema failure to `validation_failed`, status 422 (http/problems.ts), as the list's query does.
    for (const [q, field] of [['industry=mining', 'industry'], ['page=0', 'page'], ['pageSize=101', 'pageSize'], ['page=abc', 'page'], ['sort=newest', 'sort']]) {
      const bad = await call('GET', `/api/results?${q}`);
      expect(bad.status, q).toBe(422);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body, q).toMatchObject({ status: 422, code: 'validation_failed' });
      expect(JSON.stringify(bad.body!.errors), q).toContain(field);
    }

    // Once the notice period is over and the award made final, it appears on top.
    await finalized(s.inNotice.id);
    const after = (await call('GET', '/api/results')).body!;
    expect(after.items.map((i: Json) => i.challengeId)).toEqual([s.inNotice.id, s.progress.id, s.twoWinners.id]);
    expect(after.items[0].winners).toEqual([{ organization: { nameZh: null, nameEn: orgs.c!.nameEn, country: 'DE' }, awardFen: 50_000_000, projectState: 'awaiting_signature', milestonesVerified: 0, milestonesTotal: 3, releasedFen: 0 }]);
    expect(after.totals).toMatchObject({ challengesAwarded: 3, awardedFen: 320_000_000 });
  });
});

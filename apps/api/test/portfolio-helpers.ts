/**
 * A known portfolio for the dashboard and export tests, built through the API (figures in the tests
 * are worked out from what is made here):
 *
 * | challenge | owner | industry | fiscal year | what happens | applications (country, kind) |
 * | A  | E1 | metallurgy  | 2026 | S1 wins ¥900,000, project signed, milestone 1 verified and paid, milestone 2 overdue | S1 DE university, S2 FR institute, S3 US company (+ a draft by S4) |
 * | A2 | E2 | equipment   | 2026 | S2 wins ¥600,000, finalized 4 days after A, not signed | S2 |
 * | B  | E2 | equipment   | 2026 | no winner (流标) after the deadline | — |
 * | C  | E1 | metallurgy  | 2026 | cancelled by the bureau while published | — |
 * | D  | E2 | metallurgy  | 2027 | published, open | S1 |
 *
 * Every bounty is ¥1,000,000 enterprise share + ¥500,000 special fund.
 */
import { completeDraft } from './application-helpers';
import {
  bearer, challengeIn, foreignSolverRegistration, login, registerUser, sharedBureauToken, staffToken, verifiedEnterprise, type ChallengeJson, type Member, type TestEnv,
} from './helpers';

type Json = Record<string, any>;
export const DAY = 24 * 60 * 60 * 1000;
export const T0 = new Date('2026-06-01T02:00:00Z');
const SHEET = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '方案可行。' }]));
const PAYEE = { accountName: '某大学', bank: '中国工商银行北京海淀支行', accountNumber: '0200 0045 0901 4567 890' };

export function portfolioCalls(env: TestEnv) {
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await env.app.inject({ method, url, headers: { ...(token ? bearer(token) : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
    return { status: res.statusCode, body: res.body && res.headers['content-type']?.toString().includes('json') ? (JSON.parse(res.body) as Json) : null, res };
  };
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) => {
    const r = await call(method, url, token, payload);
    if (r.status !== 200 && r.status !== 201) throw new Error(`${method} ${url}: ${r.status} ${r.res.body}`);
    return r.body!;
  };
  return { call, ok };
}

async function solver(env: TestEnv, org: Record<string, unknown>, displayName: string): Promise<Member> {
  const r = await registerUser(env.app, foreignSolverRegistration({ displayName }, org));
  const res = await env.app.inject({ method: 'POST', url: `/api/organizations/${r.organization.id}/verify`, headers: bearer(await sharedBureauToken(env)), payload: {} });
  if (res.statusCode !== 200) throw new Error(`verify failed: ${res.body}`);
  return { token: (await login(env.app, r.user.email)).accessToken, userId: r.user.id, organizationId: r.organization.id, email: r.user.email };
}

export async function buildPortfolio(env: TestEnv) {
  const { call, ok } = portfolioCalls(env);
  const fresh = async (m: Member) => ({ ...m, token: (await login(env.app, m.email)).accessToken });
  env.clock.set(T0);
  const [e1, e2] = [await verifiedEnterprise(env), await verifiedEnterprise(env)];
  const s1 = await solver(env, {}, '陈教授');
  const s2 = await solver(env, { country: 'FR', kind: 'institute' }, 'Marie Curie');
  const s3 = await solver(env, { country: 'US', kind: 'company' }, '=HYPERLINK("http://evil.example")');
  const s4 = await solver(env, { country: 'JP' }, 'Draft Only');

  const a = await challengeIn(env, e1, 'published', { titleZh: '甲：高温合金夹杂物控制' });
  const a2 = await challengeIn(env, e2, 'published', { titleZh: '乙：液压支架密封件寿命', titleEn: 'B: hydraulic seal life', industry: 'high_end_equipment' });
  const b = await challengeIn(env, e2, 'published', { titleZh: '丙：无人揭榜的榜单', industry: 'high_end_equipment' });
  const c = await challengeIn(env, e1, 'published', { titleZh: '丁：撤榜的榜单' });
  await ok('POST', `/api/challenges/${c.id}/cancel`, await sharedBureauToken(env), { reason: '企业已自行解决。' });

  const apply = async (ch: ChallengeJson, s: Member, submit = true) => {
    const created = await ok('POST', `/api/challenges/${ch.id}/applications`, s.token, completeDraft(ch));
    if (submit) await ok('POST', `/api/applications/${created.id}/submit`, s.token, {});
    return created.id as string;
  };
  const appsA = [await apply(a, s1), await apply(a, s2), await apply(a, s3)];
  await apply(a, s4, false);
  const appA2 = await apply(a2, s2);

  const expert = await staffToken(env, 'expert');
  env.clock.advance(31 * DAY);
  let bureau = await sharedBureauToken(env);
  const e = (await login(env.app, expert.email)).accessToken;
  for (const [ch, ids] of [[a, appsA], [a2, [appA2]]] as const) {
    for (const id of ids) await ok('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true });
    await ok('POST', `/api/challenges/${ch.id}/reviewers`, bureau, { applicationIds: ids, expertIds: [expert.id] });
    for (const id of ids) {
      await ok('PUT', `/api/applications/${id}/review`, e, { conflict: false });
      await ok('PUT', `/api/applications/${id}/review`, e, { scores: SHEET });
    }
  }
  await ok('POST', `/api/challenges/${a.id}/decision`, bureau, { selections: [{ applicationId: appsA[0], awardFen: 90_000_000 }], feedback: { [appsA[1]!]: '方案不如中选者具体。', [appsA[2]!]: '工艺路线风险较高。' } });
  await ok('POST', `/api/challenges/${a2.id}/decision`, bureau, { selections: [{ applicationId: appA2, awardFen: 60_000_000 }], feedback: {} });
  await ok('POST', `/api/challenges/${b.id}/decision`, bureau, { selections: [], feedback: {}, reasons: '无人揭榜。' });
  env.clock.advance(20 * DAY);
  const [projectA] = (await ok('POST', `/api/challenges/${a.id}/finalize`, await sharedBureauToken(env), {})).projects as string[];
  env.clock.advance(4 * DAY);
  const [projectA2] = (await ok('POST', `/api/challenges/${a2.id}/finalize`, await sharedBureauToken(env), {})).projects as string[];

  // A's project: signed, milestone 1 verified; the owner pays its share (confirmed), finance the fund's (not yet confirmed).
  const [o1, w1] = [await fresh(e1), await fresh(s1)];
  await ok('POST', `/api/projects/${projectA}/sign`, w1.token, { payee: PAYEE });
  const signed = await ok('POST', `/api/projects/${projectA}/sign`, o1.token, {});
  const [m1, m2] = signed.milestones as Json[];
  await ok('POST', `/api/milestones/${m1!.id}/submit`, w1.token, { report: '完成 3 炉试验。' });
  await ok('POST', `/api/milestones/${m1!.id}/review`, o1.token, { accept: true });
  bureau = await sharedBureauToken(env);
  const verified = await ok('POST', `/api/milestones/${m1!.id}/verify`, bureau);
  const rel = (source: string) => (verified.releases as Json[]).find((r) => r.milestoneId === m1!.id && r.source === source)!;
  await ok('POST', `/api/releases/${rel('enterprise').id}/disburse`, o1.token, { paymentReference: '企业转账 0615' });
  await ok('POST', `/api/releases/${rel('enterprise').id}/answer`, w1.token, { received: true });
  await ok('POST', `/api/releases/${rel('special_fund').id}/disburse`, (await staffToken(env, 'finance')).token, { paymentReference: 'CZ-2026-0001' });

  // Ten days after milestone 2's due date (Beijing), at 10:00 Beijing time: it is 10 days overdue.
  env.clock.set(new Date(Date.parse(`${m2!.dueDate}T10:00:00+08:00`) + 10 * DAY));
  const d = await challengeIn(env, await fresh(e2), 'published', { titleZh: '戊：次年的榜单' });
  await apply(d, await fresh(s1));

  return {
    e1, e2, s1, s2, s3, s4, expert,
    challenges: { a, a2, b, c, d },
    projects: { a: projectA!, a2: projectA2! },
    milestones: { m1: m1!, m2: m2! },
    releases: { enterprise: rel('enterprise'), special: rel('special_fund') },
    applications: { a: appsA, a2: appA2 },
  };
}
export type Portfolio = Awaited<ReturnType<typeof buildPortfolio>>;

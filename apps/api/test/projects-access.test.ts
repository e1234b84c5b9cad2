import { describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import { bearer, challengeIn, fingerprint, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver } from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
type Json = Record<string, any>;
const DAY = 24 * 60 * 60 * 1000;

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown) => {
  const res = await app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null };
};
const must = async (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) => {
  const res = await call(method, url, token, payload);
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body!;
};

type Role = 'anonymous' | 'owner' | 'otherEnterprise' | 'solver' | 'otherSolver' | 'expert' | 'bureau' | 'finance';
const ROLES: Role[] = ['anonymous', 'owner', 'otherEnterprise', 'solver', 'otherSolver', 'expert', 'bureau', 'finance'];

/**
 * Who may do what on a project, and what everyone else is answered (product.md "Who uses it"): 401
 * signed out; 404 for whoever may not know the project exists (another enterprise, another solver,
 * experts); 403 for a party or staff whose role may not take this step. Kept by hand, not derived
 * from the services; every route of the projects API has a row.
 */
const TABLE: { route: string; allowed: Role[]; hidden: Role[] }[] = [
  { route: 'GET /api/projects/:project', allowed: ['owner', 'solver', 'bureau', 'finance'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  // Signing is tried on a project still awaiting signature (the other winner's solver may not know it).
  { route: 'POST /api/projects/:unsigned/sign', allowed: ['owner'], hidden: ['otherEnterprise', 'otherSolver', 'expert', 'solver'] },
  { route: 'POST /api/projects/:project/stop', allowed: ['bureau'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/projects/:project/change-requests', allowed: ['solver'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'PUT /api/projects/:project/indicator-results', allowed: ['owner'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/milestones/:milestone/submit', allowed: ['solver'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/milestones/:milestone/review', allowed: ['owner'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/milestones/:milestone/verify', allowed: ['bureau'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/releases/:enterpriseRelease/disburse', allowed: ['owner'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/releases/:fundRelease/disburse', allowed: ['finance'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/releases/:enterpriseRelease/answer', allowed: ['solver'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/releases/:enterpriseRelease/resolve', allowed: ['bureau'], hidden: ['otherEnterprise', 'otherSolver', 'expert'] },
  { route: 'POST /api/change-requests/:request/decide', allowed: ['bureau'], hidden: [] },
  { route: 'GET /api/releases', allowed: ['bureau', 'finance'], hidden: [] },
];

const BODIES: Record<string, unknown> = {
  sign: { payee: { accountName: '某研究所', bank: '中国建设银行', accountNumber: '6217 0000 1111' } },
  stop: { reason: '中期评估未达标。' },
  'change-requests': { kind: 'payee', payee: { accountName: '某研究所', bank: '中国银行', accountNumber: '6217 2222' }, reason: '更换账户。' },
  'indicator-results': { results: [] },
  submit: { report: '阶段报告。' },
  review: { accept: false, feedback: '请补充数据。' },
  verify: undefined,
  disburse: { paymentReference: 'CZ-ACCESS-1' },
  answer: { received: true },
  resolve: { paid: true, resolution: '已核实。' },
  decide: { approve: false, reason: '不同意。' },
};

describe('who may act on a project', () => {
  test('every route refuses every role the table does not allow, and changes nothing', async () => {
    clock.set(new Date('2026-06-01T02:00:00Z'));
    const owner = await verifiedEnterprise(env);
    const [solver, second] = [await verifiedSolver(env), await verifiedSolver(env)];
    const challenge = await challengeIn(env, owner, 'published');
    const apps: string[] = [];
    for (const s of [solver, second]) {
      const created = await call('POST', `/api/challenges/${challenge.id}/applications`, s.token, completeDraft(challenge));
      await must('POST', `/api/applications/${created.body!.id}/submit`, s.token, {});
      apps.push(created.body!.id);
    }
    const expertUser = await staffToken(env, 'expert');
    clock.advance(31 * DAY);
    let bureau = await sharedBureauToken(env);
    for (const id of apps) await must('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true });
    await must('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: apps, expertIds: [expertUser.id] });
    const e = (await login(app, expertUser.email)).accessToken;
    for (const id of apps) {
      await must('PUT', `/api/applications/${id}/review`, e, { conflict: false });
      await must('PUT', `/api/applications/${id}/review`, e, { scores: Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 7, comment: '可行。' }])) });
    }
    await must('POST', `/api/challenges/${challenge.id}/decision`, bureau, { selections: [{ applicationId: apps[0], awardFen: 90_000_000 }, { applicationId: apps[1], awardFen: 60_000_000 }], feedback: {} });
    clock.advance(20 * DAY);
    bureau = await sharedBureauToken(env);
    const [project, unsigned] = (await must('POST', `/api/challenges/${challenge.id}/finalize`, bureau, {})).projects as [string, string];
    const [ownerT, solverT] = [(await login(app, owner.email)).accessToken, (await login(app, solver.email)).accessToken];
    await must('POST', `/api/projects/${project}/sign`, solverT, BODIES.sign);
    const signed = await must('POST', `/api/projects/${project}/sign`, ownerT, {});
    const milestone = (signed.milestones as Json[])[0]!.id as string;
    await must('POST', `/api/milestones/${milestone}/submit`, solverT, BODIES.submit);
    await must('POST', `/api/milestones/${milestone}/review`, ownerT, { accept: true });
    const verified = await must('POST', `/api/milestones/${milestone}/verify`, bureau);
    const releaseOf = (source: string) => (verified.releases as Json[]).find((r) => r.source === source)!.id as string;
    const asked = await must('POST', `/api/projects/${project}/change-requests`, solverT, BODIES['change-requests']);

    const tokens: Record<Role, string | undefined> = {
      anonymous: undefined, owner: ownerT, solver: solverT, bureau,
      otherEnterprise: (await verifiedEnterprise(env)).token, otherSolver: (await verifiedSolver(env)).token,
      expert: (await login(app, expertUser.email)).accessToken, finance: (await staffToken(env, 'finance')).token,
    };
    const ids: Record<string, string> = {
      project, unsigned, milestone, enterpriseRelease: releaseOf('enterprise'), fundRelease: releaseOf('special_fund'), request: (asked.changeRequests as Json[])[0]!.id,
    };
    const before = await fingerprint(env);
    let cells = 0;
    for (const row of TABLE) {
      const [method, pattern] = row.route.split(' ') as ['GET' | 'POST' | 'PUT', string];
      const url = pattern.replace(/:(\w+)/g, (_, k: string) => ids[k]!);
      const body = method === 'GET' ? undefined : BODIES[pattern.split('/').at(-1)!] ?? {};
      for (const role of ROLES.filter((r) => !row.allowed.includes(r))) {
        const res = await call(method, url, tokens[role], body);
        const expected = role === 'anonymous' ? 401 : row.hidden.includes(role) ? 404 : 403;
        expect(res.status, `${row.route} as ${role}: ${JSON.stringify(res.body)}`).toBe(expected);
        cells++;
      }
    }
    expect(await fingerprint(env)).toEqual(before);
    expect(cells).toBeGreaterThan(70);
    clock.reset();
  });
});

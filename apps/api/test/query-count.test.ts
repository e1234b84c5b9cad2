/**
 * No N+1 queries: the statements a request sends do not grow with the rows it returns. Each route is
 * measured on the known portfolio, the data it lists is then multiplied, and it is measured again.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import { challengeIn, login, setupTestApp, sharedBureauToken } from './helpers';
import { buildPortfolio, portfolioCalls, type Portfolio } from './portfolio-helpers';

let statements = 0;
const env = await setupTestApp({ onQuery: () => statements++ });
const { call, ok } = portfolioCalls(env);
let p: Portfolio;

/** Statements sent while answering one request (tests run one request at a time; no loop runs in tests). */
async function counted(url: string, token?: string) {
  statements = 0;
  const r = await call('GET', url, token);
  expect(r.status, `${url}: ${r.res.body}`).toBe(200);
  return statements;
}

// Generous, so a new join does not fail the test; an N+1 on 20 rows would exceed it at once.
const MOST_PER_REQUEST = 25;

interface Route { label: string; url: () => string; token: () => Promise<string | undefined> }
// Signed in once each after the portfolio is built (its clock moves; nothing moves it afterwards).
const tokens: Record<'owner' | 'winner', string> = { owner: '', winner: '' };
const bureau = () => sharedBureauToken(env);
const owner = async () => tokens.owner;
const winner = async () => tokens.winner;
const routes: Route[] = [
  { label: 'challenge list with facets, anonymous', url: () => '/api/challenges?pageSize=20', token: async () => undefined },
  { label: 'challenge list with facets, bureau', url: () => '/api/challenges?pageSize=20', token: bureau },
  { label: 'challenge list, text query', url: () => '/api/challenges?pageSize=20&q=%E5%90%88%E9%87%91', token: async () => undefined },
  { label: 'challenge detail, anonymous', url: () => `/api/challenges/${p.challenges.a.id}`, token: async () => undefined },
  { label: 'challenge detail, owner', url: () => `/api/challenges/${p.challenges.a.id}`, token: owner },
  { label: "a solver's applications", url: () => '/api/applications', token: winner },
  { label: 'project, winner', url: () => `/api/projects/${p.projects.a}`, token: winner },
  { label: 'project, owner', url: () => `/api/projects/${p.projects.a}`, token: owner },
  { label: 'dashboard', url: () => '/api/dashboard', token: bureau },
  { label: 'public results', url: () => '/api/results', token: async () => undefined },
];

const before = new Map<string, number>();

beforeAll(async () => {
  p = await buildPortfolio(env);
  tokens.owner = (await login(env.app, p.e1.email)).accessToken;
  tokens.winner = (await login(env.app, p.s1.email)).accessToken;
  for (const r of routes) before.set(r.label, await counted(r.url(), await r.token()));

  // Multiply what the routes list: 20 more published challenges (with the searched word), the winner's
  // applications to 8 of them, and milestone 2 of project A submitted, accepted and verified (two more releases).
  const more = [];
  const e2 = { ...p.e2, token: (await login(env.app, p.e2.email)).accessToken };
  for (let i = 0; i < 20; i++) more.push(await challengeIn(env, e2, 'published', { titleZh: `高温合金第${i}号难题` }));
  const s1 = await winner();
  for (const challenge of more.slice(0, 8)) {
    const draft = await ok('POST', `/api/challenges/${challenge.id}/applications`, s1, completeDraft(challenge));
    await ok('POST', `/api/applications/${draft.id}/submit`, s1, {});
  }
  await ok('POST', `/api/milestones/${p.milestones.m2.id}/submit`, await winner(), { report: '完成中试。' });
  await ok('POST', `/api/milestones/${p.milestones.m2.id}/review`, await owner(), { accept: true });
  await ok('POST', `/api/milestones/${p.milestones.m2.id}/verify`, await bureau());
}, 120_000);

describe('statements per request', () => {
  test.each(routes.map((r) => [r.label, r] as const))('%s: as many with more rows, and few', async (_label, r) => {
    const after = await counted(r.url(), await r.token());
    expect(after, `${r.label}: ${before.get(r.label)} statements before, ${after} after`).toBe(before.get(r.label));
    expect(after).toBeLessThanOrEqual(MOST_PER_REQUEST);
  });

  test('the data really grew, so the comparison means something', async () => {
    const list = (await call('GET', '/api/challenges?pageSize=20')).body!;
    expect(list.items).toHaveLength(20);
    const project = (await call('GET', `/api/projects/${p.projects.a}`, await winner())).body!;
    expect(project.milestones.filter((m: { state: string }) => m.state === 'verified')).toHaveLength(2);
    const apps = (await call('GET', '/api/applications', await winner())).body!;
    expect((apps.items ?? apps).length).toBeGreaterThanOrEqual(10);
  });
});

import { ledgerAccounts } from '@challenge/db';
import { onPostgres } from '@challenge/db/testing';
import { enterpriseCommitted, fundAvailable, fundReserved, projectFunds } from '@challenge/domain';
import { inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import {
  act, bearer, challengeIn, createChallenge, fingerprint, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver, type Member,
} from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
const db = env.database.db;
type Json = Record<string, any>;

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await app.inject({ method, url, headers: { ...(token ? bearer(token) : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null };
};
const balances = async (keys: string[]) => {
  const rows = await db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.key, keys));
  return Object.fromEntries(keys.map((k) => [k, rows.find((r) => r.key === k)?.balanceFen ?? 0]));
};
const finance = async () => (await staffToken(env, 'finance')).token;
/** A challenge of `owner` submitted for review with the given special-fund request (enterprise share ¥1,000,000). */
const pending = async (owner: Member, requestedSpecialFundFen: number) => {
  const c = await createChallenge(env, owner, { requestedSpecialFundFen });
  return act(env, owner.token, c.id, 'submit');
};
const ledgerOk = async () => {
  const check = await call('GET', '/api/ledger/check', await sharedBureauToken(env));
  expect(check.body, JSON.stringify(check.body)).toMatchObject({ ok: true, differences: [], unbalancedTransfers: [], brokenRules: [] });
};

describe('the special fund’s budgets', () => {
  test('the Finance Bureau sets a year’s budget; no one else does; bureau and finance read them', async () => {
    const owner = await verifiedEnterprise(env);
    const [bureau, expert, solver, f] = [await sharedBureauToken(env), (await staffToken(env, 'expert')).token, (await verifiedSolver(env)).token, await finance()];
    const before = await fingerprint(env);
    expect((await call('PUT', '/api/budgets/2031', undefined, { budgetFen: 1 })).status).toBe(401);
    for (const token of [bureau, expert, solver, owner.token]) expect((await call('PUT', '/api/budgets/2031', token, { budgetFen: 100 })).status).toBe(403);
    for (const bad of [{ budgetFen: -1 }, { budgetFen: 1.5 }, { budgetFen: 'much' }, {}, { budgetFen: 1, extra: true }]) expect((await call('PUT', '/api/budgets/2031', f, bad)).status).toBe(422);
    expect(await fingerprint(env)).toEqual(before);

    const set = await call('PUT', '/api/budgets/2031', await finance(), { budgetFen: 3_000_000_000 });
    expect(set.body).toMatchObject({ year: 2031, budgetFen: 3_000_000_000, availableFen: 3_000_000_000, reservedFen: 0 });
    expect((await call('GET', '/api/budgets', bureau)).body!.items).toEqual(expect.arrayContaining([expect.objectContaining({ year: 2031, budgetFen: 3_000_000_000 })]));
    expect((await call('GET', '/api/budgets', owner.token)).status).toBe(403);
    // Set again to the same figure: nothing moves.
    expect((await call('PUT', '/api/budgets/2031', await finance(), { budgetFen: 3_000_000_000 })).body).toMatchObject({ availableFen: 3_000_000_000 });
    await ledgerOk();
  });
});

describe('Idempotency-Key on the routes that move money', () => {
  test('a repeat answers as the first and moves nothing; the same key for another request is refused; keys are per user', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await pending(owner, 50_000_000);
    const bureau = await sharedBureauToken(env);
    const key = { 'idempotency-key': `approve-${c.id}` };
    const first = await call('POST', `/api/challenges/${c.id}/approve`, bureau, { specialFundFen: 40_000_000 }, key);
    expect(first.status).toBe(200);
    const before = await fingerprint(env);
    const again = await app.inject({ method: 'POST', url: `/api/challenges/${c.id}/approve`, headers: { ...bearer(bureau), ...key }, payload: { specialFundFen: 40_000_000 } });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.body);
    expect(await fingerprint(env)).toEqual(before);
    // Without the key the state machine answers: it is published already.
    expect((await call('POST', `/api/challenges/${c.id}/approve`, bureau, { specialFundFen: 40_000_000 })).status).toBe(409);
    const other = await call('POST', `/api/challenges/${c.id}/approve`, bureau, { specialFundFen: 30_000_000 }, key);
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
    // Another user's same key is theirs: the finance bureau's budget change under it runs.
    const f = await finance();
    expect((await call('PUT', '/api/budgets/2034', f, { budgetFen: 1_000 }, key)).body).toMatchObject({ year: 2034, budgetFen: 1_000 });
    expect((await call('PUT', '/api/budgets/2034', f, { budgetFen: 1_000 }, key)).body).toMatchObject({ budgetFen: 1_000 });
    expect((await call('PUT', '/api/budgets/2034', f, { budgetFen: 2_000 }, key)).body).toMatchObject({ code: 'idempotency_key_reused' });
    await ledgerOk();
  });
});

describe('a challenge’s money from approval to award', () => {
  test('approval reserves the match against the year of approval, refused when the year’s remainder is short; the budget cannot drop below what is reserved', async () => {
    clock.set(new Date('2032-03-02T02:00:00Z'));
    const f = await finance();
    expect((await call('PUT', '/api/budgets/2032', f, { budgetFen: 80_000_000 })).status).toBe(200);
    const owner = await verifiedEnterprise(env);
    const [a, b] = [await pending(owner, 50_000_000), await pending(owner, 50_000_000)];
    const bureau = await sharedBureauToken(env);

    expect((await call('POST', `/api/challenges/${a.id}/approve`, bureau, { specialFundFen: 50_000_000 })).status).toBe(200);
    expect(await balances([fundAvailable(2032), fundReserved(2032, a.id), enterpriseCommitted(a.id)])).toEqual({
      [fundAvailable(2032)]: 30_000_000, [fundReserved(2032, a.id)]: 50_000_000, [enterpriseCommitted(a.id)]: 100_000_000,
    });

    const before = await fingerprint(env);
    const short = await call('POST', `/api/challenges/${b.id}/approve`, bureau, { specialFundFen: 50_000_000 });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ code: 'insufficient_budget', detail: '2032 年度专项资金尚未预留的余额为 30000000 分，不足以预留或调减 50000000 分。' });
    expect(await fingerprint(env)).toEqual(before);
    expect((await call('GET', `/api/challenges/${b.id}`, bureau)).body).toMatchObject({ state: 'pending_review' });
    // The bureau may approve less than requested: what the year still has.
    expect((await call('POST', `/api/challenges/${b.id}/approve`, bureau, { specialFundFen: 30_000_000 })).body).toMatchObject({ state: 'published', bountyFen: 130_000_000 });

    const lower = await call('PUT', '/api/budgets/2032', f, { budgetFen: 70_000_000 });
    expect(lower).toMatchObject({ status: 409, body: { code: 'insufficient_budget' } });
    expect((await call('GET', '/api/budgets', f)).body!.items.find((x: Json) => x.year === 2032)).toMatchObject({ budgetFen: 80_000_000, availableFen: 0, reservedFen: 80_000_000 });

    // Cancelling a published challenge gives its match back to its year and ends the commitment.
    expect((await call('POST', `/api/challenges/${a.id}/cancel`, bureau, { reason: '企业已自行解决。' })).status).toBe(200);
    expect(await balances([fundAvailable(2032), fundReserved(2032, a.id), enterpriseCommitted(a.id)])).toEqual({
      [fundAvailable(2032)]: 50_000_000, [fundReserved(2032, a.id)]: 0, [enterpriseCommitted(a.id)]: 0,
    });
    await ledgerOk();
    clock.reset();
  });

  test('finalize moves each award into its project by source and returns what the awards leave; a no-winner decision returns everything', async () => {
    clock.set(new Date('2026-06-01T02:00:00Z'));
    const owner = await verifiedEnterprise(env);
    const solver = await verifiedSolver(env);
    const challenge = await challengeIn(env, owner, 'published'); // ¥1,000,000 enterprise + ¥500,000 fund, charged to 2026
    const none = await challengeIn(env, owner, 'published');
    const created = await call('POST', `/api/challenges/${challenge.id}/applications`, solver.token, completeDraft(challenge));
    expect((await call('POST', `/api/applications/${created.body!.id}/submit`, solver.token, {})).status).toBe(200);
    const expert = await staffToken(env, 'expert');
    clock.advance(31 * 24 * 60 * 60 * 1000);
    const bureau = await sharedBureauToken(env);
    const appId = created.body!.id as string;
    expect((await call('POST', `/api/applications/${appId}/eligibility`, bureau, { eligible: true })).status).toBe(200);
    expect((await call('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: [appId], expertIds: [expert.id] })).status).toBe(200);
    const e = (await login(app, expert.email)).accessToken;
    await call('PUT', `/api/applications/${appId}/review`, e, { conflict: false });
    const sheet = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '可行。' }]));
    expect((await call('PUT', `/api/applications/${appId}/review`, e, { scores: sheet })).status).toBe(200);
    // ¥900,000 of the ¥1,500,000 bounty, split 2:1 like the bounty: 600,000 enterprise + 300,000 fund.
    const decided = await call('POST', `/api/challenges/${challenge.id}/decision`, bureau, { selections: [{ applicationId: appId, awardFen: 90_000_000 }], feedback: {} });
    expect(decided.status).toBe(200);
    clock.advance(20 * 24 * 60 * 60 * 1000);
    const final = await call('POST', `/api/challenges/${challenge.id}/finalize`, await sharedBureauToken(env), {});
    expect(final.status).toBe(200);
    const projectId = final.body!.projects[0] as string;
    expect(await balances([fundReserved(2026, challenge.id), enterpriseCommitted(challenge.id), projectFunds(projectId, 'special_fund'), projectFunds(projectId, 'enterprise')])).toEqual({
      [fundReserved(2026, challenge.id)]: 0, [enterpriseCommitted(challenge.id)]: 0,
      [projectFunds(projectId, 'special_fund')]: 30_000_000, [projectFunds(projectId, 'enterprise')]: 60_000_000,
    });

    const [availableBefore] = Object.values(await balances([fundAvailable(2026)]));
    const failed = await call('POST', `/api/challenges/${none.id}/decision`, await sharedBureauToken(env), { selections: [], feedback: {}, reasons: '无人揭榜。' });
    expect(failed.body).toMatchObject({ kind: 'none' });
    expect(await balances([fundAvailable(2026), fundReserved(2026, none.id), enterpriseCommitted(none.id)])).toEqual({
      [fundAvailable(2026)]: availableBefore! + 50_000_000, [fundReserved(2026, none.id)]: 0, [enterpriseCommitted(none.id)]: 0,
    });
    await ledgerOk();
    clock.reset();
  });

  test('the ledger and its check are the bureau’s and finance’s: balances by account, each transfer with its entries', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await challengeIn(env, owner, 'published');
    const ledger = await call('GET', `/api/ledger?account=${c.id}`, await finance());
    expect(ledger.status).toBe(200);
    const keys = ledger.body!.accounts.map((a: Json) => a.key);
    expect(keys).toHaveLength(2);
    expect(keys).toEqual(expect.arrayContaining([enterpriseCommitted(c.id), expect.stringMatching(new RegExp(`^fund_reserved:\\d{4}:${c.id}$`))]));
    expect(ledger.body!.transfers.items.map((t: Json) => t.kind).sort()).toEqual(['commit', 'reserve']);
    const reserve = ledger.body!.transfers.items.find((t: Json) => t.kind === 'reserve');
    expect(reserve.entries.reduce((sum: number, e: Json) => sum + e.amountFen, 0)).toBe(0);
    expect(reserve.entries).toEqual(expect.arrayContaining([expect.objectContaining({ amountFen: 50_000_000 })]));
    expect((await call('GET', '/api/ledger?pageSize=5', await sharedBureauToken(env))).body!.transfers.items).toHaveLength(5);
    expect((await call('GET', '/api/ledger', owner.token)).status).toBe(403);
    expect((await call('GET', '/api/ledger/check', owner.token)).status).toBe(403);
    expect((await call('GET', '/api/ledger/check')).status).toBe(401);
    expect((await call('GET', '/api/ledger/check', await finance())).body).toMatchObject({ ok: true });
  });
});

// PGlite has one connection: real races need PostgreSQL (CI's second pass fails if this is skipped).
describe.runIf(onPostgres())('approvals racing for the last of a year’s budget (PostgreSQL)', () => {
  test('never over-reserve: exactly as many approvals as the budget covers succeed', async () => {
    clock.set(new Date('2033-04-01T02:00:00Z'));
    expect((await call('PUT', '/api/budgets/2033', await finance(), { budgetFen: 150_000_000 })).status).toBe(200);
    const owner = await verifiedEnterprise(env);
    const challenges = await Promise.all(Array.from({ length: 8 }, () => pending(owner, 50_000_000)));
    const bureau = await sharedBureauToken(env);
    const results = await Promise.all(challenges.map((c) => call('POST', `/api/challenges/${c.id}/approve`, bureau, { specialFundFen: 50_000_000 })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body!.code)).toEqual(Array(5).fill('insufficient_budget'));
    expect(await balances([fundAvailable(2033)])).toEqual({ [fundAvailable(2033)]: 0 });
    await ledgerOk();
    clock.reset();
  });
});

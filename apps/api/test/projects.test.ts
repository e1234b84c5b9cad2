import { ledgerAccounts, ledgerTransfers } from '@challenge/db';
import { onPostgres } from '@challenge/db/testing';
import { fundReserved, paidOut, projectFunds } from '@challenge/domain';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { processNotificationEvents } from '../src/services/notifications/process-events';
import { remindDueMilestones } from '../src/services/projects/milestone-reminders';
import { completeDraft } from './application-helpers';
import { challengeIn, bearer, login, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver, type Member } from './helpers';

const env = await setupTestApp();
const { app, clock } = env;
const db = env.database.db;
type Json = Record<string, any>;
const DAY = 24 * 60 * 60 * 1000;

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await app.inject({ method, url, headers: { ...(token ? bearer(token) : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null };
};
const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown, headers?: Record<string, string>) => {
  const res = await call(method, url, token, payload, headers);
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body!;
};
const tokenOf = async (m: { email: string }) => (await login(app, m.email)).accessToken;
const SHEET = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '方案可行。' }]));
const PAYEE = { accountName: '某大学', bank: '中国工商银行北京海淀支行', accountNumber: '0200 0045 0901 4567 890' };

/**
 * A challenge (¥1,000,000 enterprise + ¥500,000 special fund, two winners) decided for two solvers —
 * A with ¥900,000, B with ¥600,000 — and made final: two projects awaiting signature.
 */
async function twoProjects() {
  clock.set(new Date('2026-06-01T02:00:00Z'));
  const owner = await verifiedEnterprise(env);
  const [a, b] = [await verifiedSolver(env), await verifiedSolver(env)];
  const challenge = await challengeIn(env, owner, 'published');
  const apps: string[] = [];
  for (const s of [a, b]) {
    const created = await call('POST', `/api/challenges/${challenge.id}/applications`, s.token, completeDraft(challenge));
    expect(created.status).toBe(201);
    const id = created.body!.id as string;
    await ok('POST', `/api/applications/${id}/submit`, s.token, {});
    apps.push(id);
  }
  const expert = await staffToken(env, 'expert');
  clock.advance(31 * DAY);
  const bureau = await sharedBureauToken(env);
  for (const id of apps) await ok('POST', `/api/applications/${id}/eligibility`, bureau, { eligible: true });
  await ok('POST', `/api/challenges/${challenge.id}/reviewers`, bureau, { applicationIds: apps, expertIds: [expert.id] });
  const e = await tokenOf(expert);
  for (const id of apps) {
    await ok('PUT', `/api/applications/${id}/review`, e, { conflict: false });
    await ok('PUT', `/api/applications/${id}/review`, e, { scores: SHEET });
  }
  await ok('POST', `/api/challenges/${challenge.id}/decision`, bureau, { selections: [{ applicationId: apps[0], awardFen: 90_000_000 }, { applicationId: apps[1], awardFen: 60_000_000 }], feedback: {} });
  clock.advance(20 * DAY);
  const { projects } = await ok('POST', `/api/challenges/${challenge.id}/finalize`, await sharedBureauToken(env), {});
  return { owner, a, b, challenge, projects: projects as string[] };
}

const fresh = async (m: Member) => ({ ...m, token: await tokenOf(m) });

describe('a project from signing to the last payment', () => {
  test('two winners, two sources, one stopped at mid-term: every step by its party, the money to the fen, the ledger consistent', async () => {
    const s = await twoProjects();
    const [pa, pb] = s.projects as [string, string];
    let [owner, a, b] = [await fresh(s.owner), await fresh(s.a), await fresh(s.b)];
    let bureau = await sharedBureauToken(env);
    const financeUser = await staffToken(env, 'finance');
    let finance = financeUser.token;
    const expert = (await staffToken(env, 'expert')).token;

    // Who may see the project: its solver, the owner, bureau and finance; not the other winner, not experts.
    expect((await call('GET', `/api/projects/${pa}`, b.token)).status).toBe(404);
    expect((await call('GET', `/api/projects/${pa}`, expert)).status).toBe(404);
    expect((await call('GET', `/api/projects/${pa}`)).status).toBe(401);
    expect((await ok('GET', '/api/projects', a.token)).items.map((p: Json) => p.id)).toEqual([pa]);
    expect((await ok('GET', '/api/projects', owner.token)).items.map((p: Json) => p.id).sort()).toEqual([pa, pb].sort());

    // Signing: the solver must give its payee account; bureau and finance do not sign.
    expect((await call('POST', `/api/projects/${pa}/sign`, a.token, {})).status).toBe(422);
    expect((await call('POST', `/api/projects/${pa}/sign`, bureau, {})).status).toBe(403);
    expect((await call('POST', `/api/projects/${pa}/sign`, finance, {})).status).toBe(403);
    expect((await ok('POST', `/api/projects/${pa}/sign`, a.token, { payee: PAYEE })).state).toBe('awaiting_signature');
    expect((await call('POST', `/api/projects/${pa}/sign`, a.token, { payee: PAYEE })).status).toBe(409);
    const signed = await ok('POST', `/api/projects/${pa}/sign`, owner.token, {});
    expect(signed).toMatchObject({ state: 'active', payee: PAYEE });
    expect((await call('GET', `/api/challenges/${s.challenge.id}`)).body).toMatchObject({ state: 'in_progress' });
    await ok('POST', `/api/projects/${pb}/sign`, b.token, { payee: { ...PAYEE, accountName: 'B 研究所' } });
    await ok('POST', `/api/projects/${pb}/sign`, owner.token, {});

    // Milestone 1 of A: submitted, returned with feedback, submitted again, accepted, verified.
    const [m1, m2, m3] = signed.milestones as Json[];
    expect((await call('POST', `/api/milestones/${m1!.id}/submit`, owner.token, { report: '报告' })).status).toBe(403);
    await ok('POST', `/api/milestones/${m1!.id}/submit`, a.token, { report: '完成 3 炉试验，总氧 4.2 ppm，附检测报告。' });
    expect((await call('POST', `/api/milestones/${m1!.id}/review`, a.token, { accept: true })).status).toBe(403);
    expect((await call('POST', `/api/milestones/${m1!.id}/review`, owner.token, { accept: false, feedback: '' })).status).toBe(422);
    await ok('POST', `/api/milestones/${m1!.id}/review`, owner.token, { accept: false, feedback: '缺少第 3 炉的检测原始数据。' });
    await ok('POST', `/api/milestones/${m1!.id}/submit`, a.token, { report: '补充第 3 炉原始数据。' });
    expect((await call('POST', `/api/milestones/${m1!.id}/verify`, bureau)).status).toBe(409); // not accepted yet
    await ok('POST', `/api/milestones/${m1!.id}/review`, owner.token, { accept: true });
    expect((await call('POST', `/api/milestones/${m1!.id}/verify`, owner.token)).status).toBe(403);
    const verified = await ok('POST', `/api/milestones/${m1!.id}/verify`, bureau);
    const rel = (source: string) => (verified.releases as Json[]).find((r) => r.milestoneId === m1!.id && r.source === source)!;
    // The milestone's ¥270,000 (30% of ¥900,000) split 2:1 by source.
    expect([rel('enterprise').amountFen, rel('special_fund').amountFen]).toEqual([m1!.enterpriseShareFen, m1!.specialFundFen]);
    expect(m1!.enterpriseShareFen + m1!.specialFundFen).toBe(27_000_000);

    // Public money follows private money: the fund waits for the enterprise's share to be confirmed.
    const queue = (await ok('GET', '/api/releases', finance)).items as Json[];
    expect(queue.find((r) => r.id === rel('special_fund').id)).toMatchObject({ ready: false });
    expect((await call('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, { paymentReference: 'CZ-2026-0001' })).body).toMatchObject({ code: 'enterprise_share_unconfirmed' });
    expect((await call('POST', `/api/releases/${rel('enterprise').id}/disburse`, finance, {})).status).toBe(403);
    expect((await ok('POST', `/api/releases/${rel('enterprise').id}/disburse`, owner.token, { paymentReference: '企业转账 0615' })).state).toBe('disbursed');
    expect((await call('POST', `/api/releases/${rel('enterprise').id}/answer`, owner.token, { received: true })).status).toBe(403);
    await ok('POST', `/api/releases/${rel('enterprise').id}/answer`, a.token, { received: true });

    // Finance pays with a reference; a retry with the same key is the same payment, another payment is refused.
    expect((await call('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, {})).status).toBe(422);
    const key = { 'idempotency-key': 'pay-m1-fund' };
    expect((await ok('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, { paymentReference: 'CZ-2026-0001' }, key)).state).toBe('disbursed');
    expect((await ok('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, { paymentReference: 'CZ-2026-0001' }, key)).state).toBe('disbursed');
    expect((await call('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, { paymentReference: 'CZ-2026-0002' })).status).toBe(409);
    // The solver reports it never arrived; the bureau finds it was not paid; finance pays again under a new reference.
    await ok('POST', `/api/releases/${rel('special_fund').id}/answer`, a.token, { received: false, reason: '银行流水中没有这笔款项。' });
    expect((await call('POST', `/api/releases/${rel('special_fund').id}/resolve`, finance, { paid: false, resolution: 'x' })).status).toBe(403);
    expect((await ok('POST', `/api/releases/${rel('special_fund').id}/resolve`, bureau, { paid: false, resolution: '财政局核实：支付被银行退回。' })).state).toBe('pending');
    expect((await call('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, { paymentReference: 'CZ-2026-0001' })).body!.errors).toEqual([expect.objectContaining({ field: 'paymentReference', code: 'taken' })]);
    await ok('POST', `/api/releases/${rel('special_fund').id}/disburse`, finance, { paymentReference: 'CZ-2026-0003' });
    await ok('POST', `/api/releases/${rel('special_fund').id}/answer`, a.token, { received: true });

    // B's first milestone is verified, then the bureau stops B at its mid-term review (赛马).
    const bm1 = ((await ok('GET', `/api/projects/${pb}`, b.token)).milestones as Json[])[0]!;
    await ok('POST', `/api/milestones/${bm1.id}/submit`, b.token, { report: '第一阶段报告。' });
    await ok('POST', `/api/milestones/${bm1.id}/review`, owner.token, { accept: true });
    await ok('POST', `/api/milestones/${bm1.id}/verify`, bureau);
    expect((await call('POST', `/api/projects/${pb}/stop`, owner.token, { reason: '中期评估未达标。' })).status).toBe(403);
    const stopped = await ok('POST', `/api/projects/${pb}/stop`, bureau, { reason: '中期评估：总氧指标未达到阶段目标，赛马淘汰。' });
    expect(stopped).toMatchObject({ state: 'stopped' });
    expect((await call('POST', `/api/milestones/${(stopped.milestones as Json[])[1]!.id}/submit`, b.token, { report: '继续' })).status).toBe(409);

    // A's remaining milestones: A completes, and with B stopped the challenge is completed.
    clock.advance(200 * DAY);
    [owner, a] = [await fresh(owner), await fresh(a)];
    bureau = await sharedBureauToken(env);
    finance = await tokenOf(financeUser);
    for (const m of [m2!, m3!]) await ok('POST', `/api/milestones/${m.id}/submit`, a.token, { report: '阶段成果与检测报告。' });
    await ok('POST', `/api/milestones/${m2!.id}/review`, owner.token, { accept: true });
    await ok('POST', `/api/milestones/${m2!.id}/verify`, bureau);
    // Final acceptance: the last milestone waits for every indicator's achieved value and evidence.
    const last = await call('POST', `/api/milestones/${m3!.id}/review`, owner.token, { accept: true });
    expect(last.body!.errors).toEqual([expect.objectContaining({ field: 'indicators', code: 'results_required' })]);
    const result = (position: number) => ({ position, achieved: position === 0 ? '4.2 ppm' : '0.4 %', evidence: `第三方检测报告 No. 2027-${position}`, met: true });
    expect((await call('PUT', `/api/projects/${pa}/indicator-results`, a.token, { results: [result(0), result(1)] })).status).toBe(403);
    const partial = await call('PUT', `/api/projects/${pa}/indicator-results`, owner.token, { results: [result(0), result(0), { ...result(5), evidence: '' }] });
    expect((partial.body!.errors as Json[]).map((e) => `${e.field}:${e.code}`).sort()).toEqual(['indicators.1:required', 'results.1.position:duplicate', 'results.2.evidence:required', 'results.2.position:unknown_indicator']);
    const recorded = await ok('PUT', `/api/projects/${pa}/indicator-results`, owner.token, { results: [result(0), result(1)] });
    expect(recorded.indicatorResults).toEqual([expect.objectContaining({ position: 0, achieved: '4.2 ppm', met: true }), expect.objectContaining({ position: 1, achieved: '0.4 %' })]);
    await ok('POST', `/api/milestones/${m3!.id}/review`, owner.token, { accept: true });
    await ok('POST', `/api/milestones/${m3!.id}/verify`, bureau);
    const done = await ok('GET', `/api/projects/${pa}`, a.token);
    expect(done.state).toBe('completed');
    expect((await call('GET', `/api/challenges/${s.challenge.id}`)).body).toMatchObject({ state: 'completed' });

    // The ledger, printed and checked.
    const accounts = await db.select().from(ledgerAccounts).orderBy(asc(ledgerAccounts.key));
    const mine = accounts.filter((x) => [s.challenge.id, pa, pb, ...(done.releases as Json[]).map((r) => r.id)].some((id) => x.key.includes(id)));
    console.table(mine.map((x) => ({ account: x.key.replace(/[0-9a-f-]{36}/g, (id) => id.slice(0, 8)), yuan: x.balanceFen / 100 })));
    const balance = (key: string) => accounts.find((x) => x.key === key)?.balanceFen ?? 0;
    // Each account knows the challenge and the source its money belongs to (the dashboard sums by them).
    expect(new Set(mine.map((x) => x.challengeId))).toEqual(new Set([s.challenge.id]));
    const sourceByKey = Object.fromEntries((done.releases as Json[]).map((r) => [r.id, r.source]));
    for (const x of mine) {
      const release = x.key.match(/^release_\w+:(.+)$/)?.[1];
      const expected = release ? sourceByKey[release] : x.kind === 'fund_reserved' ? 'special_fund' : x.kind === 'enterprise_committed' ? 'enterprise' : x.key.split(':')[2];
      expect(x.source, x.key).toBe(expected);
    }
    expect(balance(fundReserved(2026, s.challenge.id))).toBe(0);
    // A's award fully released (the project's funds are empty); paid out so far: milestone 1, both sources.
    expect(balance(projectFunds(pa, 'enterprise')) + balance(projectFunds(pa, 'special_fund'))).toBe(0);
    expect(balance(paidOut(pa, 'enterprise')) + balance(paidOut(pa, 'special_fund'))).toBe(27_000_000);
    // B: stopped with nothing left in the project; its verified first milestone is still owed.
    expect(balance(projectFunds(pb, 'enterprise')) + balance(projectFunds(pb, 'special_fund'))).toBe(0);
    const check = await ok('GET', '/api/ledger/check', bureau);
    expect(check).toMatchObject({ ok: true, differences: [], unbalancedTransfers: [], brokenRules: [] });
    clock.reset();
  });
});

describe('a milestone’s deliverables', () => {
  test('the solver attaches files while it may submit the milestone; the project’s parties and staff read them, no one else', async () => {
    const s = await twoProjects();
    const [pa] = s.projects as [string];
    const [owner, a, b] = [await fresh(s.owner), await fresh(s.a), await fresh(s.b)];
    await ok('POST', `/api/projects/${pa}/sign`, a.token, { payee: PAYEE });
    const m1 = ((await ok('POST', `/api/projects/${pa}/sign`, owner.token, {})).milestones as Json[])[0]!;
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
    const upload = (token: string, name: string) => app.inject({
      method: 'POST', url: `/api/attachments?parentType=milestone&parentId=${m1.id}&filename=${encodeURIComponent(name)}`,
      headers: { ...bearer(token), 'content-type': 'application/octet-stream' }, payload: PDF,
    });
    expect((await upload(b.token, '报告.pdf')).statusCode).toBe(404);
    expect((await upload(owner.token, '报告.pdf')).statusCode).toBe(403);
    const file = await upload(a.token, '第一阶段检测报告.pdf');
    expect(file.statusCode).toBe(201);
    await ok('POST', `/api/milestones/${m1.id}/submit`, a.token, { report: '见附件检测报告。' });
    expect((await upload(a.token, '迟交.pdf')).statusCode).toBe(409);
    const seen = await ok('GET', `/api/projects/${pa}`, owner.token);
    expect((seen.milestones as Json[])[0]!.attachments.map((f: Json) => f.filename)).toEqual(['第一阶段检测报告.pdf']);
    const download = (token?: string) => app.inject({ method: 'GET', url: `/api/attachments/${file.json().id}`, headers: token ? bearer(token) : {} });
    for (const token of [owner.token, a.token, await sharedBureauToken(env), (await staffToken(env, 'finance')).token]) expect((await download(token)).statusCode).toBe(200);
    expect((await download(b.token)).statusCode).toBe(404);
    expect((await download((await staffToken(env, 'expert')).token)).statusCode).toBe(404);
    expect((await download()).statusCode).toBe(401);
    clock.reset();
  });
});

describe('changes only the bureau allows', () => {
  test('the solver asks to move a due date or change the payee; the bureau approves or rejects with reasons; no one else decides', async () => {
    const s = await twoProjects();
    const [pa] = s.projects as [string];
    const [owner, a] = [await fresh(s.owner), await fresh(s.a)];
    const bureau = await sharedBureauToken(env);
    expect((await call('POST', `/api/projects/${pa}/change-requests`, a.token, { kind: 'payee', payee: PAYEE, reason: '开户行变更。' })).status).toBe(409); // not signed yet
    await ok('POST', `/api/projects/${pa}/sign`, a.token, { payee: PAYEE });
    const signed = await ok('POST', `/api/projects/${pa}/sign`, owner.token, {});
    const m2 = (signed.milestones as Json[])[1]!;
    const later = new Date(Date.parse(`${m2.dueDate}T00:00:00Z`) + 30 * DAY).toISOString().slice(0, 10);

    const bad = await call('POST', `/api/projects/${pa}/change-requests`, a.token, { kind: 'due_date', milestoneId: m2.id, dueDate: '2026-02-30', reason: '' });
    expect((bad.body!.errors as Json[]).map((e) => `${e.field}:${e.code}`).sort()).toEqual(['dueDate:invalid_date', 'reason:required']);
    expect((await call('POST', `/api/projects/${pa}/change-requests`, owner.token, { kind: 'due_date', milestoneId: m2.id, dueDate: later, reason: '设备检修。' })).status).toBe(403);
    const asked = await ok('POST', `/api/projects/${pa}/change-requests`, a.token, { kind: 'due_date', milestoneId: m2.id, dueDate: later, reason: '中试设备检修，顺延 30 天。' });
    const request = (asked.changeRequests as Json[])[0]!;
    expect(request).toMatchObject({ kind: 'due_date', state: 'pending', proposed: { dueDate: later } });
    expect((await call('POST', `/api/projects/${pa}/change-requests`, a.token, { kind: 'due_date', milestoneId: m2.id, dueDate: later, reason: '再次申请。' })).status).toBe(409);
    for (const token of [a.token, owner.token, (await staffToken(env, 'finance')).token]) {
      expect((await call('POST', `/api/change-requests/${request.id}/decide`, token, { approve: true, reason: '同意。' })).status).toBe(403);
    }
    const approved = await ok('POST', `/api/change-requests/${request.id}/decide`, bureau, { approve: true, reason: '检修计划属实，同意顺延。' });
    expect((approved.milestones as Json[])[1]).toMatchObject({ dueDate: later });
    expect((await call('POST', `/api/change-requests/${request.id}/decide`, bureau, { approve: false, reason: '重复处理。' })).status).toBe(409);

    const newPayee = { accountName: '某大学', bank: '中国银行北京分行', accountNumber: '3300 1122 3344' };
    const payeeAsked = await ok('POST', `/api/projects/${pa}/change-requests`, a.token, { kind: 'payee', payee: newPayee, reason: '学校统一更换结算账户。' });
    const payeeRequest = (payeeAsked.changeRequests as Json[]).find((r) => r.kind === 'payee')!;
    const rejected = await ok('POST', `/api/change-requests/${payeeRequest.id}/decide`, bureau, { approve: false, reason: '请提供学校财务处的更换证明。' });
    expect(rejected.payee).toEqual(PAYEE);
    const again = await ok('POST', `/api/projects/${pa}/change-requests`, a.token, { kind: 'payee', payee: newPayee, reason: '附财务处证明。' });
    const second = (again.changeRequests as Json[]).filter((r) => r.kind === 'payee').at(-1)!;
    expect((await ok('POST', `/api/change-requests/${second.id}/decide`, bureau, { approve: true, reason: '证明齐全。' })).payee).toEqual(newPayee);
    clock.reset();
  });
});

describe('who hears of a project', () => {
  test('each step tells the other party; milestones due within 7 days and overdue are told once by the loop', async () => {
    const s = await twoProjects();
    const [pa] = s.projects as [string];
    const [owner, a, b] = [await fresh(s.owner), await fresh(s.a), await fresh(s.b)];
    await ok('POST', `/api/projects/${pa}/sign`, a.token, { payee: PAYEE });
    const signed = await ok('POST', `/api/projects/${pa}/sign`, owner.token, {});
    const [m1, m2] = signed.milestones as [Json, Json];
    await ok('POST', `/api/milestones/${m1.id}/submit`, a.token, { report: '第一阶段报告。' });
    await ok('POST', `/api/milestones/${m1.id}/review`, owner.token, { accept: false, feedback: '请补充检测原始数据。' });

    const kinds = async (m: { email: string }) => {
      await processNotificationEvents(app.ctx);
      const items = (await ok('GET', '/api/notifications?pageSize=100', await tokenOf(m))).items as Json[];
      return items.filter((n) => n.challenge?.id === s.challenge.id).map((n) => n.kind).sort();
    };
    expect(await kinds(owner)).toEqual(expect.arrayContaining(['milestone_submitted']));
    expect(await kinds(a)).toEqual(expect.arrayContaining(['milestone_returned']));
    expect(await kinds(a)).not.toContain('milestone_submitted'); // not told of its own step
    expect(await kinds(b)).not.toContain('milestone_returned'); // the other winner hears nothing of A's project

    // Five days before milestone 2 is due (Beijing), then a day after it: told once each, however often the loop runs.
    const dueInstant = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + days * DAY + 10 * 60 * 60 * 1000);
    clock.set(dueInstant(m2.dueDate, -5));
    const bureauUser = await staffToken(env, 'bureau');
    expect(await remindDueMilestones(app.ctx)).toBeGreaterThanOrEqual(1);
    expect(await remindDueMilestones(app.ctx)).toBe(0);
    const count = async (m: { email: string }, kind: string) => (await kinds(m)).filter((k) => k === kind).length;
    expect(await count(a, 'milestone_due_soon')).toBeGreaterThanOrEqual(1);
    expect(await count(owner, 'milestone_due_soon')).toBeGreaterThanOrEqual(1);
    expect(await count(bureauUser, 'milestone_due_soon')).toBe(0);
    const dueSoonBefore = await count(a, 'milestone_due_soon');
    clock.set(dueInstant(m2.dueDate, 1));
    expect(await remindDueMilestones(app.ctx)).toBeGreaterThanOrEqual(1);
    expect(await remindDueMilestones(app.ctx)).toBe(0);
    expect(await count(a, 'milestone_overdue')).toBeGreaterThanOrEqual(1);
    expect(await count(bureauUser, 'milestone_overdue')).toBeGreaterThanOrEqual(1);
    expect(await count(b, 'milestone_overdue')).toBe(0);
    expect(await count(a, 'milestone_due_soon')).toBe(dueSoonBefore);
    clock.reset();
  });
});

// PGlite has one connection: real races need PostgreSQL (CI's second pass fails if this is skipped).
describe.runIf(onPostgres())('paying one release from many requests at once (PostgreSQL)', () => {
  test('50 simultaneous disbursements, with the same and with different idempotency keys, pay exactly once', async () => {
    const s = await twoProjects();
    const [pa] = s.projects as [string];
    const [owner, a] = [await fresh(s.owner), await fresh(s.a)];
    await ok('POST', `/api/projects/${pa}/sign`, a.token, { payee: PAYEE });
    const signed = await ok('POST', `/api/projects/${pa}/sign`, owner.token, {});
    const m1 = (signed.milestones as Json[])[0]!;
    await ok('POST', `/api/milestones/${m1.id}/submit`, a.token, { report: '第一阶段报告。' });
    await ok('POST', `/api/milestones/${m1.id}/review`, owner.token, { accept: true });
    const verified = await ok('POST', `/api/milestones/${m1.id}/verify`, await sharedBureauToken(env));
    const enterprise = (verified.releases as Json[]).find((r) => r.source === 'enterprise')!;
    const fund = (verified.releases as Json[]).find((r) => r.source === 'special_fund')!;
    await ok('POST', `/api/releases/${enterprise.id}/disburse`, owner.token, {});
    await ok('POST', `/api/releases/${enterprise.id}/answer`, a.token, { received: true });
    const finance = (await staffToken(env, 'finance')).token;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      call('POST', `/api/releases/${fund.id}/disburse`, finance, { paymentReference: `CZ-RACE-${i % 2 === 0 ? 'SAME' : i}` }, { 'idempotency-key': i % 2 === 0 ? 'same-key' : `key-${i}` })));
    const paid = results.filter((r) => r.status === 200);
    // Whichever request won, only retries of its key may answer 200; every other is refused.
    expect(results.every((r) => r.status === 200 || r.status === 409 || r.status === 422), JSON.stringify(results.filter((r) => r.status >= 500))).toBe(true);
    expect(paid.length).toBeGreaterThanOrEqual(1);
    const check = await ok('GET', '/api/ledger/check', await sharedBureauToken(env));
    expect(check.ok).toBe(true);
    const accounts = await db.select().from(ledgerAccounts);
    const disbursedTotal = accounts.filter((x) => x.key === `release_disbursed:${fund.id}`).reduce((t, x) => t + x.balanceFen, 0);
    expect(disbursedTotal).toBe(fund.amountFen);
    const payments = await db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(and(eq(ledgerTransfers.kind, 'disburse'), eq(ledgerTransfers.causeId, fund.id)));
    expect(payments).toHaveLength(1);
    clock.reset();
  });
});

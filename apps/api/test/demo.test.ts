import {
  applications, auditLog, challengeAmendments, challengeReviews, challenges, confidentialityAcceptances, objections, organizations, projectMilestones, projects, questions,
  reviewAssignments, users, verifyAuditChain, ledgerTransfers,
} from '@challenge/db';
import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES } from '@challenge/domain';
import { asc, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_CHALLENGES } from '../src/demo/challenges';
import { DEMO_ACCOUNTS, ensureBureauAdmin, isEmptyDatabase, loadDemoData } from '../src/demo/seed';
import { checkLedger } from '../src/services/ledger/check-ledger';
import { login, setupTestApp } from './helpers';

// The demo loads only into an empty database, so this one starts without the budgets other files get.
const env = await setupTestApp({ fundYears: false });
const ctx = { db: env.database.db, clock: env.clock };
const DAY = 24 * 60 * 60 * 1000;
const YUAN = 100;

describe('demo data', () => {
  it('loads through the services into an empty database; every demo account signs in; the audit chain verifies', async () => {
    expect(await isEmptyDatabase(ctx)).toBe(true);
    await loadDemoData(ctx);
    expect(await isEmptyDatabase(ctx)).toBe(false);
    for (const account of DEMO_ACCOUNTS) {
      const tokens = await login(env.app, account.email, account.password);
      const me = (await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${tokens.accessToken}` } })).json();
      expect(me.user.role).toBe(account.role);
    }
    const [pending] = await env.database.db.select({ n: count() }).from(organizations).where(eq(organizations.status, 'pending'));
    expect(pending!.n).toBeGreaterThan(0);
    expect(await verifyAuditChain(env.database.db)).toMatchObject({ ok: true, brokenIds: [] });
  });

  it('keeps the audit log in time order: every step ran with the clock of its moment, oldest first', async () => {
    const rows = await env.database.db.select({ id: auditLog.id, at: auditLog.at }).from(auditLog).orderBy(asc(auditLog.id));
    const outOfOrder = rows.filter((r, i) => i > 0 && r.at.getTime() < rows[i - 1]!.at.getTime());
    expect(outOfOrder).toEqual([]);
    expect(rows[0]!.at.getTime()).toBeLessThan(env.clock.now().getTime() - 180 * DAY);
  });

  it('the funds ledger of the demo is consistent: budgets set, every approval reserved, the award in its project', async () => {
    const report = await checkLedger(env.database.db);
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true, differences: [], unbalancedTransfers: [], brokenRules: [] });
    const kinds = (await env.database.db.select({ kind: ledgerTransfers.kind }).from(ledgerTransfers)).map((t) => t.kind);
    for (const kind of ['budget_set', 'reserve', 'commit', 'finalize', 'return_unspent']) expect(kinds, kind).toContain(kind);
    const published = await env.database.db.select({ id: challenges.id }).from(challenges).where(isNotNull(challenges.publishedAt));
    expect(kinds.filter((k) => k === 'reserve').length).toBe(published.length);
  });

  it('loading twice adds nothing', async () => {
    const [before] = await env.database.db.select({ n: count() }).from(users);
    await loadDemoData(ctx);
    const [after] = await env.database.db.select({ n: count() }).from(users);
    expect(after!.n).toBe(before!.n);
  });

  it('creates the production bureau admin once', async () => {
    const a = await ensureBureauAdmin(ctx, { email: 'Admin@KGJ.example.gov.cn', password: 'a-long-password' });
    const b = await ensureBureauAdmin(ctx, { email: 'admin@kgj.example.gov.cn', password: 'another-password' });
    expect(b).toBe(a);
    const [u] = await env.database.db.select().from(users).where(eq(users.id, a));
    expect(u).toMatchObject({ role: 'bureau', email: 'admin@kgj.example.gov.cn', status: 'active' });
  });
});

describe('demo challenges', () => {
  // Runs after the load above (tests in a file run in order).
  const all = () => env.database.db.select().from(challenges);

  it('has at least 30 challenges across both industries, all five categories and every state from draft to awarded', async () => {
    const rows = await all();
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.length).toBe(DEMO_CHALLENGES.length);
    expect(new Set(rows.map((c) => c.industry))).toEqual(new Set(CHALLENGE_INDUSTRIES));
    expect(new Set(rows.map((c) => c.category))).toEqual(new Set(CHALLENGE_CATEGORIES));
    expect(new Set(rows.map((c) => c.state))).toEqual(new Set(['draft', 'pending_review', 'published', 'closed', 'reviewing', 'notice', 'awarded', 'cancelled']));
  });

  it('brings every challenge to the state its story leads to', async () => {
    expect(new Set(DEMO_CHALLENGES.map((c) => c.key)).size).toBe(DEMO_CHALLENGES.length);
    const byTitle = new Map((await all()).map((c) => [c.titleZh, c.state]));
    expect(byTitle.size).toBe(DEMO_CHALLENGES.length);
    expect(Object.fromEntries(DEMO_CHALLENGES.map((c) => [c.key, byTitle.get(c.input.titleZh)]))).toEqual(Object.fromEntries(DEMO_CHALLENGES.map((c) => [c.key, c.state])));
  });

  it('announces bounties from ¥200,000 to ¥5,000,000 in integer fen: the enterprise share plus the special fund approved, never above the request', async () => {
    for (const c of await all()) {
      expect(c.bountyFen, c.titleZh).toBeGreaterThanOrEqual(200_000 * YUAN);
      expect(c.bountyFen, c.titleZh).toBeLessThanOrEqual(5_000_000 * YUAN);
      expect(Number.isSafeInteger(c.bountyFen)).toBe(true);
      expect(c.bountyFen, c.titleZh).toBe(c.enterpriseShareFen + (c.specialFundFen ?? c.requestedSpecialFundFen));
      if (c.specialFundFen !== null) expect(c.specialFundFen).toBeLessThanOrEqual(c.requestedSpecialFundFen);
    }
    const reduced = (await all()).filter((c) => c.specialFundFen !== null && c.specialFundFen < c.requestedSpecialFundFen);
    expect(reduced.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps published challenges open for weeks to months, with an English title unless domestic-only; closed ones have passed their deadline', async () => {
    const now = env.clock.now().getTime();
    const rows = await all();
    const published = rows.filter((c) => c.state === 'published');
    expect(published.length).toBeGreaterThanOrEqual(10);
    for (const c of published) {
      if (!c.domesticOnly) expect(c.titleEn?.trim(), c.titleZh).toBeTruthy();
      expect(c.deadline!.getTime() - now, c.titleZh).toBeGreaterThan(13 * DAY);
      expect(c.deadline!.getTime() - now, c.titleZh).toBeLessThan(125 * DAY);
      expect(c.publishedAt!.getTime()).toBeLessThan(now);
    }
    for (const c of rows.filter((r) => ['closed', 'reviewing', 'notice', 'awarded'].includes(r.state))) {
      expect(c.deadline!.getTime()).toBeLessThan(now);
      expect(c.closedAt!.getTime()).toBeGreaterThan(c.deadline!.getTime());
    }
    expect(published.some((c) => c.domesticOnly && !c.titleEn)).toBe(true);
  });

  it('shows the variety of real listings: returns with reasons, clarifications, an extension, restricted and domestic-only ones, 赛马制, cancellations', async () => {
    const rows = await all();
    const db = env.database.db;
    expect(rows.filter((c) => c.state === 'draft' && c.reviewReasons).length).toBeGreaterThanOrEqual(2);
    const returned = await db.select({ challengeId: challengeReviews.challengeId }).from(challengeReviews).where(eq(challengeReviews.decision, 'returned'));
    expect(rows.filter((c) => c.state === 'published' && returned.some((r) => r.challengeId === c.id)).length).toBeGreaterThanOrEqual(1);
    const amendments = await db.select().from(challengeAmendments);
    expect(new Set(amendments.map((a) => a.kind))).toEqual(new Set(['clarification', 'deadline_extension']));
    for (const a of amendments.filter((x) => x.kind === 'deadline_extension')) expect(a.newDeadline!.getTime()).toBeGreaterThan(a.oldDeadline!.getTime());
    expect(rows.filter((c) => c.visibility === 'restricted' && c.state === 'published').length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((c) => c.domesticOnly).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((c) => c.maxWinners > 1 && c.state === 'published').length).toBeGreaterThanOrEqual(2);
    const cancelled = rows.filter((c) => c.state === 'cancelled');
    expect(cancelled.every((c) => c.cancelReason && c.cancelledAt)).toBe(true);
    expect(cancelled.some((c) => c.publishedAt)).toBe(true);
    expect((await db.select({ n: count() }).from(confidentialityAcceptances))[0]!.n).toBeGreaterThan(0);
  });

  it('owners include several district enterprises; solvers include Chinese and foreign universities, an institute and a company', async () => {
    const orgs = await env.database.db.select().from(organizations).where(eq(organizations.status, 'verified'));
    const owners = new Set((await all()).map((c) => c.ownerOrganizationId));
    expect(owners.size).toBeGreaterThanOrEqual(6);
    expect(orgs.filter((o) => owners.has(o.id)).every((o) => o.kind === 'enterprise' && o.country === 'CN' && o.uscc)).toBe(true);
    expect(orgs.some((o) => o.kind === 'university' && o.country === 'CN')).toBe(true);
    expect(orgs.some((o) => o.kind === 'university' && o.country !== 'CN')).toBe(true);
    expect(orgs.some((o) => o.kind === 'institute')).toBe(true);
    expect(orgs.some((o) => o.kind === 'company' && o.country !== 'CN')).toBe(true);
  });

  it('lists to an anonymous reader every challenge published at some point, and nothing still in draft or review', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/challenges?pageSize=100' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { total: number; items: { id: string; state: string; view: string; titleEn: string | null }[] };
    const rows = await all();
    const everPublished = rows.filter((c) => c.publishedAt).map((c) => c.id).sort();
    expect(body.items.map((i) => i.id).sort()).toEqual(everPublished);
    expect(body.total).toBe(everPublished.length);
    const published = rows.filter((c) => c.state === 'published').map((c) => c.id);
    expect(body.items.filter((i) => i.state === 'published').map((i) => i.id).sort()).toEqual(published.sort());
    expect(body.items.every((i) => i.view === 'summary')).toBe(true);

    const open = await env.app.inject({ method: 'GET', url: '/api/challenges?status=published&pageSize=100' });
    expect(open.json().total).toBe(published.length);
  });
});

describe('demo work after publication', () => {
  it('answers questions, reviews applications, holds a decision in notice with an objection open, and makes an award final with its project', async () => {
    const db = env.database.db;
    const states = await db.select({ state: applications.state, n: count() }).from(applications).groupBy(applications.state);
    const byState = Object.fromEntries(states.map((s) => [s.state, Number(s.n)]));
    expect(byState).toMatchObject({ under_review: 2, selected: 1, not_selected: 2, awarded: 1 });
    const answered = await db.select({ n: count() }).from(questions).where(isNotNull(questions.answer));
    expect(Number(answered[0]!.n)).toBeGreaterThanOrEqual(2);
    expect(await db.select({ state: objections.state }).from(objections)).toEqual([{ state: 'open' }]);
    const [project] = await db.select().from(projects);
    expect(project).toMatchObject({ state: 'awaiting_signature' });
    const milestones = await db.select().from(projectMilestones).where(eq(projectMilestones.projectId, project!.id));
    expect(milestones.reduce((s, m) => s + m.amountFen, 0)).toBe(project!.awardFen);
    // The demo expert has a challenge waiting for its declaration.
    const waiting = await db.select({ n: count() }).from(reviewAssignments).where(isNull(reviewAssignments.conflict));
    expect(Number(waiting[0]!.n)).toBe(2);
    // The two solver accounts visitors sign in with start clean.
    const visitors = await db.select({ id: users.organizationId }).from(users).where(inArray(users.email, ['chen@ustb.edu.cn', 'a.mueller@rwth-aachen.de']));
    expect(await db.select({ id: applications.id }).from(applications).where(inArray(applications.organizationId, visitors.map((v) => v.id!)))).toEqual([]);
  });
});

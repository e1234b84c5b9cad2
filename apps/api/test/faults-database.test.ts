/**
 * PostgreSQL restarted under traffic (issue 8): a private cluster of this machine's server binaries
 * (the shared server must not be restarted), `pg_ctl restart -m fast` while requests and a background
 * loop run in-process. Requests during the outage answer 503 problem details, the app reconnects by
 * itself, and every write is whole or absent; the ledger and the audit chain verify.
 */
import {
  auditLog, challengeReviews, challenges, isDatabaseUnavailable, ledgerTransfers, notificationEvents, openDatabase, searchDocuments, verifyAuditChain, type Database,
} from '@challenge/db';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReleasingPool } from '../../../packages/db/src/releasing-pool';
import { buildApp } from '../src/app';
import { TestClock } from '../src/clock';
import { startNotificationOutbox } from '../src/jobs/notification-outbox';
import { checkLedger } from '../src/services/ledger/check-ledger';
import { deferred, until } from './fixtures/async';
import type { Json } from './fixtures/http-client';
import { postgresBinaries, startPrivateCluster, type PrivateCluster } from './fixtures/private-postgres';
import { bearer, challengeIn, challengeInput, sharedBureauToken, staffToken, verifiedEnterprise, type TestEnv } from './helpers';

const T0 = new Date('2026-06-01T02:00:00Z');
const SPECIAL_FUND_FEN = 50_000_000;
const BUDGET_FEN = 10_000_000_000;
const POSTGRES_BIN = postgresBinaries();
const POOL_SIZE = 8;

/** One request of the traffic across the database restart. */
interface Outcome {
  op: 'create' | 'approve' | 'list' | 'health';
  status: number;
  body: Json;
  contentType: string;
  retryAfter?: string;
  startedAt: number;
  ms: number;
  /** The created title or the approved challenge's id: what to look for in the database afterwards. */
  subject?: string;
  idempotencyKey?: string;
}

describe.skipIf(!POSTGRES_BIN)('PostgreSQL restarted under traffic (a private cluster; skipped only where no PostgreSQL server binaries are installed)', () => {
  let cluster: PrivateCluster;
  let database: Database;
  let env: TestEnv;

  beforeAll(async () => {
    cluster = await startPrivateCluster(POSTGRES_BIN!);
    database = await openDatabase({ url: cluster.url, poolSize: POOL_SIZE });
    await database.migrate();
    const clock = new TestClock();
    clock.set(T0);
    const dataDir = mkdtempSync(join(tmpdir(), 'challenge-data-'));
    const app = await buildApp({ db: database.db, driver: database.driver, clock, jwtSecret: 'test-secret-that-is-long-enough-0123456789', env: 'test', dataDir });
    await app.ready();
    env = { app, database, clock, dataDir };
  });
  afterAll(async () => {
    await env?.app.close();
    await database?.close();
    await cluster?.destroy();
    if (env) rmSync(env.dataDir, { recursive: true, force: true });
  });

  it('answers 503 problem details while it is down, reconnects by itself (requests and loops), and leaves every write whole or absent', async () => {
    const db = database.db;
    const finance = await staffToken(env, 'finance');
    expect((await env.app.inject({ method: 'PUT', url: '/api/budgets/2026', headers: bearer(finance.token), payload: { budgetFen: BUDGET_FEN } })).statusCode).toBe(200);
    const owner = await verifiedEnterprise(env);
    const bureau = await sharedBureauToken(env);
    const waiting: string[] = [];
    for (let i = 0; i < 10; i++) waiting.push((await challengeIn(env, owner, 'pending_review')).id);

    const outcomes: Outcome[] = [];
    const call = async (op: Outcome['op'], method: 'GET' | 'POST', url: string, token: string | null, payload?: object, extra: Partial<Outcome> = {}) => {
      const startedAt = performance.now();
      const headers = { ...(token ? bearer(token) : {}), ...(extra.idempotencyKey ? { 'idempotency-key': extra.idempotencyKey } : {}) };
      const res = await env.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      outcomes.push({
        op, status: res.statusCode, body: res.body ? JSON.parse(res.body) : {}, contentType: String(res.headers['content-type']),
        retryAfter: res.headers['retry-after'] as string | undefined, startedAt, ms: performance.now() - startedAt, ...extra,
      });
    };
    const ops: (() => Promise<void>)[] = [
      () => {
        const title = `故障注入-${randomUUID()}`;
        return call('create', 'POST', '/api/challenges', owner.token, challengeInput(env, { titleZh: title }), { subject: title });
      },
      () => {
        const id = waiting.shift();
        return id
          ? call('approve', 'POST', `/api/challenges/${id}/approve`, bureau, { specialFundFen: SPECIAL_FUND_FEN }, { subject: id, idempotencyKey: randomUUID() })
          : call('list', 'GET', '/api/challenges?pageSize=5', null);
      },
      () => call('list', 'GET', '/api/challenges?pageSize=5', null),
      () => call('health', 'GET', '/api/health', null),
    ];

    // A background loop runs through it too: it must report the outage and carry on.
    const loopErrors: unknown[] = [];
    const notifier = startNotificationOutbox(env.app.ctx, { intervalMs: 50, onError: (err) => loopErrors.push(err) });
    let stop = false;
    const workers = [0, 1, 2, 3].map(async (n) => {
      for (let i = n; !stop; i++) await ops[i % ops.length]!();
    });
    let restarted = Infinity;
    try {
      await until(() => outcomes.length >= 8, 'traffic under way');
      await cluster.restart();
      restarted = performance.now();
      // Traffic goes on, the app untouched, until writes succeed again.
      await until(() => outcomes.filter((o) => o.startedAt > restarted && o.op === 'create' && o.status === 201).length >= 3, 'writes succeeding after the restart');
    } finally {
      stop = true;
      await Promise.all(workers);
    }

    const failed = outcomes.filter((o) => o.status === 503);
    console.info(`faults: ${outcomes.length} requests across the restart, ${failed.length} answered 503, slowest ${Math.round(Math.max(...outcomes.map((o) => o.ms)))} ms`);
    expect(outcomes.filter((o) => ![200, 201, 503].includes(o.status)).map((o) => [o.op, o.status, o.body])).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) {
      // Health says so in its own shape — or as a problem, when the database goes between its check and its figures.
      if (o.op === 'health' && o.body.status === 'degraded') {
        expect(o.body).toMatchObject({ database: { ok: false } });
        continue;
      }
      expect(o.contentType).toContain('application/problem+json');
      expect(o.body).toMatchObject({ status: 503, code: 'service_unavailable', title: '服务暂不可用' });
      expect(JSON.stringify(o.body)).not.toMatch(/stack|query|terminat|ECONN/i);
      expect(o.retryAfter).toBe('5');
    }
    // No request hung on a dead connection, and every connection came back to the pool: all of them
    // can be held at once.
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(10_000);
    const everyone = deferred();
    let holding = 0;
    const holders = Array.from({ length: POOL_SIZE }, () => db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      if (++holding === POOL_SIZE) everyone.resolve();
      await everyone.promise;
    }));
    const held = await Promise.race([everyone.promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    everyone.resolve();
    await Promise.all(holders);
    expect(held, `only ${holding} of ${POOL_SIZE} connections could be held: the others never came back to the pool`).toBe(true);

    // The loop reported the outage as such, and works again: a new event is processed.
    expect(loopErrors.length).toBeGreaterThan(0);
    expect(loopErrors.every(isDatabaseUnavailable)).toBe(true);
    const published = await challengeIn(env, owner, 'published');
    const amended = await env.app.inject({ method: 'POST', url: `/api/challenges/${published.id}/amendments`, headers: bearer(owner.token), payload: { kind: 'clarification', textZh: '补充说明。' } });
    expect(amended.statusCode).toBe(201);
    try {
      await until(async () => (await db.select().from(notificationEvents).where(isNull(notificationEvents.processedAt))).length === 0, 'the event processed after the restart');
    } finally {
      await notifier.stop();
    }

    // Whole or absent: a created challenge has its audit record and its search document.
    for (const o of outcomes.filter((x) => x.op === 'create')) {
      const rows = await db.select({ id: challenges.id }).from(challenges).where(eq(challenges.titleZh, o.subject!));
      if (o.status === 201) expect(rows).toHaveLength(1);
      else expect(rows.length).toBeLessThanOrEqual(1);
      for (const { id } of rows) {
        expect(await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'challenge.create')))).toHaveLength(1);
        expect(await db.select({ id: searchDocuments.challengeId }).from(searchDocuments).where(eq(searchDocuments.challengeId, id))).toHaveLength(1);
      }
    }
    // An approval is published with its money reserved, its review and its audit record — or none of them.
    const approvals = outcomes.filter((o) => o.op === 'approve');
    const isPublished = async (id: string) => {
      const [c] = await db.select({ state: challenges.state }).from(challenges).where(eq(challenges.id, id));
      const parts = [
        (await db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(eq(ledgerTransfers.id, `reserve:${id}`))).length,
        (await db.select({ id: challengeReviews.challengeId }).from(challengeReviews).where(eq(challengeReviews.challengeId, id))).length,
        (await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'challenge.approve')))).length,
      ];
      expect(parts).toEqual(c!.state === 'published' ? [1, 1, 1] : [0, 0, 0]);
      return c!.state === 'published';
    };
    for (const o of approvals) {
      const published = await isPublished(o.subject!);
      if (o.status === 200) expect(published).toBe(true);
    }
    expect((await checkLedger(db)).ok).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    // The client retries each 503 with the same key once a minute has passed (the key of a request
    // cut short is taken for dead then): the approval runs, or finds itself already done.
    env.clock.advance(61_000);
    const again = await sharedBureauToken(env);
    for (const o of approvals.filter((x) => x.status === 503)) {
      const before = await isPublished(o.subject!);
      const retry = await env.app.inject({
        method: 'POST', url: `/api/challenges/${o.subject}/approve`, headers: { ...bearer(again), 'idempotency-key': o.idempotencyKey! }, payload: { specialFundFen: SPECIAL_FUND_FEN },
      });
      if (before) expect([retry.statusCode, retry.json().code]).toEqual([409, 'illegal_transition']);
      else expect(retry.statusCode).toBe(200);
    }
    const ids = approvals.map((o) => o.subject!);
    expect(await db.select({ id: challenges.id }).from(challenges).where(and(inArray(challenges.id, ids), eq(challenges.state, 'published')))).toHaveLength(ids.length);
    expect(await db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(inArray(ledgerTransfers.id, ids.map((id) => `reserve:${id}`)))).toHaveLength(ids.length);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it('gives back a checked-out connection the moment it drops (drizzle does not release it when its BEGIN fails)', async () => {
    const pool = new ReleasingPool({ connectionString: cluster.url, max: 1 });
    try {
      const client = await pool.connect();
      const dropped = new Promise((resolve) => client.once('error', resolve));
      const [{ pid }] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
      await database.db.execute(sql`select pg_terminate_backend(${pid})`);
      await dropped;
      // The pool's only connection is free again: a plain pg.Pool would wait here for ever.
      const next = await Promise.race([pool.connect(), new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
      expect(next).not.toBeNull();
      next!.release();
      // The holder's own release, as drizzle's `finally` does, changes nothing.
      client.release();
      expect(pool.totalCount).toBe(1);
    } finally {
      await pool.end();
    }
  });
});

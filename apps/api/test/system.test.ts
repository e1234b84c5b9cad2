import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { notificationEvents, openDatabase, searchOutbox } from '@challenge/db';
import { openTestDatabase } from '@challenge/db/testing';
import { createMeilisearchEngine, createPostgresSearchEngine } from '@challenge/search';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startRecordingServer, type Answer } from '../../../packages/search/test/support/meilisearch-stand-in';
import { buildApp } from '../src/app';
import { systemClock, TestClock } from '../src/clock';
import { setupTestApp } from './helpers';

const env = await setupTestApp();
const { app } = env;

describe('system routes', () => {
  it('health reports the database, the search engine, the version and the outboxes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const health = res.json();
    expect(health).toMatchObject({ status: 'ok', version: expect.any(String), database: { ok: true, driver: env.database.driver, latencyMs: expect.any(Number) } });
    expect(health.search).toEqual({ engine: 'postgres', outboxPending: 0, outboxFailing: 0, outboxOldestSeconds: null });
    // The set-up's staff accounts have queued their verification mails; the mail tests look at those.
    expect(health.outbox).toEqual({ eventsPending: 0, eventsOldestSeconds: null, mailPending: expect.any(Number), mailFailed: 0, mailOldestDueSeconds: expect.any(Number) });
  });

  it('health tells how long the oldest waiting event and search change have waited', async () => {
    const db = env.database.db;
    await db.insert(notificationEvents).values({ kind: 'question_answered', createdAt: new Date(env.clock.now().getTime() - 300_000) });
    await db.insert(searchOutbox).values([
      { challengeId: '00000000-0000-4000-8000-00000000a001', operation: 'upsert' },
      { challengeId: '00000000-0000-4000-8000-00000000a002', operation: 'remove', attempts: 2, lastError: 'ECONNREFUSED', changedAt: sql`now() - interval '90 seconds'` },
    ]);
    try {
      const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.outbox).toMatchObject({ eventsPending: 1, eventsOldestSeconds: 300 });
      expect(health.search).toMatchObject({ engine: 'postgres', outboxPending: 2, outboxFailing: 1 });
      expect(health.search.outboxOldestSeconds).toBeGreaterThanOrEqual(90);
      expect(health.search.outboxOldestSeconds).toBeLessThan(150);
    } finally {
      await db.delete(notificationEvents);
      await db.delete(searchOutbox);
    }
  });

  it('with Meilisearch, health says whether it answers (a stand-in server, not Meilisearch); the product stays up either way', async () => {
    let answer: Answer = { status: 200, body: { results: [], offset: 0, limit: 1, total: 0 } };
    const server = await startRecordingServer(() => answer);
    const other = await buildApp({
      db: env.database.db, driver: env.database.driver, clock: env.clock, jwtSecret: 'x'.repeat(40), env: 'test',
      search: createMeilisearchEngine({ url: server.url, fallback: createPostgresSearchEngine() }),
    });
    const search = async () => {
      const res = await other.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      return res.json().search;
    };
    try {
      expect(await search()).toMatchObject({ engine: 'meilisearch', meilisearch: { reachable: true, latencyMs: expect.any(Number) } });
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /indexes/challenges/documents']);
      // An error answer is still an answer: it is up, but something about the index or key is wrong.
      answer = { status: 403, body: { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' } };
      expect(await search()).toMatchObject({ meilisearch: { reachable: true, error: expect.stringContaining('API key is invalid') } });
      await server.close();
      expect(await search()).toMatchObject({ engine: 'meilisearch', meilisearch: { reachable: false, error: expect.any(String) } });
    } finally {
      await other.close();
    }
  });

  it('health answers 503 within seconds when PostgreSQL accepts connections and never answers, and when it is gone', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const database = await openDatabase({ url: `postgres://nobody@127.0.0.1:${(silent.address() as AddressInfo).port}/none`, poolSize: 1 });
    const other = await buildApp({ db: database.db, driver: database.driver, clock: new TestClock(), jwtSecret: 'x'.repeat(40), env: 'test' });
    await other.ready();
    try {
      const started = Date.now();
      const hung = await other.inject({ method: 'GET', url: '/api/health' });
      expect(hung.statusCode).toBe(503);
      expect(hung.json()).toMatchObject({ status: 'degraded', database: { ok: false, driver: 'pg' } });
      expect(Date.now() - started).toBeLessThan(5_000);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      const gone = await other.inject({ method: 'GET', url: '/api/health' });
      expect(gone.statusCode).toBe(503);
      expect(gone.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
    } finally {
      // A connection left waiting on the silent server would keep the pool from ending.
      for (const socket of sockets) socket.destroy();
      silent.close();
      await other.close();
      await database.close();
    }
  });

  it('serves the OpenAPI document with every route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/register', '/api/auth/login', '/api/me', '/api/organizations/{id}/verify', '/api/users/{id}/disable', '/api/audit/verify']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('answers unknown routes with a localised problem', async () => {
    const zh = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ code: 'not_found', title: '未找到' });
    const en = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'fr;q=0.9, en;q=0.8' } });
    expect(en.json().title).toBe('Not found');
  });

  it('answers malformed JSON with a problem, not a crash', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('validation_failed');
  });

  it('the test clock route moves the injected clock under NODE_ENV=test', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test/clock', payload: { now: '2030-01-02T03:04:05.000Z' } });
    expect(res.statusCode).toBe(200);
    expect(new Date(res.json().now).getTime()).toBeGreaterThanOrEqual(Date.parse('2030-01-02T03:04:05.000Z'));
    expect(env.clock.now().getUTCFullYear()).toBe(2030);
    await app.inject({ method: 'POST', url: '/api/test/clock', payload: { reset: true } });
    expect(Math.abs(env.clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it.each(['production', 'development'] as const)('the test clock route does not exist under NODE_ENV=%s', async (mode) => {
    const database = await openTestDatabase();
    for (const clock of [systemClock, new TestClock()]) {
      const other = await buildApp({ db: database.db, driver: database.driver, clock, jwtSecret: 'x'.repeat(40), env: mode });
      const res = await other.inject({ method: 'POST', url: '/api/test/clock', payload: { now: '2030-01-01T00:00:00Z' } });
      expect(res.statusCode).toBe(404);
      await other.close();
    }
    await database.close();
  });
});

/**
 * Structured logs: JSON lines with one id per request, echoed in X-Request-Id and quoted by a 5xx
 * problem; passwords, tokens and credential headers never reach a line. The app logs into a stream
 * the test reads, as it logs to standard output in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@challenge/db/testing';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app';
import { TestClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { ensureBureauAdmin } from '../src/demo/seed';

const database = await openTestDatabase();
const clock = new TestClock();
const dataDir = mkdtempSync(join(tmpdir(), 'challenge-logging-'));
let written: string[] = [];
const app = await buildApp({
  db: database.db, driver: database.driver, clock, jwtSecret: 'test-secret-that-is-long-enough-0123456789', env: 'test', dataDir,
  logger: { stream: { write: (line) => void written.push(line) } },
});
await app.ready();
let databaseOpen = true;
afterAll(async () => {
  await app.close();
  if (databaseOpen) await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  written = [];
});

type Line = { level: number; reqId?: string; msg: string; req?: { method: string; url: string }; res?: { statusCode: number }; err?: { message: string } };
const lines = (): Line[] => written.map((l) => JSON.parse(l) as Line);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request logs', () => {
  test('are on in production unless LOG_REQUESTS=0, and elsewhere only with LOG_REQUESTS=1', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), DATA_DIR: dataDir };
    expect(loadConfig(production).logRequests).toBe(true);
    expect(loadConfig({ ...production, LOG_REQUESTS: '0' }).logRequests).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir }).logRequests).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, LOG_REQUESTS: '1' }).logRequests).toBe(true);
  });

  test('each request is logged as JSON lines under one id, which the answer carries back', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/health' });
    const second = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    const [a, b] = [first.headers['x-request-id'], second.headers['x-request-id']] as string[];
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
    // Every line is a JSON object, and each request has its own lines.
    const of = (id: string) => lines().filter((l) => l.reqId === id);
    expect(of(a!).map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(of(a!)[0]!.req).toMatchObject({ method: 'GET', url: '/api/health' });
    expect(of(a!)[1]!.res).toEqual({ statusCode: 200 });
    expect(of(b!)[1]!.res).toEqual({ statusCode: 404 });
  });

  test('a plain incoming X-Request-Id (a proxy’s) is kept; anything else is replaced by a fresh one', async () => {
    const kept = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-7f3a9c2e:0001' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c2e:0001');
    expect(lines().filter((l) => l.reqId === 'lb-7f3a9c2e:0001')).toHaveLength(2);
    for (const given of ['short', 'has spaces in it', '"quoted-id-value"', 'x'.repeat(129), 'ünïcode-request-id']) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': given } });
      expect(res.headers['x-request-id'], given).toMatch(UUID);
    }
    expect(written.join('')).not.toContain('has spaces in it');
  });

  test('passwords, tokens and credential headers never reach the log', async () => {
    const password = 'Pa55word-that-must-not-be-logged';
    const email = 'officer.logging@kgj.example.gov.cn';
    await ensureBureauAdmin({ db: database.db, clock }, { email, password });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    expect(login.statusCode).toBe(200);
    const { accessToken, refreshToken } = login.json() as { accessToken: string; refreshToken: string };
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${accessToken}`, cookie: 'session=cookie-secret-value' } });
    expect(me.statusCode).toBe(200);
    // An unsubscribe link's signed token travels in the query string.
    await app.inject({ method: 'GET', url: '/api/unsubscribe?token=unsubscribe-secret-value&lang=en' });
    // Should someone log a body or the headers, the logger blanks them.
    app.log.info({ body: { email, password }, headers: { authorization: `Bearer ${accessToken}`, cookie: 'session=cookie-secret-value' }, refreshToken }, 'careless');

    const text = written.join('');
    expect(lines().length).toBeGreaterThanOrEqual(7);
    for (const secret of [password, accessToken, refreshToken, 'cookie-secret-value', 'unsubscribe-secret-value']) expect(text).not.toContain(secret);
    expect(lines().find((l) => l.req?.url.startsWith('/api/unsubscribe'))!.req!.url).toBe('/api/unsubscribe?token=%5Bredacted%5D&lang=en');
    expect(lines().find((l) => l.msg === 'careless')).toMatchObject({
      body: { email, password: '[redacted]' }, headers: { authorization: '[redacted]', cookie: '[redacted]' }, refreshToken: '[redacted]',
    });
  });

  test('a 5xx answer quotes the request id, and the error is logged under it', async () => {
    // The database goes away under the running app.
    await database.close();
    databaseOpen = false;
    const res = await app.inject({ method: 'GET', url: '/api/challenges', headers: { 'x-request-id': 'support-ticket-0042' } });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(res.headers['x-request-id']).toBe('support-ticket-0042');
    expect(res.json()).toMatchObject({ requestId: 'support-ticket-0042', status: res.statusCode });
    const error = lines().find((l) => l.reqId === 'support-ticket-0042' && l.level >= 50);
    expect(error).toMatchObject({ msg: 'request failed', err: { message: expect.any(String) } });
    // A 4xx needs no id in its body: the client's own request explains it.
    const notFound = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(notFound.json()).not.toHaveProperty('requestId');
  });
});

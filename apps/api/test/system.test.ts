import { openTestDatabase } from '@challenge/db/testing';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { systemClock, TestClock } from '../src/clock';
import { setupTestApp } from './helpers';

const env = await setupTestApp();
const { app } = env;

describe('system routes', () => {
  it('health reports the database and version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { ok: true, driver: env.database.driver } });
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

import { auditLog } from '@challenge/db';
import { noticePeriodEnd } from '@challenge/domain';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { loadCalendar } from '../src/services/decisions/decide';
import { bearer, fingerprint, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver } from './helpers';

const env = await setupTestApp();
const { app } = env;

const put = (year: number | string, token: string | undefined, payload: unknown) =>
  app.inject({ method: 'PUT', url: `/api/calendar/${year}`, headers: token ? bearer(token) : {}, payload: payload as Record<string, unknown> });

// 2027 as a bureau might enter it: a three-day Qingming break (Sat 3 – Mon 5 April) and
// a Spring Festival week with a worked Sunday (dates for the test only, not the State Council's).
const YEAR_2027 = {
  holidays: [
    { day: '2027-02-06', note: '春节' }, { day: '2027-02-07' }, { day: '2027-02-08' }, { day: '2027-02-09' }, { day: '2027-02-10' }, { day: '2027-02-11' }, { day: '2027-02-12' },
    { day: '2027-04-05', note: '清明节' },
  ],
  workdays: [{ day: '2027-02-14', note: '春节调休' }],
};

describe('the bureau’s working-day calendar', () => {
  test('anyone reads a year; 2026 is seeded from the State Council’s notice', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/calendar/2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.holidays.map((h: { day: string }) => h.day)).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-02-15']));
    expect(body.workdays.map((w: { day: string }) => w.day)).toContain('2026-10-10');
    expect(body.holidays.find((h: { day: string }) => h.day === '2026-10-01')).toEqual({ day: '2026-10-01', note: '国庆节' });
    expect((await app.inject({ method: 'GET', url: '/api/calendar/2027' })).json()).toEqual({ year: 2027, holidays: [], workdays: [] });
  });

  test('only the bureau enters a year; bad entries are all named and nothing changes', async () => {
    const bureau = await sharedBureauToken(env);
    const others = [(await verifiedEnterprise(env)).token, (await verifiedSolver(env)).token, (await staffToken(env, 'expert')).token, (await staffToken(env, 'finance')).token];
    const before = await fingerprint(env);
    expect((await put(2027, undefined, YEAR_2027)).statusCode).toBe(401);
    for (const token of others) {
      expect((await put(2027, token, YEAR_2027)).statusCode).toBe(403);
    }
    const bad = await put(2027, bureau, {
      holidays: [{ day: '2027-13-01 and a long tail' }, { day: '2028-01-01' }, { day: '2027-05-01' }, { day: '2027-05-01' }],
      workdays: [{ day: '2027-02-10' }, { day: '2027-05-01' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'holidays.0:invalid_date', 'holidays.1:outside_year', 'holidays.3:duplicate', 'workdays.0:workday_not_weekend', 'workdays.1:holiday_and_workday',
    ]);
    expect((await put(1999, bureau, YEAR_2027)).statusCode).toBe(422);
    expect(await fingerprint(env)).toEqual(before);
  });

  test('a year entered counts at once for notice periods, replaces what the year had, and is audited', async () => {
    const bureau = await sharedBureauToken(env);
    const res = await put(2027, bureau, YEAR_2027);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, holidays: expect.arrayContaining([{ day: '2027-02-06', note: '春节' }]), workdays: [{ day: '2027-02-14', note: '春节调休' }] });

    // Published Friday 5 February 2027, 10:00 Beijing: 6–12 off, Sun 14 worked, so 14, 15, 16, 17, 18 → ends 24:00 on the 18th.
    const calendar = await loadCalendar(env.database.db);
    expect(noticePeriodEnd(calendar, new Date('2027-02-05T02:00:00Z')).toISOString()).toBe('2027-02-18T16:00:00.000Z');

    // Entered again without Qingming: the year is replaced, not added to.
    const again = await put(2027, bureau, { holidays: YEAR_2027.holidays.slice(0, 7), workdays: YEAR_2027.workdays });
    expect(again.json().holidays.map((h: { day: string }) => h.day)).not.toContain('2027-04-05');
    expect((await app.inject({ method: 'GET', url: '/api/calendar/2026' })).json().holidays.length).toBeGreaterThan(20);
    const audit = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'calendar'), eq(auditLog.entityId, '2027')));
    expect(audit.map((a) => a.action)).toEqual(['calendar.set', 'calendar.set']);
    expect(audit[1]!.before).toMatchObject({ days: expect.arrayContaining([{ day: '2027-04-05', kind: 'holiday' }]) });
  });
});

import { appendAudit, calendarDays } from '@challenge/db';
import { AppError, calendarIssues, type Actor, type FieldIssue } from '@challenge/domain';
import { and, asc, gte, lte } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';

export interface CalendarDay {
  day: string;
  note?: string | null;
}
export interface CalendarYearInput {
  holidays: CalendarDay[];
  workdays: CalendarDay[];
}

const bounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;
const inYear = (year: number) => and(gte(calendarDays.day, bounds(year)[0]), lte(calendarDays.day, bounds(year)[1]));

/** One year of the bureau's calendar: the public holidays and the weekend days worked in their place. */
export async function readCalendarYear(ctx: ServiceContext, year: number) {
  const rows = await ctx.db.select().from(calendarDays).where(inYear(year)).orderBy(asc(calendarDays.day));
  const of = (kind: 'holiday' | 'workday') => rows.filter((r) => r.kind === kind).map((r) => ({ day: r.day, note: r.note }));
  return { year, holidays: of('holiday'), workdays: of('workday') };
}

/**
 * The bureau enters a year's holidays and adjusted working days as the State Council publishes them
 * (each December for the next year), replacing what the year had. Notice periods already published
 * keep the end they were given: a date people were told is not moved afterwards.
 */
export async function setCalendarYear(ctx: ServiceContext, actor: Actor, year: number, input: CalendarYearInput) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'calendar', action: 'set' });
  const holidays = input.holidays.map((h) => h.day);
  const workdays = input.workdays.map((w) => w.day);
  const issues: FieldIssue[] = [...calendarIssues({ holidays, workdays })];
  const [first, last] = bounds(year);
  const seen = new Set<string>();
  for (const [list, days] of [['holidays', holidays], ['workdays', workdays]] as const) {
    days.forEach((day, i) => {
      if (issues.some((x) => x.field === `${list}.${i}`)) return;
      if (day < first || day > last) issues.push({ field: `${list}.${i}`, code: 'outside_year', params: { year } });
      else if (seen.has(`${list}:${day}`)) issues.push({ field: `${list}.${i}`, code: 'duplicate' });
      seen.add(`${list}:${day}`);
    });
  }
  if (issues.length > 0) throw AppError.invalid(issues);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.select().from(calendarDays).where(inYear(year)).orderBy(asc(calendarDays.day)).for('update');
    await tx.delete(calendarDays).where(inYear(year));
    const rows = [
      ...input.holidays.map((h) => ({ day: h.day, kind: 'holiday' as const, note: h.note?.trim() || null })),
      ...input.workdays.map((w) => ({ day: w.day, kind: 'workday' as const, note: w.note?.trim() || null })),
    ];
    if (rows.length > 0) await tx.insert(calendarDays).values(rows);
    await appendAudit(tx, {
      at: ctx.clock.now(), actorId: actor.userId, actorRole: actor.role, action: 'calendar.set', entityType: 'calendar', entityId: String(year),
      before: { days: before.map((r) => ({ day: r.day, kind: r.kind })) }, after: { days: rows.map((r) => ({ day: r.day, kind: r.kind })) },
    });
    return readCalendarYear({ ...ctx, db: tx }, year);
  });
}

/*
 * Calendar dates as the district counts them. product.md "States": deadlines are instants, shown in
 * Beijing time (UTC+8). Working days, milestone due dates and receipt years are Beijing calendar
 * dates, written 'YYYY-MM-DD' — a string, not a Date, so a date can never be mistaken for an
 * instant and compares correctly as text. China has had no daylight saving time since 1991, so
 * Beijing is UTC+8 all year and the conversion is a fixed offset, with no time-zone database.
 */

/** A Beijing calendar date, 'YYYY-MM-DD'. */
export type CalendarDate = string;

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real date in 'YYYY-MM-DD' (years 1000–9999): `2026-02-30` and `2026-2-3` are not. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = SHAPE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** UTC midnight of the date: an internal carrier for day arithmetic, never an instant of the domain. */
function utcMidnight(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${String(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

const fromUtcMidnight = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

/**
 * The first and last dates the YYYY-MM-DD form holds. A term of months past them stays there instead
 * of failing: a deadline in year 9999 plus a project's term is "as late as can be", not a server error
 * (the fuzzer found that one), and so is the Beijing date of an instant late on 9999-12-31 UTC. Day
 * arithmetic still throws past them, so that a day-by-day loop ends.
 */
export const FIRST_CALENDAR_DATE: CalendarDate = '1000-01-01';
export const LAST_CALENDAR_DATE: CalendarDate = '9999-12-31';

/** The Beijing calendar date of an instant: 2026-03-01T16:30Z is already 2026-03-02 in Beijing. */
export function beijingDate(instant: Date): CalendarDate {
  const date = fromUtcMidnight(instant.getTime() + OFFSET_MS);
  // An instant late on 9999-12-31 UTC (a deadline can be one) is already in year 10000 in Beijing.
  return date.startsWith('+') ? LAST_CALENDAR_DATE : date;
}

/** 00:00 Beijing time of the date, as an instant (16:00 UTC of the day before). */
export function beijingStartOfDay(date: CalendarDate): Date {
  return new Date(utcMidnight(date) - OFFSET_MS);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/**
 * The same day `months` later, clamped to the end of a shorter month (2026-01-31 + 1 → 2026-02-28),
 * the way a contract term of "N months" is read; never spills into the month after.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  utcMidnight(date); // throws on a malformed date
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  if (year > 9999) return LAST_CALENDAR_DATE;
  if (year < 1000) return FIRST_CALENDAR_DATE;
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export const isWeekend = (date: CalendarDate): boolean => {
  const w = weekday(date);
  return w === 0 || w === 6;
};

import { AppError, type FieldIssue } from '../errors';
import { addDays, beijingDate, beijingStartOfDay, isCalendarDate, isWeekend, type CalendarDate } from './beijing-date';

/*
 * Working days (工作日) for the public notice (公示期) and anything else counted in working days
 * (architecture.md "Time"): Monday to Friday, minus public holidays, plus the adjusted working days
 * (调休上班日) on which a weekend is worked to lengthen a holiday. The State Council announces them
 * a year at a time, so they are data the bureau enters, not rules that can be computed.
 */
export interface WorkingCalendar {
  /** Days off by the holiday schedule (法定节假日 and the days moved into a holiday by 调休), any weekday. */
  readonly holidays: ReadonlySet<CalendarDate>;
  /** Weekend days that are working days (调休上班日). */
  readonly workdays: ReadonlySet<CalendarDate>;
}

export interface CalendarEntries {
  readonly holidays: Iterable<CalendarDate>;
  readonly workdays: Iterable<CalendarDate>;
}

/** The notice period's default length (product.md step 7: "default 5 working days"). */
export const NOTICE_PERIOD_WORKING_DAYS = 5;
/** The longest notice period the rules accept; a bound that keeps a typo from running for a year. */
export const MAX_NOTICE_PERIOD_WORKING_DAYS = 30;

export const CALENDAR_ISSUE_CODES = ['invalid_date', 'workday_not_weekend', 'holiday_and_workday'] as const;

/**
 * What is wrong with the bureau's calendar entries, all at once: dates that are not 'YYYY-MM-DD',
 * an adjusted working day on a weekday (it would change nothing, so it is almost surely a typo), and
 * a date entered as both a holiday and a working day (the calendar could not say which it is).
 */
export function calendarIssues(entries: CalendarEntries): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const holidays = [...entries.holidays];
  const workdays = [...entries.workdays];
  holidays.forEach((d, i) => {
    if (!isCalendarDate(d)) issues.push({ field: `holidays.${i}`, code: 'invalid_date' });
  });
  const holidaySet = new Set(holidays);
  workdays.forEach((d, i) => {
    if (!isCalendarDate(d)) issues.push({ field: `workdays.${i}`, code: 'invalid_date' });
    else if (!isWeekend(d)) issues.push({ field: `workdays.${i}`, code: 'workday_not_weekend' });
    else if (holidaySet.has(d)) issues.push({ field: `workdays.${i}`, code: 'holiday_and_workday' });
  });
  return issues;
}

/** A calendar from entries, refusing (validation_failed) entries with any issue. */
export function workingCalendar(entries: CalendarEntries): WorkingCalendar {
  const issues = calendarIssues(entries);
  if (issues.length > 0) throw AppError.invalid(issues);
  return { holidays: new Set(entries.holidays), workdays: new Set(entries.workdays) };
}

/**
 * Whether the Beijing calendar date (of an instant, or given as a date) is a working day. A date in
 * both sets — which calendarIssues refuses — counts as a holiday: a longer notice period is the
 * safe side for people who may object.
 */
export function isWorkingDay(calendar: WorkingCalendar, date: CalendarDate | Date): boolean {
  const day = typeof date === 'string' ? date : beijingDate(date);
  if (calendar.holidays.has(day)) return false;
  if (calendar.workdays.has(day)) return true;
  return !isWeekend(day);
}

export interface NoticePeriod {
  /** The first working day counted. */
  readonly firstDay: CalendarDate;
  /** The last working day counted; the period runs to 24:00 Beijing time of this day. */
  readonly lastDay: CalendarDate;
  /** 24:00 Beijing time of `lastDay`, i.e. 00:00 +08:00 of the next day, as an instant. */
  readonly endsAt: Date;
}

/**
 * The public notice (公示) that follows a decision: `workingDays` full working days, counted from
 * the day after publication, ending at 24:00 Beijing time of the last one.
 *
 * Why the day after: the publication day is never a full day, and the Civil Code counts periods the
 * same way — "开始的当日不计入，自下一日开始计算" (民法典 art. 201) and "期间的最后一日的截止时间为二十四时"
 * (art. 203). So a decision published on Monday 09:00 or Monday 23:59 Beijing time runs Tuesday to
 * the next Monday, ending at Tuesday 00:00 +08:00. The day is the Beijing date of `publishedAt`,
 * whatever the UTC date (22:00 Beijing time on the 5th is 14:00 UTC on the 5th; 01:00 on the 6th
 * is still the 5th in UTC). Ends are compared with the transaction's clock: open while now < endsAt.
 */
export function noticePeriod(calendar: WorkingCalendar, publishedAt: Date, workingDays: number = NOTICE_PERIOD_WORKING_DAYS): NoticePeriod {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_NOTICE_PERIOD_WORKING_DAYS) {
    throw AppError.invalid([{ field: 'workingDays', code: 'out_of_range', params: { min: 1, max: MAX_NOTICE_PERIOD_WORKING_DAYS } }]);
  }
  let day = beijingDate(publishedAt);
  let firstDay: CalendarDate | null = null;
  // Terminates: the calendar lists finitely many holidays, and past the last one every weekday works.
  for (let counted = 0; counted < workingDays; ) {
    day = addDays(day, 1);
    if (isWorkingDay(calendar, day)) {
      counted++;
      firstDay ??= day;
    }
  }
  return { firstDay: firstDay!, lastDay: day, endsAt: beijingStartOfDay(addDays(day, 1)) };
}

/** The instant the notice period ends (see noticePeriod). */
export function noticePeriodEnd(calendar: WorkingCalendar, publishedAt: Date, workingDays: number = NOTICE_PERIOD_WORKING_DAYS): Date {
  return noticePeriod(calendar, publishedAt, workingDays).endsAt;
}

/**
 * The years between two instants (Beijing dates, inclusive) for which the calendar holds no
 * holiday at all, i.e. that the bureau has not entered yet: New Year's Day is a public holiday
 * every year, so an entered year always has one. A period counted through such a year would
 * silently treat its holidays as working days; the service warns the bureau instead.
 */
export function missingCalendarYears(calendar: WorkingCalendar, from: Date, to: Date): number[] {
  const entered = new Set([...calendar.holidays].map((d) => Number(d.slice(0, 4))));
  const missing: number[] = [];
  for (let y = Number(beijingDate(from).slice(0, 4)); y <= Number(beijingDate(to).slice(0, 4)); y++) {
    if (!entered.has(y)) missing.push(y);
  }
  return missing;
}

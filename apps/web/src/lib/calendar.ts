/**
 * The bureau's working-day calendar (工作日历) as the API answers it (apps/api/src/schemas/calendar.ts):
 * one year's holidays and the weekend days worked in their place (调休上班), by which the public
 * notice period (公示期) is counted. How the calendar page writes it as text lines, reads the lines
 * back, draws the year and names the lines the API refuses; no server code here.
 */
import { beijingDate, isWeekend } from '@challenge/domain';
import type { FormIssue } from './forms';
import type { Translate } from './i18n';

export interface CalendarDay {
  /** 'YYYY-MM-DD', a Beijing calendar date. */
  day: string;
  note: string | null;
}

/** `GET /api/calendar/:year`: what is not listed is an ordinary day (weekends off). */
export interface CalendarYear {
  year: number;
  holidays: CalendarDay[];
  workdays: CalendarDay[];
}

/** `PUT /api/calendar/:year`: the whole year, replacing what it had. */
export interface CalendarYearInput {
  holidays: { day: string; note?: string }[];
  workdays: { day: string; note?: string }[];
}

export type CalendarList = 'holidays' | 'workdays';
export const CALENDAR_LISTS: readonly CalendarList[] = ['holidays', 'workdays'];

/** The API's bounds (YearParams and CalendarYearBody in apps/api/src/schemas/calendar.ts). */
export const CALENDAR_LIMITS = { minYear: 2000, maxYear: 2100, holidays: 60, workdays: 30, note: 100 } as const;

/** This year in Beijing (the calendar's own time zone), by the web server's clock. */
export const currentCalendarYear = (now = new Date()): number => Number(beijingDate(now).slice(0, 4));

/** `?year=` as a year the API accepts; null when absent or not one. */
export function parseYear(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value.trim())) return null;
  const year = Number(value.trim());
  return year >= CALENDAR_LIMITS.minYear && year <= CALENDAR_LIMITS.maxYear ? year : null;
}

// ---------------------------------------------------------------------------------------------
// The form: one day per line, `YYYY-MM-DD note`.

/** One line of a textarea that names a day, with its line number (1-based; blank lines are skipped but counted). */
export interface CalendarLine {
  line: number;
  day: string;
  note?: string;
}

/** The date a line starts with, leniently: `2027-1-1`, `2027/01/01` and `2027.1.1` are read as `2027-01-01`. */
const LEADING_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)\s*(.*)$/u;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The lines that say something, in the order typed (the API's `holidays.3` is the fourth of them). */
export function parseCalendarLines(text: string): CalendarLine[] {
  const out: CalendarLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = LEADING_DATE.exec(line);
    // Anything else is sent as it is, for the API to refuse as `invalid_date` with the line named.
    const [day, rest] = m ? [`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`, m[4] ?? ''] : splitFirst(line);
    const note = rest.trim();
    out.push(note === '' ? { line: i + 1, day } : { line: i + 1, day, note });
  });
  return out;
}

function splitFirst(line: string): [string, string] {
  const at = line.search(/\s/u);
  return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
}

/** The days as the textarea shows them, one a line. */
export const calendarLinesText = (days: readonly CalendarDay[]): string => days.map((d) => (d.note ? `${d.day} ${d.note}` : d.day)).join('\n');

/**
 * What the API cannot be asked about: a note over its limit or too many lines (its schema would
 * refuse the whole body without naming the line). Field `holidays`, the line in `params.line`.
 * A line that does not start with a date is left to the API, which names it with the others.
 */
export function calendarLineIssues(list: CalendarList, lines: readonly CalendarLine[]): FormIssue[] {
  const issues: FormIssue[] = [];
  if (lines.length > CALENDAR_LIMITS[list]) issues.push({ field: list, code: 'too_many', message: '', params: { max: CALENDAR_LIMITS[list] } });
  for (const l of lines) {
    if ((l.note ?? '').length > CALENDAR_LIMITS.note) issues.push({ field: list, code: 'note_too_long', message: '', params: { line: l.line, day: l.day, max: CALENDAR_LIMITS.note } });
  }
  return issues;
}

/**
 * The lines as the API takes them. A first word too long to be a date is sent as '' (the schema
 * would refuse its length and nothing else): the API then reports it as `invalid_date`, together
 * with everything else wrong, and the page names it as typed.
 */
export const calendarBody = (lines: readonly CalendarLine[]): CalendarYearInput['holidays'] =>
  lines.map((l) => ({ day: l.day.length <= 10 ? l.day : '', ...(l.note ? { note: l.note } : {}) }));

/**
 * An API issue on the textarea it concerns: `holidays.3` (or `holidays.3.note`, from the schema)
 * becomes field `holidays` with the fourth sent line's number and date in `params`.
 */
export function issueOnLines(issue: FormIssue, lines: Record<CalendarList, readonly CalendarLine[]>): FormIssue {
  const m = /^(holidays|workdays)(?:\.(\d+))?(?:\.\w+)?$/.exec(issue.field);
  if (!m) return issue;
  const list = m[1] as CalendarList;
  const sent = m[2] === undefined ? undefined : lines[list][Number(m[2])];
  return { ...issue, field: list, params: sent ? { ...issue.params, line: sent.line, day: sent.day } : issue.params };
}

const OWN_ISSUE_CODES = ['invalid_date', 'outside_year', 'duplicate', 'workday_not_weekend', 'holiday_and_workday', 'note_too_long', 'too_many'] as const;
type OwnIssueCode = (typeof OWN_ISSUE_CODES)[number];

/** An issue as a sentence that names the textarea and the line: "Adjusted working days, line 2: …". */
export function calendarIssueText(t: Translate, issue: FormIssue, label: string | undefined): string {
  const p = issue.params ?? {};
  const line = p.line;
  if (!label) return issue.message;
  if ((OWN_ISSUE_CODES as readonly string[]).includes(issue.code) && (line !== undefined || issue.code === 'too_many')) {
    const day = String(p.day ?? '');
    const weekday = SHAPE.test(day) ? t(`calendar.weekdays.${WEEKDAY_KEYS[mondayIndex(day)]!}.long`) : '';
    return t(`calendar.issues.${issue.code as OwnIssueCode}`, { ...p, label, line: line ?? '', day, weekday });
  }
  return line !== undefined ? t('calendar.issues.line', { label, line, message: issue.message }) : t('calendar.issues.field', { label, message: issue.message });
}

// ---------------------------------------------------------------------------------------------
// The year drawn as twelve months.

export type DayKind = 'holiday' | 'workday' | 'weekend' | 'weekday';

export interface GridDay {
  day: string;
  date: number;
  kind: DayKind;
  note: string | null;
}

/** Consecutive days of a month entered alike (kind and note), e.g. the days of a holiday period. */
export interface DayRun {
  kind: 'holiday' | 'workday';
  from: number;
  to: number;
  note: string | null;
}

export interface GridMonth {
  month: number;
  key: MonthKey;
  /** Monday-first weeks; null pads the first and last. */
  weeks: (GridDay | null)[][];
  runs: DayRun[];
}

export const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
export type MonthKey = (typeof MONTH_KEYS)[number];
/** Monday first, as Chinese calendars are printed. */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const mondayIndex = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

export function yearGrid(calendar: CalendarYear): GridMonth[] {
  const holidays = new Map(calendar.holidays.map((d) => [d.day, d.note]));
  const workdays = new Map(calendar.workdays.map((d) => [d.day, d.note]));
  return MONTH_KEYS.map((key, i) => {
    const month = i + 1;
    const length = new Date(Date.UTC(calendar.year, month, 0)).getUTCDate();
    const days: GridDay[] = Array.from({ length }, (_, d) => {
      const day = `${calendar.year}-${pad(month)}-${pad(d + 1)}`;
      // A day in both lists (which the API refuses) counts as a holiday, as the domain reads it.
      const kind: DayKind = holidays.has(day) ? 'holiday' : workdays.has(day) ? 'workday' : isWeekend(day) ? 'weekend' : 'weekday';
      return { day, date: d + 1, kind, note: holidays.get(day) ?? workdays.get(day) ?? null };
    });
    const cells: (GridDay | null)[] = [...Array<null>(mondayIndex(days[0]!.day)).fill(null), ...days];
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    const runs: DayRun[] = [];
    for (const d of days) {
      if (d.kind !== 'holiday' && d.kind !== 'workday') continue;
      const last = runs.at(-1);
      if (last && last.kind === d.kind && last.note === d.note && last.to === d.date - 1) last.to = d.date;
      else runs.push({ kind: d.kind, from: d.date, to: d.date, note: d.note });
    }
    return { month, key, weeks, runs };
  });
}

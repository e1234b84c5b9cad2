import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AppError, CHINA_CALENDAR_SEED, FIRST_CALENDAR_DATE, LAST_CALENDAR_DATE, MAX_NOTICE_PERIOD_WORKING_DAYS, addDays, addMonths, beijingDate, beijingStartOfDay, calendarIssues,
  isCalendarDate, isWeekend, isWorkingDay, missingCalendarYears, noticePeriod, noticePeriodEnd, seededChinaCalendar, weekday,
  workingCalendar, type WorkingCalendar,
} from '../src/index';

const NONE: WorkingCalendar = { holidays: new Set(), workdays: new Set() };
const CHINA = seededChinaCalendar();
const utc = (s: string) => new Date(s);
/** An instant given in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);

// An oracle written apart from the code: a day works iff it is an adjusted working day, or a
// Monday–Friday that is not a holiday (test calendars never put a date in both sets).
const works = (cal: WorkingCalendar, d: string) => {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return cal.workdays.has(d) || (!cal.holidays.has(d) && dow >= 1 && dow <= 5);
};

describe('Beijing calendar dates', () => {
  it('an instant belongs to its Beijing date, not its UTC date', () => {
    expect(beijingDate(utc('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(beijingDate(utc('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(beijingDate(utc('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(beijingStartOfDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('recognises real dates only', () => {
    for (const d of ['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31']) expect(isCalendarDate(d), d).toBe(true);
    for (const d of ['2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '20260101', '2026-01-01T00:00', '', null, 20260101]) {
      expect(isCalendarDate(d), String(d)).toBe(false);
    }
  });

  it('adds months the way a contract term reads, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-06-30', 18)).toBe('2027-12-30');
    expect(addMonths('2026-05-31', 0)).toBe('2026-05-31');
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
  });

  it('adds months within the dates YYYY-MM-DD can write instead of failing past them', () => {
    expect(addMonths('9999-06-30', 60)).toBe(LAST_CALENDAR_DATE);
    expect(addMonths('1000-03-31', -3)).toBe(FIRST_CALENDAR_DATE);
    expect(addMonths('9999-06-30', 6)).toBe('9999-12-30');
    expect(beijingDate(utc('9999-12-31T20:00:00Z'))).toBe(LAST_CALENDAR_DATE);
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: -200_000, max: 200_000 }), (years, months) => {
      expect(isCalendarDate(addMonths(addDays('9899-01-01', years * 365), months))).toBe(true);
    }));
  });

  it('property: day arithmetic is invertible and moves the weekday along', () => {
    const date = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), (d, n) => {
        const moved = addDays(d, n);
        expect(isCalendarDate(moved)).toBe(true);
        expect(addDays(moved, -n)).toBe(d);
        expect(weekday(moved)).toBe((((weekday(d) + n) % 7) + 7) % 7);
      }),
    );
  });

  it('property: adding months keeps the day unless the month is shorter, and lands in the right month', () => {
    const date = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (d, m) => {
        const r = addMonths(d, m);
        const [y, mo, day] = d.split('-').map(Number) as [number, number, number];
        const [ry, rmo, rday] = r.split('-').map(Number) as [number, number, number];
        expect(ry * 12 + rmo - (y * 12 + mo)).toBe(m);
        expect(rday).toBeLessThanOrEqual(day);
        if (rday < day) expect(addDays(r, 1).slice(8)).toBe('01'); // clamped only to the last day of the month
      }),
    );
  });
});

describe('working days (architecture.md "Time")', () => {
  it('weekdays work, weekends do not, holidays and adjusted working days override', () => {
    const cal = workingCalendar({ holidays: ['2030-05-01'], workdays: ['2030-05-04'] }); // a constructed calendar
    expect(isWorkingDay(cal, '2030-04-30')).toBe(true); // Tuesday
    expect(isWorkingDay(cal, '2030-05-01')).toBe(false); // Wednesday, holiday
    expect(isWorkingDay(cal, '2030-05-04')).toBe(true); // Saturday, worked
    expect(isWorkingDay(cal, '2030-05-05')).toBe(false); // Sunday
    expect(isWorkingDay(NONE, '2030-05-01')).toBe(true);
  });

  it('a date in both sets (refused on entry) counts as a holiday', () => {
    expect(isWorkingDay({ holidays: new Set(['2030-05-04']), workdays: new Set(['2030-05-04']) }, '2030-05-04')).toBe(false);
  });

  it('an instant is judged by its Beijing date', () => {
    expect(isWorkingDay(CHINA, utc('2026-10-09T15:59:59Z'))).toBe(true); // Fri 9 Oct 23:59 Beijing
    expect(isWorkingDay(CHINA, utc('2026-10-09T16:00:00Z'))).toBe(true); // Sat 10 Oct 00:00 Beijing, adjusted working day
    expect(isWorkingDay(CHINA, utc('2026-10-10T16:00:00Z'))).toBe(false); // Sun 11 Oct
    expect(isWorkingDay(CHINA, utc('2026-09-30T16:00:00Z'))).toBe(false); // 1 Oct, National Day
  });

  it('the 2026 seed follows the State Council notice of 4 November 2025', () => {
    expect(CHINA_CALENDAR_SEED.map((y) => y.year)).toEqual([2026]);
    const [y2026] = CHINA_CALENDAR_SEED;
    expect(y2026!.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(y2026!.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of ['2026-01-01', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07']) {
      expect(isWorkingDay(CHINA, d), d).toBe(false);
    }
    for (const d of y2026!.workdays) expect(isWeekend(d) && isWorkingDay(CHINA, d), d).toBe(true);
    // 27 September is the Sunday of the Mid-Autumn holiday, not a working day; 8 October is.
    expect(isWorkingDay(CHINA, '2026-09-27')).toBe(false);
    expect(isWorkingDay(CHINA, '2026-10-08')).toBe(true);
    expect(calendarIssues({ holidays: y2026!.holidays, workdays: y2026!.workdays })).toEqual([]);
  });

  it('refuses calendar entries that are not dates, weekday "adjusted working days" and dates in both sets', () => {
    const entries = { holidays: ['2026-10-01', '2026-10-32'], workdays: ['2026-10-10', '2026-10-09', '2026-10-01', 'soon'] };
    expect(calendarIssues(entries)).toEqual([
      { field: 'holidays.1', code: 'invalid_date' },
      { field: 'workdays.1', code: 'workday_not_weekend' },
      { field: 'workdays.2', code: 'workday_not_weekend' },
      { field: 'workdays.3', code: 'invalid_date' },
    ]);
    expect(calendarIssues({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toEqual([{ field: 'workdays.0', code: 'holiday_and_workday' }]);
    expect(() => workingCalendar(entries)).toThrow(AppError);
  });

  it('reports years of a period that the bureau has not entered', () => {
    expect(missingCalendarYears(CHINA, utc('2026-03-01T00:00:00Z'), utc('2026-12-31T15:59:59Z'))).toEqual([]);
    // 2026-12-31T16:00Z is already 1 January 2027 in Beijing.
    expect(missingCalendarYears(CHINA, utc('2026-12-20T00:00:00Z'), utc('2026-12-31T16:00:00Z'))).toEqual([2027]);
    expect(missingCalendarYears(NONE, utc('2026-12-20T00:00:00Z'), utc('2028-01-02T00:00:00Z'))).toEqual([2026, 2027, 2028]);
  });
});

describe('notice period (公示期): 5 full working days from the day after publication, to 24:00 Beijing time', () => {
  it('publication on a Monday ends at 00:00 +08:00 after the next Monday', () => {
    const p = noticePeriod(NONE, bj('2026-03-02T10:00:00'));
    expect(p).toEqual({ firstDay: '2026-03-03', lastDay: '2026-03-09', endsAt: bj('2026-03-10T00:00:00') });
    expect(p.endsAt.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('across a weekend', () => {
    // Thursday 5 March → Fri 6, Mon 9, Tue 10, Wed 11, Thu 12.
    expect(noticePeriodEnd(NONE, bj('2026-03-05T09:00:00')).toISOString()).toBe('2026-03-12T16:00:00.000Z');
  });

  it('publication at midnight Beijing time: the Beijing date counts, not the UTC date', () => {
    // Both instants are on 5 March in UTC; 31 minutes apart they fall on Thursday and Friday in Beijing.
    const thursdayNight = bj('2026-03-05T23:59:00');
    const fridayMorning = bj('2026-03-06T00:30:00');
    expect(thursdayNight.toISOString().slice(0, 10)).toBe(fridayMorning.toISOString().slice(0, 10));
    expect(noticePeriodEnd(NONE, thursdayNight).toISOString()).toBe('2026-03-12T16:00:00.000Z');
    // Friday 6 → Mon 9 … Fri 13, ending at 00:00 +08:00 on Saturday 14.
    expect(noticePeriodEnd(NONE, fridayMorning).toISOString()).toBe('2026-03-13T16:00:00.000Z');
    // An evening publication at 07:59 Beijing is still the previous day in UTC, and counts from the Beijing date.
    expect(noticePeriodEnd(NONE, bj('2026-03-06T07:59:00')).toISOString()).toBe('2026-03-13T16:00:00.000Z');
  });

  it('across National Day 2026 (official schedule): the holiday is skipped and Saturday 10 October counts', () => {
    // Tuesday 29 September → Wed 30 Sep, Thu 8, Fri 9, Sat 10 (adjusted working day), Mon 12 Oct.
    const p = noticePeriod(CHINA, bj('2026-09-29T15:00:00'));
    expect(p.firstDay).toBe('2026-09-30');
    expect(p.lastDay).toBe('2026-10-12');
    expect(p.endsAt.toISOString()).toBe('2026-10-12T16:00:00.000Z');
    // Published during the holiday: counting starts on the first working day after it (8, 9, 10, 12, 13).
    expect(noticePeriod(CHINA, bj('2026-10-03T12:00:00'))).toEqual({ firstDay: '2026-10-08', lastDay: '2026-10-13', endsAt: bj('2026-10-14T00:00:00') });
  });

  it('across the Spring Festival and Mid-Autumn 2026 (official schedule)', () => {
    // Thu 12 Feb → Fri 13, Sat 14 (worked), then 15–23 off, Tue 24, Wed 25, Thu 26.
    expect(noticePeriodEnd(CHINA, bj('2026-02-12T09:00:00')).toISOString()).toBe('2026-02-26T16:00:00.000Z');
    // Fri 18 Sep → Sun 20 (worked), Mon 21 … Thu 24; the notice ends before Mid-Autumn begins.
    expect(noticePeriodEnd(CHINA, bj('2026-09-18T09:00:00')).toISOString()).toBe('2026-09-24T16:00:00.000Z');
  });

  it('across a holiday in a constructed calendar (not an official one)', () => {
    // Holiday Wed 2030-05-01 to Fri 05-03, Saturday 05-04 worked; published Tue 30 April.
    const cal = workingCalendar({ holidays: ['2030-05-01', '2030-05-02', '2030-05-03'], workdays: ['2030-05-04'] });
    expect(noticePeriod(cal, bj('2030-04-30T11:00:00'))).toEqual({ firstDay: '2030-05-04', lastDay: '2030-05-09', endsAt: bj('2030-05-10T00:00:00') });
    expect(noticePeriod(NONE, bj('2030-04-30T11:00:00')).lastDay).toBe('2030-05-07');
  });

  it('other lengths, and refuses lengths that are not 1–30 whole working days', () => {
    expect(noticePeriodEnd(NONE, bj('2026-03-06T10:00:00'), 1).toISOString()).toBe('2026-03-09T16:00:00.000Z'); // Friday → Monday
    expect(noticePeriodEnd(NONE, bj('2026-03-02T10:00:00'), 10).toISOString()).toBe('2026-03-16T16:00:00.000Z');
    for (const bad of [0, -1, 1.5, MAX_NOTICE_PERIOD_WORKING_DAYS + 1, Number.NaN]) {
      expect(() => noticePeriodEnd(NONE, bj('2026-03-02T10:00:00'), bad), String(bad)).toThrow(AppError);
    }
  });

  const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
  const calendar = fc
    .record({ holidays: fc.uniqueArray(day('2026-01-01', 800), { maxLength: 120 }), workdays: fc.uniqueArray(day('2026-01-01', 800), { maxLength: 40 }) })
    .map(({ holidays, workdays }): WorkingCalendar => {
      const h = new Set(holidays);
      return { holidays: h, workdays: new Set(workdays.filter((d) => isWeekend(d) && !h.has(d))) };
    });
  const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms));
  const length = fc.integer({ min: 1, max: 10 });

  it('property: ends after publication, at a Beijing midnight that closes a working day, after exactly n working days', () => {
    fc.assert(
      fc.property(calendar, instant, length, (cal, publishedAt, n) => {
        const p = noticePeriod(cal, publishedAt, n);
        expect(p.endsAt.getTime()).toBeGreaterThan(publishedAt.getTime());
        expect((p.endsAt.getTime() + 8 * 3600_000) % 86_400_000).toBe(0);
        expect(beijingDate(new Date(p.endsAt.getTime() - 1))).toBe(p.lastDay);
        expect(works(cal, p.lastDay)).toBe(true);
        expect(works(cal, p.firstDay)).toBe(true);
        let counted = 0;
        for (let d = addDays(beijingDate(publishedAt), 1); d <= p.lastDay; d = addDays(d, 1)) {
          if (works(cal, d)) counted++;
          if (d < p.firstDay) expect(works(cal, d)).toBe(false);
        }
        expect(counted).toBe(n);
      }),
    );
  });

  it('property: depends only on the Beijing date of publication, and never ends earlier for a later publication', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), length, (cal, a, gap, n) => {
        const b = new Date(a.getTime() + gap);
        const endA = noticePeriodEnd(cal, a, n).getTime();
        const endB = noticePeriodEnd(cal, b, n).getTime();
        expect(endB).toBeGreaterThanOrEqual(endA);
        if (beijingDate(a) === beijingDate(b)) expect(endB).toBe(endA);
        expect(noticePeriodEnd(cal, beijingStartOfDay(beijingDate(a)), n).getTime()).toBe(endA);
      }),
    );
  });
});

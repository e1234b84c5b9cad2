import { describe, expect, it } from 'vitest';
import {
  calendarBody,
  calendarIssueText,
  calendarLineIssues,
  calendarLinesText,
  currentCalendarYear,
  issueOnLines,
  parseCalendarLines,
  parseYear,
  yearGrid,
} from './calendar';
import { createTranslator } from './server/i18n';

describe('the textarea lines', () => {
  it('reads a date and an optional note per line, skipping blank lines but counting them', () => {
    expect(parseCalendarLines('2027-01-01 元旦\n\n  2027-1-2\r\n2027/02/06\u3000春节 假期\n2027-02-07春节\nsoon')).toEqual([
      { line: 1, day: '2027-01-01', note: '元旦' },
      { line: 3, day: '2027-01-02' },
      { line: 4, day: '2027-02-06', note: '春节 假期' },
      { line: 5, day: '2027-02-07', note: '春节' },
      { line: 6, day: 'soon' },
    ]);
    expect(parseCalendarLines('   \n')).toEqual([]);
    // A date run on into more digits is not a date.
    expect(parseCalendarLines('2027-01-011')).toEqual([{ line: 1, day: '2027-01-011' }]);
  });

  it('writes the days back one a line', () => {
    const days = [{ day: '2027-01-01', note: '元旦' }, { day: '2027-01-02', note: null }];
    expect(calendarLinesText(days)).toBe('2027-01-01 元旦\n2027-01-02');
    expect(parseCalendarLines(calendarLinesText(days))).toEqual([{ line: 1, day: '2027-01-01', note: '元旦' }, { line: 2, day: '2027-01-02' }]);
  });

  it('refuses only what the API could not name by its line; a word too long for a date is sent empty', () => {
    expect(calendarLineIssues('holidays', parseCalendarLines('2027-01-01\nNew Year'))).toEqual([]);
    expect(calendarLineIssues('workdays', parseCalendarLines(`2027-02-20 ${'x'.repeat(101)}`))[0]).toMatchObject({ code: 'note_too_long', params: { line: 1 } });
    expect(calendarLineIssues('workdays', parseCalendarLines(Array.from({ length: 31 }, () => '2027-02-20').join('\n')))[0]).toMatchObject({ code: 'too_many', params: { max: 30 } });
    expect(calendarBody(parseCalendarLines('2027-01-01 元旦\n2027-02-20\nNew Year\nsometime-in-april'))).toEqual([
      { day: '2027-01-01', note: '元旦' },
      { day: '2027-02-20' },
      { day: 'New', note: 'Year' },
      { day: '' },
    ]);
  });

  it('puts the API’s `workdays.1` on the textarea line it came from', () => {
    const lines = { holidays: parseCalendarLines('2027-01-01'), workdays: parseCalendarLines('2027-02-20\n\n2027-02-24 oops') };
    const issue = issueOnLines({ field: 'workdays.1', code: 'workday_not_weekend', message: 'x' }, lines);
    expect(issue).toEqual({ field: 'workdays', code: 'workday_not_weekend', message: 'x', params: { line: 3, day: '2027-02-24' } });
    expect(issueOnLines({ field: 'holidays.0.note', code: 'maxLength', message: 'too long' }, lines).params).toEqual({ line: 1, day: '2027-01-01' });
    expect(issueOnLines({ field: 'holidays', code: 'maxItems', message: 'm' }, lines)).toEqual({ field: 'holidays', code: 'maxItems', message: 'm' });
    expect(issueOnLines({ field: 'year', code: 'minimum', message: 'm' }, lines).field).toBe('year');

    const en = createTranslator('en');
    expect(calendarIssueText(en, issue, 'Adjusted working days')).toBe(
      'Adjusted working days, line 3: 2027-02-24 is a Wednesday; an adjusted working day must be a Saturday or Sunday.',
    );
    expect(calendarIssueText(createTranslator('zh-CN'), issue, '调休上班日')).toBe('调休上班日第 3 行：2027-02-24 是星期三，调休上班日应为周六或周日。');
    expect(calendarIssueText(en, { field: 'holidays', code: 'maxItems', message: 'must have at most 60 items' }, 'Holidays')).toBe('Holidays: must have at most 60 items');
  });
});

describe('the year', () => {
  it('takes ?year= the API accepts', () => {
    expect(parseYear('2027')).toBe(2027);
    expect(parseYear('1999')).toBeNull();
    expect(parseYear('2101')).toBeNull();
    expect(parseYear('20x7')).toBeNull();
    expect(parseYear(null)).toBeNull();
    // 16:30 UTC on New Year's Eve is already the next year in Beijing.
    expect(currentCalendarYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });

  it('draws twelve Monday-first months with holidays, worked weekend days and weekends apart', () => {
    const grid = yearGrid({
      year: 2027,
      holidays: [{ day: '2027-02-06', note: '春节' }, { day: '2027-02-07', note: '春节' }, { day: '2027-02-08', note: '春节' }, { day: '2027-02-10', note: null }],
      workdays: [{ day: '2027-02-20', note: '春节调休' }],
    });
    expect(grid).toHaveLength(12);
    const feb = grid[1]!;
    // 1 February 2027 is a Monday: no padding; 28 days make exactly four weeks.
    expect(feb.weeks).toHaveLength(4);
    expect(feb.weeks[0]![0]).toMatchObject({ day: '2027-02-01', kind: 'weekday' });
    expect(feb.weeks[0]![5]).toMatchObject({ day: '2027-02-06', kind: 'holiday', note: '春节' });
    expect(feb.weeks[1]![6]).toMatchObject({ day: '2027-02-14', kind: 'weekend' });
    expect(feb.weeks[2]![5]).toMatchObject({ day: '2027-02-20', kind: 'workday' });
    expect(feb.runs).toEqual([
      { kind: 'holiday', from: 6, to: 8, note: '春节' },
      { kind: 'holiday', from: 10, to: 10, note: null },
      { kind: 'workday', from: 20, to: 20, note: '春节调休' },
    ]);
    // 1 January 2027 is a Friday: four empty days before it.
    expect(grid[0]!.weeks[0]!.slice(0, 5).map((d) => d?.date ?? null)).toEqual([null, null, null, null, 1]);
    expect(grid.flatMap((m) => m.weeks.flat()).filter(Boolean)).toHaveLength(365);
  });
});

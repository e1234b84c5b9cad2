import { addDays, type CalendarDate } from './beijing-date';
import { workingCalendar, type WorkingCalendar } from './working-days';

/*
 * The first contents of the calendar the bureau edits (architecture.md "Time": seeded for this year
 * and next). Only schedules the State Council has published are here, each with its source, so the
 * seed never presents a guess as official.
 *
 * 2027 is NOT included: its schedule (国务院办公厅关于2027年部分节假日安排的通知) was not available
 * when this was written. The bureau must enter it as soon as it is published; until then
 * missingCalendarYears() reports 2027 for any period that reaches into it.
 */
export interface CalendarSeedYear {
  readonly year: number;
  readonly source: string;
  /** Every day off of each holiday period as the notice lists it (weekend days included). */
  readonly holidays: readonly CalendarDate[];
  /** The weekend days worked (调休上班). */
  readonly workdays: readonly CalendarDate[];
}

/** Every date from `from` to `to`, inclusive — the notice writes periods as ranges ("1月1日至3日"). */
function span(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export const CHINA_CALENDAR_SEED: readonly CalendarSeedYear[] = [
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      ...span('2026-01-01', '2026-01-03'), // 元旦
      ...span('2026-02-15', '2026-02-23'), // 春节
      ...span('2026-04-04', '2026-04-06'), // 清明节
      ...span('2026-05-01', '2026-05-05'), // 劳动节
      ...span('2026-06-19', '2026-06-21'), // 端午节
      ...span('2026-09-25', '2026-09-27'), // 中秋节
      ...span('2026-10-01', '2026-10-07'), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** The seed as one calendar (validated like any entries the bureau makes). */
export function seededChinaCalendar(seed: readonly CalendarSeedYear[] = CHINA_CALENDAR_SEED): WorkingCalendar {
  return workingCalendar({ holidays: seed.flatMap((y) => y.holidays), workdays: seed.flatMap((y) => y.workdays) });
}

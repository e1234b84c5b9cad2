import { error, type RequestEvent } from '@sveltejs/kit';
import { CALENDAR_LIMITS, calendarBody, calendarLineIssues, currentCalendarYear, issueOnLines, parseCalendarLines, parseYear, type CalendarLine, type CalendarList } from '$lib/calendar';
import { createTranslator } from '$lib/server/i18n';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, raw } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/** `?year=`, this year (Beijing) when absent; a year the API would not take is the 404 page. */
function yearOf(event: Pick<RequestEvent, 'url' | 'locals'>, currentYear: number): number {
  const param = event.url.searchParams.get('year');
  if (param === null || param === '') return currentYear;
  const year = parseYear(param);
  if (year === null) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  return year;
}

/**
 * 工作日历: one year's holidays and adjusted working days. On this year's page, whether next year has
 * been entered yet (the State Council publishes it each December; until then notice periods running
 * into it count weekends only).
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'bureau');
  const currentYear = currentCalendarYear();
  const year = yearOf(event, currentYear);
  const api = createApi(event);
  const askNext = year === currentYear && year < CALENDAR_LIMITS.maxYear;
  try {
    const [calendar, next] = await Promise.all([api.calendar.get(year), askNext ? api.calendar.get(year + 1) : null]);
    return { year, currentYear, calendar, nextMissing: next !== null && next.holidays.length === 0 && next.workdays.length === 0 };
  } catch (e) {
    loadFailed(event, e);
  }
};

export const actions: Actions = {
  /** The bureau replaces the year's holidays and adjusted working days (two textareas, one day a line). */
  default: async (event) => {
    requireRole(event, 'bureau');
    const year = yearOf(event, currentCalendarYear());
    const data = await event.request.formData();
    const values = { holidays: raw(data, 'holidays'), workdays: raw(data, 'workdays') };
    const lines: Record<CalendarList, CalendarLine[]> = { holidays: parseCalendarLines(values.holidays), workdays: parseCalendarLines(values.workdays) };
    const local = [...calendarLineIssues('holidays', lines.holidays), ...calendarLineIssues('workdays', lines.workdays)];
    if (local.length > 0) return invalid(event, local, values);
    try {
      const saved = await createApi(event).calendar.set(year, { holidays: calendarBody(lines.holidays), workdays: calendarBody(lines.workdays) });
      return { done: true, year, holidays: saved.holidays.length, workdays: saved.workdays.length };
    } catch (e) {
      const failure = failFromApi(event, e, values);
      failure.data.problem.fields = failure.data.problem.fields.map((f) => issueOnLines(f, lines));
      return failure;
    }
  },
};

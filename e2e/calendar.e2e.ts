/**
 * The bureau's working-day calendar (工作日历), by which the public notice period is counted. In
 * each language, on a year of its own (the two runs share one server): the bureau opens the page from
 * the header (this year), steps to next year, opens its year and finds it empty; enters a few
 * holidays and a worked Sunday with a Wednesday among the worked days, which is refused next to the
 * textarea and in the error summary with its line named, and nothing is saved; fixes it and saves;
 * the twelve-month grid then shows the holidays, the worked Sunday and the ordinary weekends apart.
 * Without JavaScript the form posts plainly. Another role gets the 403 page. axe on every state.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, BUREAU_EMAIL, checkSharedState, descriptionOf, expectPage, launch, LOCALES, MESSAGES, newContext, signInAs, waitForHydration, type Locale } from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
/** A year per language, so that the two runs do not see each other's entries. */
const YEARS: Record<Locale, number> = { 'zh-CN': 2027, en: 2028 };
/** Notes as the bureau would write them in each language. */
const NOTES: Record<Locale, { newYear: string; spring: string; swap: string; extra: string; vague: string }> = {
  'zh-CN': { newYear: '元旦', spring: '春节', swap: '春节调休', extra: '清明节', vague: '清明节前后的某一天待定' },
  en: { newYear: "New Year's Day", spring: 'Spring Festival', swap: 'Spring Festival swap', extra: 'Qingming Festival', vague: 'around-Qingming' },
};

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const pad = (n: number) => String(n).padStart(2, '0');
/** The first day of `month` in `year` that falls on `weekday` (0 = Sunday), as 'YYYY-MM-DD'. */
function firstWeekday(year: number, month: number, weekday: number): string {
  for (let d = 1; ; d++) if (new Date(Date.UTC(year, month - 1, d)).getUTCDay() === weekday) return `${year}-${pad(month)}-${pad(d)}`;
}
const dateOf = (day: string) => Number(day.slice(8));
/** This year in Beijing, as the page takes it by default. */
const beijingYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the working-day calendar in %s', (locale) => {
  const t = MESSAGES[locale];
  const c = t.calendar;
  const year = YEARS[locale];
  const notes = NOTES[locale];
  const newYear = `${year}-01-01`;
  // Three weekdays of February off, a Sunday of February worked, and a Wednesday typed by mistake.
  const spring = [`${year}-02-08`, `${year}-02-09`, `${year}-02-10`];
  const sunday = firstWeekday(year, 2, 0);
  const wednesday = firstWeekday(year, 3, 3);
  const saturday = firstWeekday(year, 3, 6);
  const holidaysText = [`${newYear} ${notes.newYear}`, ...spring.map((d) => `${d} ${notes.spring}`)].join('\n');

  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext(browser, { locale });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  const textarea = (p: Page, label: string) => p.getByRole('textbox', { name: label, exact: true });
  const month = (p: Page, key: keyof typeof c.months) => p.getByRole('table', { name: c.months[key], exact: true });
  /** The grid's cell of a day. */
  const cell = (table: Locator, day: string) => table.locator('td', { has: table.page().locator(`time[datetime="${day}"]`) });
  const saveButton = (p: Page) => p.getByRole('button', { name: fill(c.form.save, { year }), exact: true });
  const stored = () => apiCall<{ holidays: { day: string; note: string | null }[]; workdays: { day: string; note: string | null }[] }>(`/calendar/${year}`);

  it('the bureau opens the calendar from the header at this year, steps to the next and finds its year empty', async () => {
    await signInAs(context, BUREAU_EMAIL);
    await page.goto('/account');
    await page.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: c.nav, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/bureau/calendar');
    await expectPage(page, locale, c.title);
    const thisYear = beijingYear();
    await page.getByRole('heading', { level: 2, name: fill(c.overview.title, { year: thisYear }), exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: fill(c.form.title, { year: thisYear }), exact: true }).waitFor();
    await checkSharedState(page, locale, 'calendar, this year');

    const years = page.getByRole('navigation', { name: c.years.label, exact: true });
    await years.getByRole('link', { name: fill(c.years.next, { year: thisYear + 1 }), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('year') === String(thisYear + 1));
    await page.getByRole('heading', { level: 2, name: fill(c.overview.title, { year: thisYear + 1 }), exact: true }).waitFor();
    await years.getByRole('link', { name: fill(c.years.thisYear, { year: thisYear }), exact: true }).waitFor();

    await page.goto(`/bureau/calendar?year=${year}`);
    await expectPage(page, locale, c.title);
    await page.getByRole('heading', { name: fill(c.overview.emptyTitle, { year }), exact: true }).waitFor();
    await page.getByText(fill(c.overview.empty, { year }), { exact: true }).waitFor();
    expect(await page.getByRole('table').count(), 'no grid for an empty year').toBe(0);
    expect(await textarea(page, c.form.holidays).inputValue()).toBe('');
    expect(await textarea(page, c.form.workdays).inputValue()).toBe('');
    await page.getByText(c.form.published, { exact: true }).waitFor();
    await checkSharedState(page, locale, 'calendar, empty year');
  });

  it('a worked Wednesday is refused next to its textarea and in the summary, with its line named; nothing is saved', async () => {
    await waitForHydration(page);
    await textarea(page, c.form.holidays).fill(holidaysText);
    // A blank line between: the line named is the textarea's, not the entry's number.
    const workdaysText = `${sunday} ${notes.swap}\n\n${wednesday}`;
    await textarea(page, c.form.workdays).fill(workdaysText);
    await saveButton(page).click();

    const sentence = fill(c.issues.workday_not_weekend, { label: c.form.workdays, line: 3, day: wednesday, weekday: c.weekdays.wed.long });
    const summary = page.getByRole('alert').filter({ has: page.getByRole('link', { name: sentence, exact: true }) });
    await summary.waitFor();
    await page.getByRole('heading', { name: t.form.summaryOne, exact: true }).waitFor();
    expect(await summary.getByRole('link').count(), 'one issue').toBe(1);
    // The summary takes focus, so that it is read out.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-error-summary') === true);

    const workdays = textarea(page, c.form.workdays);
    expect(await workdays.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(workdays)).toContain(sentence);
    expect(await textarea(page, c.form.holidays).getAttribute('aria-invalid')).not.toBe('true');
    // What was typed is kept.
    expect(await workdays.inputValue()).toBe(workdaysText);
    expect(await textarea(page, c.form.holidays).inputValue()).toBe(holidaysText);

    // The summary's link leads to the textarea.
    await summary.getByRole('link', { name: sentence, exact: true }).click();
    expect(await workdays.evaluate((el) => el === document.activeElement), 'the link focuses the textarea').toBe(true);

    await page.getByRole('heading', { name: fill(c.overview.emptyTitle, { year }), exact: true }).waitFor();
    expect(await stored()).toEqual({ year, holidays: [], workdays: [] });
    await checkSharedState(page, locale, 'calendar, a line refused');
  });

  it('fixed and saved, the grid shows the holidays, the worked Sunday and the weekends apart', async () => {
    await textarea(page, c.form.workdays).fill(`${sunday} ${notes.swap}`);
    await saveButton(page).click();
    await page.getByRole('status').getByText(fill(c.form.saved, { year, holidays: 4, workdays: 1 }), { exact: true }).waitFor();
    expect(await page.getByRole('alert').count(), 'no error summary').toBe(0);
    expect(await page.getByRole('heading', { name: fill(c.overview.emptyTitle, { year }) }).count(), 'no empty state').toBe(0);
    await page.getByText(fill(c.overview.summary, { holidays: 4, workdays: 1 }), { exact: true }).waitFor();
    await page.getByRole('heading', { name: c.legend.title, exact: true }).waitFor();
    expect(await page.getByRole('table').count(), 'twelve months').toBe(12);

    const january = month(page, 'jan');
    const jan1 = cell(january, newYear);
    expect(await jan1.getAttribute('data-kind')).toBe('holiday');
    expect(await jan1.innerText()).toContain(c.legend.holidayMark);
    expect(await jan1.textContent()).toContain(`${c.legend.holiday}: ${notes.newYear}`);

    const february = month(page, 'feb');
    for (const day of spring) {
      expect(await cell(february, day).getAttribute('data-kind'), day).toBe('holiday');
      expect(await cell(february, day).textContent(), day).toContain(c.legend.holiday);
    }
    const worked = cell(february, sunday);
    expect(await worked.getAttribute('data-kind')).toBe('workday');
    expect(await worked.innerText()).toContain(c.legend.workdayMark);
    expect(await worked.textContent()).toContain(`${c.legend.workday}: ${notes.swap}`);
    // An ordinary weekend day and an ordinary working day.
    const march = month(page, 'mar');
    expect(await cell(march, saturday).getAttribute('data-kind')).toBe('weekend');
    expect(await cell(march, saturday).textContent()).toContain(c.legend.weekend);
    expect(await cell(march, wednesday).getAttribute('data-kind')).toBe('weekday');
    expect((await cell(march, wednesday).textContent())?.trim()).toBe(String(dateOf(wednesday)));

    // Each month lists its periods in words, with the notes.
    const runs = page.getByRole('list', { name: fill(c.runs.label, { month: c.months.feb }), exact: true });
    await runs.getByRole('listitem').filter({ hasText: fill(c.runs.range, { from: dateOf(spring[0]!), to: dateOf(spring[2]!) }) }).filter({ hasText: notes.spring }).waitFor();
    await runs.getByRole('listitem').filter({ hasText: c.legend.workday }).filter({ hasText: notes.swap }).waitFor();

    // The form shows what is stored, one day a line.
    expect(await textarea(page, c.form.holidays).inputValue()).toBe(holidaysText);
    expect(await textarea(page, c.form.workdays).inputValue()).toBe(`${sunday} ${notes.swap}`);
    expect(await stored()).toEqual({
      year,
      holidays: [{ day: newYear, note: notes.newYear }, ...spring.map((day) => ({ day, note: notes.spring }))],
      workdays: [{ day: sunday, note: notes.swap }],
    });
    await checkSharedState(page, locale, 'calendar, saved');
  });

  it('without JavaScript the form posts plainly: a refusal, then a day added', async () => {
    const noJs = await newContext(browser, { locale, javaScriptEnabled: false });
    try {
      await signInAs(noJs, BUREAU_EMAIL);
      const p = await noJs.newPage();
      await p.goto(`/bureau/calendar?year=${year}`);
      await expectPage(p, locale, c.title);
      const extra = `${year}-04-05`;
      // Two bad lines, both named at once: a month that does not exist, and no date at all (a word longer than one).
      await textarea(p, c.form.holidays).fill(`${holidaysText}\n${extra} ${notes.extra}\n${year}-13-01\n${notes.vague}`);
      await saveButton(p).click();
      const badMonth = fill(c.issues.invalid_date, { label: c.form.holidays, line: 6, day: `${year}-13-01` });
      const noDate = fill(c.issues.invalid_date, { label: c.form.holidays, line: 7, day: notes.vague });
      const summary = p.getByRole('alert');
      await summary.getByRole('link', { name: badMonth, exact: true }).waitFor();
      await summary.getByRole('link', { name: noDate, exact: true }).waitFor();
      await p.getByRole('heading', { name: fill(t.form.summaryMany, { count: 2 }), exact: true }).waitFor();
      expect(await descriptionOf(textarea(p, c.form.holidays))).toContain(`${badMonth} ${noDate}`);
      await checkSharedState(p, locale, 'calendar, a line refused (no JS)');

      await textarea(p, c.form.holidays).fill(`${holidaysText}\n${extra} ${notes.extra}`);
      await saveButton(p).click();
      await p.getByText(fill(c.form.saved, { year, holidays: 5, workdays: 1 }), { exact: true }).waitFor();
      expect(new URL(p.url()).searchParams.get('year')).toBe(String(year));
      expect(await cell(month(p, 'apr'), extra).getAttribute('data-kind')).toBe('holiday');
      await checkSharedState(p, locale, 'calendar, saved (no JS)');
    } finally {
      await noJs.close();
    }
  });

  it('another role gets the 403 page and no link to it', async () => {
    const other = await newContext(browser, { locale });
    try {
      await signInAs(other, ENTERPRISE_EMAIL);
      const p = await other.newPage();
      const response = await p.goto(`/bureau/calendar?year=${year}`);
      expect(response?.status()).toBe(403);
      await expectPage(p, locale, t.errors.forbiddenTitle);
      // The 403 page has the enterprise's own navigation.
      await p.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: t.nav.myChallenges, exact: true }).waitFor();
      expect(await p.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: c.nav, exact: true }).count()).toBe(0);
      await p.getByText(t.errors.forbidden, { exact: true }).waitFor();
      expect(await p.getByRole('textbox', { name: c.form.holidays, exact: true }).count(), 'no form').toBe(0);
      await checkSharedState(p, locale, 'calendar, 403');
    } finally {
      await other.close();
    }
  });
});

/**
 * The special fund's budgets (专项资金预算), in each language on a fiscal year of its own (the two runs
 * share one server): the Finance Bureau opens the page from the header and finds every demo year in
 * the table and as a bar with the figures the API gives, and the ledger check consistent with the
 * API's counts; sets its year's budget in yuan and sees it in the table and the chart; tries to lower
 * a demo year below what is reserved and is refused next to the amount, with what is reserved named,
 * and nothing changes; without JavaScript the form posts plainly. The bureau reads the page without
 * the form; the enterprise gets the 403 page and no link. axe on every state.
 */
import { fenToYuanText } from '@challenge/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney } from '../apps/web/src/lib/format';
import { percentText, type Budget, type LedgerCheck } from '../apps/web/src/lib/funds';
import {
  apiCall,
  apiLogin,
  BUREAU_EMAIL,
  checkSharedState,
  descriptionOf,
  expectPage,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  signInAs,
  waitForHydration,
  type Locale,
} from './support';

const FINANCE_EMAIL = 'finance@demo.czj.gov.cn';
const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
/** A year per language that no other suite uses, so that the two runs do not see each other's budget. */
const YEARS: Record<Locale, number> = { 'zh-CN': 2040, en: 2041 };
/** The new year's budget as typed (with thousands separators and fen), and what it is in fen. */
const NEW_BUDGET: Record<Locale, { typed: string; fen: number }> = {
  'zh-CN': { typed: '45,678,901.5', fen: 4_567_890_150 },
  en: { typed: '32,100,000', fen: 3_210_000_000 },
};
/** The same year's budget raised afterwards through the page without JavaScript. */
const RAISED_FEN: Record<Locale, number> = { 'zh-CN': 5_000_000_000, en: 4_000_000_000 };

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the special fund budgets in %s', (locale) => {
  const t = MESSAGES[locale];
  const f = t.funds;
  const year = YEARS[locale];
  const money = (fen: number) => formatMoney(fen, locale);
  const yearLabel = (y: number) => fill(f.yearLabel, { year: y });

  let context: BrowserContext;
  let page: Page;
  let token: string;
  beforeAll(async () => {
    context = await newContext(browser, { locale });
    page = await context.newPage();
    token = await apiLogin(FINANCE_EMAIL);
  });
  afterAll(async () => {
    await context?.close();
  });

  const budgets = async () => (await apiCall<{ items: Budget[] }>('/budgets', { token })).items;
  const table = (p: Page) => p.getByRole('table', { name: f.overview.caption, exact: true });
  const row = (p: Page, y: number) => table(p).getByRole('row').filter({ has: p.getByRole('rowheader', { name: yearLabel(y), exact: true }) });
  const bar = (p: Page, y: number) => p.getByRole('img', { name: fill(f.chart.barTitle, { year: y }), exact: true });
  const yearInput = (p: Page) => p.getByRole('spinbutton', { name: f.form.year, exact: true });
  const amountInput = (p: Page) => p.getByRole('textbox', { name: f.form.amount, exact: true });
  const saveButton = (p: Page) => p.getByRole('button', { name: f.form.save, exact: true });

  /** The year's row shows the API's budget, reserved and available amounts and when it was set. */
  async function expectRow(p: Page, b: Budget) {
    const cells = await row(p, b.year).getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 4).map((c) => c.trim()), `row of ${b.year}`).toEqual([money(b.budgetFen), money(b.reservedFen), money(b.availableFen), formatDateTime(b.setAt)]);
  }

  /** The year's bar is an image described by the same figures, with a hatched part only when something is reserved. */
  async function expectBar(p: Page, b: Budget) {
    const img = bar(p, b.year);
    const desc = fill(f.chart.barDesc, { budget: money(b.budgetFen), reserved: money(b.reservedFen), available: money(b.availableFen), percent: percentText(b.reservedFen, b.budgetFen, locale) });
    expect(await descriptionOf(img), `bar of ${b.year}`).toBe(desc);
    expect(await img.locator('[data-part="reserved"]').count(), `reserved part of ${b.year}`).toBe(b.reservedFen > 0 ? 1 : 0);
    expect(await img.locator('[data-part="available"]').count(), `available part of ${b.year}`).toBe(b.availableFen > 0 ? 1 : 0);
    if (b.reservedFen > 0) expect(await img.locator('[data-part="reserved"]').getAttribute('fill')).toMatch(/^url\(#/);
  }

  it('the Finance Bureau opens the page from the header: every year as the API gives it, in the table and as bars; the ledger is consistent', async () => {
    await signInAs(context, FINANCE_EMAIL);
    await page.goto('/account');
    await page.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: f.nav, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/finance/budgets');
    await expectPage(page, locale, f.title);

    const items = await budgets();
    // The demo sets ¥60 million for each of its years and approves challenges against them.
    expect(items.length, 'demo years').toBeGreaterThanOrEqual(2);
    expect(items.some((b) => b.reservedFen > 0), 'something is reserved in a demo year').toBe(true);
    expect(items.some((b) => b.year === year), 'this suite’s year has no budget yet').toBe(false);
    expect(await table(page).getByRole('rowheader').allInnerTexts()).toEqual(items.map((b) => yearLabel(b.year)));
    for (const b of items) {
      await expectRow(page, b);
      await expectBar(page, b);
    }
    await page.getByRole('heading', { level: 3, name: f.chart.title, exact: true }).waitFor();
    await page.getByRole('list', { name: f.chart.legend, exact: true }).getByText(f.chart.legendReserved, { exact: true }).waitFor();
    expect(await page.getByText(f.readOnly, { exact: true }).count(), 'no read-only note for the Finance Bureau').toBe(0);

    const check = await apiCall<LedgerCheck>('/ledger/check', { token });
    expect(check.ok).toBe(true);
    const ledger = page.getByRole('region', { name: f.check.title, exact: true });
    await ledger.getByText(f.check.ok, { exact: true }).waitFor();
    await ledger.getByText(fill(f.check.okDetail, { accounts: check.accounts, transfers: check.transfers, entries: check.entries }), { exact: true }).waitFor();
    expect(await ledger.getByText(f.check.bad, { exact: true }).count()).toBe(0);
    expect(await ledger.locator('dd').allInnerTexts()).toEqual([String(check.accounts), String(check.transfers), String(check.entries)]);
    expect(await ledger.getByRole('table').count(), 'no differences listed').toBe(0);
    await checkSharedState(page, locale, 'budgets (finance)');
  });

  it("sets a new year's budget in yuan: it is in the table and the chart", async () => {
    await waitForHydration(page);
    await yearInput(page).fill(String(year));
    await amountInput(page).fill(NEW_BUDGET[locale].typed);
    // As typed, the amount is read back in the reader's words.
    await page.getByText(fill(f.form.preview, { amount: money(NEW_BUDGET[locale].fen) }), { exact: true }).waitFor();
    await saveButton(page).click();
    await page.getByRole('status').getByText(fill(f.form.saved, { year, budget: money(NEW_BUDGET[locale].fen) }), { exact: true }).waitFor();
    expect(await page.getByRole('alert').count(), 'no error summary').toBe(0);

    const stored = (await budgets()).find((b) => b.year === year);
    expect(stored).toMatchObject({ year, budgetFen: NEW_BUDGET[locale].fen, reservedFen: 0, availableFen: NEW_BUDGET[locale].fen });
    await expectRow(page, stored!);
    await expectBar(page, stored!);
    // The years stay in order, the new one last (no other suite sets a later one).
    const headers = await table(page).getByRole('rowheader').allInnerTexts();
    expect(headers.at(-1)).toBe(yearLabel(year));
    // The form keeps what was saved.
    expect(await yearInput(page).inputValue()).toBe(String(year));
    expect(await amountInput(page).inputValue()).toBe(fenToYuanText(NEW_BUDGET[locale].fen));
    await checkSharedState(page, locale, 'budgets, a year set');
  });

  it('lowering a demo year below what is reserved is refused next to the amount, naming what is reserved; nothing changes', async () => {
    const before = await budgets();
    const target = before.filter((b) => b.reservedFen > 0).sort((a, b) => b.reservedFen - a.reservedFen)[0]!;
    // The row's link fills the form with its year and budget.
    await row(page, target.year).getByRole('link', { name: fill(f.overview.adjustLabel, { year: target.year }), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('year') === String(target.year));
    await expect.poll(() => yearInput(page).inputValue()).toBe(String(target.year));
    expect(await amountInput(page).inputValue()).toBe(fenToYuanText(target.budgetFen));

    await waitForHydration(page);
    const tooLow = fenToYuanText(Math.floor(target.reservedFen / 200) * 100);
    await amountInput(page).fill(tooLow);
    await saveButton(page).click();

    const sentence = fill(f.issues.belowReserved, { year: target.year, reserved: money(target.reservedFen) });
    const summary = page.getByRole('alert').filter({ has: page.getByRole('link', { name: sentence, exact: true }) });
    await summary.waitFor();
    await page.getByRole('heading', { name: t.form.summaryOne, exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-error-summary') === true);
    const amount = amountInput(page);
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(amount)).toContain(sentence);
    expect(await yearInput(page).getAttribute('aria-invalid')).not.toBe('true');
    // What was typed is kept.
    expect(await amount.inputValue()).toBe(tooLow);
    expect(await yearInput(page).inputValue()).toBe(String(target.year));
    // The summary's link leads to the amount.
    await summary.getByRole('link', { name: sentence, exact: true }).click();
    expect(await amount.evaluate((el) => el === document.activeElement), 'the link focuses the amount').toBe(true);

    expect(await budgets()).toEqual(before);
    await expectRow(page, target);
    await checkSharedState(page, locale, 'budgets, lowering refused');
  });

  it('without JavaScript the form posts plainly: a refusal, then the year raised', async () => {
    const noJs = await newContext(browser, { locale, javaScriptEnabled: false });
    try {
      await signInAs(noJs, FINANCE_EMAIL);
      const p = await noJs.newPage();
      await p.goto('/finance/budgets');
      await expectPage(p, locale, f.title);
      await yearInput(p).fill('1999');
      await amountInput(p).fill('abc');
      await saveButton(p).click();
      const summary = p.getByRole('alert');
      await summary.getByRole('link', { name: fill(f.issues.yearInvalid, { min: 2000, max: 2100 }), exact: true }).waitFor();
      await summary.getByRole('link', { name: f.issues.amountInvalid, exact: true }).waitFor();
      await p.getByRole('heading', { name: fill(t.form.summaryMany, { count: 2 }), exact: true }).waitFor();
      expect(await descriptionOf(yearInput(p))).toContain(fill(f.issues.yearInvalid, { min: 2000, max: 2100 }));
      await checkSharedState(p, locale, 'budgets, refused (no JS)');

      await yearInput(p).fill(String(year));
      await amountInput(p).fill(fenToYuanText(RAISED_FEN[locale]));
      await saveButton(p).click();
      await p.getByText(fill(f.form.saved, { year, budget: money(RAISED_FEN[locale]) }), { exact: true }).waitFor();
      const stored = (await budgets()).find((b) => b.year === year)!;
      expect(stored.budgetFen).toBe(RAISED_FEN[locale]);
      await expectRow(p, stored);
      await expectBar(p, stored);
      await checkSharedState(p, locale, 'budgets, raised (no JS)');
    } finally {
      await noJs.close();
    }
  });

  it('the bureau reads the same figures without the form', async () => {
    const other = await newContext(browser, { locale });
    try {
      await signInAs(other, BUREAU_EMAIL);
      const p = await other.newPage();
      await p.goto('/account');
      await p.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: f.nav, exact: true }).click();
      await p.waitForURL((url) => url.pathname === '/finance/budgets');
      await expectPage(p, locale, f.title);
      await p.getByText(f.readOnly, { exact: true }).waitFor();
      const bureauToken = await apiLogin(BUREAU_EMAIL);
      const items = (await apiCall<{ items: Budget[] }>('/budgets', { token: bureauToken })).items;
      expect(items.map((b) => b.year)).toContain(year);
      for (const b of items) {
        await expectRow(p, b);
        await expectBar(p, b);
      }
      expect(await p.getByRole('heading', { name: f.form.title, exact: true }).count(), 'no form heading').toBe(0);
      expect(await yearInput(p).count(), 'no year input').toBe(0);
      expect(await saveButton(p).count(), 'no save button').toBe(0);
      expect(await table(p).getByRole('link').count(), 'no adjust links').toBe(0);
      await p.getByRole('region', { name: f.check.title, exact: true }).getByText(f.check.ok, { exact: true }).waitFor();
      await checkSharedState(p, locale, 'budgets (bureau)');
    } finally {
      await other.close();
    }
  });

  it('the enterprise gets the 403 page and no link to it', async () => {
    const other = await newContext(browser, { locale });
    try {
      await signInAs(other, ENTERPRISE_EMAIL);
      const p = await other.newPage();
      const response = await p.goto('/finance/budgets');
      expect(response?.status()).toBe(403);
      await expectPage(p, locale, t.errors.forbiddenTitle);
      // The 403 page has the enterprise's own navigation.
      await p.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: t.nav.myChallenges, exact: true }).waitFor();
      expect(await p.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: f.nav, exact: true }).count()).toBe(0);
      await p.getByText(t.errors.forbidden, { exact: true }).waitFor();
      expect(await p.getByRole('table').count(), 'no figures').toBe(0);
      await checkSharedState(p, locale, 'budgets, 403');
    } finally {
      await other.close();
    }
  });
});

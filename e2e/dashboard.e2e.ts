/**
 * The bureau's dashboard, in each language: opened from the header, its funnel and money tables show
 * the API's figures; the industry filter (a GET form) changes them and the export links; the CSV
 * export downloads with its BOM, headers in the page's language and a known challenge's row. axe on the page.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../apps/web/src/lib/dashboard';
import { formatMoney } from '../apps/web/src/lib/format';
import { apiCall, apiLogin, BUREAU_EMAIL, checkSharedState, expectPage, launch, LOCALES, MESSAGES, newContext, signInAs } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the bureau’s dashboard in %s', (locale) => {
  const t = MESSAGES[locale];
  const dt = t.dashboard;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  beforeAll(async () => {
    context = await newContext(browser, { locale });
    page = await context.newPage();
    token = await apiLogin(BUREAU_EMAIL);
  });
  afterAll(async () => {
    await context?.close();
  });

  const cell = (p: Page, table: string, row: string, col: number) => p.locator(`table[data-table="${table}"] tr[${row}] td`).nth(col);

  it('shows the API’s figures, filters by industry, and downloads a CSV export', async () => {
    await signInAs(context, BUREAU_EMAIL);
    await page.goto('/account');
    await page.getByRole('banner').getByRole('link', { name: dt.nav, exact: true }).click();
    await expectPage(page, locale, dt.title);

    const all = await apiCall<Dashboard>('/dashboard', { token });
    expect(await cell(page, 'stages', 'data-stage="published"', 0).innerText()).toBe(String(all.stages.funnel[0]!.challenges));
    const fund = all.money.find((m) => m.source === 'special_fund')!;
    expect(await cell(page, 'money', 'data-source="special_fund"', 1).innerText()).toBe(formatMoney(fund.reservedFen, locale));
    await expect(page.getByRole('img', { name: dt.stages.chartTitle, exact: true }).count()).resolves.toBe(1);
    await checkSharedState(page, locale, 'dashboard');

    // The industry filter: a GET form, the filter in the address and in the export links.
    await page.getByLabel(dt.filter.industry, { exact: true }).selectOption('high_end_equipment');
    await page.getByRole('button', { name: dt.filter.submit, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('industry') === 'high_end_equipment');
    const equip = await apiCall<Dashboard>('/dashboard?industry=high_end_equipment', { token });
    expect(await cell(page, 'stages', 'data-stage="published"', 0).innerText()).toBe(String(equip.stages.funnel[0]!.challenges));
    const link = page.locator('a[data-export="challenges.csv"]');
    expect(await link.getAttribute('href')).toBe('/bureau/dashboard/export/challenges.csv?industry=high_end_equipment');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('challenges-all-high_end_equipment.csv');
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]!.split(',')[0]).toBe(locale === 'en' ? 'Challenge ID' : '榜单编号');
    const known = (await apiCall<{ items: { id: string; industry: string }[] }>('/challenges?industry=high_end_equipment&pageSize=1')).items[0]!;
    expect(lines.some((l) => l.startsWith(`${known.id},`))).toBe(true);
    expect(lines.filter((l) => l !== '').length - 1).toBe(equip.stages.funnel[0]!.challenges);
    await checkSharedState(page, locale, 'dashboard filtered');
  });
});

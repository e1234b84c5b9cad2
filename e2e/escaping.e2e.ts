/**
 * User text is shown as text (issue 8, hostile input): a challenge whose title, summary and indicator
 * carry an `<img onerror>`, a `<script>` and an `<svg onload>`, and a public question and answer that
 * do too, are shown in Chinese and in English — on the challenge's page, in the search results with
 * the matches marked, and in the page title — as the characters typed: no element made from them,
 * nothing run, no dialog. (The web app has no `{@html}`; Svelte escapes every interpolation.)
 *
 * Everything is made through the API: the demo enterprise drafts and submits, the demo bureau
 * approves, the demo solver asks, the enterprise answers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, BUREAU_EMAIL, checkPage, launch, LOCALES, MESSAGES, newContext, waitForHydration, type Locale } from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const SOLVER_EMAIL = 'chen@ustb.edu.cn';
const DAY = 24 * 3600 * 1000;

/** A made-up word (letters only, no s for the stemmer to take) that finds this challenge alone. */
function madeUpWord(): string {
  const letters = 'bcdfghjklmnpqrtvwxz';
  let word = 'qx';
  for (let n = Date.now() + Math.floor(Math.random() * 1e6); word.length < 10; n = Math.floor(n / letters.length)) word += letters[n % letters.length];
  return word;
}

const word = madeUpWord();
// Each payload, if it ever became markup, would set window.__xss and open a dialog.
const IMG = '<img src=x onerror="window.__xss=1;alert(1)">';
const SCRIPT = '<script>window.__xss=2;alert(2)</script>';
const SVG = '<svg onload="window.__xss=3;alert(3)"></svg>';
const TITLE = { 'zh-CN': `${word} 钢包 ${IMG} ${SCRIPT}`, en: `${word} ladle ${IMG} ${SCRIPT}` } as const;
const SUMMARY = { 'zh-CN': `摘要 <b>加粗</b> ${SVG}`, en: `Summary <b>bold</b> ${SVG}` } as const;
const INDICATOR = `寿命 ${SVG}`;
const QUESTION = `是否接受联合体？${IMG}`;
const ANSWER = `接受。${SCRIPT}`;

let challengeId = '';
let browser: Browser;

beforeAll(async () => {
  const [enterprise, bureau, solver] = [await apiLogin(ENTERPRISE_EMAIL), await apiLogin(BUREAU_EMAIL), await apiLogin(SOLVER_EMAIL)];
  const created = await apiCall<{ id: string }>('/challenges', {
    token: enterprise,
    body: {
      titleZh: TITLE['zh-CN'],
      titleEn: TITLE.en,
      summaryZh: SUMMARY['zh-CN'],
      summaryEn: SUMMARY.en,
      descriptionZh: `说明 ${IMG}`,
      descriptionEn: `Description ${IMG}`,
      industry: 'metallurgy_new_materials',
      category: 'bottleneck',
      indicators: [{ nameZh: INDICATOR, nameEn: `Life ${SVG}`, target: '≥ 250 <i>', unit: '炉', method: `统计 ${SCRIPT}` }],
      eligibilityZh: '具有耐火材料研发经验的单位。',
      eligibilityEn: 'Organisations with refractory research experience.',
      enterpriseShareFen: 50_000_000,
      requestedSpecialFundFen: 20_000_000,
      deadline: new Date(Date.now() + 30 * DAY).toISOString(),
      durationMonths: 12,
      maxWinners: 1,
      ipTermsZh: '成果归双方共有。',
      ipTermsEn: 'Results are owned jointly.',
      visibility: 'public',
      domesticOnly: false,
    },
  });
  challengeId = created.id;
  await apiCall(`/challenges/${challengeId}/submit`, { token: enterprise, body: {} });
  await apiCall(`/challenges/${challengeId}/approve`, { token: bureau, body: { specialFundFen: 20_000_000 } });
  const question = await apiCall<{ id: string }>(`/challenges/${challengeId}/questions`, { token: solver, body: { body: QUESTION } });
  await apiCall(`/questions/${question.id}/answer`, { token: enterprise, body: { answer: ANSWER } });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** A page that records every dialog it opens. */
async function openPage(locale: Locale, path: string): Promise<{ page: Page; dialogs: string[] }> {
  const context = await newContext(browser, { locale });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(path);
  await waitForHydration(page);
  return { page, dialogs };
}

/** Nothing of the payloads became an element or ran. */
async function expectInert(page: Page, dialogs: string[], label: string) {
  const made = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    bold: [...document.querySelectorAll('b')].filter((b) => ['加粗', 'bold'].includes(b.textContent ?? '')).length,
    // The page's data script carries the payload too, escaped; a script made from it would hold just this.
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent === 'window.__xss=2;alert(2)').length,
  }));
  expect(made, `elements made from user text on ${label}`).toEqual({ xss: null, images: 0, svgs: 0, bold: 0, scripts: 0 });
  expect(dialogs, `dialogs on ${label}`).toEqual([]);
  // The server's HTML, before any script runs, has each payload only escaped (as text or in the data script).
  const html = await (await page.request.get(page.url())).text();
  for (const payload of [IMG, SCRIPT, SVG]) expect(html, `${payload} unescaped in the HTML of ${label}`).not.toContain(payload);
}

describe.each(LOCALES)('user text in %s', (locale: Locale) => {
  const t = MESSAGES[locale];

  it('the challenge page shows title, summary, indicator, question and answer as typed', async () => {
    const { page, dialogs } = await openPage(locale, `/challenges/${challengeId}`);
    const main = page.getByRole('main');
    await page.getByRole('heading', { level: 1, name: TITLE[locale], exact: true }).waitFor();
    await main.getByText(SUMMARY[locale], { exact: true }).first().waitFor();
    if (locale === 'zh-CN') await main.getByText(INDICATOR, { exact: true }).first().waitFor();
    const answered = page.getByRole('region', { name: t.qa.answeredTitle, exact: true });
    await answered.getByText(QUESTION, { exact: true }).waitFor();
    await answered.getByText(ANSWER, { exact: true }).waitFor();
    expect(await page.title(), 'the page title').toContain(TITLE[locale]);
    await expectInert(page, dialogs, `the challenge page (${locale})`);
    await checkPage(page, locale, 'a challenge with markup in its texts');
  });

  it('the search results show the title with its match marked, as text', async () => {
    const { page, dialogs } = await openPage(locale, `/challenges?q=${word}`);
    const card = page.getByRole('main').getByRole('listitem').filter({ hasText: word }).first();
    await card.waitFor();
    expect(await card.innerText()).toContain(TITLE[locale]);
    expect(await card.locator('mark').allInnerTexts(), 'only the match is marked').toContain(word);
    await expectInert(page, dialogs, `the search results (${locale})`);
    await checkPage(page, locale, 'search results with markup in a title');
  });
});

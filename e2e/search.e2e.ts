/**
 * Search: the header's search box in Chinese and English, results that follow the list's search box
 * as the user types, facet counts that narrow, matches marked in the cards, corrections and the
 * suggestions of an empty search, the whole thing without JavaScript, and axe on every state.
 *
 * The challenges are made here through the API (the demo enterprise drafts and submits, the demo
 * bureau approves), each titled with a made-up word no other challenge has, so the suite does not
 * depend on the demo catalogue.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  apiLogin,
  BASE_URL,
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  DEMO_PASSWORD,
  expectNoHorizontalScroll,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  waitForHydration,
  type Locale,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const DAY = 24 * 3600 * 1000;


/**
 * A made-up word of letters only (no s: the stemmer would take it off), so that it is one lexeme
 * whose beginning can be typed as a prefix.
 */
function madeUpWord(): string {
  const letters = 'bcdfghjklmnpqrtvwxz';
  let word = 'qz';
  for (let n = Date.now() + Math.floor(Math.random() * 1e6); word.length < 10; n = Math.floor(n / letters.length)) word += letters[n % letters.length];
  return word;
}

const WORD = madeUpWord();

interface Made {
  id: string;
  titleZh: string;
  titleEn: string;
}

async function publish(tokens: { enterprise: string; bureau: string }, fields: { titleZh: string; titleEn: string; summaryZh: string; summaryEn: string; industry: string; category: string }): Promise<Made> {
  const created = await apiCall<{ id: string }>('/challenges', {
    token: tokens.enterprise,
    body: {
      ...fields,
      descriptionZh: '现场数据和样品由发榜企业提供。',
      descriptionEn: 'The owner provides field data and samples.',
      indicators: [{ nameZh: '合格率', nameEn: 'Pass rate', target: '≥ 95', unit: '%', method: '连续 20 批统计' }],
      eligibilityZh: '高校、科研院所或企业。',
      eligibilityEn: 'Universities, institutes or companies.',
      enterpriseShareFen: 60_000_000,
      requestedSpecialFundFen: 20_000_000,
      deadline: new Date(Date.now() + 45 * DAY).toISOString(),
      durationMonths: 12,
      maxWinners: 1,
      ipTermsZh: '知识产权归双方共有。',
      ipTermsEn: 'Intellectual property is owned jointly.',
      visibility: 'public',
      domesticOnly: false,
    },
  });
  await apiCall(`/challenges/${created.id}/submit`, { token: tokens.enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen: 20_000_000 } });
  return { id: created.id, titleZh: fields.titleZh, titleEn: fields.titleEn };
}

let browser: Browser;
let disc: Made;
let bearing: Made;

beforeAll(async () => {
  browser = await launch();
  const tokens = { enterprise: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL) };
  disc = await publish(tokens, {
    titleZh: `高温合金涡轮盘晶粒度控制 ${WORD}`,
    titleEn: `Grain size control of superalloy turbine discs ${WORD}`,
    summaryZh: '涡轮盘锻件晶粒不均，需要等温锻造工艺。',
    summaryEn: 'Turbine disc forgings have uneven grain; isothermal forging is sought.',
    industry: 'metallurgy_new_materials',
    category: 'bottleneck',
  });
  bearing = await publish(tokens, {
    titleZh: `盾构机主轴承密封寿命提升 ${WORD}`,
    titleEn: `Longer life for shield-machine main bearing seals ${WORD}`,
    summaryZh: '主轴承密封在高水压下早期失效。',
    summaryEn: 'Main bearing seals fail early under high water pressure.',
    industry: 'high_end_equipment',
    category: 'urgent_need',
  });
});
afterAll(async () => {
  await browser?.close();
});

async function withPage<T>(opts: { locale: Locale; javaScriptEnabled?: boolean; width?: number }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await newContext(browser, opts);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const titleIn = (c: Made, locale: Locale) => (locale === 'en' ? c.titleEn : c.titleZh);
const results = (page: Page) => page.getByRole('region', { name: MESSAGES['zh-CN'].browse.list.resultsTitle, exact: true }).or(page.getByRole('region', { name: MESSAGES.en.browse.list.resultsTitle, exact: true }));
const cardOf = (page: Page, c: Made, locale: Locale) => results(page).getByRole('article').filter({ has: page.getByRole('link', { name: titleIn(c, locale), exact: true }) });
const marks = (card: Locator) => card.locator('mark').allInnerTexts();

/** Waits until the list shows exactly these challenges. */
async function expectCards(page: Page, locale: Locale, shown: Made[]) {
  for (const c of shown) await cardOf(page, c, locale).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('main article').length === n, shown.length);
}

/** Searches from the header's search box on the home page and waits for the list. */
async function searchFromHeader(page: Page, locale: Locale, text: string) {
  const t = MESSAGES[locale];
  await page.goto('/');
  const box = page.getByRole('banner').getByRole('searchbox', { name: t.nav.search, exact: true });
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL((url) => url.pathname === '/challenges' && url.searchParams.get('q') === text);
  await page.getByRole('heading', { level: 1, name: t.browse.list.title, exact: true }).waitFor();
}

describe.each(LOCALES)('in %s', (locale) => {
  const t = MESSAGES[locale];

  it('searching from the header lists the matches, best first, with the matched words marked', async () => {
    await withPage({ locale }, async (page) => {
      const text = locale === 'en' ? `turbine ${WORD}` : `涡轮盘 ${WORD}`;
      await searchFromHeader(page, locale, text);
      await expectCards(page, locale, [disc]);
      const marked = await marks(cardOf(page, disc, locale));
      expect(marked.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining([locale === 'en' ? 'turbine' : '涡轮盘', WORD]));
      // Marks are text in <mark>, never markup built from the user's text.
      expect(await cardOf(page, disc, locale).locator('mark *').count()).toBe(0);
      // The search box of the list holds the text; relevance is the order.
      expect(await page.getByRole('searchbox', { name: t.browse.list.searchLabel, exact: true }).inputValue()).toBe(text);
      const sort = page.getByRole('combobox', { name: t.browse.list.sort, exact: true });
      expect(await sort.locator('option:checked').innerText()).toBe(t.browse.list.sorts.relevance);
      await checkSharedState(page, locale, 'search results from the header');
    });
  });

  it('the results follow the search box as the user types, and a facet narrows them', async () => {
    await withPage({ locale }, async (page) => {
      await page.goto('/challenges');
      await waitForHydration(page);
      const box = page.getByRole('searchbox', { name: t.browse.list.searchLabel, exact: true });
      await box.click();
      // The start of the made-up word: matched as a prefix while typing.
      await box.pressSequentially(WORD.slice(0, 6), { delay: 40 });
      await page.waitForURL((url) => url.searchParams.get('q') === WORD.slice(0, 6) && url.searchParams.get('typing') === '1');
      await expectCards(page, locale, [disc, bearing]);
      expect(await page.evaluate(() => document.activeElement?.id), 'focus stays in the search box').toBe('filter-q');

      await box.pressSequentially(WORD.slice(6), { delay: 40 });
      await page.waitForURL((url) => url.searchParams.get('q') === WORD);
      await expectCards(page, locale, [disc, bearing]);

      // Facet counts beside the options; choosing one narrows the results.
      const industry = page.getByRole('combobox', { name: t.browse.list.industry, exact: true });
      const option = (value: string) => industry.locator(`option[value="${value}"]`).innerText();
      const counted = (label: string, count: number) => t.browse.list.facetCount.replace('{label}', label).replace('{count}', String(count));
      expect((await option('high_end_equipment')).trim()).toBe(counted(t.challenge.industries.high_end_equipment, 1));
      expect((await option('metallurgy_new_materials')).trim()).toBe(counted(t.challenge.industries.metallurgy_new_materials, 1));
      await industry.selectOption('high_end_equipment');
      await page.getByRole('button', { name: t.browse.list.apply, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('industry') === 'high_end_equipment' && url.searchParams.get('q') === WORD);
      await expectCards(page, locale, [bearing]);

      // More words: only the challenges that have them all.
      await box.click();
      await box.press('End');
      await box.pressSequentially(locale === 'en' ? ' seals' : ' 主轴承', { delay: 40 });
      await page.waitForURL((url) => url.searchParams.get('q') === `${WORD}${locale === 'en' ? ' seals' : ' 主轴承'}`);
      await expectCards(page, locale, [bearing]);
      expect(await box.inputValue()).toBe(`${WORD}${locale === 'en' ? ' seals' : ' 主轴承'}`);
      await checkSharedState(page, locale, 'search as you type, narrowed by a facet');
    });
  });

  it('an empty search suggests what to change, and the suggestion leads back to results', async () => {
    await withPage({ locale }, async (page) => {
      await page.goto(`/challenges?q=${WORD}&status=closed`);
      const region = results(page);
      await region.getByRole('heading', { name: t.browse.list.emptySearchTitle.replace('{q}', WORD), exact: true }).waitFor();
      await region.getByText(t.browse.list.suggestSpelling, { exact: true }).waitFor();
      await region.getByText(t.browse.list.suggestChinese, { exact: true }).waitFor();
      await checkSharedState(page, locale, 'empty search');
      const remove = t.browse.list.suggestRemoveFilter.replace('{name}', t.browse.list.status).replace('{value}', t.challenge.states.closed);
      await region.getByRole('link', { name: remove, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === WORD && !url.searchParams.has('status'));
      await expectCards(page, locale, [disc, bearing]);
    });
  });
});

describe('corrections', () => {
  it('a 同音字 typo finds the word it sounds like, and the page says so', async () => {
    const locale: Locale = 'zh-CN';
    const t = MESSAGES[locale];
    await withPage({ locale }, async (page) => {
      await searchFromHeader(page, locale, `高问合金 ${WORD}`);
      await expectCards(page, locale, [disc]);
      const note = t.browse.list.corrected.replace('{to}', '高温合金').replace('{from}', '高问合金');
      await results(page).getByText(note, { exact: true }).waitFor();
      expect(await marks(cardOf(page, disc, locale))).toContain('高温合金');
      await checkPage(page, locale, 'corrected search');
    });
  });
});

describe('without JavaScript', () => {
  it.each(LOCALES)('the header search, the list search and a facet work as plain GET forms (%s)', async (locale) => {
    const t = MESSAGES[locale];
    await withPage({ locale, javaScriptEnabled: false }, async (page) => {
      await searchFromHeader(page, locale, WORD);
      await expectCards(page, locale, [disc, bearing]);
      expect(await marks(cardOf(page, bearing, locale))).toContain(WORD);
      await checkSharedState(page, locale, 'search results without JavaScript');

      const form = page.getByRole('form', { name: t.browse.list.filtersTitle, exact: true });
      await form.getByRole('combobox', { name: t.browse.list.category, exact: true }).selectOption('bottleneck');
      await form.getByRole('button', { name: t.browse.list.apply, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('category') === 'bottleneck');
      await expectCards(page, locale, [disc]);

      const box = form.getByRole('searchbox', { name: t.browse.list.searchLabel, exact: true });
      await box.fill(locale === 'en' ? `${WORD} bearing` : `${WORD} 轴承`);
      await form.getByRole('button', { name: t.browse.list.searchSubmit, exact: true }).click();
      await page.waitForURL((url) => (url.searchParams.get('q') ?? '').startsWith(`${WORD} `));
      // The category filter still applies and no challenge of it has every word: those with some of them
      // (other challenges may mention bearings), and a note saying so.
      await results(page).getByText(t.browse.list.matchAny, { exact: true }).waitFor();
      await cardOf(page, disc, locale).waitFor();
      expect(await cardOf(page, bearing, locale).count(), 'the category still applies').toBe(0);
      await checkSharedState(page, locale, 'partial match without JavaScript');
    });
  });
});

describe('at 360 px width', () => {
  it.each(LOCALES)('the header search and the results fit without horizontal scroll (%s)', async (locale) => {
    await withPage({ locale, width: 360 }, async (page) => {
      await searchFromHeader(page, locale, WORD);
      await expectCards(page, locale, [disc, bearing]);
      await expectNoHorizontalScroll(page, `search results at 360 px (${locale})`);
      await page.goto('/');
      await expectNoHorizontalScroll(page, `home with the header search at 360 px (${locale})`);
    });
  });
});

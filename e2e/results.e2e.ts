/**
 * The public results page (揭榜结果), in Chinese and English, as an anonymous visitor: a project made
 * here through the API (awarded, signed, its first milestone verified) shows its winner, award and
 * progress (1 of 3 milestones, the first milestone's amount released); the header links to the page;
 * the industry filter is a GET form. Chinese with JavaScript, English without. axe on every page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../apps/web/src/lib/format';
import { awardedProject, ENTERPRISE_EMAIL, fill, SOLVER_PASSWORD, type Story } from './project-setup';
import { apiCall, apiLogin, BUREAU_EMAIL, checkPage, expectPage, launch, LOCALES, MESSAGES, newContext, type Locale } from './support';

interface ResultItem { challengeId: string; winners: { awardFen: number; releasedFen: number; milestonesVerified: number; milestonesTotal: number }[] }
const PAGE_SIZE = 10; // RESULTS_PAGE_SIZE of the page

let browser: Browser;
let story: Story & { challenge: { id: string; titleZh: string; titleEn: string }; page: number; item: ResultItem };

/** The first milestone of the story's project verified: signed by both, submitted, accepted, verified. */
async function firstMilestoneVerified(s: Story) {
  const solver = await apiLogin(s.solverEmail, SOLVER_PASSWORD);
  const owner = await apiLogin(ENTERPRISE_EMAIL);
  await apiCall(`/projects/${s.projectId}/sign`, { token: solver, body: { payee: { accountName: '耐火材料研究院', bank: '中国银行石家庄分行', accountNumber: '1234 5678 9012' } } });
  const signed = await apiCall<{ challenge: { id: string; titleZh: string; titleEn: string }; milestones: { id: string }[] }>(`/projects/${s.projectId}/sign`, { token: owner, body: {} });
  const m1 = signed.milestones[0]!.id;
  await apiCall(`/milestones/${m1}/submit`, { token: solver, body: { report: '衬料试验完成，侵蚀速率下降 35%。' } });
  await apiCall(`/milestones/${m1}/review`, { token: owner, body: { accept: true } });
  await apiCall(`/milestones/${m1}/verify`, { token: await apiLogin(BUREAU_EMAIL), body: {} });
  return signed.challenge;
}

/** Where the page lists the challenge (other suites award challenges too): its page under the metallurgy filter. */
async function findResult(challengeId: string): Promise<{ page: number; item: ResultItem }> {
  for (let page = 1; page < 50; page++) {
    const r = await apiCall<{ items: ResultItem[]; total: number }>(`/results?industry=metallurgy_new_materials&pageSize=${PAGE_SIZE}&page=${page}`);
    const item = r.items.find((i) => i.challengeId === challengeId);
    if (item) return { page, item };
    if (page * PAGE_SIZE >= r.total) break;
  }
  throw new Error('the awarded challenge is not in the results');
}

beforeAll(async () => {
  browser = await launch();
  const s = await awardedProject('zh-CN');
  const challenge = await firstMilestoneVerified(s);
  story = { ...s, challenge, ...(await findResult(challenge.id)) };
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the public results in %s', (locale: Locale) => {
  const m = MESSAGES[locale];
  const t = m.results;
  const javaScript = locale === 'zh-CN';
  let context: BrowserContext;
  afterAll(async () => {
    await context?.close();
  });

  it('an anonymous visitor finds the award, its winner and the project’s progress; the filter works', async () => {
    context = await newContext(browser, { locale, javaScriptEnabled: javaScript });
    const page: Page = await context.newPage();
    await page.goto('/');
    // The public header leads to the results.
    await page.getByRole('navigation', { name: m.nav.label }).getByRole('link', { name: t.nav, exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/results');
    await expectPage(page, locale, t.title);
    await expect(page.getByRole('link', { name: t.nav, exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    // The totals are the API's, over every final award (the suites before this one share the data).
    const { totals } = await apiCall<{ totals: { awardedFen: number; paidFen: number } }>('/results');
    for (const [key, fen] of [['awarded', totals.awardedFen], ['paid', totals.paidFen]] as const) {
      await page.locator(`[data-figure="${key}"]`).getByText(formatMoney(fen, locale), { exact: true }).waitFor();
    }
    await checkPage(page, locale, 'results');

    // The industry filter, a GET form; then the page the story's challenge is on.
    await page.getByLabel(t.filter.industry, { exact: true }).selectOption('metallurgy_new_materials');
    await page.getByRole('button', { name: t.filter.apply, exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('industry') === 'metallurgy_new_materials');
    await page.getByText(t.totals.filtered).waitFor();
    if (story.page > 1) await page.goto(`/results?industry=metallurgy_new_materials&page=${story.page}`);

    const winner = story.item.winners[0]!;
    expect(winner).toMatchObject({ milestonesVerified: 1, milestonesTotal: 3, releasedFen: story.milestone.amountFen });
    // The title in the reader's language, linking to the challenge.
    const title = locale === 'en' ? story.challenge.titleEn : story.challenge.titleZh;
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
    await expect(card.getByRole('link', { name: title, exact: true }).getAttribute('href')).resolves.toBe(`/challenges/${story.challenge.id}`);
    const row = card.getByRole('row').filter({ hasText: story.orgName });
    await row.getByText(formatMoney(winner.awardFen, locale), { exact: true }).waitFor();
    await row.getByText(m.projects.states.active, { exact: true }).waitFor();
    const bar = row.getByRole('progressbar');
    await expect(bar.getAttribute('value')).resolves.toBe('1');
    await expect(bar.getAttribute('max')).resolves.toBe('3');
    await row.getByText(fill(t.progress.milestonesWords, { verified: 1, total: 3, percent: 33 }), { exact: true }).waitFor();
    await row.getByText(fill(t.progress.released, { released: formatMoney(winner.releasedFen, locale), award: formatMoney(winner.awardFen, locale), percent: 30 }), { exact: true }).waitFor();
    await checkPage(page, locale, 'results, filtered');

    // A page past the end of the list says so and leads back to the first.
    await page.goto('/results?industry=metallurgy_new_materials&page=999');
    await page.getByRole('heading', { name: t.empty.pastEndTitle, exact: true }).waitFor();
    await page.getByRole('link', { name: t.empty.firstPage, exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('page') === null && u.searchParams.get('industry') === 'metallurgy_new_materials');
  });
});

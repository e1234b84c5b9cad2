/**
 * A challenge's public Q&A, in Chinese and in English: an anonymous visitor sees the empty thread
 * and a sign-in link; a solver asks (an empty question is refused next to the field first) and sees
 * the question as their own, awaiting an answer, which other visitors do not see; the owner
 * enterprise finds it among the questions awaiting an answer and answers it; the answer is then
 * shown publicly with who answered (by role). The English solver works without JavaScript, so the
 * forms post natively. axe on every page visited.
 *
 * The challenge is made through the API (the demo enterprise drafts and submits, the demo bureau
 * approves), so the suite does not depend on the demo catalogue.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  apiLogin,
  BASE_URL,
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  DEMO_PASSWORD,
  launch,
  LOCALES,
  MESSAGES,
  readers,
  unique,
  waitForHydration,
  type Locale,
  type Readers,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const SOLVER_EMAIL = 'chen@ustb.edu.cn';
const DAY = 24 * 3600 * 1000;



/** A public challenge of the demo enterprise, published by the demo bureau. */
async function publishedChallenge(): Promise<string> {
  const [enterprise, bureau] = [await apiLogin(ENTERPRISE_EMAIL), await apiLogin(BUREAU_EMAIL)];
  const id = unique('');
  const created = await apiCall<{ id: string }>('/challenges', {
    token: enterprise,
    body: {
      titleZh: `转炉出钢口寿命提升 ${id}`,
      titleEn: `Longer converter taphole life ${id}`,
      summaryZh: '将转炉出钢口寿命从 150 炉提高到 250 炉以上。',
      summaryEn: 'Raise converter taphole life from 150 to over 250 heats.',
      descriptionZh: '我公司 120 吨转炉出钢口频繁更换，影响作业率。',
      descriptionEn: 'The tapholes of our 120-tonne converters are replaced too often.',
      industry: 'metallurgy_new_materials',
      category: 'bottleneck',
      indicators: [{ nameZh: '出钢口寿命', nameEn: 'Taphole life', target: '≥ 250', unit: '炉', method: '连续 3 个出钢口统计' }],
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
  await apiCall(`/challenges/${created.id}/submit`, { token: enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: bureau, body: { specialFundFen: 20_000_000 } });
  return created.id;
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the Q&A of a challenge in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const q = t.qa;
  const javaScript = locale === 'zh-CN';
  const question = locale === 'en' ? `Can trial tapholes be installed on converter no. 2? ${unique('')}` : `能否在 2 号转炉上试装试验出钢口？${unique('')}`;
  const answerText = locale === 'en' ? 'Yes, during the scheduled relining in the third quarter.' : '可以，安排在三季度计划检修时试装。';
  let challengeId = '';
  let people: Readers;

  beforeAll(async () => {
    people = readers(browser, locale);
    challengeId = await publishedChallenge();
  });
  afterAll(async () => {
    await people?.close();
  });

  async function visitor(opts: { javaScript?: boolean; email?: string } = {}): Promise<Page> {
    const page = await people.page(opts);
    await page.goto(`/challenges/${challengeId}`);
    if (opts.javaScript ?? true) await waitForHydration(page);
    return page;
  }
  const section = (page: Page) => page.getByRole('region', { name: q.title, exact: true });
  const itemWith = (scope: Locator, text: string) => scope.getByRole('listitem').filter({ hasText: text });

  it('an anonymous visitor sees the empty thread and a way to sign in to ask', async () => {
    const page = await visitor();
    const qa = section(page);
    await qa.getByRole('heading', { level: 2, name: q.title, exact: true }).waitFor();
    await qa.getByRole('heading', { level: 3, name: q.answeredTitle, exact: true }).waitFor();
    await qa.getByText(q.emptyTitle, { exact: true }).waitFor();
    const signInLink = qa.getByRole('link', { name: q.signIn, exact: true });
    expect(await signInLink.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/challenges/${challengeId}`)}`);
    expect(await qa.getByRole('textbox').count(), 'no ask form for anonymous visitors').toBe(0);
    await checkSharedState(page, locale, 'challenge Q&A, anonymous, empty');
  });

  it(`a solver asks${javaScript ? '' : ' without JavaScript'}: an empty question is refused at the field, then the question is theirs, awaiting an answer`, async () => {
    const page = await visitor({ javaScript, email: SOLVER_EMAIL });
    const qa = section(page);
    const box = qa.getByRole('textbox', { name: q.askLabel, exact: true });
    await box.waitFor();

    await qa.getByRole('button', { name: q.askSubmit, exact: true }).click();
    const summary = qa.locator('[data-error-summary]');
    await summary.waitFor();
    const required = fill(t.form.codes.required, { label: q.askLabel });
    await summary.getByRole('link', { name: required, exact: true }).waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    if (javaScript) expect(await summary.evaluate((el) => el === document.activeElement), 'focus moves to the error summary').toBe(true);
    await checkPage(page, locale, 'challenge Q&A, empty question refused');

    await qa.getByRole('textbox', { name: q.askLabel, exact: true }).fill(question);
    await qa.getByRole('button', { name: q.askSubmit, exact: true }).click();
    await qa.getByRole('status').filter({ hasText: q.asked }).waitFor();
    const mine = qa.getByRole('region', { name: q.mineTitle, exact: true });
    const item = itemWith(mine, question);
    await item.getByText(q.awaiting, { exact: true }).waitFor();
    expect(await qa.getByRole('textbox', { name: q.askLabel, exact: true }).inputValue(), 'the form is empty again').toBe('');
    await checkPage(page, locale, 'challenge Q&A, question asked');

    const other = await visitor();
    await section(other).getByText(q.emptyTitle, { exact: true }).waitFor();
    expect(await section(other).getByText(question).count(), 'an unanswered question is not public').toBe(0);
  });

  it('the owner enterprise answers it among the questions awaiting an answer', async () => {
    const page = await visitor({ email: ENTERPRISE_EMAIL });
    const qa = section(page);
    const pending = qa.getByRole('region', { name: fill(q.pendingTitle, { count: 1 }), exact: true });
    const item = itemWith(pending, question);
    await item.waitFor();
    expect(await qa.getByRole('textbox', { name: q.askLabel }).count(), 'the owner does not ask').toBe(0);
    await checkSharedState(page, locale, 'challenge Q&A, owner with a question to answer');

    await item.getByRole('textbox', { name: q.answerLabel, exact: true }).fill(answerText);
    await item.getByRole('button', { name: q.answerSubmit, exact: true }).click();
    await qa.getByRole('status').filter({ hasText: q.answered }).waitFor();
    await qa.getByRole('region', { name: fill(q.pendingTitle, { count: 0 }), exact: true }).getByText(q.pendingEmpty, { exact: true }).waitFor();
    await itemWith(qa.getByRole('region', { name: q.answeredTitle, exact: true }), answerText).waitFor();
    await checkSharedState(page, locale, 'challenge Q&A, answered by the owner');
  });

  it('the answer is public: every visitor sees question, answer and who answered, by role', async () => {
    const page = await visitor();
    const answered = section(page).getByRole('region', { name: q.answeredTitle, exact: true });
    const item = itemWith(answered, question);
    await item.getByText(answerText).waitFor();
    const by = fill(q.answeredBy, { role: q.roles.enterprise, time: '' }).trim();
    expect(await item.innerText()).toContain(by);
    await checkSharedState(page, locale, 'challenge Q&A, public answer');
  });
});

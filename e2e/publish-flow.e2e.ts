/**
 * Publishing a challenge, end to end, once in Chinese and once in English: the enterprise drafts it
 * in the editor (the checklist lists what is missing as it types; every field filled through the
 * page, two indicators, an attachment refused for its type and one accepted) and submits it; the
 * bureau finds it in its queue and returns it with reasons; the enterprise reads them, fixes the
 * draft and submits again; the bureau approves a smaller special fund than requested; an anonymous
 * visitor finds it in the public list and sees the bounty = enterprise share + approved fund. Also:
 * the role guards of both areas, and the editor without JavaScript (row buttons and Enter post the
 * form; the server names every missing field next to it; cancelling). axe on every page visited.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_MESSAGES } from '../apps/api/src/http/problem-messages';
import { formatMoney } from '../apps/web/src/lib/format';
import {
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  descriptionOf,
  expectPage,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  signInAs,
  unique,
  waitForHydration,
  type Locale,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const SOLVER_EMAIL = 'chen@ustb.edu.cn';

/** A Beijing calendar date `days` from now, as a date input takes it. */
function beijingDateIn(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

function newStory() {
  const id = unique('');
  return {
    titleZh: `高炉炉衬长寿化耐火材料攻关 ${id}`,
    titleEn: `Longer-lasting blast furnace lining refractories ${id}`,
    summaryZh: '将高炉炉衬寿命从 8 年提高到 15 年以上。',
    summaryEn: 'Raise the service life of the blast furnace lining from 8 to over 15 years.',
    fixedSummaryEn: 'Raise the service life of the blast furnace lining from 8 to at least 15 years, with field data.',
    descriptionZh: '我公司 2 号高炉炉缸侵蚀严重，现用碳砖寿命约 8 年。需要新型耐火材料及配套砌筑工艺。',
    descriptionEn: 'The hearth of our No. 2 blast furnace erodes quickly; the carbon bricks last about 8 years.',
    eligibilityZh: '具有耐火材料研发经验的高校、科研院所或企业。',
    eligibilityEn: 'Universities, institutes or companies with refractory research experience.',
    ipTermsZh: '成果归双方共有，企业享有优先使用权。',
    ipTermsEn: 'Results are owned jointly; the enterprise has the first right of use.',
    indicators: [
      { nameZh: '炉衬寿命', nameEn: 'Lining life', target: '≥ 15', unit: '年', method: '现场跟踪测量，GB/T 相关标准' },
      { nameZh: '导热系数', nameEn: 'Thermal conductivity', target: '≤ 18', unit: 'W/(m·K)', method: 'GB/T 10297 热线法' },
    ],
    enterpriseShare: '1,200,000',
    requestedSpecialFund: '800000',
    approvedSpecialFund: '500000',
    // ¥1,200,000 + ¥500,000, in fen.
    bountyFen: 170_000_000,
    requestedBountyFen: 200_000_000,
    deadlineDate: beijingDateIn(60),
    deadlineTime: '17:00',
    durationMonths: '18',
    maxWinners: '2',
    returnReason: `请补充英文摘要中的量化目标和验收数据来源。(${id})`,
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const fill = (t: string, params: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

describe.each(LOCALES)('publishing a challenge in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const m = t.manage;
  const f = t.challenge.fields;
  const story = newStory();
  /** The title the public pages lead with in this language. */
  const readerTitle = locale === 'en' ? story.titleEn : story.titleZh;
  let enterpriseContext: BrowserContext;
  let bureauContext: BrowserContext;
  let enterprise: Page;
  let bureau: Page;
  let challengeId = '';

  beforeAll(async () => {
    [enterpriseContext, bureauContext] = await Promise.all([newContext(browser, { locale }), newContext(browser, { locale })]);
    await Promise.all([signInAs(enterpriseContext, ENTERPRISE_EMAIL), signInAs(bureauContext, BUREAU_EMAIL)]);
    [enterprise, bureau] = await Promise.all([enterpriseContext.newPage(), bureauContext.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([enterpriseContext?.close(), bureauContext?.close()]);
  });

  const statusBadge = (page: Page, state: keyof typeof t.challenge.states) => page.getByRole('main').getByText(t.challenge.states[state], { exact: true }).first();
  const checklist = (page: Page) => page.getByRole('complementary', { name: m.checklist.title, exact: true });
  const required = (label: string) => fill(m.issues.required, { label });

  it('an enterprise gets the 403 page for the review queue, a solver for the enterprise area', async () => {
    const denied = await enterprise.goto('/bureau/challenges');
    expect(denied?.status()).toBe(403);
    await expectPage(enterprise, locale, t.errors.forbiddenTitle);
    await checkSharedState(enterprise, locale, 'review queue, as an enterprise');

    const solverContext = await newContext(browser, { locale });
    try {
      await signInAs(solverContext, SOLVER_EMAIL);
      const solver = await solverContext.newPage();
      const res = await solver.goto('/enterprise/challenges');
      expect(res?.status()).toBe(403);
      await expectPage(solver, locale, t.errors.forbiddenTitle);
      await checkSharedState(solver, locale, 'my challenges, as a solver');
    } finally {
      await solverContext.close();
    }
  });

  it('the enterprise drafts a challenge: the checklist lists what is missing, then every field is filled', async () => {
    await enterprise.goto('/account');
    await enterprise.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: t.nav.myChallenges, exact: true }).click();
    await enterprise.waitForURL((url) => url.pathname === '/enterprise/challenges');
    await expectPage(enterprise, locale, m.list.title);
    await checkSharedState(enterprise, locale, 'my challenges');

    await enterprise.getByRole('main').getByRole('link', { name: m.list.newChallenge }).first().click();
    await enterprise.waitForURL((url) => url.pathname === '/enterprise/challenges/new');
    await expectPage(enterprise, locale, m.editor.newTitle);
    await waitForHydration(enterprise);

    // Before anything is typed, the checklist names the missing fields, each linked to its input.
    const list = checklist(enterprise);
    await list.getByRole('heading', { name: m.checklist.title, exact: true }).waitFor();
    for (const label of [f.titleZh, f.titleEn, f.summaryZh, f.descriptionZh]) await list.getByRole('link', { name: required(label), exact: true }).waitFor();
    await list.getByRole('link', { name: fill(m.issues.choose, { label: f.industry }), exact: true }).waitFor();
    await list.getByRole('link', { name: m.issues.bounty_zero, exact: true }).waitFor();
    expect(await list.getByRole('link', { name: required(f.titleZh), exact: true }).getAttribute('href')).toBe('#f-titleZh');
    await checkSharedState(enterprise, locale, 'new challenge, empty');

    // Following a checklist link moves focus to the field; typing there takes the item off the list.
    await list.getByRole('link', { name: required(f.titleZh), exact: true }).click();
    const titleZh = enterprise.getByRole('textbox', { name: f.titleZh, exact: true });
    expect(await titleZh.evaluate((el) => el === document.activeElement)).toBe(true);
    await titleZh.fill(story.titleZh);
    await list.getByRole('link', { name: required(f.titleZh), exact: true }).waitFor({ state: 'detached' });
    await list.getByRole('link', { name: required(f.titleEn), exact: true }).waitFor();

    await enterprise.getByRole('textbox', { name: f.titleEn, exact: true }).fill(story.titleEn);
    await enterprise.getByRole('textbox', { name: f.summaryZh, exact: true }).fill(story.summaryZh);
    await enterprise.getByRole('textbox', { name: f.summaryEn, exact: true }).fill(story.summaryEn);
    await enterprise.getByRole('textbox', { name: f.descriptionZh, exact: true }).fill(story.descriptionZh);
    await enterprise.getByLabel(f.descriptionEn).fill(story.descriptionEn);
    await enterprise.getByRole('combobox', { name: f.industry, exact: true }).selectOption('metallurgy_new_materials');
    await enterprise.getByRole('combobox', { name: f.category, exact: true }).selectOption('bottleneck');

    // Indicators: the first row is there to start with; the second comes from the add button, which moves focus into it.
    const row = (n: number) => enterprise.getByRole('group', { name: fill(m.indicators.row, { n }), exact: true });
    const fillRow = async (r: Locator, i: (typeof story.indicators)[number]) => {
      await r.getByRole('textbox', { name: f.indicatorName, exact: true }).fill(i.nameZh);
      await r.getByLabel(f.indicatorNameEn).fill(i.nameEn);
      await r.getByRole('textbox', { name: f.indicatorTarget, exact: true }).fill(i.target);
      await r.getByRole('textbox', { name: f.indicatorUnit, exact: true }).fill(i.unit);
      await r.getByRole('textbox', { name: f.indicatorMethod, exact: true }).fill(i.method);
    };
    await fillRow(row(1), story.indicators[0]!);
    await enterprise.getByRole('button', { name: m.indicators.add }).click();
    const secondName = row(2).getByRole('textbox', { name: f.indicatorName, exact: true });
    await secondName.waitFor();
    expect(await secondName.evaluate((el) => el === document.activeElement), 'focus moves into the new row').toBe(true);
    await list.getByRole('link', { name: required(fill(m.fieldLabels.indicator, { n: 2, field: f.indicatorName })), exact: true }).waitFor();
    await fillRow(row(2), story.indicators[1]!);

    // A third row, moved up and removed again with the keyboard: focus follows, a status line says what happened.
    await enterprise.getByRole('button', { name: m.indicators.add }).click();
    const nameOf = (n: number) => row(n).getByRole('textbox', { name: f.indicatorName, exact: true });
    await nameOf(3).fill('临时指标');
    await row(3).getByRole('button', { name: m.indicators.up }).focus();
    await enterprise.keyboard.press('Enter');
    await enterprise.getByText(fill(m.indicators.moved, { from: 3, to: 2 }), { exact: true }).waitFor({ state: 'attached' });
    expect(await nameOf(2).inputValue()).toBe('临时指标');
    expect(await nameOf(3).inputValue()).toBe(story.indicators[1]!.nameZh);
    expect(await row(2).getByRole('button', { name: m.indicators.up }).evaluate((el) => el === document.activeElement), 'focus moves with the row').toBe(true);
    await row(2).getByRole('button', { name: m.indicators.remove }).focus();
    await enterprise.keyboard.press('Enter');
    await enterprise.getByText(fill(m.indicators.removed, { count: 2 }), { exact: true }).waitFor({ state: 'attached' });
    expect(await row(3).count()).toBe(0);
    expect(await nameOf(2).inputValue()).toBe(story.indicators[1]!.nameZh);
    expect(await nameOf(2).evaluate((el) => el === document.activeElement), 'focus goes to the row that took its place').toBe(true);

    await enterprise.getByLabel(f.eligibilityZh).fill(story.eligibilityZh);
    await enterprise.getByLabel(f.eligibilityEn).fill(story.eligibilityEn);

    // Amounts in yuan; a typo is named at once, and the requested bounty follows the inputs.
    const share = enterprise.getByRole('textbox', { name: f.enterpriseShare, exact: true });
    await share.fill('12o0000');
    await list.getByRole('link', { name: fill(m.issues.invalid_yuan, { label: f.enterpriseShare }), exact: true }).waitFor();
    await enterprise.getByText(m.editor.bountyPreviewInvalid, { exact: true }).waitFor();
    await share.fill(story.enterpriseShare);
    await enterprise.getByRole('textbox', { name: f.requestedSpecialFund, exact: true }).fill(story.requestedSpecialFund);
    await enterprise.getByText(fill(m.editor.bountyPreview, { amount: formatMoney(story.requestedBountyFen, locale) }), { exact: true }).waitFor();

    await enterprise.getByLabel(m.editor.deadlineDate).fill(story.deadlineDate);
    await enterprise.getByLabel(m.editor.deadlineTime).fill(story.deadlineTime);
    expect(await descriptionOf(enterprise.getByLabel(m.editor.deadlineDate)), 'the deadline says it is Beijing time').toContain(m.editor.hints.deadline);
    await enterprise.getByRole('spinbutton', { name: f.durationMonths, exact: true }).fill(story.durationMonths);
    await enterprise.getByRole('spinbutton', { name: f.maxWinners, exact: true }).fill(story.maxWinners);
    await enterprise.getByLabel(f.ipTermsZh).fill(story.ipTermsZh);
    await enterprise.getByLabel(f.ipTermsEn).fill(story.ipTermsEn);
    await enterprise.getByRole('radio', { name: t.challenge.visibilities.public, exact: true }).check();
    expect(await enterprise.getByRole('checkbox', { name: f.domesticOnly, exact: true }).isChecked()).toBe(false);

    await list.getByRole('heading', { name: m.checklist.readyTitle, exact: true }).waitFor();
    await list.getByText(m.checklist.ready).waitFor();
    expect(await list.getByRole('link').count(), 'nothing left on the checklist').toBe(0);
    await checkSharedState(enterprise, locale, 'new challenge, complete');

    await enterprise.getByRole('button', { name: m.editor.create, exact: true }).click();
    await enterprise.waitForURL((url) => /^\/enterprise\/challenges\/[0-9a-f-]{36}$/.test(url.pathname));
    challengeId = new URL(enterprise.url()).pathname.split('/').pop()!;
    await expectPage(enterprise, locale, m.editor.editTitle);
    await enterprise.getByText(m.editor.saved, { exact: true }).waitFor();
    // Saved as typed: the inputs come back from the server with the same values.
    expect(await enterprise.getByRole('textbox', { name: f.titleEn, exact: true }).inputValue()).toBe(story.titleEn);
    expect(await enterprise.getByRole('textbox', { name: f.enterpriseShare, exact: true }).inputValue()).toBe('1200000');
    expect(await row(2).getByRole('textbox', { name: f.indicatorUnit, exact: true }).inputValue()).toBe(story.indicators[1]!.unit);
    expect(await enterprise.getByLabel(m.editor.deadlineDate).inputValue()).toBe(story.deadlineDate);
    await checkSharedState(enterprise, locale, 'draft, saved');
  });

  it('attaches files to the draft: a page of HTML is refused in the reader’s language, a text file accepted; then submits', async () => {
    await waitForHydration(enterprise);
    const file = enterprise.getByLabel(m.attachments.file);
    await file.setInputFiles({ name: 'spec.html', mimeType: 'text/html', buffer: Buffer.from('<html><body><script>alert(1)</script></body></html>') });
    await enterprise.getByRole('button', { name: m.attachments.upload, exact: true }).click();
    const refusal = PROBLEM_MESSAGES.file_type_not_allowed[locale].detail;
    await enterprise.getByRole('alert').getByText(refusal, { exact: false }).waitFor();
    expect(await descriptionOf(file), 'the refusal is tied to the file input').toContain(refusal);
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    await checkSharedState(enterprise, locale, 'draft, attachment refused');

    await file.setInputFiles({ name: 'test-plan.txt', mimeType: 'text/plain', buffer: Buffer.from('炉衬寿命现场测试方案 / field test plan\n') });
    await enterprise.getByRole('button', { name: m.attachments.upload, exact: true }).click();
    await enterprise.getByText(m.editor.uploaded, { exact: true }).waitFor();
    const download = enterprise.getByRole('list', { name: m.attachments.listLabel }).getByRole('link', { name: 'test-plan.txt', exact: true });
    const href = await download.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/challenges/${challengeId}/attachments/[0-9a-f-]{36}$`));
    const downloaded = await enterprise.request.get(href!);
    expect(downloaded.status()).toBe(200);
    expect(await downloaded.text()).toContain('field test plan');

    await enterprise.getByRole('button', { name: m.editor.submit, exact: true }).click();
    await enterprise.getByText(m.editor.submitted, { exact: true }).waitFor();
    await expectPage(enterprise, locale, readerTitle);
    await statusBadge(enterprise, 'pending_review').waitFor();
    expect(await enterprise.getByRole('button', { name: m.editor.save }).count(), 'no editing once submitted').toBe(0);
    await checkSharedState(enterprise, locale, 'challenge submitted (owner)');
  });

  it('the bureau finds it in the review queue and returns it with reasons', async () => {
    await bureau.goto('/account');
    await bureau.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: t.nav.reviewQueue, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === '/bureau/challenges');
    await expectPage(bureau, locale, m.queue.title);
    const card = bureau.getByRole('listitem').filter({ has: bureau.getByRole('heading', { name: story.titleZh }) });
    await card.waitFor();
    await card.getByText(formatMoney(80_000_000, locale), { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review queue');

    await card.getByRole('link', { name: m.queue.review, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${challengeId}`);
    await expectPage(bureau, locale, readerTitle);
    await bureau.getByRole('heading', { name: m.decision.title, exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review, pending');

    const reason = bureau.getByRole('textbox', { name: m.decision.returnReason, exact: true });
    // Too short: refused next to the field, nothing changes.
    await reason.fill('x');
    await bureau.getByRole('button', { name: m.decision.return, exact: true }).click();
    const tooShort = fill(m.issues.reason_length, { label: m.decision.returnReason });
    await bureau.getByRole('alert').getByRole('link', { name: tooShort, exact: true }).waitFor();
    expect(await descriptionOf(reason)).toContain(tooShort);
    await checkSharedState(bureau, locale, 'review, return refused');

    await reason.fill(story.returnReason);
    await bureau.getByRole('button', { name: m.decision.return, exact: true }).click();
    await bureau.getByText(m.decision.returned, { exact: true }).waitFor();
    await statusBadge(bureau, 'draft').waitFor();
    await bureau.getByRole('complementary').getByText(story.returnReason, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review, returned');
  });

  it('the enterprise sees the reasons, fixes the draft and submits it again', async () => {
    await enterprise.goto('/enterprise/challenges');
    await expectPage(enterprise, locale, m.list.title);
    const card = enterprise.getByRole('listitem').filter({ has: enterprise.getByRole('heading', { name: story.titleZh }) });
    await card.getByRole('heading', { name: m.list.returnedTitle }).waitFor();
    await card.getByText(story.returnReason, { exact: true }).waitFor();
    await card.getByText(t.challenge.states.draft, { exact: true }).waitFor();
    await checkSharedState(enterprise, locale, 'my challenges, one returned');

    await card.getByRole('link', { name: m.list.edit, exact: true }).click();
    await enterprise.waitForURL((url) => url.pathname === `/enterprise/challenges/${challengeId}`);
    await expectPage(enterprise, locale, m.editor.editTitle);
    await enterprise.getByRole('region', { name: m.view.returnedTitle }).getByText(story.returnReason, { exact: true }).waitFor();
    await waitForHydration(enterprise);
    await checkSharedState(enterprise, locale, 'returned draft');

    await enterprise.getByRole('textbox', { name: f.summaryEn, exact: true }).fill(story.fixedSummaryEn);
    await enterprise.getByRole('button', { name: m.editor.submit, exact: true }).click();
    await enterprise.getByText(m.editor.submitted, { exact: true }).waitFor();
    await statusBadge(enterprise, 'pending_review').waitFor();
    // The read-only view shows the fixed text (the other language's version may be folded away).
    await enterprise.getByText(story.fixedSummaryEn, { exact: true }).first().waitFor({ state: 'attached' });
  });

  it('the bureau approves a smaller special fund than requested; the bounty follows as it is typed', async () => {
    await bureau.goto('/bureau/challenges');
    const card = bureau.getByRole('listitem').filter({ has: bureau.getByRole('heading', { name: story.titleZh }) });
    await card.getByText(m.queue.resubmitted, { exact: true }).waitFor();
    await card.getByRole('link', { name: m.queue.review, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${challengeId}`);
    await waitForHydration(bureau);

    const fund = bureau.getByRole('textbox', { name: m.decision.specialFund, exact: true });
    expect(await fund.inputValue(), 'the request is the starting point').toBe(story.requestedSpecialFund);
    await fund.fill('900000');
    await bureau.getByText(fill(m.decision.exceeds, { amount: formatMoney(80_000_000, locale) }), { exact: true }).waitFor();
    await fund.fill(story.approvedSpecialFund);
    await bureau.getByText(fill(m.decision.resultingBounty, { amount: formatMoney(story.bountyFen, locale) }), { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review, approving');

    await bureau.getByRole('button', { name: m.decision.approve, exact: true }).click();
    await bureau.getByText(m.decision.approved, { exact: true }).waitFor();
    await statusBadge(bureau, 'published').waitFor();
    await bureau.getByRole('complementary').getByText(fill(m.reviews.specialFund, { amount: formatMoney(50_000_000, locale) }), { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review, published');
  });

  it('a visitor finds it in the public list and sees the bounty: enterprise share + approved special fund', async () => {
    const visitorContext = await newContext(browser, { locale });
    try {
      const visitor = await visitorContext.newPage();
      await visitor.goto('/challenges');
      const link = visitor.getByRole('main').getByRole('link', { name: readerTitle });
      await link.first().waitFor();
      await checkSharedState(visitor, locale, 'public challenge list');
      await link.first().click();
      await visitor.waitForURL((url) => url.pathname === `/challenges/${challengeId}`);
      await expectPage(visitor, locale, readerTitle);
      await visitor.getByRole('main').getByText(formatMoney(story.bountyFen, locale), { exact: true }).first().waitFor();
      await checkSharedState(visitor, locale, 'public challenge page');
    } finally {
      await visitorContext.close();
    }
  });
});

describe('drafting without JavaScript (zh-CN)', () => {
  const locale: Locale = 'zh-CN';
  const t = MESSAGES[locale];
  const m = t.manage;
  const f = t.challenge.fields;
  const title = `无脚本草稿 ${unique('')}`;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, { locale, javaScriptEnabled: false });
    await signInAs(context, ENTERPRISE_EMAIL);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  const row = (n: number) => page.getByRole('group', { name: fill(m.indicators.row, { n }), exact: true });
  const required = (label: string) => fill(m.issues.required, { label });

  it('saves with Enter, adds and moves indicator rows through the server, and the checklist follows the saved draft', async () => {
    await page.goto('/enterprise/challenges/new');
    await expectPage(page, locale, m.editor.newTitle);
    await page.getByRole('complementary', { name: m.checklist.title }).getByText(m.checklist.staticNote, { exact: true }).waitFor();
    await checkPage(page, locale, 'new challenge (no JS)');

    await row(1).getByRole('textbox', { name: f.indicatorName, exact: true }).fill('抗拉强度');
    const titleZh = page.getByRole('textbox', { name: f.titleZh, exact: true });
    await titleZh.fill(title);
    // Enter sends the form with its first submit button: saving, never a row button.
    await titleZh.press('Enter');
    await page.waitForURL((url) => /^\/enterprise\/challenges\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByText(m.editor.saved, { exact: true }).waitFor();
    expect(await row(1).getByRole('textbox', { name: f.indicatorName, exact: true }).inputValue()).toBe('抗拉强度');
    expect(await row(2).count(), 'Enter added no row').toBe(0);

    await page.getByRole('button', { name: m.indicators.add }).click();
    await row(2).waitFor();
    await row(2).getByRole('textbox', { name: f.indicatorName, exact: true }).fill('屈服强度');
    await row(2).getByRole('button', { name: m.indicators.up }).click();
    await page.waitForLoadState('load');
    expect(await row(1).getByRole('textbox', { name: f.indicatorName, exact: true }).inputValue()).toBe('屈服强度');
    expect(await row(2).getByRole('textbox', { name: f.indicatorName, exact: true }).inputValue()).toBe('抗拉强度');
    expect(await titleZh.inputValue()).toBe(title);
    // The checklist is the saved draft's: the rows' missing targets are on it.
    const list = page.getByRole('complementary', { name: m.checklist.title });
    await list.getByRole('link', { name: required(fill(m.fieldLabels.indicator, { n: 2, field: f.indicatorTarget })), exact: true }).waitFor();
    await checkPage(page, locale, 'draft with two rows (no JS)');
  });

  it('the server refuses an amount that is not yuan, then names every missing field at submission, next to each field', async () => {
    const share = page.getByRole('textbox', { name: f.enterpriseShare, exact: true });
    await share.fill('十万');
    await page.getByRole('button', { name: m.editor.submit, exact: true }).click();
    const summary = page.getByRole('alert');
    const notYuan = fill(m.issues.invalid_yuan, { label: f.enterpriseShare });
    await summary.getByRole('link', { name: notYuan, exact: true }).waitFor();
    expect(await share.inputValue(), 'what was typed is kept').toBe('十万');
    expect(await share.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(share)).toContain(notYuan);

    await share.fill('100000');
    await page.getByRole('button', { name: m.editor.submit, exact: true }).click();
    await summary.getByRole('link', { name: required(f.summaryZh), exact: true }).waitFor();
    for (const label of [f.titleEn, f.descriptionZh, fill(m.fieldLabels.indicator, { n: 1, field: f.indicatorTarget }), m.fieldLabels.deadline]) {
      await summary.getByRole('link', { name: required(label), exact: true }).waitFor();
    }
    expect(await summary.getByRole('link', { name: required(f.summaryZh), exact: true }).getAttribute('href')).toBe('#f-summaryZh');
    const summaryZh = page.getByRole('textbox', { name: f.summaryZh, exact: true });
    expect(await summaryZh.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(summaryZh)).toContain(required(f.summaryZh));
    // Saved all the same (a draft may be incomplete); still a draft.
    expect(await share.inputValue()).toBe('100000');
    await page.getByRole('main').getByText(t.challenge.states.draft, { exact: true }).first().waitFor();
    await checkPage(page, locale, 'submission refused (no JS)');
  });

  it('cancels the draft with a reason', async () => {
    await page.getByText(m.cancel.toggle, { exact: true }).click();
    const reason = page.getByRole('textbox', { name: m.cancel.reason, exact: true });
    await reason.fill('需求已由内部团队解决，撤销此榜单。');
    await page.getByRole('button', { name: m.cancel.submit, exact: true }).click();
    await page.getByRole('status').getByText(m.cancel.done, { exact: true }).waitFor();
    await page.getByRole('main').getByText(t.challenge.states.cancelled, { exact: true }).first().waitFor();
    await checkPage(page, locale, 'draft cancelled (no JS)');
  });
});

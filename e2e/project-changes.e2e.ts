/**
 * Changes the bureau allows and final acceptance (product.md steps 8 and 11), in Chinese and in
 * English, on the project page.
 *
 * Set up through the API (e2e/project-setup.ts): an awarded project with two technical indicators,
 * signed by both parties. Then in the browser: the solver asks to move milestone 2's due date (a date
 * in the past is refused at the field first); the bureau approves and the new date shows in the
 * timeline. The solver asks to change the payee account; the bureau rejects it with reasons the solver
 * reads, and the account stays. Milestones 1 and 2 are accepted and milestone 3 submitted through the
 * API; the owner is refused accepting milestone 3 until every indicator's result is recorded, records
 * them (a missing evidence refused at its field first), accepts, and the results table shows, to the
 * solver too. In English the solver works without JavaScript. axe on every page state.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProject, DAY, ENTERPRISE_EMAIL, fill, LINING_LIFE, resetClock, SOLVER_PASSWORD, type Indicator, type Story } from './project-setup';
import { apiCall, apiLogin, BUREAU_EMAIL, checkPage, checkSharedState, descriptionOf, expectPage, launch, LOCALES, MESSAGES, newContext, signInAs, unique, waitForHydration, type Locale } from './support';

const CONSUMPTION: Indicator = { nameZh: '吨钢耐材消耗', nameEn: 'Refractory use per tonne of steel', target: '≤ 1.8', unit: 'kg/t', method: '按月统计' };
const beijingDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

interface ApiMilestone {
  id: string;
  title: string;
  dueDate: string;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await resetClock();
});

describe.each(LOCALES)('changes the bureau allows, and final acceptance, in %s', (locale: Locale) => {
  const m = MESSAGES[locale];
  const t = m.projects;
  const solverJs = locale === 'zh-CN';
  const payee = locale === 'en'
    ? { accountName: 'Institute of Refractories e.V.', bank: 'Deutsche Bank AG, Aachen', accountNumber: 'DE89 3704 0044 0532 0130 00' }
    : { accountName: '耐火材料研究院', bank: '中国工商银行石家庄分行', accountNumber: '0402 0012 0900 1234 567' };
  const newPayee = locale === 'en'
    ? { accountName: 'Institute of Refractories e.V.', bank: 'Commerzbank AG, Aachen', accountNumber: `DE27 3904 0013 ${unique('').slice(-6)}` }
    : { accountName: '耐火材料研究院', bank: '中国银行石家庄分行', accountNumber: `1010 2020 ${unique('').slice(-6)}` };
  const dueReason = locale === 'en' ? `The plant’s converter is relined in the trial window. ${unique('')}` : `试验期间转炉检修，需顺延。${unique('')}`;
  const approval = locale === 'en' ? `The plant’s maintenance plan confirms it. ${unique('')}` : `检修计划属实，同意顺延。${unique('')}`;
  const payeeReason = locale === 'en' ? 'The institute moves its accounts to another bank.' : '学校统一更换结算账户。';
  const rejection = locale === 'en' ? `Please send the finance office’s letter confirming the new account. ${unique('')}` : `请提供学校财务处出具的账户变更证明。${unique('')}`;
  const results = [
    { achieved: '163', evidence: locale === 'en' ? 'Test report No. 2027-018 of the provincial refractories lab' : '省耐火材料检测中心报告 No. 2027-018', met: true },
    { achieved: '1.9', evidence: locale === 'en' ? 'The plant’s monthly statistics, March to May' : '3 至 5 月吨钢耐材消耗月报', met: false },
  ];
  const contexts: BrowserContext[] = [];
  let s: Story;
  let milestones: ApiMilestone[];
  let solver: Page;
  let owner: Page;
  let bureau: Page;

  async function signedIn(email: string, password?: string, javaScript = true): Promise<Page> {
    const context = await newContext(browser, { locale, javaScriptEnabled: javaScript });
    contexts.push(context);
    await signInAs(context, email, password);
    return context.newPage();
  }
  async function open(page: Page) {
    await page.goto(`/projects/${s.projectId}`);
    await expectPage(page, locale, fill(t.detail.titleOf, { challenge: s.title }));
    if (page !== solver || solverJs) await waitForHydration(page);
  }
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const milestone = (page: Page, n: number) =>
    page.getByRole('region', { name: fill(t.milestone.heading, { n, title: milestones[n - 1]!.title }), exact: true });
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });
  const textbox = (scope: Page | Locator, name: string) => scope.getByRole('textbox', { name, exact: true });
  const request = (page: Page, text: string) => page.getByRole('region', { name: t.changes.title, exact: true }).getByRole('listitem').filter({ hasText: text });
  const timelineDue = (page: Page, date: string) => page.getByRole('list', { name: t.timeline.label, exact: true }).getByText(fill(t.timeline.due, { date }), { exact: true });
  const refusedAt = async (page: Page, scope: Locator, input: Locator, text: string) => {
    await scope.locator('[data-error-summary]').getByRole('link', { name: text, exact: true }).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(input)).toContain(text);
  };

  beforeAll(async () => {
    s = await awardedProject(locale, { indicators: [LINING_LIFE, CONSUMPTION] });
    const solverToken = await apiLogin(s.solverEmail, SOLVER_PASSWORD);
    await apiCall(`/projects/${s.projectId}/sign`, { token: solverToken, body: { payee } });
    const signed = await apiCall<{ state: string; milestones: ApiMilestone[] }>(`/projects/${s.projectId}/sign`, { token: await apiLogin(ENTERPRISE_EMAIL), body: {} });
    expect(signed.state).toBe('active');
    milestones = signed.milestones;
    [solver, owner, bureau] = await Promise.all([signedIn(s.solverEmail, SOLVER_PASSWORD, solverJs), signedIn(ENTERPRISE_EMAIL), signedIn(BUREAU_EMAIL)]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('the solver asks to move milestone 2’s due date; the bureau approves and the timeline shows the new date', async () => {
    const later = addDays(milestones[1]!.dueDate, 30);
    await open(solver);
    const m2 = milestone(solver, 2);
    await m2.locator('summary', { hasText: t.changes.dueToggle }).click();
    const form = m2.getByRole('form', { name: fill(t.changes.dueTitle, { n: 2 }), exact: true });
    const date = form.getByLabel(t.changes.dueDate, { exact: true });
    // A date in the past is refused at the field and in the summary.
    await date.fill(beijingDate(Date.now() - DAY));
    await textbox(form, t.changes.reason).fill(dueReason);
    await button(form, t.changes.dueSubmit).click();
    await refusedAt(solver, milestone(solver, 2), milestone(solver, 2).getByLabel(t.changes.dueDate, { exact: true }), fill(t.codes.not_future, { label: t.changes.dueDate }));
    await checkPage(solver, locale, 'project, due date in the past refused');

    const again = milestone(solver, 2).getByRole('form', { name: fill(t.changes.dueTitle, { n: 2 }), exact: true });
    await again.getByLabel(t.changes.dueDate, { exact: true }).fill(later);
    expect(await textbox(again, t.changes.reason).inputValue(), 'the reason is kept').toBe(dueReason);
    await button(again, t.changes.dueSubmit).click();
    await status(solver, t.changes.requested);
    await milestone(solver, 2).getByText(fill(t.changes.pendingNote, { date: later }), { exact: true }).waitFor();
    await request(solver, dueReason).getByText(t.changeStates.pending, { exact: true }).waitFor();
    expect(await milestone(solver, 2).locator('summary', { hasText: t.changes.dueToggle }).count(), 'one open request per milestone').toBe(0);
    await checkPage(solver, locale, 'project, due date change asked');

    await open(bureau);
    const asked = request(bureau, dueReason);
    await asked.getByText(later, { exact: true }).waitFor();
    await textbox(asked, t.changes.decisionReasonLabel).fill(approval);
    await checkSharedState(bureau, locale, 'project, a change to decide');
    await button(asked, t.changes.approve).click();
    await status(bureau, t.changes.approved);
    await timelineDue(bureau, later).waitFor();

    await open(solver);
    await timelineDue(solver, later).waitFor();
    const decided = request(solver, dueReason);
    await decided.getByText(t.changeStates.approved, { exact: true }).waitFor();
    await decided.getByText(approval, { exact: true }).waitFor();
    expect(await button(solver, t.changes.approve).count(), 'the solver does not decide').toBe(0);
    await checkPage(solver, locale, 'project, due date change approved');
  });

  it('the solver asks to change the payee account; the bureau rejects it with reasons the solver reads', async () => {
    await open(solver);
    const sign = solver.getByRole('region', { name: t.sign.title, exact: true });
    await sign.locator('summary', { hasText: t.changes.payeeToggle }).click();
    const form = sign.getByRole('form', { name: t.changes.payeeTitle, exact: true });
    await textbox(form, t.sign.accountName).fill(newPayee.accountName);
    await textbox(form, t.sign.bank).fill(newPayee.bank);
    await textbox(form, t.sign.accountNumber).fill(newPayee.accountNumber);
    await textbox(form, t.changes.reason).fill(payeeReason);
    await button(form, t.changes.payeeSubmit).click();
    await status(solver, t.changes.requested);
    await solver.getByText(t.changes.payeePendingNote, { exact: true }).waitFor();
    await request(solver, newPayee.accountNumber).getByText(t.changeStates.pending, { exact: true }).waitFor();
    await checkPage(solver, locale, 'project, payee change asked');

    await open(bureau);
    const asked = request(bureau, newPayee.accountNumber);
    await textbox(asked, t.changes.decisionReasonLabel).fill(rejection);
    await button(asked, t.changes.reject).click();
    await status(bureau, t.changes.rejected);
    await request(bureau, newPayee.accountNumber).getByText(t.changeStates.rejected, { exact: true }).waitFor();

    await open(solver);
    const decided = request(solver, newPayee.accountNumber);
    await decided.getByText(t.changeStates.rejected, { exact: true }).waitFor();
    await decided.getByText(rejection, { exact: true }).waitFor();
    // The account stays; the solver may ask again.
    const account = solver.getByRole('region', { name: t.sign.title, exact: true });
    await account.getByText(payee.accountNumber, { exact: true }).waitFor();
    await account.locator('summary', { hasText: t.changes.payeeToggle }).waitFor();
    await checkPage(solver, locale, 'project, payee change rejected');
  });

  it('the owner records every indicator’s result before accepting the last milestone; the results table shows', async () => {
    const solverToken = await apiLogin(s.solverEmail, SOLVER_PASSWORD);
    const ownerToken = await apiLogin(ENTERPRISE_EMAIL);
    for (const x of milestones.slice(0, 2)) {
      await apiCall(`/milestones/${x.id}/submit`, { token: solverToken, body: { report: locale === 'en' ? 'Report with the heats counted.' : '阶段报告，附炉数统计。' } });
      await apiCall(`/milestones/${x.id}/review`, { token: ownerToken, body: { accept: true } });
    }
    await apiCall(`/milestones/${milestones[2]!.id}/submit`, { token: solverToken, body: { report: locale === 'en' ? 'Acceptance report.' : '验收报告。' } });

    // Refused: the page says why next to the accept button and points to the results form.
    await open(owner);
    await button(milestone(owner, 3), t.milestone.accept).click();
    const accept = button(milestone(owner, 3), t.milestone.accept);
    await milestone(owner, 3).getByText(t.results.requiredBeforeAccept).waitFor();
    expect(await descriptionOf(accept)).toContain(t.results.requiredBeforeAccept);
    await milestone(owner, 3).getByRole('link', { name: t.results.goToForm, exact: true }).click();
    await checkSharedState(owner, locale, 'project, last acceptance refused without results');

    const form = owner.getByRole('form', { name: t.results.formTitle, exact: true });
    const group = (n: number) => form.getByRole('group', { name: fill(t.results.indicatorLegend, { n, name: locale === 'en' ? [LINING_LIFE, CONSUMPTION][n - 1]!.nameEn : [LINING_LIFE, CONSUMPTION][n - 1]!.nameZh }), exact: true });
    for (const [i, r] of results.entries()) {
      await textbox(group(i + 1), t.results.achieved).fill(r.achieved);
      if (i === 0) await textbox(group(i + 1), t.results.evidence).fill(r.evidence);
      await group(i + 1).getByRole('radio', { name: r.met ? t.results.yes : t.results.no, exact: true }).check();
    }
    await button(form, t.results.submit).click();
    // A missing evidence is refused at its field and in the summary; what was typed stays.
    await refusedAt(owner, form, textbox(group(2), t.results.evidence), fill(m.form.codes.required, { label: fill(t.results.evidenceOf, { n: 2 }) }));
    expect(await textbox(group(1), t.results.evidence).inputValue()).toBe(results[0]!.evidence);
    await checkSharedState(owner, locale, 'project, indicator evidence missing');

    await textbox(group(2), t.results.evidence).fill(results[1]!.evidence);
    await button(form, t.results.submit).click();
    await status(owner, t.results.recorded);
    const table = owner.getByRole('table', { name: t.results.caption, exact: true });
    await table.getByRole('row').filter({ hasText: results[0]!.evidence }).getByText(t.results.yes, { exact: true }).waitFor();

    await button(milestone(owner, 3), t.milestone.accept).click();
    await status(owner, t.milestone.accepted);
    expect(await owner.getByRole('form', { name: t.results.formTitle, exact: true }).count(), 'no results form after the last acceptance').toBe(0);
    await checkSharedState(owner, locale, 'project, last milestone accepted with results');

    await open(solver);
    const shown = solver.getByRole('table', { name: t.results.caption, exact: true });
    for (const r of results) {
      const row = shown.getByRole('row').filter({ hasText: r.evidence });
      await row.getByText(r.achieved, { exact: true }).waitFor();
      await row.getByText(r.met ? t.results.yes : t.results.no, { exact: true }).waitFor();
    }
    await shown.getByText(`${CONSUMPTION.target} ${CONSUMPTION.unit}`, { exact: true }).waitFor();
    await checkPage(solver, locale, 'project, results shown to the solver');
  });
});

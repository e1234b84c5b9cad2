/**
 * A project (任务书) from signing to the last payment confirmed (product.md steps 8–10), in Chinese
 * and in English, through the project pages as each party uses them.
 *
 * Set up through the API: the demo enterprise publishes a challenge (2:1 enterprise share to special
 * fund), a fresh solver organisation registers, is verified and applies; the test clock crosses the
 * deadline, the bureau finds it eligible, the demo expert scores it, the bureau awards it and — past
 * the notice period — makes the award final: one project awaiting signature. The clock is then reset.
 *
 * Then in the browser: the solver finds the project under Projects, is refused signing without an
 * account number, then signs with its payee account (shown read-only afterwards); the owner signs and
 * the project is active. The solver attaches a PDF deliverable to milestone 1 and submits it; the owner
 * finds the file listed under milestone 1 and downloads the same bytes; the owner returns it with feedback, which the
 * solver reads before submitting again; the owner accepts; the bureau verifies (a release per funding
 * source). Finance finds the special fund waiting for the enterprise share, with nothing to disburse;
 * the owner records paying its share and the solver confirms it; finance disburses with a payment
 * reference (after the owner's reference is refused: each is used once); the solver confirms: milestone 1 is done, both sources paid and confirmed, on the
 * timeline and in the table. Actions the reader's role may not take are absent (no verify button for
 * the owner, no report form for the owner, no signing for the bureau). In English the solver works
 * without JavaScript, so its forms post natively. axe on every page state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../apps/web/src/lib/format';
import { AWARD_FEN, awardedProject, ENTERPRISE_EMAIL, FINANCE_EMAIL, fill, resetClock, SOLVER_PASSWORD, type Story } from './project-setup';
import {
  apiCall,
  apiLogin,
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

/** A tiny valid PDF (the API recognises files by their content). */
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

let browser: Browser;
let dir = '';
beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'project-deliverables-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await resetClock();
});

describe.each(LOCALES)('a project from signing to the last payment confirmed, in %s', (locale: Locale) => {
  const m = MESSAGES[locale];
  const t = m.projects;
  // The English solver works without JavaScript: every form of its part posts natively.
  const solverJs = locale === 'zh-CN';
  const payee = locale === 'en'
    ? { accountName: 'Institute of Refractories e.V.', bank: 'Deutsche Bank AG, Aachen', accountNumber: 'DE89 3704 0044 0532 0130 00' }
    : { accountName: '耐火材料研究院', bank: '中国工商银行石家庄分行', accountNumber: '0402 0012 0900 1234 567' };
  const feedback = locale === 'en' ? `The wear report lacks the slag analysis of heats 40 to 60. ${unique('')}` : `侵蚀报告缺少第 40 至 60 炉的渣样分析。${unique('')}`;
  const report1 = locale === 'en' ? `Trial lining installed in ladle no. 3: 112 heats so far. ${unique('')}` : `3 号钢包试验衬已投用，目前 112 炉。${unique('')}`;
  const report2 = locale === 'en' ? `Slag analysis of heats 40 to 60 added. ${unique('')}` : `已补充第 40 至 60 炉的渣样分析。${unique('')}`;
  const reference = `CZ-${unique('')}`.toUpperCase();
  const contexts: BrowserContext[] = [];
  let s: Story;
  let solver: Page;
  let owner: Page;
  let bureau: Page;
  let finance: Page;

  async function signedIn(email: string, password?: string, javaScript = true): Promise<Page> {
    const context = await newContext(browser, { locale, javaScriptEnabled: javaScript });
    contexts.push(context);
    await signInAs(context, email, password);
    return context.newPage();
  }
  /** The project page, ready for input (hydrated where JavaScript runs). */
  async function open(page: Page) {
    await page.goto(`/projects/${s.projectId}`);
    await expectPage(page, locale, fill(t.detail.titleOf, { challenge: s.title }));
    if (page !== solver || solverJs) await waitForHydration(page);
  }
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const milestone1 = (page: Page) => page.getByRole('region', { name: fill(t.milestone.heading, { n: 1, title: s.milestone.title }), exact: true });
  const release = (page: Page, source: 'enterprise' | 'special_fund') =>
    milestone1(page).getByRole('listitem').filter({ hasText: fill(t.releases.label, { source: t.sources[source], amount: formatMoney(source === 'enterprise' ? s.milestone.enterpriseShareFen : s.milestone.specialFundFen, locale) }) });
  const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    s = await awardedProject(locale);
    [solver, owner, bureau, finance] = await Promise.all([
      signedIn(s.solverEmail, SOLVER_PASSWORD, solverJs),
      signedIn(ENTERPRISE_EMAIL),
      signedIn(BUREAU_EMAIL),
      signedIn(FINANCE_EMAIL),
    ]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('the solver finds the project under Projects and signs with its payee account, fixed from then on', async () => {
    await solver.goto('/account');
    await solver.getByRole('navigation', { name: m.nav.label, exact: true }).getByRole('link', { name: t.nav, exact: true }).click();
    await solver.waitForURL((url) => url.pathname === '/projects');
    await expectPage(solver, locale, t.list.title);
    const row = solver.getByRole('row').filter({ hasText: s.orgName });
    expect(await solver.getByRole('table').getByRole('row').count(), 'a header row and this project only').toBe(2);
    await row.getByText(t.states.awaiting_signature, { exact: true }).waitFor();
    await row.getByText(formatMoney(AWARD_FEN, locale), { exact: true }).waitFor();
    await checkPage(solver, locale, 'projects, solver');

    await row.getByRole('link', { name: s.title, exact: true }).click();
    await solver.waitForURL((url) => url.pathname === `/projects/${s.projectId}`);
    await expectPage(solver, locale, fill(t.detail.titleOf, { challenge: s.title }));
    if (solverJs) await waitForHydration(solver);
    const timeline = solver.getByRole('list', { name: t.timeline.label, exact: true });
    expect(await timeline.getByRole('listitem').filter({ has: solver.getByRole('link') }).count(), 'three milestones drawn').toBe(3);
    await timeline.getByText(fill(t.timeline.due, { date: (await apiMilestones())[0]!.dueDate }), { exact: true }).waitFor();
    expect(await button(solver, t.milestone.submit).count(), 'no report before the project is signed').toBe(0);
    await checkPage(solver, locale, 'project, awaiting signature, solver');

    // Refused without the account number: at the field and in the summary.
    const number = solver.getByRole('textbox', { name: t.sign.accountNumber, exact: true });
    await solver.getByRole('textbox', { name: t.sign.accountName, exact: true }).fill(payee.accountName);
    await solver.getByRole('textbox', { name: t.sign.bank, exact: true }).fill(payee.bank);
    await button(solver, t.sign.solverSubmit).click();
    const required = fill(m.form.codes.required, { label: t.sign.accountNumber });
    await solver.locator('[data-error-summary]').getByRole('link', { name: required, exact: true }).waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(number)).toContain(required);
    expect(await solver.getByRole('textbox', { name: t.sign.bank, exact: true }).inputValue(), 'what was typed is kept').toBe(payee.bank);
    await checkPage(solver, locale, 'project, signing refused');

    await number.fill(payee.accountNumber);
    await button(solver, t.sign.solverSubmit).click();
    await status(solver, t.sign.signed);
    const signing = solver.getByRole('region', { name: t.sign.title, exact: true });
    await signing.getByText(payee.accountNumber, { exact: true }).waitFor();
    expect(await signing.getByRole('textbox').count(), 'the payee account is read-only once signed').toBe(0);
    await signing.getByText(t.sign.waitingOther, { exact: true }).waitFor();
    await checkPage(solver, locale, 'project, signed by the solver');
  });

  it('the bureau may not sign; the owner signs and the project is active', async () => {
    await open(bureau);
    expect(await button(bureau, t.sign.ownerSubmit).count(), 'no signing for the bureau').toBe(0);
    expect(await button(bureau, t.sign.solverSubmit).count()).toBe(0);

    await open(owner);
    await owner.getByRole('region', { name: t.sign.title, exact: true }).getByText(payee.accountName, { exact: true }).waitFor();
    await checkSharedState(owner, locale, 'project, awaiting the owner');
    await button(owner, t.sign.ownerSubmit).click();
    await status(owner, t.sign.active);
    await owner.locator('.project-header').getByText(t.states.active, { exact: true }).waitFor();
    expect(await button(owner, t.sign.ownerSubmit).count()).toBe(0);
    await checkSharedState(owner, locale, 'project, active');
  });

  it('the solver submits milestone 1; the owner returns it with feedback; the solver submits again; the owner accepts', async () => {
    await open(solver);
    const region = milestone1(solver);
    // First a deliverable file: its own form, listed under the milestone once uploaded.
    const pdfName = locale === 'en' ? `ladle-trial-report-${unique('')}.pdf` : `钢包试验报告-${unique('')}.pdf`;
    const pdfPath = join(dir, pdfName);
    writeFileSync(pdfPath, PDF);
    await region.getByLabel(t.files.file, { exact: true }).setInputFiles(pdfPath);
    await button(region, t.files.upload).click();
    await status(solver, t.files.uploaded);
    const solverFiles = milestone1(solver).getByRole('list', { name: fill(t.files.listLabel, { n: 1 }), exact: true });
    await solverFiles.getByRole('link', { name: pdfName, exact: true }).waitFor();
    await checkPage(solver, locale, 'project, deliverable attached, solver');
    await region.getByRole('textbox', { name: t.milestone.reportLabel, exact: true }).fill(report1);
    await button(region, t.milestone.submit).click();
    await status(solver, t.milestone.submitted);
    await milestone1(solver).getByText(t.timelineStates.submitted, { exact: true }).waitFor();

    await open(owner);
    const ownerRegion = milestone1(owner);
    await ownerRegion.getByText(report1, { exact: true }).waitFor();
    expect(await ownerRegion.getByRole('textbox', { name: t.milestone.reportLabel }).count(), 'the owner does not submit reports').toBe(0);
    expect(await button(owner, t.milestone.verify).count(), 'the owner does not verify').toBe(0);
    expect(await ownerRegion.getByRole('button', { name: t.files.upload, exact: true }).count(), 'the owner attaches no files').toBe(0);
    // The deliverable, listed under milestone 1 for the owner, downloads as the bytes the solver uploaded.
    const fileLink = ownerRegion.getByRole('list', { name: fill(t.files.listLabel, { n: 1 }), exact: true }).getByRole('link', { name: pdfName, exact: true });
    const href = await fileLink.getAttribute('href');
    expect(href, 'a download link').toMatch(new RegExp(`^/projects/${s.projectId}/attachments/[0-9a-f-]+$`));
    const downloaded = await owner.request.get(href!);
    expect(downloaded.status()).toBe(200);
    expect(downloaded.headers()['content-type']).toContain('application/pdf');
    expect((await downloaded.body()).equals(PDF), 'the owner downloads the bytes the solver uploaded').toBe(true);
    await checkSharedState(owner, locale, 'project, milestone submitted, owner');
    await ownerRegion.getByText(t.milestone.returnToggle, { exact: true }).click();
    await ownerRegion.getByRole('textbox', { name: t.milestone.feedbackLabel, exact: true }).fill(feedback);
    await button(ownerRegion, t.milestone.return).click();
    await status(owner, t.milestone.returned);

    await open(solver);
    const again = milestone1(solver);
    await again.getByText(feedback, { exact: true }).waitFor();
    await again.getByRole('heading', { name: t.milestone.resubmitTitle, exact: true }).waitFor();
    await checkPage(solver, locale, 'project, milestone returned, solver');
    await again.getByRole('textbox', { name: t.milestone.reportLabel, exact: true }).fill(report2);
    await button(again, t.milestone.submit).click();
    await status(solver, t.milestone.submitted);

    await open(owner);
    await milestone1(owner).getByText(report2, { exact: true }).waitFor();
    await button(milestone1(owner), t.milestone.accept).click();
    await status(owner, t.milestone.accepted);
    await milestone1(owner).getByText(t.milestone.waitBureau, { exact: true }).waitFor();
    expect(await button(owner, t.milestone.verify).count(), 'still no verify button for the owner').toBe(0);
  });

  it('the bureau verifies: a release per source, the special fund waiting for the enterprise share', async () => {
    await open(bureau);
    await checkSharedState(bureau, locale, 'project, milestone accepted, bureau');
    await button(milestone1(bureau), t.milestone.verify).click();
    await status(bureau, t.milestone.verified);
    await release(bureau, 'enterprise').getByText(t.releaseStates.pending, { exact: true }).waitFor();
    await release(bureau, 'special_fund').getByText(t.releases.waiting, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'project, milestone verified');

    // Public money follows private money: finance sees the fund waiting, with nothing to disburse yet.
    await open(finance);
    await release(finance, 'special_fund').getByText(t.releases.waiting, { exact: true }).waitFor();
    expect(await button(finance, t.releases.disburse).count(), 'nothing to disburse while the enterprise share is unconfirmed').toBe(0);
    expect(await button(finance, t.releases.pay).count(), 'finance does not pay the enterprise share').toBe(0);
    await checkSharedState(finance, locale, 'project, special fund waiting, finance');
  });

  it('the owner records paying its share and the solver confirms it', async () => {
    await open(owner);
    const share = release(owner, 'enterprise');
    await share.getByRole('textbox', { name: t.releases.paymentReference }).fill(`ENT-${reference}`);
    await button(share, t.releases.pay).click();
    await status(owner, t.releases.paid);
    await release(owner, 'enterprise').getByText(t.releaseStates.disbursed, { exact: true }).waitFor();

    await open(solver);
    await release(solver, 'enterprise').getByText(`ENT-${reference}`, { exact: true }).waitFor();
    expect(await button(release(solver, 'special_fund'), t.releases.confirm).count(), 'nothing to confirm of the fund yet').toBe(0);
    await checkPage(solver, locale, 'project, enterprise share paid, solver');
    await button(release(solver, 'enterprise'), t.releases.confirm).click();
    await status(solver, t.releases.confirmed);
    await release(solver, 'enterprise').getByText(t.releaseStates.confirmed, { exact: true }).waitFor();
  });

  it('finance disburses the special fund with a reference; the solver confirms: milestone 1 paid in full', async () => {
    await open(finance);
    const fund = release(finance, 'special_fund');
    expect(await fund.getByText(t.releases.waiting).count(), 'no longer waiting').toBe(0);
    const input = fund.getByRole('textbox', { name: t.releases.paymentReference, exact: true });
    // A payment reference is used once: the owner's is refused, at the field and in the summary.
    await input.fill(`ENT-${reference}`);
    await button(fund, t.releases.disburse).click();
    const refusal = (await fund.locator('[data-error-summary]').getByRole('link').innerText()).trim();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(input)).toContain(refusal);
    await checkSharedState(finance, locale, 'project, payment reference refused');
    await input.fill(reference);
    await button(fund, t.releases.disburse).click();
    await status(finance, t.releases.disbursed);
    await release(finance, 'special_fund').getByText(reference, { exact: true }).waitFor();
    await checkSharedState(finance, locale, 'project, special fund disbursed');

    await open(solver);
    await button(release(solver, 'special_fund'), t.releases.confirm).click();
    await status(solver, t.releases.confirmed);
    await release(solver, 'special_fund').getByText(t.releaseStates.confirmed, { exact: true }).waitFor();

    // Milestone 1 is done on the timeline, both sources paid, and the table's totals agree.
    const timeline = solver.getByRole('list', { name: t.timeline.label, exact: true });
    const first = timeline.getByRole('listitem').filter({ has: solver.getByRole('link', { name: fill(t.milestone.heading, { n: 1, title: s.milestone.title }), exact: true }) });
    await first.getByText(t.timelineStates.done, { exact: true }).waitFor();
    for (const [source, fen] of [['enterprise', s.milestone.enterpriseShareFen], ['special_fund', s.milestone.specialFundFen]] as const) {
      await first.getByText(fill(t.timeline.released, { source: t.sources[source], paid: formatMoney(fen, locale), planned: formatMoney(fen, locale) }), { exact: true }).waitFor();
    }
    const table = solver.getByRole('table', { name: t.table.caption, exact: true });
    const cells = (await table.getByRole('row').filter({ hasText: s.milestone.title }).getByRole('cell').allInnerTexts()).map((c) => c.trim());
    expect(cells.slice(-3), 'amount, paid, confirmed').toEqual([s.milestone.amountFen, s.milestone.amountFen, s.milestone.amountFen].map((f) => formatMoney(f, locale)));
    await checkPage(solver, locale, 'project, milestone 1 paid and confirmed');

    const project = await apiCall<{ state: string; releases: { state: string; source: string }[] }>(`/projects/${s.projectId}`, { token: await apiLogin(BUREAU_EMAIL) });
    expect(project.state).toBe('active');
    expect(project.releases.map((r) => `${r.source}:${r.state}`).sort()).toEqual(['enterprise:confirmed', 'special_fund:confirmed']);
  });

  it('the remaining milestones to the last payment: finance pays the last special-fund release, the solver confirms it, and the project is completed', async () => {
    type Milestone = { id: string; title: string; specialFundFen: number };
    type Project = { state: string; milestones: Milestone[]; releases: { id: string; milestoneId: string; source: string; state: string }[] };
    const tokens = {
      solver: await apiLogin(s.solverEmail, SOLVER_PASSWORD), owner: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL), finance: await apiLogin(FINANCE_EMAIL),
    };
    const read = () => apiCall<Project>(`/projects/${s.projectId}`, { token: tokens.bureau });
    const [, m2, m3] = (await read()).milestones as [Milestone, Milestone, Milestone];
    // Milestones 2 and 3 through the API up to the last special-fund payment; that one in the browser.
    for (const mm of [m2, m3]) await apiCall(`/milestones/${mm.id}/submit`, { token: tokens.solver, body: { report: `${mm.title} ${unique('')}` } });
    await apiCall(`/milestones/${m2.id}/review`, { token: tokens.owner, body: { accept: true } });
    await apiCall(`/milestones/${m2.id}/verify`, { token: tokens.bureau, body: {} });
    await apiCall(`/projects/${s.projectId}/indicator-results`, { token: tokens.owner, method: 'PUT', body: { results: [{ position: 0, achieved: '156', evidence: `${unique('lab-')}`, met: true }] } });
    await apiCall(`/milestones/${m3.id}/review`, { token: tokens.owner, body: { accept: true } });
    await apiCall(`/milestones/${m3.id}/verify`, { token: tokens.bureau, body: {} });
    const last = (await read()).releases.find((r) => r.milestoneId === m3.id && r.source === 'special_fund')!;
    for (const r of (await read()).releases.filter((x) => x.state === 'pending').sort((a, b) => (a.source === 'enterprise' ? -1 : 1) - (b.source === 'enterprise' ? -1 : 1))) {
      if (r.id === last.id) continue;
      await apiCall(`/releases/${r.id}/disburse`, { token: r.source === 'enterprise' ? tokens.owner : tokens.finance, body: { paymentReference: unique('PAY-') } });
      await apiCall(`/releases/${r.id}/answer`, { token: tokens.solver, body: { received: true } });
    }

    await open(finance);
    const region = (page: Page) => page.getByRole('region', { name: fill(t.milestone.heading, { n: 3, title: m3.title }), exact: true });
    const lastRelease = (page: Page) => region(page).getByRole('listitem').filter({ hasText: fill(t.releases.label, { source: t.sources.special_fund, amount: formatMoney(m3.specialFundFen, locale) }) });
    const finalReference = `${reference}-FINAL`;
    await lastRelease(finance).getByRole('textbox', { name: t.releases.paymentReference, exact: true }).fill(finalReference);
    await button(lastRelease(finance), t.releases.disburse).click();
    await status(finance, t.releases.disbursed);
    await open(solver);
    await button(lastRelease(solver), t.releases.confirm).click();
    await status(solver, t.releases.confirmed);
    await solver.getByText(t.detail.completedNote, { exact: true }).waitFor();
    await checkPage(solver, locale, 'project completed, last payment confirmed');

    const done = await read();
    expect(done.state).toBe('completed');
    expect(done.releases.every((r) => r.state === 'confirmed'), JSON.stringify(done.releases)).toBe(true);
    expect(done.releases).toHaveLength(6);
  });

  async function apiMilestones() {
    return (await apiCall<{ milestones: { dueDate: string }[] }>(`/projects/${s.projectId}`, { token: await apiLogin(s.solverEmail, SOLVER_PASSWORD) })).milestones;
  }
});

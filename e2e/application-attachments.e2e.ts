/**
 * An application's files, in Chinese and in English. Set up through the API: the demo enterprise
 * publishes a challenge whose deadline is a few minutes ahead; a fresh solver organisation is
 * registered and verified and starts a complete application.
 *
 * In the browser: the solver opens step 4 of its application, uploads a PDF ("save and upload"),
 * sees it listed with its size and date and downloads it (the same bytes); an HTML file is refused
 * in words next to the file input and in the error summary. The review step lists the file too; the
 * solver submits. Without JavaScript, a text file added after submitting is listed as not yet
 * submitted. The test clock crosses the deadline: the owner finds the submitted PDF on its
 * applications page and downloads it, and not the file added after the submission. axe on each
 * page state. The test clock is reset at the end.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, BUREAU_EMAIL, checkSharedState, expectPage, freshUscc, launch, LOCALES, MESSAGES, newContext, signInAs, unique, waitForHydration, type Locale } from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const SOLVER_PASSWORD = 'attachments-password-2026';
const DAY = 24 * 3600 * 1000;
const DEADLINE_AHEAD_MS = 4 * 60_000;
const REQUESTED_FEN = 50_000_000;

/** A tiny valid PDF (the API recognises files by their content). */
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const TEXT = Buffer.from('补充说明 / additional notes\n', 'utf8');

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const clockNow = async () => new Date((await apiCall<{ now: string }>('/test/clock', { body: {} })).now).getTime();
const advanceClock = (ms: number) => apiCall('/test/clock', { body: { advanceMs: Math.ceil(ms) } });
const resetClock = () => apiCall('/test/clock', { body: { reset: true } });
const beijingDateAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

let browser: Browser;
let dir = '';
beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'application-attachments-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await resetClock();
});

/** A fresh verified university and its solver account. */
async function freshSolver(locale: Locale, bureau: string): Promise<{ email: string; orgName: string }> {
  const id = unique('att');
  const domain = `${id}.example.edu`;
  const email = locale === 'en' ? `researcher@${domain}` : `researcher.${id}@attachments.test`;
  const organization =
    locale === 'en'
      ? { kind: 'university', country: 'DE', nameEn: `Technical University ${id}`, website: `https://www.${domain}`, emailDomain: domain }
      : { kind: 'university', country: 'CN', nameZh: `附件测试大学${id}`, nameEn: `Attachment Test University ${id}`, uscc: freshUscc() };
  const registered = await apiCall<{ organization: { id: string } }>('/auth/register', {
    body: { email, password: SOLVER_PASSWORD, displayName: locale === 'en' ? 'Ada Researcher' : '周研究员', role: 'solver', locale, organization },
  });
  await apiCall(`/organizations/${registered.organization.id}/verify`, { token: bureau, body: {} });
  return { email, orgName: locale === 'en' ? organization.nameEn : organization.nameZh! };
}

/** A public challenge of the demo enterprise, published, its deadline a few minutes ahead. */
async function publishedChallenge(tokens: { enterprise: string; bureau: string }): Promise<{ id: string; deadline: string }> {
  const id = unique('');
  const deadline = new Date((await clockNow()) + DEADLINE_AHEAD_MS).toISOString();
  const created = await apiCall<{ id: string }>('/challenges', {
    token: tokens.enterprise,
    body: {
      titleZh: `高炉冷却壁寿命评估 ${id}`,
      titleEn: `Service life of blast-furnace staves ${id}`,
      summaryZh: '评估高炉冷却壁的剩余寿命。',
      summaryEn: 'Assess the remaining life of blast-furnace cooling staves.',
      descriptionZh: '需要一种在线评估冷却壁剩余寿命的方法。',
      descriptionEn: 'We need a way to assess the remaining life of cooling staves in operation.',
      industry: 'metallurgy_new_materials',
      category: 'bottleneck',
      indicators: [{ nameZh: '预测误差', nameEn: 'Prediction error', target: '≤ 10', unit: '%', method: '与拆炉实测对比' }],
      eligibilityZh: '具有冶金热工研究经验的单位。',
      eligibilityEn: 'Organisations with research experience in metallurgical thermal engineering.',
      enterpriseShareFen: 40_000_000,
      requestedSpecialFundFen: 20_000_000,
      deadline,
      durationMonths: 12,
      maxWinners: 1,
      ipTermsZh: '新产生的知识产权归双方共有。',
      ipTermsEn: 'New intellectual property is owned jointly.',
      visibility: 'public',
      domesticOnly: false,
    },
  });
  await apiCall(`/challenges/${created.id}/submit`, { token: tokens.enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen: 20_000_000 } });
  return { id: created.id, deadline };
}

describe.each(LOCALES)('an application’s files in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const at = t.apply.attachments;
  const pdfName = locale === 'en' ? 'pilot-test-report.pdf' : '中试检测报告.pdf';
  const htmlName = 'page.html';
  const textName = locale === 'en' ? 'notes.txt' : '补充说明.txt';
  const contexts: BrowserContext[] = [];
  let solver: Page;
  let challengeId = '';
  let applicationId = '';
  let solverEmail = '';
  let orgName = '';

  /** A file of that name (the browser sends the name as it is) in this locale's own folder. */
  const write = (name: string, bytes: Buffer) => {
    mkdirSync(join(dir, locale), { recursive: true });
    const path = join(dir, locale, name);
    writeFileSync(path, bytes);
    return path;
  };
  /** Clicks a download link; the bytes the browser saved. */
  async function download(page: Page, link: Locator): Promise<Buffer> {
    const [event] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await event.path();
    return readFileSync(path);
  }
  async function signedIn(email: string, password?: string, javaScriptEnabled = true): Promise<Page> {
    const context = await newContext(browser, { locale, javaScriptEnabled });
    contexts.push(context);
    await signInAs(context, email, password);
    return context.newPage();
  }
  const filesOf = (page: Page) => page.getByRole('list', { name: at.listLabel, exact: true });

  beforeAll(async () => {
    await resetClock();
    const tokens = { enterprise: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL) };
    const s = await freshSolver(locale, tokens.bureau);
    solverEmail = s.email;
    orgName = s.orgName;
    const c = await publishedChallenge(tokens);
    challengeId = c.id;
    const solverToken = await apiLogin(solverEmail, SOLVER_PASSWORD);
    const draft = {
      responses: { 0: locale === 'en' ? 'Thermocouple arrays and a heat-transfer model.' : '热电偶阵列结合传热模型在线反演。' },
      team: [{ name: locale === 'en' ? 'Ada Researcher' : '周研究员', role: locale === 'en' ? 'Project lead' : '项目负责人', lead: true }],
      partnerOrganizationIds: [],
      priorResults: null,
      requestedFen: REQUESTED_FEN,
      milestones: [
        { title: locale === 'en' ? 'Model' : '模型', deliverables: locale === 'en' ? 'Model report' : '模型报告', dueDate: beijingDateAfter(c.deadline, 60), amountFen: 15_000_000 },
        { title: locale === 'en' ? 'Trial' : '试用', deliverables: locale === 'en' ? 'Trial report' : '试用报告', dueDate: beijingDateAfter(c.deadline, 200), amountFen: 20_000_000 },
        { title: locale === 'en' ? 'Acceptance' : '验收', deliverables: locale === 'en' ? 'Acceptance report' : '验收报告', dueDate: beijingDateAfter(c.deadline, 330), amountFen: 15_000_000 },
      ],
    };
    applicationId = (await apiCall<{ id: string }>(`/challenges/${challengeId}/applications`, { token: solverToken, body: draft })).id;
    solver = await signedIn(solverEmail, SOLVER_PASSWORD);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await resetClock();
  });

  it('the solver uploads a PDF on step 4, sees it listed and downloads it', async () => {
    await solver.goto(`/applications/${applicationId}?step=4`);
    await expectPage(solver, locale, t.apply.form.title);
    await waitForHydration(solver);
    await solver.getByRole('heading', { level: 3, name: at.title, exact: true }).waitFor();
    await solver.getByText(at.none, { exact: true }).waitFor();
    await solver.getByText(at.resubmitNote, { exact: true }).waitFor();
    await checkSharedState(solver, locale, 'application step 4, no attachments');

    await solver.getByLabel(at.file).setInputFiles(write(pdfName, PDF));
    await solver.getByRole('button', { name: at.upload, exact: true }).click();
    await solver.waitForURL((url) => url.searchParams.get('done') === 'uploaded');
    await solver.getByRole('status').getByText(t.apply.done.uploaded, { exact: true }).waitFor();
    const link = filesOf(solver).getByRole('link', { name: pdfName, exact: true });
    await link.waitFor();
    const item = filesOf(solver).getByRole('listitem').filter({ hasText: pdfName });
    const meta = await item.innerText();
    expect(meta).toContain(t.browse.details.fileTypes.pdf);
    expect(meta).toContain(fill(t.browse.details.sizeBytes, { n: String(PDF.length) }));
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^/applications/${applicationId}/attachments/[0-9a-f-]{36}$`));
    expect((await download(solver, link)).equals(PDF), 'the downloaded bytes are the uploaded ones').toBe(true);
    await checkSharedState(solver, locale, 'application step 4, a PDF uploaded');
  });

  it('an HTML file is refused in words next to the file input and in the error summary', async () => {
    await solver.getByLabel(at.file).setInputFiles(write(htmlName, HTML));
    await solver.getByRole('button', { name: at.upload, exact: true }).click();
    const summary = solver.getByRole('alert').filter({ hasText: at.errors.file_type_not_allowed });
    await summary.getByRole('link', { name: at.errors.file_type_not_allowed, exact: true }).waitFor();
    await solver.locator('#f-attachment-error').getByText(at.errors.file_type_not_allowed).waitFor();
    expect(await solver.getByLabel(at.file).getAttribute('aria-invalid')).toBe('true');
    expect(await filesOf(solver).getByRole('listitem').count(), 'still only the PDF').toBe(1);
    await checkSharedState(solver, locale, 'application step 4, an HTML file refused');
  });

  it('the review step lists the file; the solver submits', async () => {
    await solver.goto(`/applications/${applicationId}?step=5`);
    await waitForHydration(solver);
    const overview = solver.getByRole('region', { name: t.apply.review.summaryTitle, exact: true });
    await overview.getByRole('heading', { name: at.title, exact: true }).waitFor();
    await overview.getByRole('link', { name: pdfName, exact: true }).waitFor();
    await checkSharedState(solver, locale, 'application review step with a file');
    await solver.getByRole('button', { name: t.apply.review.submit, exact: true }).click();
    await solver.waitForURL((url) => url.searchParams.get('done') === 'submitted');
  });

  it('without JavaScript, a file added after submitting is listed as not yet submitted', async () => {
    const page = await signedIn(solverEmail, SOLVER_PASSWORD, false);
    await page.goto(`/applications/${applicationId}?step=4`);
    await page.getByLabel(at.file).setInputFiles(write(textName, TEXT));
    await page.getByRole('button', { name: at.upload, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'uploaded');
    const later = filesOf(page).getByRole('listitem').filter({ hasText: textName });
    await later.getByText(at.notSubmitted, { exact: true }).waitFor();
    expect(await filesOf(page).getByRole('listitem').filter({ hasText: pdfName }).getByText(at.notSubmitted).count(), 'the PDF went with the submission').toBe(0);
    await checkSharedState(page, locale, 'application step 4 without JavaScript, a file added after submitting');
  });

  it('after the deadline the owner finds the submitted file on its applications page and downloads it', async () => {
    await advanceClock(DEADLINE_AHEAD_MS + 5_000);
    const owner = await signedIn(ENTERPRISE_EMAIL);
    await owner.goto(`/enterprise/challenges/${challengeId}/applications`);
    await expectPage(owner, locale, t.review.owner.title);
    await waitForHydration(owner);
    const card = owner.getByRole('listitem').filter({ has: owner.getByRole('heading', { level: 3, name: orgName }) });
    await card.getByText(t.review.owner.show, { exact: true }).click();
    const link = card.getByRole('link', { name: pdfName, exact: true });
    await link.waitFor();
    expect(await card.getByRole('link', { name: textName }).count(), 'a file added after the submission is not the owner’s to see').toBe(0);
    await checkSharedState(owner, locale, 'owner’s applications page with a file');
    expect((await download(owner, link)).equals(PDF), 'the owner downloads the bytes the solver uploaded').toBe(true);
  });
});

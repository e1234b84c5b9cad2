/**
 * The Finance Bureau's disbursement queue and funds ledger (专项资金拨付队列, 资金账本), in Chinese and in
 * English. Finance opens the queue from the special fund's pages and finds what the API's queue holds
 * (the demo has none: its empty state). A project is set up through the API (as in projects.e2e.ts) to
 * a verified milestone: the queue shows its special-fund release waiting for the enterprise share, in
 * words, with the totals; once the owner pays its share and the solver confirms it, the release is
 * payable now and its project link leads to the project page. The ledger shows the balances by kind
 * and the transfers newest first with their entries (the release among them), pages back to the
 * demo's budget_set, and its filter narrows to one demo challenge's accounts and its reserve and commit
 * transfers. The bureau reads both pages; the enterprise gets the 403 page. axe on every page state.
 * Finance pays the release through the API at the end, so the queue is as it was.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney } from '../apps/web/src/lib/format';
import { accountName, causeName, LEDGER_PAGE_SIZE, signedMoney, transferKindName, type LedgerView } from '../apps/web/src/lib/funds';
import { createTranslator } from '../apps/web/src/lib/server/i18n';
import type { QueuedRelease } from '../apps/web/src/lib/projects';
import { apiCall, apiLogin, BUREAU_EMAIL, checkSharedState, expectPage, freshUscc, launch, LOCALES, MESSAGES, newContext, signInAs, unique, type Locale } from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const FINANCE_EMAIL = 'finance@demo.czj.gov.cn';
const EXPERT_EMAIL = 'expert.li@demo.expert.cn';
const SOLVER_PASSWORD = 'finance-password-2026';
const DAY = 24 * 3600 * 1000;
const DEADLINE_AHEAD_MS = 60_000;
const AWARD_FEN = 60_000_000;

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const beijingDateAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
const clockNow = async () => new Date((await apiCall<{ now: string }>('/test/clock', { body: {} })).now).getTime();
const advanceClock = (ms: number) => apiCall('/test/clock', { body: { advanceMs: Math.ceil(ms) } });
const resetClock = () => apiCall('/test/clock', { body: { reset: true } });

interface Json {
  id: string;
  [key: string]: any;
}
interface Story {
  challengeId: string;
  projectId: string;
  title: string;
  solverEmail: string;
  milestone: Json;
}

/** A fresh solver wins a fresh challenge of the demo enterprise (2:1 enterprise share to special fund): one project awaiting signature. */
async function awardedProject(locale: Locale): Promise<Story> {
  await resetClock();
  const bureau = await apiLogin(BUREAU_EMAIL);
  const enterprise = await apiLogin(ENTERPRISE_EMAIL);
  const id = unique('fin');
  const solverEmail = `lead.${id}@finance.test`;
  const registered = await apiCall<{ organization: { id: string } }>('/auth/register', {
    body: {
      email: solverEmail, password: SOLVER_PASSWORD, displayName: locale === 'en' ? 'Jonas Keller' : '刘研究员', role: 'solver', locale,
      organization: { kind: 'university', country: 'CN', nameZh: `耐火材料研究院${id}`, nameEn: `Refractories Institute ${id}`, uscc: freshUscc() },
    },
  });
  await apiCall(`/organizations/${registered.organization.id}/verify`, { token: bureau, body: {} });
  const deadline = new Date((await clockNow()) + DEADLINE_AHEAD_MS).toISOString();
  const created = await apiCall<{ id: string }>('/challenges', {
    token: enterprise,
    body: {
      titleZh: `连铸结晶器寿命提升 ${id}`, titleEn: `Longer mould life ${id}`,
      summaryZh: '将结晶器铜板寿命提高一倍。', summaryEn: 'Double the life of the mould copper plates.',
      descriptionZh: '我公司板坯连铸结晶器铜板磨损快，需要新的镀层方案。', descriptionEn: 'Our slab caster mould plates wear too fast; we look for a new coating.',
      industry: 'metallurgy_new_materials', category: 'bottleneck',
      indicators: [{ nameZh: '铜板通钢量', nameEn: 'Steel cast per plate', target: '≥ 20', unit: '万吨', method: '连续 3 套统计' }],
      eligibilityZh: '具有表面工程研发经验的单位。', eligibilityEn: 'Organisations with research experience in surface engineering.',
      enterpriseShareFen: 40_000_000, requestedSpecialFundFen: 20_000_000, deadline, durationMonths: 12, maxWinners: 1,
      ipTermsZh: '成果归双方共有。', ipTermsEn: 'Results are owned jointly.', visibility: 'public', domesticOnly: false,
    },
  });
  await apiCall(`/challenges/${created.id}/submit`, { token: enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: bureau, body: { specialFundFen: 20_000_000 } });
  const solver = await apiLogin(solverEmail, SOLVER_PASSWORD);
  const application = await apiCall<{ id: string }>(`/challenges/${created.id}/applications`, {
    token: solver,
    body: {
      responses: { 0: '采用激光熔覆镍钴合金镀层。' },
      team: [{ name: '刘研究员', role: '项目负责人', lead: true }],
      partnerOrganizationIds: [],
      priorResults: '2019 年起与钢厂合作完成表面工程项目 2 项。',
      requestedFen: AWARD_FEN,
      milestones: [
        { title: locale === 'en' ? 'Coating trials' : '镀层试验', deliverables: '试验报告', dueDate: beijingDateAfter(deadline, 60), amountFen: AWARD_FEN * 0.5 },
        { title: locale === 'en' ? 'Plant trial' : '工业试验', deliverables: '工业试验报告', dueDate: beijingDateAfter(deadline, 300), amountFen: AWARD_FEN * 0.5 },
      ],
    },
  });
  await apiCall(`/applications/${application.id}/submit`, { token: solver, body: {} });
  await advanceClock(DEADLINE_AHEAD_MS + 5_000);
  const bureau2 = await apiLogin(BUREAU_EMAIL);
  const experts = await apiCall<{ items: { id: string; email: string }[] }>('/experts', { token: bureau2 });
  const expertId = experts.items.find((e) => e.email === EXPERT_EMAIL)!.id;
  await apiCall(`/applications/${application.id}/eligibility`, { token: bureau2, body: { eligible: true } });
  await apiCall(`/challenges/${created.id}/reviewers`, { token: bureau2, body: { applicationIds: [application.id], expertIds: [expertId] } });
  const expert = await apiLogin(EXPERT_EMAIL);
  const sheet = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '方案可行，依据充分。' }]));
  await apiCall(`/applications/${application.id}/review`, { token: expert, method: 'PUT', body: { conflict: false } });
  await apiCall(`/applications/${application.id}/review`, { token: expert, method: 'PUT', body: { scores: sheet } });
  const decision = await apiCall<{ noticeEndsAt: string }>(`/challenges/${created.id}/decision`, {
    token: bureau2,
    body: { selections: [{ applicationId: application.id, awardFen: AWARD_FEN }], feedback: {} },
  });
  await advanceClock(new Date(decision.noticeEndsAt).getTime() - (await clockNow()) + 60_000);
  const { projects } = await apiCall<{ projects: string[] }>(`/challenges/${created.id}/finalize`, { token: await apiLogin(BUREAU_EMAIL), body: {} });
  await resetClock();
  const project = await apiCall<{ milestones: Json[] }>(`/projects/${projects[0]}`, { token: await apiLogin(solverEmail, SOLVER_PASSWORD) });
  return { challengeId: created.id, projectId: projects[0]!, title: locale === 'en' ? `Longer mould life ${id}` : `连铸结晶器寿命提升 ${id}`, solverEmail, milestone: project.milestones[0]! };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await resetClock();
});

describe.each(LOCALES)('the disbursement queue and the ledger in %s', (locale) => {
  const m = MESSAGES[locale];
  const f = m.funds;
  const tr = createTranslator(locale);
  const money = (fen: number) => formatMoney(fen, locale);
  const contexts: BrowserContext[] = [];
  let finance: Page;
  let s: Story;
  let releaseId: string;
  const tokens = { finance: '', bureau: '' };

  async function signedIn(email: string): Promise<Page> {
    const context = await newContext(browser, { locale });
    contexts.push(context);
    await signInAs(context, email);
    return context.newPage();
  }
  const queue = async () => (await apiCall<{ items: QueuedRelease[] }>('/releases', { token: tokens.finance })).items;
  const ledger = (query: string) => apiCall<LedgerView>(`/ledger?${query}`, { token: tokens.finance });
  const area = (p: Page) => p.getByRole('navigation', { name: f.area.label, exact: true });
  const queueTable = (p: Page) => p.getByRole('table', { name: f.releases.caption, exact: true });
  const transfersTable = (p: Page) => p.getByRole('table', { name: f.ledger.transfers.caption, exact: true });

  /** The totals above the queue, as the API's queue adds them up. */
  async function expectTotals(p: Page, items: QueuedRelease[]) {
    const ready = items.filter((r) => r.ready);
    const sum = (xs: QueuedRelease[]) => xs.reduce((a, r) => a + r.amountFen, 0);
    expect((await p.locator('[data-total="waiting"]').innerText()).trim()).toBe(fill(f.releases.waitingTotalValue, { count: items.length, amount: money(sum(items)) }));
    expect((await p.locator('[data-total="ready"]').innerText()).trim()).toBe(fill(f.releases.readyTotalValue, { count: ready.length, amount: money(sum(ready)) }));
    await p.getByText(f.releases.waitingTotal, { exact: true }).waitFor();
  }

  /** The queue's rows are the API's releases, oldest first. */
  async function expectQueue(p: Page) {
    const items = await queue();
    if (items.length === 0) {
      await p.getByRole('heading', { level: 2, name: f.releases.emptyTitle, exact: true }).waitFor();
      expect(await p.getByRole('table').count(), 'no table when nothing waits').toBe(0);
      return items;
    }
    expect(await queueTable(p).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-release')))).toEqual(items.map((r) => r.id));
    await expectTotals(p, items);
    return items;
  }

  const row = (p: Page) => queueTable(p).locator(`tr[data-release="${releaseId}"]`);

  /** The transfers on the page are the API's for the same query, each in words with its entries. */
  async function expectTransfers(p: Page, view: LedgerView) {
    const rows = transfersTable(p).locator('tbody tr');
    expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-transfer')))).toEqual(view.transfers.items.map((x) => x.id));
    for (const x of view.transfers.items.slice(0, 5)) {
      const r = transfersTable(p).locator(`tr[data-transfer="${x.id}"]`);
      const cells = (await r.getByRole('cell').allInnerTexts()).map((c) => c.trim());
      expect(cells[0]).toBe(formatDateTime(x.at));
      expect(cells[1]).toBe(transferKindName(tr, x.kind));
      expect(cells[2]).toBe(causeName(tr, x.cause).text);
      expect(cells[3]).toBe(x.paymentReference ?? f.ledger.transfers.noReference);
      const entries = (await r.getByRole('listitem').allInnerTexts()).map((e) => e.replace(/\s+/g, ' ').trim());
      expect(entries).toEqual(x.entries.map((e) => `${accountName(tr, e.account).text} ${signedMoney(e.amountFen, locale)}`));
    }
  }

  /** The balances on the page are the API's accounts, each named in words with its key. */
  async function expectBalances(p: Page, view: LedgerView) {
    const shown = await p.locator('table.balances tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-account')));
    expect([...shown].sort()).toEqual(view.accounts.map((a) => a.key).sort());
    for (const a of view.accounts.slice(0, 6)) {
      const r = p.locator(`table.balances tr[data-account="${a.key}"]`);
      await r.getByRole('rowheader').getByText(accountName(tr, a.key).text, { exact: true }).waitFor();
      expect((await r.getByRole('cell').innerText()).trim()).toBe(money(a.balanceFen));
    }
  }

  beforeAll(async () => {
    tokens.finance = await apiLogin(FINANCE_EMAIL);
    tokens.bureau = await apiLogin(BUREAU_EMAIL);
    finance = await signedIn(FINANCE_EMAIL);
    await finance.goto('/account');
  });
  afterAll(async () => {
    // Finance pays the release and the solver confirms it: the queue is as it was before this run.
    if (releaseId && s) {
      const fin = await apiLogin(FINANCE_EMAIL);
      const pending = (await queue().catch(() => [])).some((r) => r.id === releaseId);
      if (pending) {
        await apiCall(`/releases/${releaseId}/disburse`, { token: fin, body: { paymentReference: `CZ-${unique('')}`.toUpperCase() } }).catch(() => undefined);
        await apiCall(`/releases/${releaseId}/answer`, { token: await apiLogin(s.solverEmail, SOLVER_PASSWORD), body: { received: true } }).catch(() => undefined);
      }
    }
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('finance opens the queue from the special fund pages: what the API holds, or the empty state', async () => {
    await finance.getByRole('navigation', { name: m.nav.label, exact: true }).getByRole('link', { name: f.nav, exact: true }).click();
    await finance.waitForURL((url) => url.pathname === '/finance/budgets');
    await area(finance).getByRole('link', { name: f.area.releases, exact: true }).click();
    await finance.waitForURL((url) => url.pathname === '/finance/releases');
    await expectPage(finance, locale, f.releases.title);
    expect(await area(finance).getByRole('link', { name: f.area.releases, exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await finance.getByText(f.releases.readOnly, { exact: true }).count(), 'no read-only note for finance').toBe(0);
    const items = await expectQueue(finance);
    await checkSharedState(finance, locale, items.length === 0 ? 'queue, empty' : 'queue');
  });

  it('after a milestone is verified, its special-fund release waits for the enterprise share', async () => {
    s = await awardedProject(locale);
    const solver = await apiLogin(s.solverEmail, SOLVER_PASSWORD);
    const owner = await apiLogin(ENTERPRISE_EMAIL);
    await apiCall(`/projects/${s.projectId}/sign`, { token: solver, body: { payee: { accountName: '耐火材料研究院', bank: '中国工商银行石家庄分行', accountNumber: '0402 0012 0900 7654 321' } } });
    await apiCall(`/projects/${s.projectId}/sign`, { token: owner, body: {} });
    await apiCall(`/milestones/${s.milestone.id}/submit`, { token: solver, body: { report: '镀层试验完成，附检测报告。' } });
    await apiCall(`/milestones/${s.milestone.id}/review`, { token: owner, body: { accept: true } });
    const verified = await apiCall<{ releases: Json[] }>(`/milestones/${s.milestone.id}/verify`, { token: tokens.bureau, body: {} });
    releaseId = verified.releases.find((r) => r.source === 'special_fund')!.id;

    await finance.reload();
    await expectPage(finance, locale, f.releases.title);
    const items = await expectQueue(finance);
    const mine = items.find((r) => r.id === releaseId)!;
    expect(mine.ready).toBe(false);
    const cells = (await row(finance).getByRole('cell').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(cells[1]).toBe(`${fill(f.releases.milestoneOf, { n: 1 })}${s.milestone.title}`);
    expect(cells[2]).toBe(money(s.milestone.specialFundFen));
    expect(cells[3]).toContain(formatDateTime(mine.createdAt));
    await row(finance).getByText(fill(f.releases.waitingDays, { days: 0 }), { exact: true }).waitFor();
    await row(finance).getByText(f.releases.waits, { exact: true }).waitFor();
    await row(finance).getByText(f.releases.waitsPending, { exact: true }).waitFor();
    expect(await row(finance).getByText(f.releases.ready, { exact: true }).count()).toBe(0);
    await checkSharedState(finance, locale, 'queue, waiting for the enterprise share');
  });

  it('once the owner pays its share and the solver confirms it, the release is payable now; its link leads to the project', async () => {
    const owner = await apiLogin(ENTERPRISE_EMAIL);
    const project = await apiCall<{ releases: Json[] }>(`/projects/${s.projectId}`, { token: owner });
    const share = project.releases.find((r) => r.source === 'enterprise' && r.milestoneId === s.milestone.id)!;
    await apiCall(`/releases/${share.id}/disburse`, { token: owner, body: { paymentReference: `ENT-${unique('')}` } });

    await finance.reload();
    await row(finance).getByText(f.releases.waitsDisbursed, { exact: true }).waitFor();

    await apiCall(`/releases/${share.id}/answer`, { token: await apiLogin(s.solverEmail, SOLVER_PASSWORD), body: { received: true } });
    await finance.reload();
    await expectPage(finance, locale, f.releases.title);
    const items = await expectQueue(finance);
    expect(items.find((r) => r.id === releaseId)?.ready).toBe(true);
    await row(finance).getByText(f.releases.ready, { exact: true }).waitFor();
    await row(finance).getByText(f.releases.readyDetail, { exact: true }).waitFor();
    expect(await row(finance).getByText(f.releases.waits, { exact: true }).count()).toBe(0);
    await checkSharedState(finance, locale, 'queue, payable now');

    await row(finance).getByRole('link', { name: s.title, exact: true }).click();
    await finance.waitForURL((url) => url.pathname === `/projects/${s.projectId}`);
    await expectPage(finance, locale, fill(m.projects.detail.titleOf, { challenge: s.title }));
  });

  it('the ledger: balances by kind, transfers newest first with the release, paged back to the demo budgets', async () => {
    await finance.goto('/finance/releases');
    await area(finance).getByRole('link', { name: f.area.ledger, exact: true }).click();
    await finance.waitForURL((url) => url.pathname === '/finance/ledger');
    await expectPage(finance, locale, f.ledger.title);

    const first = await ledger(`pageSize=${LEDGER_PAGE_SIZE}`);
    await expectBalances(finance, first);
    await finance.getByRole('table', { name: f.ledger.groups.fund_available, exact: true }).waitFor();
    await finance.getByRole('table', { name: f.ledger.groups.fund_reserved, exact: true }).waitFor();
    await expectTransfers(finance, first);
    // This run's release is on the first page: the milestone verified, its releases created.
    const release = first.transfers.items.find((x) => x.kind === 'release' && x.cause.id === s.milestone.id);
    expect(release, 'the release transfer').toBeDefined();
    const releaseRow = transfersTable(finance).locator(`tr[data-transfer="${release!.id}"]`);
    await releaseRow.getByText(f.ledger.kinds.release, { exact: true }).waitFor();
    await releaseRow.getByText(`${accountName(tr, `release_payable:${releaseId}`).text}`, { exact: true }).waitFor();
    await releaseRow.getByText(signedMoney(s.milestone.specialFundFen, locale), { exact: true }).first().waitFor();
    await finance.getByText(fill(m.common.pageOf, { page: 1, pages: Math.ceil(first.transfers.total / LEDGER_PAGE_SIZE), total: first.transfers.total }), { exact: true }).waitFor();
    await checkSharedState(finance, locale, 'ledger');

    // The next page through the pagination, then the last: the oldest transfers, the demo's budgets among them.
    const last = Math.ceil(first.transfers.total / LEDGER_PAGE_SIZE);
    expect(last, 'the demo and this run make more than a page of transfers').toBeGreaterThan(1);
    await finance.getByRole('link', { name: m.common.next, exact: true }).click();
    await finance.waitForURL((url) => url.searchParams.get('page') === '2');
    await expectTransfers(finance, await ledger(`page=2&pageSize=${LEDGER_PAGE_SIZE}`));
    await finance.goto(`/finance/ledger?page=${last}`);
    const oldest = await ledger(`page=${last}&pageSize=${LEDGER_PAGE_SIZE}`);
    await expectTransfers(finance, oldest);
    expect(oldest.transfers.items.at(-1)?.kind, 'the first transfer of all sets a budget').toBe('budget_set');
    await transfersTable(finance).getByText(f.ledger.kinds.budget_set, { exact: true }).first().waitFor();
    await checkSharedState(finance, locale, 'ledger, oldest page');
  });

  it("the filter narrows the ledger to one demo challenge's accounts and its reserve and commit transfers", async () => {
    // The oldest reservation is the demo's.
    const all = await ledger('pageSize=100');
    const pages = Math.ceil(all.transfers.total / 100);
    const oldest = pages > 1 ? await ledger(`page=${pages}&pageSize=100`) : all;
    const demoReserve = [...oldest.transfers.items].reverse().find((x) => x.kind === 'reserve')!;
    const challengeId = demoReserve.cause.id;
    expect(challengeId).not.toBe(s.challengeId);

    await finance.goto('/finance/ledger');
    await finance.getByRole('searchbox', { name: f.ledger.filter.label, exact: true }).fill(challengeId);
    await finance.getByRole('button', { name: f.ledger.filter.submit, exact: true }).click();
    await finance.waitForURL((url) => url.searchParams.get('account') === challengeId);
    await finance.getByText(fill(f.ledger.filter.active, { filter: challengeId }), { exact: true }).waitFor();

    const filtered = await ledger(`account=${encodeURIComponent(challengeId)}&pageSize=${LEDGER_PAGE_SIZE}`);
    expect(filtered.accounts.length).toBeGreaterThan(0);
    expect(filtered.accounts.length).toBeLessThan(all.accounts.length);
    expect(filtered.accounts.every((a) => a.key.includes(challengeId))).toBe(true);
    await expectBalances(finance, filtered);
    await expectTransfers(finance, filtered);
    const kinds = filtered.transfers.items.map((x) => x.kind);
    expect(kinds).toContain('reserve');
    expect(kinds).toContain('commit');
    const reserve = transfersTable(finance).locator(`tr[data-transfer="${demoReserve.id}"]`);
    await reserve.getByText(f.ledger.kinds.reserve, { exact: true }).waitFor();
    await reserve.getByText(causeName(tr, demoReserve.cause).text, { exact: true }).waitFor();
    await checkSharedState(finance, locale, 'ledger, filtered');

    await finance.getByRole('link', { name: f.ledger.filter.clear, exact: true }).click();
    await finance.waitForURL((url) => !url.searchParams.has('account'));
    expect(await finance.getByRole('searchbox', { name: f.ledger.filter.label, exact: true }).inputValue()).toBe('');
  });

  it('the bureau reads the queue and the ledger', async () => {
    const bureau = await signedIn(BUREAU_EMAIL);
    await bureau.goto('/finance/releases');
    await expectPage(bureau, locale, f.releases.title);
    await bureau.getByText(f.releases.readOnly, { exact: true }).waitFor();
    await expectQueue(bureau);
    await row(bureau).getByText(f.releases.ready, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'queue (bureau)');

    await area(bureau).getByRole('link', { name: f.area.ledger, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === '/finance/ledger');
    await expectPage(bureau, locale, f.ledger.title);
    await expectTransfers(bureau, await apiCall<LedgerView>(`/ledger?pageSize=${LEDGER_PAGE_SIZE}`, { token: tokens.bureau }));
    await checkSharedState(bureau, locale, 'ledger (bureau)');
  });

  it('the enterprise gets the 403 page for both', async () => {
    const enterprise = await signedIn(ENTERPRISE_EMAIL);
    for (const path of ['/finance/releases', '/finance/ledger']) {
      const response = await enterprise.goto(path);
      expect(response?.status(), path).toBe(403);
      await expectPage(enterprise, locale, m.errors.forbiddenTitle);
      expect(await enterprise.getByRole('table').count(), 'no figures').toBe(0);
      expect(await area(enterprise).count(), 'no special fund links').toBe(0);
      await checkSharedState(enterprise, locale, `${path}, 403`);
    }
  });
});

/**
 * Applying to a challenge (揭榜), in Chinese and in English: a demo solver opens a published public
 * demo challenge whose deadline is ahead, applies, fills every step (the technical approach to each
 * indicator, the team, the budget and milestones — seeing the live check of the milestone sum — and
 * prior results), with autosave storing the typing; submits, sees the receipt number, and finds the
 * application in My applications; a later change shows as not yet submitted. Also the challenge
 * page's call to action for anonymous readers (sign in, the deadline as .ics), and one pass without
 * JavaScript: the Apply button, saving steps with their buttons, a row button, a refused amount
 * named next to its field, and withdrawal with its confirmation step. axe on every page visited.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../apps/web/src/lib/format';
import { BASE_URL, checkPage, checkSharedState, descriptionOf, expectPage, launch, LOCALES, MESSAGES, newContext, signInAs, waitForHydration, type Locale } from './support';

const SOLVERS: Record<Locale, string> = { 'zh-CN': 'chen@ustb.edu.cn', en: 'a.mueller@rwth-aachen.de' };
const DAY = 24 * 3600 * 1000;

interface OpenChallenge {
  id: string;
  titleZh: string;
  titleEn: string | null;
  deadline: string;
  bountyFen: number;
  indicators: number;
}

async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(`${BASE_URL}/api${path}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Published public demo challenges a solver can still apply to: the deadline at least a week ahead,
 * indicators to answer, a project term of at least two months and a bounty of at least ¥500,000.
 */
async function openChallenges(): Promise<OpenChallenge[]> {
  const list = await apiGet<{ items: { id: string; visibility: string; deadline: string | null }[] }>('/challenges?status=published&sort=deadline&pageSize=100');
  const found: OpenChallenge[] = [];
  for (const item of list.items) {
    if (item.visibility !== 'public' || !item.deadline || new Date(item.deadline).getTime() < Date.now() + 7 * DAY) continue;
    const c = await apiGet<{ id: string; titleZh: string; titleEn: string | null; deadline: string; bountyFen: number; durationMonths: number | null; indicators: unknown[] }>(`/challenges/${item.id}`);
    if (c.indicators.length > 0 && (c.durationMonths ?? 0) >= 2 && c.bountyFen >= 50_000_000) {
      found.push({ id: c.id, titleZh: c.titleZh, titleEn: c.titleEn, deadline: c.deadline, bountyFen: c.bountyFen, indicators: c.indicators.length });
    }
  }
  return found;
}

/** The Beijing calendar date `days` after the challenge's deadline date, as a date input takes it. */
const afterDeadline = (c: OpenChallenge, days: number) => new Date(new Date(c.deadline).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
/** The text of a message before its first placeholder ("已保存（" of "已保存（{time}）"). */
const prefix = (template: string) => template.split('{')[0]!;

let browser: Browser;
let challenges: OpenChallenge[] = [];
beforeAll(async () => {
  browser = await launch();
  challenges = await openChallenges();
  expect(challenges.length, 'published public demo challenges open for applications').toBeGreaterThanOrEqual(2);
});
afterAll(async () => {
  await browser?.close();
});

describe('the challenge page for anonymous readers', () => {
  it('after the deadline the panel says applications are closed, with no way to apply and no calendar file', async () => {
    const { items } = (await (await fetch(`${BASE_URL}/api/challenges?status=reviewing&pageSize=1`)).json()) as { items: { id: string }[] };
    expect(items.length, 'the demo has a challenge in review').toBe(1);
    for (const locale of LOCALES) {
      const t = MESSAGES[locale];
      const context = await newContext(browser, { locale });
      try {
        const page = await context.newPage();
        await page.goto(`/challenges/${items[0]!.id}`);
        const panel = page.getByRole('region', { name: t.apply.cta.titleClosed, exact: true });
        await panel.getByText(t.apply.cta.closed, { exact: true }).waitFor();
        expect(await panel.getByRole('link', { name: t.apply.cta.calendar }).count(), 'no calendar file for a past deadline').toBe(0);
        expect(await panel.getByRole('link', { name: t.apply.cta.signIn }).count(), 'no sign-in to apply').toBe(0);
      } finally {
        await context.close();
      }
    }
  });

  it('offers signing in to apply and the deadline as a calendar file', async () => {
    for (const locale of LOCALES) {
      const t = MESSAGES[locale];
      const context = await newContext(browser, { locale });
      try {
        const page = await context.newPage();
        const c = challenges[0]!;
        await page.goto(`/challenges/${c.id}`);
        const panel = page.getByRole('region', { name: t.apply.cta.title, exact: true });
        const signInLink = panel.getByRole('link', { name: t.apply.cta.signIn, exact: true });
        expect(await signInLink.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/challenges/${c.id}`)}`);
        expect(await panel.getByRole('button', { name: t.apply.cta.apply, exact: true }).count(), 'no Apply button for anonymous readers').toBe(0);
        const ics = panel.getByRole('link', { name: t.apply.cta.calendar, exact: true });
        expect(await ics.getAttribute('href')).toBe(`/api/challenges/${c.id}/deadline.ics`);
        const res = await fetch(`${BASE_URL}/api/challenges/${c.id}/deadline.ics`);
        expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
        expect(await res.text()).toContain('BEGIN:VEVENT');
        await checkSharedState(page, locale, 'challenge page with the call to apply, anonymous');
      } finally {
        await context.close();
      }
    }
  });
});

describe.each(LOCALES)('applying to a challenge in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const a = t.apply;
  let context: BrowserContext;
  let page: Page;
  let challenge: OpenChallenge;
  let applicationUrl = '';
  let receipt = '';

  beforeAll(async () => {
    challenge = challenges[0]!;
    context = await newContext(browser, { locale });
    await signInAs(context, SOLVERS[locale]);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  const readerTitle = () => (locale === 'en' && challenge.titleEn ? challenge.titleEn : challenge.titleZh);
  const stepHeading = (n: number, name: keyof typeof a.form.steps) => page.getByRole('heading', { level: 2, name: fill(a.form.stepHeading, { n, total: 5, name: a.form.steps[name] }), exact: true });
  const saveAndContinue = async (next: number) => {
    await page.getByRole('button', { name: a.form.saveContinue, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('step') === String(next));
  };
  /** Waits for the next autosave to reach the server, then for the status line to say it is saved. */
  const autosaved = async (edit: () => Promise<void>) => {
    const posted = page.waitForResponse((r) => r.url().includes('/autosave') && r.request().method() === 'POST');
    await edit();
    expect((await posted).ok()).toBe(true);
    await page.locator('.autosave-text', { hasText: prefix(a.autosave.saved) }).waitFor();
  };

  it('the solver applies from the challenge page and lands on step 1', async () => {
    await page.goto(`/challenges/${challenge.id}`);
    const panel = page.getByRole('region', { name: a.cta.title, exact: true });
    await panel.getByRole('link', { name: a.cta.calendar, exact: true }).waitFor();
    await checkSharedState(page, locale, 'challenge page with the Apply button');
    await waitForHydration(page);
    await panel.getByRole('button', { name: a.cta.apply, exact: true }).click();
    await page.waitForURL((url) => /^\/applications\/[0-9a-f-]{36}$/.test(url.pathname));
    applicationUrl = new URL(page.url()).pathname;
    await expectPage(page, locale, a.form.title);
    await stepHeading(1, 'proposal').waitFor();
    // The step indicator marks the current step.
    const current = page.getByRole('navigation', { name: a.form.stepsLabel, exact: true }).locator('[aria-current="step"]');
    expect(await current.innerText()).toContain(a.form.steps.proposal);
    await checkSharedState(page, locale, 'application step 1');

    // Submitting the empty draft is refused: a summary (focused) links every problem to its field.
    await waitForHydration(page);
    await page.getByRole('navigation', { name: a.form.stepsLabel, exact: true }).getByRole('link', { name: new RegExp(a.form.steps.review) }).click();
    await stepHeading(5, 'review').waitFor();
    const firstResponse = fill(a.issues.required, { label: fill(a.labels.response, { n: 1 }) });
    const checklist = page.getByRole('region', { name: a.review.issuesTitle, exact: true });
    await checklist.getByRole('link', { name: firstResponse, exact: true }).waitFor();
    await page.getByRole('button', { name: a.review.submit, exact: true }).click();
    const summary = page.locator('[data-error-summary]');
    await summary.getByRole('link', { name: firstResponse, exact: true }).waitFor();
    await summary.getByRole('link', { name: a.issues.milestone_required, exact: true }).waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement), 'the error summary has focus').toBe(true);
    await checkSharedState(page, locale, 'application step 5, submission refused');
    // Following a link opens the field's step with the field focused and marked.
    await summary.getByRole('link', { name: firstResponse, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('step') === '1');
    const response1 = page.getByRole('textbox', { name: fill(a.proposal.response, { n: 1 }), exact: true });
    await page.waitForFunction(() => document.activeElement?.id === 'f-responses-0');
    expect(await descriptionOf(response1)).toContain(firstResponse);

    // Applying again finds the same application.
    await page.goto(`/challenges/${challenge.id}`);
    await waitForHydration(page);
    await page.getByRole('region', { name: a.cta.title, exact: true }).getByRole('button', { name: a.cta.apply, exact: true }).click();
    await page.waitForURL((url) => url.pathname === applicationUrl);
  });

  it('step 1: one approach per indicator, saved as one types', async () => {
    await page.goto(applicationUrl);
    await waitForHydration(page);
    for (let i = 0; i < challenge.indicators; i++) {
      const box = page.getByRole('textbox', { name: fill(a.proposal.response, { n: i + 1 }), exact: true });
      if (i < challenge.indicators - 1) await box.fill(`Approach ${i + 1}: vacuum refining and inclusion control, verified by ${locale} test plan.`);
      else await autosaved(() => box.fill(`Approach ${i + 1}: vacuum refining and inclusion control, verified by ${locale} test plan.`));
    }
    // Stored without pressing a button: a fresh load shows it.
    await page.reload();
    const last = page.getByRole('textbox', { name: fill(a.proposal.response, { n: challenge.indicators }), exact: true });
    expect(await last.inputValue()).toContain(`Approach ${challenge.indicators}:`);
    await waitForHydration(page);
    await saveAndContinue(2);
  });

  it('step 2: the team, with one lead', async () => {
    await stepHeading(2, 'team').waitFor();
    await checkSharedState(page, locale, 'application step 2');
    await page.locator('#f-team-0-name').fill(locale === 'en' ? 'Anna Müller' : '陈博士');
    await page.locator('#f-team-0-role').fill(locale === 'en' ? 'Project lead' : '项目负责人');
    await page.getByRole('button', { name: a.team.add, exact: true }).click();
    // Focus moves into the new row.
    expect(await page.locator('#f-team-1-name').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(locale === 'en' ? 'Jonas Weber' : '李工');
    await page.locator('#f-team-1-role').fill(locale === 'en' ? 'Metallurgist' : '冶金工艺');
    expect(await page.locator('#f-team-0-lead').isChecked()).toBe(true);
    await saveAndContinue(3);
  });

  it('step 3: budget and milestones, with the live check of their sum', async () => {
    await stepHeading(3, 'plan').waitFor();
    await waitForHydration(page);
    await checkSharedState(page, locale, 'application step 3');
    await page.getByRole('textbox', { name: a.plan.requested, exact: true }).fill('500,000');
    await page.locator('#f-milestones-0-title').fill('M1');
    await page.locator('#f-milestones-0-deliverables').fill('Pilot heats and inspection report');
    await page.locator('#f-milestones-0-dueDate').fill(afterDeadline(challenge, 20));
    await page.locator('#f-milestones-0-amount').fill('200000');
    await page.getByRole('button', { name: a.plan.add, exact: true }).click();
    await page.locator('#f-milestones-1-title').fill('M2');
    await page.locator('#f-milestones-1-deliverables').fill('Industrial trial and final report');
    await page.locator('#f-milestones-1-dueDate').fill(afterDeadline(challenge, 40));
    await page.locator('#f-milestones-1-amount').fill('200000');

    // ¥200,000 + ¥200,000 is not the ¥500,000 requested: said next to the plan and in the amounts check.
    const mismatch = fill(a.issues.milestones_sum_mismatch, { actual: formatMoney(40_000_000, locale), expected: formatMoney(50_000_000, locale) });
    await page.locator('#f-milestones-error', { hasText: mismatch }).waitFor();
    const plan = page.getByRole('group', { name: a.plan.milestones, exact: true });
    expect(await plan.getAttribute('aria-describedby')).toContain('f-milestones-error');
    await page.locator('#sum-check', { hasText: fill(a.plan.sumDiffers, { amount: formatMoney(10_000_000, locale) }) }).waitFor();
    await checkSharedState(page, locale, 'application step 3, sum mismatch');

    await autosaved(() => page.locator('#f-milestones-1-amount').fill('300000'));
    await page.locator('#sum-check', { hasText: a.plan.sumMatches }).waitFor();
    expect(await page.locator('#f-milestones-error').count()).toBe(0);
    await saveAndContinue(4);
  });

  it('step 4: prior results; step 5: nothing left to do, submitted with a receipt number', async () => {
    await stepHeading(4, 'prior').waitFor();
    await checkSharedState(page, locale, 'application step 4');
    await page.getByRole('textbox', { name: a.prior.label, exact: false }).fill('Clean steel research since 2015; two patents on inclusion control.');
    await saveAndContinue(5);

    await stepHeading(5, 'review').waitFor();
    await waitForHydration(page);
    await page.getByRole('heading', { name: a.review.readyTitle, exact: true }).waitFor();
    await checkSharedState(page, locale, 'application step 5');
    await page.getByRole('button', { name: a.review.submit, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'submitted');
    receipt = (await page.locator('#receipt-number').innerText()).trim();
    expect(receipt).toMatch(/^JB-\d{4}-\d{6,9}-v1$/i);
    await page.getByRole('status').filter({ hasText: fill(a.done.submitted, { receipt }) }).waitFor();
    await page.getByText(a.states.submitted, { exact: true }).first().waitFor();
    await checkSharedState(page, locale, 'application submitted');
  });

  it('My applications lists it with its state and receipt number', async () => {
    await page.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: a.nav, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/applications');
    await expectPage(page, locale, a.list.title);
    const row = page.getByRole('row').filter({ hasText: receipt });
    await row.getByRole('link', { name: readerTitle(), exact: true }).waitFor();
    await row.getByText(a.states.submitted, { exact: true }).waitFor();
    await checkSharedState(page, locale, 'my applications');
  });

  it('a change after submission is shown as not yet submitted', async () => {
    await page.goto(`${applicationUrl}?step=4`);
    await waitForHydration(page);
    expect(await page.getByText(a.status.unsubmitted, { exact: true }).count()).toBe(0);
    await autosaved(() => page.getByRole('textbox', { name: a.prior.label, exact: false }).fill('Clean steel research since 2015; three patents.'));
    await page.getByText(a.status.unsubmitted, { exact: true }).waitFor();
  });
});

describe('applying without JavaScript', () => {
  const locale: Locale = 'zh-CN';
  const t = MESSAGES[locale];
  const a = t.apply;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, { locale, javaScriptEnabled: false });
    await signInAs(context, SOLVERS[locale]);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('applies, saves steps with their buttons, is told about a bad amount, and withdraws after confirming', async () => {
    const challenge = challenges[1]!;
    await page.goto(`/challenges/${challenge.id}`);
    await page.getByRole('region', { name: a.cta.title, exact: true }).getByRole('button', { name: a.cta.apply, exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/applications/'));
    const applicationUrl = new URL(page.url()).pathname;
    await expectPage(page, locale, a.form.title);
    await page.getByText(a.autosave.noScript, { exact: true }).waitFor();
    await checkPage(page, locale, 'application step 1 without JavaScript');

    await page.getByRole('textbox', { name: fill(a.proposal.response, { n: 1 }), exact: true }).fill('无脚本填写的技术方案。');
    await page.getByRole('button', { name: a.form.saveContinue, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('step') === '2');
    await page.getByRole('status').filter({ hasText: a.done.saved }).waitFor();

    // A row button posts the step: saved, and back with the new row.
    await page.locator('#f-team-0-name').fill('王老师');
    await page.locator('#f-team-0-role').fill('项目负责人');
    await page.getByRole('button', { name: a.team.add, exact: true }).click();
    await page.locator('#f-team-1-name').waitFor();
    expect(await page.locator('#f-team-0-name').inputValue()).toBe('王老师');
    await page.locator('#f-team-1-name').fill('赵工');
    await page.locator('#f-team-1-role').fill('检测分析');
    await page.getByRole('button', { name: a.form.saveContinue, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('step') === '3');

    // An amount that is not one is refused, named next to its field and in the summary.
    await page.getByRole('textbox', { name: a.plan.requested, exact: true }).fill('12.345');
    await page.getByRole('button', { name: a.form.saveContinue, exact: true }).click();
    const message = fill(a.issues.invalid_yuan, { label: a.labels.requested });
    await page.locator('.error-summary').getByRole('link', { name: message, exact: true }).waitFor();
    await page.locator('#f-requested-error', { hasText: message }).waitFor();
    expect(await page.getByRole('textbox', { name: a.plan.requested, exact: true }).getAttribute('aria-describedby')).toContain('f-requested-error');
    await checkPage(page, locale, 'application step 3 refused without JavaScript');
    await page.getByRole('textbox', { name: a.plan.requested, exact: true }).fill('300000');
    await page.getByRole('button', { name: a.form.saveContinue, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('step') === '4');

    // What was saved is still there on the way back.
    await page.goto(`${applicationUrl}?step=2`);
    expect(await page.locator('#f-team-1-name').inputValue()).toBe('赵工');

    // Withdrawing takes a confirmation step.
    await page.getByRole('link', { name: a.withdraw.start, exact: true }).click();
    await page.getByRole('heading', { name: a.withdraw.confirmTitle, exact: true }).waitFor();
    await checkPage(page, locale, 'withdrawal confirmation without JavaScript');
    await page.getByRole('button', { name: a.withdraw.confirm, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'withdrawn');
    await page.getByText(a.readOnly.withdrawn, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: a.form.saveContinue, exact: true }).count()).toBe(0);
  });
});

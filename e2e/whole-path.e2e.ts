/**
 * The whole path from question to award (product.md steps 4–8), in Chinese and in English, through
 * the web pages as the people concerned use them. Set up through the API: the demo enterprise
 * publishes a challenge whose deadline is a few minutes ahead, and a fresh solver organisation
 * registers and is verified (so its applications and notifications are only this story's).
 *
 * Then in the browser: the solver asks on the challenge page, the owner answers there, and every
 * visitor reads the answer; the solver applies through the five steps of the application form and
 * submits (told meanwhile that the challenge closes within the day while the application is a draft), with a receipt number that My applications shows. The test clock crosses the deadline;
 * the bureau marks the application eligible and assigns the demo expert on the review page; the
 * expert declares no conflict and scores the rubric; the bureau goes on to the decision page, selects
 * the application with an award and publishes the notice (公示), which the public reads on the
 * challenge page with the winner. The test clock crosses the notice period (5 working days, to 24:00
 * Beijing time); the bureau makes the result final; the challenge is awarded; the solver finds the
 * application awarded on My applications and the news in the header's unread count and on the
 * notifications page. axe on the main pages of the path. The test clock is reset at the end.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNoticeEnd } from '../apps/web/src/lib/decision';
import { formatMoney } from '../apps/web/src/lib/format';
import {
  apiCall,
  apiLogin,
  BUREAU_EMAIL,
  checkSharedState,
  expectPage,
  freshUscc,
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
const EXPERT_EMAIL = 'expert.li@demo.expert.cn';
const EXPERT_NAME = '李教授';
const SOLVER_PASSWORD = 'whole-path-password-2026';
const DAY = 24 * 3600 * 1000;
/** How far ahead the deadline is when the challenge is published: time enough to ask, answer and apply. */
const DEADLINE_AHEAD_MS = 4 * 60_000;
const REQUESTED_FEN = 50_000_000;
const AWARD_FEN = 48_000_000;

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
/** The Beijing calendar date `days` after an instant, as a date input takes it. */
const beijingDateAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const clockNow = async () => new Date((await apiCall<{ now: string }>('/test/clock', { body: {} })).now).getTime();
const advanceClock = (ms: number) => apiCall('/test/clock', { body: { advanceMs: Math.ceil(ms) } });
const resetClock = () => apiCall('/test/clock', { body: { reset: true } });

interface Solver {
  email: string;
  orgName: string;
}
interface Story {
  challengeId: string;
  title: string;
  deadline: string;
  solver: Solver;
}

/** A fresh university of the reader's kind (Chinese with a USCC, or German with a web domain), verified by the bureau. */
async function freshSolver(locale: Locale, bureau: string): Promise<Solver> {
  const id = unique('wp');
  const domain = `${id}.example.edu`;
  const email = locale === 'en' ? `researcher@${domain}` : `researcher.${id}@whole-path.test`;
  const organization =
    locale === 'en'
      ? { kind: 'university', country: 'DE', nameEn: `Technical University ${id}`, website: `https://www.${domain}`, emailDomain: domain }
      : { kind: 'university', country: 'CN', nameZh: `全流程测试大学${id}`, nameEn: `Whole Path Test University ${id}`, uscc: freshUscc() };
  const registered = await apiCall<{ organization: { id: string } }>('/auth/register', {
    body: { email, password: SOLVER_PASSWORD, displayName: locale === 'en' ? 'Ada Researcher' : '周研究员', role: 'solver', locale, organization },
  });
  await apiCall(`/organizations/${registered.organization.id}/verify`, { token: bureau, body: {} });
  return { email, orgName: locale === 'en' ? organization.nameEn : organization.nameZh! };
}

/** A public challenge of the demo enterprise (bounty ¥600,000), published by the bureau, its deadline `DEADLINE_AHEAD_MS` ahead. */
async function publishedChallenge(locale: Locale, tokens: { enterprise: string; bureau: string }): Promise<Omit<Story, 'solver'>> {
  const id = unique('');
  const deadline = new Date((await clockNow()) + DEADLINE_AHEAD_MS).toISOString();
  const body = {
    titleZh: `连铸结晶器铜板寿命提升 ${id}`,
    titleEn: `Longer life of continuous-casting mould plates ${id}`,
    summaryZh: '将板坯连铸结晶器铜板的过钢量从 8 万吨提高到 15 万吨以上。',
    summaryEn: 'Raise the tonnage cast through the copper plates of a slab mould from 80,000 to over 150,000 tonnes.',
    descriptionZh: '我公司板坯连铸机结晶器铜板磨损和热裂纹频发，需要新的镀层或材料方案。',
    descriptionEn: 'The copper plates of our slab caster moulds wear and crack too soon; we look for a new coating or material.',
    industry: 'metallurgy_new_materials',
    category: 'bottleneck',
    indicators: [{ nameZh: '铜板过钢量', nameEn: 'Tonnage per plate', target: '≥ 15', unit: '万吨', method: '连续 3 套铜板统计' }],
    eligibilityZh: '具有表面工程或铜合金研发经验的单位。',
    eligibilityEn: 'Organisations with research experience in surface engineering or copper alloys.',
    enterpriseShareFen: 40_000_000,
    requestedSpecialFundFen: 20_000_000,
    deadline,
    durationMonths: 12,
    maxWinners: 1,
    ipTermsZh: '新产生的知识产权归双方共有。',
    ipTermsEn: 'New intellectual property is owned jointly.',
    visibility: 'public',
    domesticOnly: false,
  };
  const created = await apiCall<{ id: string }>('/challenges', { token: tokens.enterprise, body });
  await apiCall(`/challenges/${created.id}/submit`, { token: tokens.enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen: 20_000_000 } });
  return { challengeId: created.id, title: locale === 'en' ? body.titleEn : body.titleZh, deadline };
}

/** The outbox turns events into notifications every few seconds (NOTIFY_INTERVAL_MS): wait for the kinds expected. */
async function waitForNotifications(token: string, kinds: string[]): Promise<{ kinds: string[]; unread: number }> {
  const until = Date.now() + 30_000;
  for (;;) {
    const page = await apiCall<{ items: { kind: string }[]; unread: number }>('/notifications?pageSize=50', { token });
    const seen = page.items.map((n) => n.kind);
    if (kinds.every((k) => seen.includes(k))) return { kinds: seen, unread: page.unread };
    if (Date.now() > until) throw new Error(`expected notifications ${kinds.join(', ')}, have ${seen.join(', ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  // The suites after this one start from the real time again.
  await resetClock();
});

describe.each(LOCALES)('from question to award in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const q = t.qa;
  const a = t.apply;
  const r = t.review;
  const d = t.decision;
  const question = locale === 'en' ? `May trial plates be fitted during a scheduled stop? ${unique('')}` : `能否在计划检修时试装试验铜板？${unique('')}`;
  const answer = locale === 'en' ? `Yes, at the monthly stop of caster no. 2. ${unique('')}` : `可以，安排在 2 号连铸机月度检修时试装。${unique('')}`;
  const approach = locale === 'en' ? `A graded Ni–Co coating by laser cladding, tested on the mould of caster no. 2. ${unique('')}` : `激光熔覆梯度镍钴镀层，先在 2 号连铸机结晶器上试用。${unique('')}`;
  // The default rubric weighs 40/25/15/10/10: 40×9 + 25×8 + 15×7 + 10×8 + 10×8 = 825 → 82.5.
  const sheet: [keyof typeof r.criteria, number][] = [['technical_approach', 9], ['team', 8], ['budget', 7], ['schedule', 8], ['prior_results', 8]];
  const total = '82.5';

  let people: Readers;
  let s: Story;
  let solver: Page;
  let owner: Page;
  let bureau: Page;
  let expert: Page;
  let applicationId = '';
  let receipt = '';

  /** The challenge page for an anonymous visitor. */
  async function visitor(): Promise<Page> {
    const page = await people.page();
    await page.goto(`/challenges/${s.challengeId}`);
    await waitForHydration(page);
    return page;
  }
  const qaOf = (page: Page) => page.getByRole('region', { name: q.title, exact: true });
  const itemWith = (scope: Locator, text: string) => scope.getByRole('listitem').filter({ hasText: text });
  const stateBadge = (page: Page, label: string) => page.locator('header.challenge-header').getByText(label, { exact: true });

  beforeAll(async () => {
    people = readers(browser, locale);
    await resetClock();
    const tokens = { enterprise: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL) };
    const solverOrg = await freshSolver(locale, tokens.bureau);
    s = { ...(await publishedChallenge(locale, tokens)), solver: solverOrg };
    [solver, owner, bureau, expert] = await Promise.all([
      people.page({ email: s.solver.email, password: SOLVER_PASSWORD }),
      people.page({ email: ENTERPRISE_EMAIL }),
      people.page({ email: BUREAU_EMAIL }),
      people.page({ email: EXPERT_EMAIL }),
    ]);
  });
  afterAll(async () => {
    await people?.close();
    await resetClock();
  });

  it('the solver asks on the challenge page, the owner answers there, and the answer is public', async () => {
    await solver.goto(`/challenges/${s.challengeId}`);
    await expectPage(solver, locale, s.title);
    await waitForHydration(solver);
    await stateBadge(solver, t.challenge.states.published).waitFor();
    await checkSharedState(solver, locale, 'challenge page, solver');

    const qa = qaOf(solver);
    await qa.getByRole('textbox', { name: q.askLabel, exact: true }).fill(question);
    await qa.getByRole('button', { name: q.askSubmit, exact: true }).click();
    await qa.getByRole('status').filter({ hasText: q.asked }).waitFor();
    await itemWith(qa.getByRole('region', { name: q.mineTitle, exact: true }), question).getByText(q.awaiting, { exact: true }).waitFor();

    await owner.goto(`/challenges/${s.challengeId}`);
    await waitForHydration(owner);
    const ownerQa = qaOf(owner);
    const pending = itemWith(ownerQa.getByRole('region', { name: fill(q.pendingTitle, { count: 1 }), exact: true }), question);
    await pending.getByRole('textbox', { name: q.answerLabel, exact: true }).fill(answer);
    await pending.getByRole('button', { name: q.answerSubmit, exact: true }).click();
    await ownerQa.getByRole('status').filter({ hasText: q.answered }).waitFor();
    await ownerQa.getByRole('region', { name: fill(q.pendingTitle, { count: 0 }), exact: true }).getByText(q.pendingEmpty, { exact: true }).waitFor();
    await checkSharedState(owner, locale, 'challenge page, owner answered');

    const page = await visitor();
    const answered = itemWith(qaOf(page).getByRole('region', { name: q.answeredTitle, exact: true }), question);
    await answered.getByText(answer).waitFor();
    expect(await answered.innerText()).toContain(fill(q.answeredBy, { role: q.roles.enterprise, time: '' }).trim());
    await checkSharedState(page, locale, 'challenge page, public answer');
  });

  it('the solver applies through the five steps and submits: a receipt number, listed on My applications', async () => {
    const stepHeading = (n: number, name: keyof typeof a.form.steps) => solver.getByRole('heading', { level: 2, name: fill(a.form.stepHeading, { n, total: 5, name: a.form.steps[name] }), exact: true });
    const saveAndContinue = async (next: number) => {
      await solver.getByRole('button', { name: a.form.saveContinue, exact: true }).click();
      await solver.waitForURL((url) => url.searchParams.get('step') === String(next));
    };

    await solver.getByRole('region', { name: a.cta.title, exact: true }).getByRole('button', { name: a.cta.apply, exact: true }).click();
    await solver.waitForURL((url) => /^\/applications\/[0-9a-f-]{36}$/.test(url.pathname));
    applicationId = new URL(solver.url()).pathname.split('/').pop()!;
    await expectPage(solver, locale, a.form.title);
    await stepHeading(1, 'proposal').waitFor();
    await waitForHydration(solver);
    await checkSharedState(solver, locale, 'application step 1');
    // The challenge closes within the day and this is still a draft: the reminder loop (every 500 ms
    // here) tells the solver, once. Waited for, so the notifications checked at the end are certain.
    await waitForNotifications(await apiLogin(s.solver.email, SOLVER_PASSWORD), ['application_deadline_soon']);
    await solver.getByRole('textbox', { name: fill(a.proposal.response, { n: 1 }), exact: true }).fill(approach);
    await saveAndContinue(2);

    await stepHeading(2, 'team').waitFor();
    await solver.locator('#f-team-0-name').fill(locale === 'en' ? 'Ada Researcher' : '周研究员');
    await solver.locator('#f-team-0-role').fill(locale === 'en' ? 'Project lead' : '项目负责人');
    await saveAndContinue(3);

    await stepHeading(3, 'plan').waitFor();
    await waitForHydration(solver);
    await solver.getByRole('textbox', { name: a.plan.requested, exact: true }).fill(String(REQUESTED_FEN / 100));
    const milestones = [
      { title: locale === 'en' ? 'Coating trials' : '镀层试验', deliverables: locale === 'en' ? 'Trial plates and wear report' : '试验铜板与磨损报告', days: 60, yuan: 200_000 },
      { title: locale === 'en' ? 'Plant trial' : '工业试验', deliverables: locale === 'en' ? 'Tonnage report of three plate sets' : '3 套铜板过钢量报告', days: 300, yuan: 300_000 },
    ];
    for (const [i, m] of milestones.entries()) {
      if (i > 0) await solver.getByRole('button', { name: a.plan.add, exact: true }).click();
      await solver.locator(`#f-milestones-${i}-title`).fill(m.title);
      await solver.locator(`#f-milestones-${i}-deliverables`).fill(m.deliverables);
      await solver.locator(`#f-milestones-${i}-dueDate`).fill(beijingDateAfter(s.deadline, m.days));
      await solver.locator(`#f-milestones-${i}-amount`).fill(String(m.yuan));
    }
    await solver.locator('#sum-check', { hasText: a.plan.sumMatches }).waitFor();
    await checkSharedState(solver, locale, 'application step 3');
    await saveAndContinue(4);

    await stepHeading(4, 'prior').waitFor();
    await solver.getByRole('textbox', { name: a.prior.label, exact: false }).fill(locale === 'en' ? 'Laser cladding of copper alloys since 2016; three patents.' : '2016 年起从事铜合金激光熔覆研究，授权发明专利 3 件。');
    await saveAndContinue(5);

    await stepHeading(5, 'review').waitFor();
    await waitForHydration(solver);
    await solver.getByRole('heading', { name: a.review.readyTitle, exact: true }).waitFor();
    await checkSharedState(solver, locale, 'application step 5');
    await solver.getByRole('button', { name: a.review.submit, exact: true }).click();
    await solver.waitForURL((url) => url.searchParams.get('done') === 'submitted');
    receipt = (await solver.locator('#receipt-number').innerText()).trim();
    expect(receipt).toMatch(/^JB-\d{4}-\d{6,9}-v1$/i);
    await solver.getByRole('status').filter({ hasText: fill(a.done.submitted, { receipt }) }).waitFor();

    await solver.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: a.nav, exact: true }).click();
    await solver.waitForURL((url) => url.pathname === '/applications');
    await expectPage(solver, locale, a.list.title);
    const rows = solver.getByRole('table').getByRole('row');
    expect(await rows.count(), 'a header row and this one application').toBe(2);
    const row = rows.filter({ hasText: receipt });
    await row.getByRole('link', { name: s.title, exact: true }).waitFor();
    await row.getByText(a.states.submitted, { exact: true }).waitFor();
    await checkSharedState(solver, locale, 'my applications, submitted');
  });

  it('past the deadline, the bureau marks the application eligible and assigns the demo expert', async () => {
    // The deadline is still ahead by the API's clock: the application was made in time.
    expect(await clockNow()).toBeLessThan(new Date(s.deadline).getTime());
    await advanceClock(DEADLINE_AHEAD_MS + 5_000);

    await bureau.goto(`/bureau/challenges/${s.challengeId}`);
    await bureau.getByRole('link', { name: r.bureau.link, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${s.challengeId}/review`);
    await expectPage(bureau, locale, r.bureau.title);
    await waitForHydration(bureau);
    const table = bureau.getByRole('table', { name: fill(r.eligibility.caption, { count: 1 }), exact: true });
    const row = table.getByRole('row').filter({ hasText: s.solver.orgName });
    await row.getByText(a.states.submitted, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review page, before eligibility');

    await row.getByRole('button', { name: r.eligibility.eligible, exact: true }).click();
    await bureau.getByRole('status').getByText(r.eligibility.doneEligible, { exact: true }).waitFor();
    await row.getByText(a.states.eligible, { exact: true }).waitFor();

    await bureau.getByRole('group', { name: r.assign.pool, exact: true }).getByRole('checkbox', { name: EXPERT_NAME, exact: true }).check();
    await bureau.getByRole('button', { name: r.assign.assignChosen, exact: true }).click();
    await bureau.getByRole('status').getByText(fill(r.assign.assigned, { count: 1 }), { exact: true }).waitFor();
    await row.getByText(a.states.under_review, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'review page, expert assigned');
  });

  it('the expert declares no conflict and scores every criterion of the rubric', async () => {
    await expert.goto('/account');
    await expert.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: r.nav.mine, exact: true }).click();
    await expert.waitForURL((url) => url.pathname === '/reviews');
    await expectPage(expert, locale, r.mine.title);
    const row = expert.getByRole('row').filter({ hasText: s.title });
    await row.getByText(r.status.to_declare, { exact: true }).waitFor();
    await checkSharedState(expert, locale, 'my reviews, to declare');

    await row.getByRole('link', { name: r.mine.declare, exact: true }).click();
    await expert.waitForURL((url) => url.pathname === `/reviews/${applicationId}`);
    await expectPage(expert, locale, r.assignment.title);
    await waitForHydration(expert);
    expect(await expert.getByText(approach).count(), 'nothing of the application before the declaration').toBe(0);
    await expert.getByRole('radio', { name: r.declare.none }).check();
    await expert.getByRole('button', { name: r.declare.submit, exact: true }).click();
    await expert.getByRole('status').getByText(r.declare.doneNone, { exact: true }).waitFor();
    await expert.getByText(approach, { exact: true }).waitFor();
    await checkSharedState(expert, locale, 'assignment, application open');

    for (const [key, points] of sheet) {
      const name = r.criteria[key];
      await expert.getByRole('group', { name: fill(r.scoring.scoreLegend, { name }), exact: true }).getByRole('radio', { name: String(points), exact: true }).check();
      await expert.getByRole('textbox', { name: fill(r.scoring.comment, { name }), exact: true }).fill(locale === 'en' ? `${name}: ${points} of 10, as the proposal shows.` : `${name}：${points} 分，依据见申请书。`);
    }
    await expert.getByText(fill(r.scoring.totalValue, { total }), { exact: true }).waitFor();
    await expert.getByRole('button', { name: r.scoring.submit, exact: true }).click();
    await expert.getByRole('status').getByText(fill(r.scoring.saved, { total }), { exact: true }).waitFor();
    await checkSharedState(expert, locale, 'assignment, scores saved');

    await expert.goto('/reviews');
    await expert.getByRole('row').filter({ hasText: s.title }).getByText(r.status.scored, { exact: true }).waitFor();
  });

  it('the bureau decides from the ranking and publishes the notice; the public reads the winner on the challenge page', async () => {
    await bureau.goto(`/bureau/challenges/${s.challengeId}`);
    await bureau.getByRole('link', { name: r.bureau.link, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${s.challengeId}/review`);
    const ranking = bureau.getByRole('table', { name: fill(r.ranking.caption, { count: 1 }), exact: true });
    await ranking.getByRole('row').filter({ hasText: s.solver.orgName }).getByRole('cell', { name: total, exact: true }).waitFor();
    await bureau.getByRole('link', { name: r.bureau.back, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${s.challengeId}`);
    await bureau.getByRole('link', { name: d.bureau.title, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${s.challengeId}/decision`);
    await expectPage(bureau, locale, d.bureau.title);
    await waitForHydration(bureau);
    await bureau.getByRole('region', { name: d.bureau.rankingTitle, exact: true }).getByRole('table').waitFor();
    await checkSharedState(bureau, locale, 'decision page, in review');

    const candidate = bureau.getByRole('group', { name: new RegExp(escapeRegExp(s.solver.orgName)) });
    await candidate.getByRole('checkbox', { name: d.form.select, exact: true }).check();
    const award = candidate.getByRole('textbox', { name: d.form.award, exact: true });
    expect(await award.inputValue(), 'the award starts at the requested amount').toBe(String(REQUESTED_FEN / 100));
    await award.fill(String(AWARD_FEN / 100));
    await bureau.getByRole('button', { name: d.form.publish, exact: true }).click();

    await bureau.getByRole('status').filter({ hasText: d.bureau.decided.split('{time}')[0]!.trim() }).waitFor();
    const notice = bureau.getByRole('region', { name: d.bureau.noticeTitle, exact: true });
    await notice.getByText(d.phases.open, { exact: true }).waitFor();
    await notice.getByRole('row').filter({ hasText: s.solver.orgName }).getByText(formatMoney(AWARD_FEN, locale), { exact: true }).waitFor();
    const finalize = bureau.getByRole('region', { name: d.finalize.title, exact: true });
    expect(await finalize.getByRole('button', { name: d.finalize.submit, exact: true }).isDisabled(), 'not final during the notice period').toBe(true);
    await checkSharedState(bureau, locale, 'decision page, notice published');

    const page = await visitor();
    const section = page.getByRole('region', { name: d.public.title, exact: true });
    await section.getByText(d.phases.open, { exact: true }).waitFor();
    await section.getByRole('row').filter({ hasText: s.solver.orgName }).getByText(formatMoney(AWARD_FEN, locale), { exact: true }).waitFor();
    await stateBadge(page, t.challenge.states.notice).waitFor();
    await checkSharedState(page, locale, 'challenge page, public notice');
  });

  it('past the notice period, the bureau makes the result final: the challenge is awarded', async () => {
    const decision = await apiCall<{ publishedAt: string; noticeEndsAt: string | null }>(`/challenges/${s.challengeId}/decision`);
    const endsAt = new Date(decision.noticeEndsAt ?? '').getTime();
    // 24:00 Beijing time (16:00 UTC) of the fifth working day: at least five days after publication.
    expect(new Date(endsAt).toISOString().slice(11), 'the notice period ends at 24:00 Beijing time').toBe('16:00:00.000Z');
    expect(endsAt - new Date(decision.publishedAt).getTime()).toBeGreaterThan(5 * DAY);
    await bureau.getByRole('region', { name: d.finalize.title, exact: true }).getByText(fill(d.finalize.whyNotice, { time: formatNoticeEnd(decision.noticeEndsAt!) }), { exact: true }).waitFor();
    await advanceClock(endsAt - (await clockNow()) + 60_000);

    await bureau.goto(`/bureau/challenges/${s.challengeId}`);
    await bureau.getByRole('link', { name: d.bureau.title, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `/bureau/challenges/${s.challengeId}/decision`);
    await waitForHydration(bureau);
    // The notice period is over by the API's clock, which the page follows (not the browser's).
    await bureau.getByRole('region', { name: d.bureau.noticeTitle, exact: true }).getByText(d.phases.ended, { exact: true }).waitFor();
    const finalize = bureau.getByRole('region', { name: d.finalize.title, exact: true });
    const button = finalize.getByRole('button', { name: d.finalize.submit, exact: true });
    expect(await button.isDisabled(), 'the notice period is over').toBe(false);
    await button.click();
    await bureau.getByRole('status').filter({ hasText: fill(d.bureau.finalized, { count: 1 }) }).waitFor();
    await bureau.getByRole('region', { name: d.bureau.noticeTitle, exact: true }).getByText(d.phases.final, { exact: true }).waitFor();
    expect(await bureau.getByRole('button', { name: d.finalize.submit }).count(), 'nothing left to make final').toBe(0);
    await checkSharedState(bureau, locale, 'decision page, final');

    const page = await visitor();
    await stateBadge(page, t.challenge.states.awarded).waitFor();
    const section = page.getByRole('region', { name: d.public.title, exact: true });
    await section.getByText(d.phases.final, { exact: true }).waitFor();
    await section.getByRole('row').filter({ hasText: s.solver.orgName }).getByText(formatMoney(AWARD_FEN, locale), { exact: true }).waitFor();
    await checkSharedState(page, locale, 'challenge page, awarded');
  });

  it('the solver finds the application awarded and is notified of the decision and the award', async () => {
    const n = t.notifications;
    const token = await apiLogin(s.solver.email, SOLVER_PASSWORD);
    const expected = ['application_deadline_soon', 'question_answered', 'eligibility_result', 'decision_published', 'awarded'];
    const { kinds, unread } = await waitForNotifications(token, expected);
    expect([...kinds].sort(), 'one notification for each step that concerned the solver').toEqual([...expected].sort());
    expect(unread).toBe(expected.length);

    await solver.goto('/applications');
    await expectPage(solver, locale, a.list.title);
    const header = solver.getByRole('banner');
    await header.getByRole('link', { name: fill(n.navUnread, { count: unread }), exact: true }).waitFor();
    const row = solver.getByRole('row').filter({ hasText: receipt });
    await row.getByText(a.states.awarded, { exact: true }).waitFor();
    await checkSharedState(solver, locale, 'my applications, awarded');

    await header.getByRole('link', { name: fill(n.navUnread, { count: unread }), exact: true }).click();
    await solver.waitForURL((url) => url.pathname === '/notifications');
    await expectPage(solver, locale, n.title);
    const list = solver.getByRole('list', { name: n.listLabel, exact: true });
    for (const key of ['decision_published', 'awarded', 'eligible', 'question_answered', 'application_deadline_last_day'] as const) {
      await list.getByRole('listitem').filter({ hasText: fill(n.sentences[key], { challenge: s.title }) }).getByText(n.unread, { exact: true }).waitFor();
    }
    await checkSharedState(solver, locale, 'notifications');
  });
});

/**
 * The decision and its public notice (公示), in Chinese and in English, on the demo data: the invar
 * strip challenge is in its notice period (an objection from the demo already open), the tundish mix
 * awarded. An anonymous visitor reads the notice — winner, award by source, when the period ends — and
 * finds a way to sign in to object; a solver objects (too short first, refused at the field); the bureau
 * finds the objection on its decision page, sees that the result cannot be made final while the notice
 * period runs, and dismisses it; the outcome is then public, without the objection itself; the awarded
 * challenge shows its winner as final, to the public and on the bureau's page.
 *
 * Then the decision itself, on a challenge made for it through the API (two demo universities apply,
 * the test clock passes the deadline, the demo expert scores both): the bureau starts from the ranking,
 * is told at once everything missing from a decision with no winner ticked, ticks one (in Chinese an
 * award above the bounty shows in the running total first; in English an award that is not an amount
 * is refused at its field), gives feedback to the other and publishes; the page turns to the notice,
 * and the applicant not selected reads its feedback on the challenge page. An objection to it is then
 * upheld: the decision is withdrawn (the bureau is back at the ranking, the public told a new decision
 * follows), and the bureau decides that there is no winner, whose reasons are public.
 *
 * The English solver and bureau work without JavaScript, so the forms post natively. axe on every
 * page visited. Nothing here upholds an objection or makes a result final.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNoticeEnd } from '../apps/web/src/lib/decision';
import { formatDateTime, formatMoney } from '../apps/web/src/lib/format';
import {
  apiCall,
  apiLogin,
  BASE_URL,
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  DEMO_PASSWORD,
  descriptionOf,
  expectPage,
  launch,
  LOCALES,
  MESSAGES,
  readers,
  unique,
  waitForHydration,
  type Locale,
  type Readers,
} from './support';

const SOLVER_EMAIL = 'chen@ustb.edu.cn';
const OTHER_SOLVER_EMAIL = 'a.mueller@rwth-aachen.de';
const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const EXPERT_EMAIL = 'expert.li@demo.expert.cn';
const DAY = 24 * 3600 * 1000;
const DEADLINE_AHEAD_MS = 60_000;

interface Winner {
  applicationId: string;
  awardFen: number;
  enterpriseShareFen: number;
  specialFundFen: number;
  organization: { nameZh: string | null; nameEn: string | null; country: string };
}
interface DecisionJson {
  kind: 'award' | 'none';
  noticeEndsAt: string | null;
  finalizedAt: string | null;
  winners: Winner[];
}

const apiGet = <T>(path: string) => apiCall<T>(path);

/** The demo challenge in the given state whose Chinese title contains `hint` (the only one, as seeded). */
async function demoChallenge(status: 'notice' | 'awarded', hint: string): Promise<{ id: string; decision: DecisionJson }> {
  const list = await apiGet<{ items: { id: string; titleZh: string }[] }>(`/challenges?status=${status}&pageSize=50`);
  const found = list.items.find((c) => c.titleZh.includes(hint)) ?? list.items[0];
  if (!found) throw new Error(`no demo challenge in ${status}`);
  return { id: found.id, decision: await apiGet<DecisionJson>(`/challenges/${found.id}/decision`) };
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const nameIn = (o: Winner['organization'], locale: Locale) => (locale === 'en' ? (o.nameEn ?? o.nameZh) : (o.nameZh ?? o.nameEn)) ?? '';

let browser: Browser;
let invar: { id: string; decision: DecisionJson };
let tundish: { id: string; decision: DecisionJson };
beforeAll(async () => {
  browser = await launch();
  [invar, tundish] = await Promise.all([demoChallenge('notice', '4J36'), demoChallenge('awarded', '中间包干式振动料')]);
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the decision and its public notice in %s', (locale: Locale) => {
  const m = MESSAGES[locale];
  const t = m.decision;
  const javaScript = locale === 'zh-CN';
  const reasons = locale === 'en'
    ? `The winning method measures thermal expansion differently from the standard the challenge names. ${unique('')}`
    : `中选方案的热膨胀系数检测方法与榜单指定的标准不一致，请核查。${unique('')}`;
  const resolution = locale === 'en' ? `Checked: the method is equivalent to the standard. ${unique('')}` : `经核查，该检测方法与标准等效，异议不成立。${unique('')}`;
  let people: Readers;

  beforeAll(() => {
    people = readers(browser, locale);
  });
  afterAll(async () => {
    await people?.close();
  });

  async function visitor(opts: { javaScript?: boolean; email?: string; path?: string } = {}): Promise<Page> {
    const page = await people.page(opts);
    await page.goto(opts.path ?? `/challenges/${invar.id}`);
    if (opts.javaScript ?? true) await waitForHydration(page);
    return page;
  }
  const notice = (page: Page) => page.getByRole('region', { name: t.public.title, exact: true });
  const itemWith = (scope: Locator, text: string) => scope.getByRole('listitem').filter({ hasText: text });

  it('an anonymous visitor reads the notice: the winner, the award by source, when the period ends, and a way to sign in to object', async () => {
    const page = await visitor();
    const section = notice(page);
    await section.getByText(t.phases.open, { exact: true }).waitFor();
    const winner = invar.decision.winners[0]!;
    const row = section.getByRole('row').filter({ hasText: nameIn(winner.organization, locale) });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.map((c) => c.trim())).toEqual([winner.awardFen, winner.enterpriseShareFen, winner.specialFundFen].map((fen) => formatMoney(fen, locale)));
    await section.getByText(fill(m.challenge.deadlineBeijing, { time: formatNoticeEnd(invar.decision.noticeEndsAt!) })).waitFor();
    const signInLink = section.getByRole('link', { name: t.objection.signIn, exact: true });
    expect(await signInLink.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/challenges/${invar.id}`)}`);
    expect(await section.getByRole('textbox').count(), 'no objection form for anonymous visitors').toBe(0);
    await checkSharedState(page, locale, 'challenge page, decision under public notice, anonymous');
  });

  it(`a signed-in solver objects${javaScript ? '' : ' without JavaScript'}: too short is refused at the field, then the objection is theirs, open`, async () => {
    const page = await visitor({ javaScript, email: SOLVER_EMAIL });
    const section = notice(page);
    const box = () => section.getByRole('textbox', { name: t.objection.reasons, exact: true });
    await box().fill(locale === 'en' ? 'Unfair.' : '不公平。');
    await section.getByRole('button', { name: t.objection.submit, exact: true }).click();
    const summary = section.locator('[data-error-summary]');
    const tooShort = fill(t.objection.reasonsLength, { min: 10, max: 5000 });
    await summary.getByRole('link', { name: tooShort, exact: true }).waitFor();
    expect(await box().getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(box())).toContain(tooShort);
    if (javaScript) expect(await summary.evaluate((el) => el === document.activeElement), 'focus moves to the error summary').toBe(true);
    await checkPage(page, locale, 'challenge page, objection refused');

    await box().fill(reasons);
    await section.getByRole('textbox', { name: t.objection.evidence }).fill(locale === 'en' ? 'Indicator 2: GB/T 4339.' : '榜单指标 2：GB/T 4339。');
    await section.getByRole('button', { name: t.objection.submit, exact: true }).click();
    await section.getByRole('status').filter({ hasText: t.objection.filed }).waitFor();
    const mine = section.getByRole('region', { name: t.objection.mineTitle, exact: true });
    await itemWith(mine, reasons).getByText(t.objectionStates.open, { exact: true }).waitFor();
    expect(await box().inputValue(), 'the form is empty again').toBe('');
    await checkPage(page, locale, 'challenge page, objection filed');
  });

  it(`the bureau${javaScript ? '' : ' (without JavaScript)'} finds it on the decision page, cannot make the result final while the notice runs, and dismisses it`, async () => {
    const page = await visitor({ javaScript, email: BUREAU_EMAIL, path: `/bureau/challenges/${invar.id}/decision` });
    await expectPage(page, locale, t.bureau.title);
    const objections = page.locator('section#objections');
    const item = itemWith(objections, reasons);
    await item.getByText(t.objectionStates.open, { exact: true }).waitFor();
    await item.getByText(locale === 'en' ? 'GB/T 4339.' : 'GB/T 4339。').waitFor();

    const finalize = page.getByRole('region', { name: t.finalize.title, exact: true });
    const button = finalize.getByRole('button', { name: t.finalize.submit, exact: true });
    expect(await button.isDisabled(), 'the result cannot be made final during the notice period').toBe(true);
    const why = fill(t.finalize.whyNotice, { time: formatNoticeEnd(invar.decision.noticeEndsAt!) });
    await finalize.getByText(why, { exact: true }).waitFor();
    expect(await descriptionOf(button)).toContain(why);
    await checkPage(page, locale, 'bureau decision page, objections open');

    await item.getByRole('radio', { name: t.objections.dismiss }).check();
    await item.getByRole('textbox', { name: t.objections.resolution, exact: true }).fill(resolution);
    await item.getByRole('button', { name: t.objections.submit, exact: true }).click();
    await page.getByRole('status').filter({ hasText: t.bureau.dismissed }).waitFor();
    const resolved = itemWith(objections, reasons);
    await resolved.getByText(t.objectionStates.dismissed, { exact: true }).waitFor();
    await resolved.getByText(resolution).waitFor();
    expect(await resolved.getByRole('button').count(), 'a resolved objection has no form').toBe(0);
    expect(await button.isDisabled(), 'still not final: the notice period runs').toBe(true);
    await checkPage(page, locale, 'bureau decision page, objection dismissed');
  });

  it('the outcome is public, with the bureau’s reasons and without the objection itself', async () => {
    const page = await visitor();
    const outcomes = notice(page).getByRole('region', { name: t.public.outcomesTitle, exact: true });
    await itemWith(outcomes, resolution).getByText(t.objectionStates.dismissed, { exact: true }).waitFor();
    expect(await page.getByText(reasons).count(), 'the objection itself is not public').toBe(0);
    await checkSharedState(page, locale, 'challenge page, objection outcome published');
  });

  it('the awarded challenge shows its winner as final, to the public and on the bureau’s page', async () => {
    const page = await visitor({ path: `/challenges/${tundish.id}` });
    const section = notice(page);
    await section.getByText(t.phases.final, { exact: true }).waitFor();
    const winner = tundish.decision.winners[0]!;
    await section.getByRole('row').filter({ hasText: nameIn(winner.organization, locale) }).getByText(formatMoney(winner.awardFen, locale), { exact: true }).first().waitFor();
    await section.getByText(t.public.finalizedAt, { exact: true }).waitFor();
    expect(await section.getByRole('textbox').count(), 'no objection form once final').toBe(0);
    await checkSharedState(page, locale, 'challenge page, award final');

    const bureau = await visitor({ javaScript, email: BUREAU_EMAIL, path: `/bureau/challenges/${tundish.id}/decision` });
    await expectPage(bureau, locale, t.bureau.title);
    await bureau.getByRole('region', { name: t.finalize.title, exact: true }).getByText(fill(t.finalize.finalizedAt, { time: formatDateTime(tundish.decision.finalizedAt!) })).waitFor();
    expect(await bureau.getByRole('button', { name: t.finalize.submit }).count(), 'nothing left to make final').toBe(0);
    await checkPage(bureau, locale, 'bureau decision page, award final');
  });
});

// ---------------------------------------------------------------------------------------------
// Deciding.

interface Org {
  nameZh: string | null;
  nameEn: string | null;
}
interface Decidable {
  challengeId: string;
  winner: Org;
  other: Org;
}

/** The Beijing calendar date `days` after an instant, as the API takes milestone dates. */
const beijingDateAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A published challenge of the demo enterprise (¥900,000 bounty: ¥600,000 + ¥300,000 special fund,
 * two winners at most) with applications of both demo universities: USTB asks ¥600,000, RWTH ¥500,000.
 */
async function decidableChallenge(tokens: Record<'enterprise' | 'bureau' | 'ustb' | 'rwth', string>, deadline: string) {
  const id = unique('');
  const created = await apiCall<{ id: string }>('/challenges', {
    token: tokens.enterprise,
    body: {
      titleZh: `高炉风口小套寿命提升 ${id}`,
      titleEn: `Longer blast-furnace tuyere life ${id}`,
      summaryZh: '将高炉风口小套寿命从 4 个月提高到 8 个月以上。',
      summaryEn: 'Raise the life of blast-furnace tuyeres from four to over eight months.',
      descriptionZh: '我公司 1780 m³ 高炉风口小套烧损频繁，影响顺行。',
      descriptionEn: 'The tuyeres of our 1780 m³ blast furnace burn through too often.',
      industry: 'metallurgy_new_materials',
      category: 'bottleneck',
      indicators: [{ nameZh: '风口小套寿命', nameEn: 'Tuyere life', target: '≥ 8', unit: '月', method: '连续 3 个风口统计' }],
      eligibilityZh: '具有冶金设备研发经验的单位。',
      eligibilityEn: 'Organisations with research experience in metallurgical equipment.',
      enterpriseShareFen: 60_000_000,
      requestedSpecialFundFen: 30_000_000,
      deadline,
      durationMonths: 12,
      maxWinners: 2,
      ipTermsZh: '成果归双方共有。',
      ipTermsEn: 'Results are owned jointly.',
      visibility: 'public',
      domesticOnly: false,
    },
  });
  await apiCall(`/challenges/${created.id}/submit`, { token: tokens.enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen: 30_000_000 } });
  const applyAs = async (token: string, requestedFen: number, approach: string) => {
    const a = await apiCall<{ id: string }>(`/challenges/${created.id}/applications`, {
      token,
      body: {
        responses: { 0: approach },
        team: [{ name: '项目负责人', role: 'Principal investigator', lead: true }],
        partnerOrganizationIds: [],
        priorResults: '近五年承担相关课题 3 项。',
        requestedFen,
        milestones: [
          { title: '方案', deliverables: '试验方案', dueDate: beijingDateAfter(deadline, 60), amountFen: requestedFen * 0.3 },
          { title: '中试', deliverables: '中试报告', dueDate: beijingDateAfter(deadline, 200), amountFen: requestedFen * 0.4 },
          { title: '验收', deliverables: '验收报告', dueDate: beijingDateAfter(deadline, 330), amountFen: requestedFen * 0.3 },
        ],
      },
    });
    await apiCall(`/applications/${a.id}/submit`, { token, body: {} });
    return a.id;
  };
  const ustb = await applyAs(tokens.ustb, 60_000_000, '铜基复合材料风口小套，内腔强化冷却。');
  const rwth = await applyAs(tokens.rwth, 50_000_000, 'Cladding of the tuyere nose with a wear-resistant alloy.');
  return { challengeId: created.id, applications: [ustb, rwth] as const };
}

describe.each(LOCALES)('the bureau decides in %s', (locale: Locale) => {
  const m = MESSAGES[locale];
  const t = m.decision;
  const javaScript = locale === 'zh-CN';
  const feedback = locale === 'en' ? `The cladding approach lacks a plan for plant trials. ${unique('')}` : `堆焊方案缺少工业试验计划，综合评分次于中选方案。${unique('')}`;
  let people: Readers;
  let s: Decidable;
  let bureau: Page;

  beforeAll(async () => {
    people = readers(browser, locale);
    const tokens = {
      enterprise: await apiLogin(ENTERPRISE_EMAIL),
      bureau: await apiLogin(BUREAU_EMAIL),
      ustb: await apiLogin(SOLVER_EMAIL),
      rwth: await apiLogin(OTHER_SOLVER_EMAIL),
    };
    const orgOf = async (token: string) => (await apiCall<{ organization: Org }>('/me', { token })).organization;
    const [winner, other] = [await orgOf(tokens.ustb), await orgOf(tokens.rwth)];
    const { now } = await apiCall<{ now: string }>('/test/clock', { body: {} });
    const made = await decidableChallenge(tokens, new Date(new Date(now).getTime() + DEADLINE_AHEAD_MS).toISOString());
    // Past the deadline for the API (its clock decides), not for the tokens (15 minutes).
    await apiCall('/test/clock', { body: { advanceMs: DEADLINE_AHEAD_MS + 5_000 } });
    const experts = await apiCall<{ items: { id: string; email: string }[] }>('/experts', { token: tokens.bureau });
    const expertId = experts.items.find((e) => e.email === EXPERT_EMAIL)?.id;
    expect(expertId, 'the demo expert').toBeDefined();
    for (const a of made.applications) await apiCall(`/applications/${a}/eligibility`, { token: tokens.bureau, body: { eligible: true } });
    await apiCall(`/challenges/${made.challengeId}/reviewers`, { token: tokens.bureau, body: { applicationIds: [...made.applications], expertIds: [expertId] } });
    const expert = await apiLogin(EXPERT_EMAIL);
    const sheet = (score: number) =>
      Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score, comment: '方案可行，依据充分。' }]));
    for (const [a, score] of [[made.applications[0], 9], [made.applications[1], 7]] as const) {
      await apiCall(`/applications/${a}/review`, { token: expert, method: 'PUT', body: { conflict: false } });
      await apiCall(`/applications/${a}/review`, { token: expert, method: 'PUT', body: { scores: sheet(score) } });
    }
    await apiCall('/test/clock', { body: { reset: true } });
    s = { challengeId: made.challengeId, winner, other };

    bureau = await people.page({ email: BUREAU_EMAIL, javaScript });
  });
  afterAll(async () => {
    await people?.close();
  });

  const candidate = (o: Org) => bureau.getByRole('group', { name: new RegExp(escapeRegExp(nameIn({ ...o, country: '' }, locale))) });
  const publish = () => bureau.getByRole('button', { name: t.form.publish, exact: true }).click();

  it(`starts from the ranking${javaScript ? '' : ' (without JavaScript)'}; publishing with nothing ticked is refused with everything the decision lacks`, async () => {
    await bureau.goto(`/bureau/challenges/${s.challengeId}/decision`);
    if (javaScript) await waitForHydration(bureau);
    await expectPage(bureau, locale, t.bureau.title);
    await bureau.getByRole('region', { name: t.bureau.rankingTitle, exact: true }).getByRole('table').waitFor();
    expect(await candidate(s.winner).getByRole('textbox', { name: t.form.award, exact: true }).inputValue(), 'the award starts at the requested amount').toBe('600000');
    await checkPage(bureau, locale, 'bureau decision page, in review');

    await publish();
    const summary = bureau.locator('#decide [data-error-summary]');
    await summary.getByRole('link', { name: t.issues.noneSelected, exact: true }).waitFor();
    for (const o of [s.winner, s.other]) {
      await summary.getByRole('link', { name: fill(t.issues.feedbackRequired, { org: nameIn({ ...o, country: '' }, locale) }), exact: true }).waitFor();
    }
    if (javaScript) expect(await summary.evaluate((el) => el === document.activeElement), 'focus moves to the error summary').toBe(true);
    await checkPage(bureau, locale, 'bureau decision page, decision refused');
  });

  it('ticks the first, gives feedback to the other and publishes: the page turns to the notice', async () => {
    const winner = candidate(s.winner);
    await winner.getByRole('checkbox', { name: t.form.select, exact: true }).check();
    const award = winner.getByRole('textbox', { name: t.form.award, exact: true });
    const org = nameIn({ ...s.winner, country: '' }, locale);
    if (javaScript) {
      // ¥1,000,000 against a ¥900,000 bounty: the running total says so as it is typed.
      await award.fill('1000000');
      await bureau.locator('output').getByText(fill(t.form.tallyOver, { amount: formatMoney(10_000_000, locale) }), { exact: true }).waitFor();
    } else {
      await award.fill('50万');
      await candidate(s.other).getByRole('textbox', { name: t.form.feedback }).fill(feedback);
      await publish();
      const invalid = fill(t.issues.awardInvalid, { org });
      await bureau.locator('#decide [data-error-summary]').getByRole('link', { name: invalid, exact: true }).waitFor();
      expect(await descriptionOf(candidate(s.winner).getByRole('textbox', { name: t.form.award, exact: true }))).toContain(invalid);
      await checkPage(bureau, locale, 'bureau decision page, award refused');
    }
    await candidate(s.winner).getByRole('textbox', { name: t.form.award, exact: true }).fill('500000');
    await candidate(s.other).getByRole('textbox', { name: t.form.feedback }).fill(feedback);
    await publish();

    await bureau.getByRole('status').filter({ hasText: t.bureau.decided.split('{time}')[0]!.trim() }).waitFor();
    const notice = bureau.getByRole('region', { name: t.bureau.noticeTitle, exact: true });
    await notice.getByText(t.phases.open, { exact: true }).waitFor();
    await notice.getByRole('row').filter({ hasText: org }).getByText(formatMoney(50_000_000, locale), { exact: true }).waitFor();
    await bureau.locator('section#objections').getByText(t.objections.none, { exact: true }).waitFor();
    expect(await bureau.getByRole('button', { name: t.finalize.submit, exact: true }).isDisabled()).toBe(true);
    expect(await bureau.getByRole('button', { name: t.form.publish }).count(), 'no decision form during the notice').toBe(0);
    await checkPage(bureau, locale, 'bureau decision page, decision published');
  });

  it('the applicant not selected reads its feedback on the challenge page', async () => {
    const page = await reader(OTHER_SOLVER_EMAIL);
    const section = page.getByRole('region', { name: t.public.title, exact: true });
    await section.getByRole('region', { name: t.public.feedbackTitle, exact: true }).getByText(feedback).waitFor();
    await checkSharedState(page, locale, 'challenge page, feedback to an applicant not selected');
  });

  it('an upheld objection withdraws the decision: the bureau is back at the ranking, the public told that a new decision follows', async () => {
    const objection = locale === 'en' ? `The winner's alloy has not been tried at plant scale. ${unique('')}` : `中选方案的材料未经工业规模验证。${unique('')}`;
    const upheld = locale === 'en' ? `Upheld: the review is repeated with plant data. ${unique('')}` : `异议成立，补充工业数据后重新评审。${unique('')}`;
    await apiCall(`/challenges/${s.challengeId}/objections`, { token: await apiLogin(OTHER_SOLVER_EMAIL), body: { reasons: objection } });
    await bureau.goto(`/bureau/challenges/${s.challengeId}/decision`);
    if (javaScript) await waitForHydration(bureau);
    const item = bureau.locator('section#objections').getByRole('listitem').filter({ hasText: objection });
    await item.getByRole('radio', { name: t.objections.uphold }).check();
    await item.getByRole('textbox', { name: t.objections.resolution, exact: true }).fill(upheld);
    await item.getByRole('button', { name: t.objections.submit, exact: true }).click();
    await bureau.getByRole('status').filter({ hasText: t.bureau.upheld }).waitFor();
    await bureau.getByText(t.bureau.superseded.split('{time}')[1]!.trim()).waitFor();
    await bureau.getByRole('region', { name: t.bureau.rankingTitle, exact: true }).waitFor();
    const earlier = bureau.getByRole('region', { name: t.objections.earlierTitle, exact: true });
    await earlier.getByRole('listitem').filter({ hasText: objection }).getByText(t.objectionStates.upheld, { exact: true }).waitFor();
    await checkPage(bureau, locale, 'bureau decision page, objection upheld');

    const page = await reader();
    const section = page.getByRole('region', { name: t.public.title, exact: true });
    await section.getByText(t.public.phaseLead.superseded, { exact: true }).waitFor();
    await section.getByRole('region', { name: t.public.outcomesTitle, exact: true }).getByText(upheld).waitFor();
    expect(await section.getByRole('table').count(), 'the withdrawn winners are not shown').toBe(0);
    await checkSharedState(page, locale, 'challenge page, decision withdrawn');
  });

  it('then no winner: the challenge fails, with its reasons public', async () => {
    const reasons = locale === 'en' ? `Neither proposal can reach the tuyere life required. ${unique('')}` : `两份方案均无法达到风口寿命指标。${unique('')}`;
    await bureau.getByRole('textbox', { name: t.form.reasons }).fill(reasons);
    for (const o of [s.winner, s.other]) await candidate(o).getByRole('textbox', { name: t.form.feedback }).fill(feedback);
    await bureau.getByRole('button', { name: t.form.publishNone, exact: true }).click();
    await bureau.getByRole('status').filter({ hasText: t.bureau.decidedNone }).waitFor();
    const notice = bureau.getByRole('region', { name: t.bureau.noticeTitle, exact: true });
    await notice.getByText(t.phases.none, { exact: true }).waitFor();
    await notice.getByText(reasons).waitFor();
    await checkPage(bureau, locale, 'bureau decision page, no winner');

    const page = await reader();
    const section = page.getByRole('region', { name: t.public.title, exact: true });
    await section.getByText(t.public.phaseLead.none, { exact: true }).waitFor();
    await section.getByRole('region', { name: t.public.noneReasons, exact: true }).getByText(reasons).waitFor();
    await checkSharedState(page, locale, 'challenge page, no winner');
  });

  /** The challenge page for a reader (anonymous unless an e-mail is given). */
  async function reader(email?: string): Promise<Page> {
    const page = await people.page({ email });
    await page.goto(`/challenges/${s.challengeId}`);
    await waitForHydration(page);
    return page;
  }
});

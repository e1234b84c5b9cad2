/**
 * Expert review (专家评审), once in Chinese and once in English. Set up through the API: the demo
 * enterprise publishes a challenge whose deadline is a minute and a half ahead, a demo university
 * applies (with a consortium partner) and submits, and the test clock moves past the deadline. Then
 * in the browser the bureau checks eligibility, records the demo expert's fields (in Chinese also
 * the owner as employer, which the assignment refuses next to the expert, and back), changes the
 * rubric (Chinese: a criterion of its own), assigns the expert (Chinese by name, English by a random
 * draw by field); the expert declares no conflict, reads the application beside the indicators and
 * scores it (English without JavaScript), a missing comment refused next to its field; the bureau
 * reads the ranking (table and chart) and the owner the applications and ranking. axe on every page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  newContext,
  signInAs,
  unique,
  waitForHydration,
  type Locale,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const SOLVER_EMAIL = 'chen@ustb.edu.cn';
const EXPERT_EMAIL = 'expert.li@demo.expert.cn';
const EXPERT_NAME = '李教授';
const DAY = 24 * 3600 * 1000;
/** How far ahead the deadline is set, and how far the test clock then moves. */
const DEADLINE_AHEAD_MS = 90_000;


const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

/** The Beijing calendar date `days` after an instant, as the API takes milestone dates. */
const beijingDateAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

interface Story {
  challengeId: string;
  titleZh: string;
  titleEn: string;
  indicatorZh: string;
  indicatorEn: string;
  responseZh: string;
  applicationId: string;
}

/** A published challenge of the demo enterprise with one submitted application of the demo university. */
async function story(tokens: { enterprise: string; bureau: string; solver: string }, deadline: string, partnerId: string): Promise<Story> {
  const id = unique('');
  const body = {
    titleZh: `轧辊表面裂纹在线检测 ${id}`,
    titleEn: `In-line detection of roll surface cracks ${id}`,
    summaryZh: '在线检出轧辊表面 0.2 mm 以上的裂纹，避免断辊事故。',
    summaryEn: 'Detect roll surface cracks of 0.2 mm and more in line, before a roll breaks.',
    descriptionZh: '我公司热轧线轧辊裂纹靠停机人工探伤，漏检导致断辊。需要在线检测方案。',
    descriptionEn: 'Our hot-strip mill finds roll cracks by manual testing during stops; misses lead to broken rolls.',
    industry: 'high_end_equipment',
    category: 'bottleneck',
    indicators: [
      { nameZh: `裂纹检出深度 ${id}`, nameEn: `Detectable crack depth ${id}`, target: '≤ 0.2', unit: 'mm', method: '标准试块验证，GB/T 11344' },
      { nameZh: '检测速度', nameEn: 'Inspection speed', target: '≥ 2', unit: 'm/s', method: '现场连续运行 72 小时' },
    ],
    eligibilityZh: '具有无损检测研发经验的高校、科研院所或企业。',
    eligibilityEn: 'Universities, institutes or companies with research experience in non-destructive testing.',
    enterpriseShareFen: 60_000_000,
    requestedSpecialFundFen: 30_000_000,
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
  await apiCall(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen: 30_000_000 } });

  const requestedFen = 80_000_000;
  const responseZh = `涡流与超声相控阵融合检测，实验室检出深度 0.15 mm。(${id})`;
  const application = await apiCall<{ id: string }>(`/challenges/${created.id}/applications`, {
    token: tokens.solver,
    body: {
      responses: { 0: responseZh, 1: '多探头阵列随辊扫查，检测速度 3 m/s。' },
      team: [{ name: '陈博士', role: '项目负责人', lead: true }, { name: 'Dr. Weber', role: 'signal processing', lead: false }],
      partnerOrganizationIds: [partnerId],
      priorResults: '承担国家重点研发计划课题 1 项，授权发明专利 6 件。',
      requestedFen,
      milestones: [
        { title: '样机', deliverables: '实验室样机与试块验证报告', dueDate: beijingDateAfter(deadline, 90), amountFen: requestedFen * 0.3 },
        { title: '现场试运行', deliverables: '72 小时连续运行报告', dueDate: beijingDateAfter(deadline, 240), amountFen: requestedFen * 0.4 },
        { title: '验收', deliverables: '验收报告', dueDate: beijingDateAfter(deadline, 330), amountFen: requestedFen * 0.3 },
      ],
    },
  });
  await apiCall(`/applications/${application.id}/submit`, { token: tokens.solver, body: {} });
  return {
    challengeId: created.id,
    titleZh: body.titleZh,
    titleEn: body.titleEn,
    indicatorZh: body.indicators[0]!.nameZh,
    indicatorEn: body.indicators[0]!.nameEn,
    responseZh,
    applicationId: application.id,
  };
}

let browser: Browser;
const stories = {} as Record<Locale, Story>;
let ownerOrgId = '';
/** A field of expertise only the demo expert has, so the pool filter and the draw find exactly them. */
const FIELD = unique('rolltest');

beforeAll(async () => {
  browser = await launch();
  const tokens = { enterprise: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL), solver: await apiLogin(SOLVER_EMAIL) };
  ownerOrgId = (await apiCall<{ organization: { id: string } }>('/me', { token: tokens.enterprise })).organization.id;
  let partner: { id: string } | undefined;
  for (let page = 1; !partner && page <= 20; page++) {
    const orgs = await apiCall<{ items: { id: string; nameEn: string | null }[] }>(`/organizations?pageSize=100&page=${page}`);
    partner = orgs.items.find((o) => o.nameEn === 'RWTH Aachen University');
    if (orgs.items.length < 100) break;
  }
  expect(partner, 'the demo partner university').toBeDefined();
  const { now } = await apiCall<{ now: string }>('/test/clock', { body: {} });
  const deadline = new Date(new Date(now).getTime() + DEADLINE_AHEAD_MS).toISOString();
  for (const locale of LOCALES) stories[locale] = await story(tokens, deadline, partner!.id);
  // Past the deadline for the API (its clock decides), not for the tokens (15 minutes).
  await apiCall('/test/clock', { body: { advanceMs: DEADLINE_AHEAD_MS + 5_000 } });
});

afterAll(async () => {
  await browser?.close();
  // The suites after this one start from the real time again.
  await apiCall('/test/clock', { body: { reset: true } });
});

describe.each(LOCALES)('expert review in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const r = t.review;
  const expertJs = locale === 'zh-CN';
  let s: Story;
  let bureauContext: BrowserContext;
  let expertContext: BrowserContext;
  let bureau: Page;
  let expert: Page;
  const criterion = (key: keyof typeof r.criteria | 'innovation') => (key === 'innovation' ? key : r.criteria[key]);
  // Chinese: the bureau's own rubric with a criterion of its own; English: the default one.
  const sheet: [keyof typeof r.criteria | 'innovation', number][] =
    locale === 'zh-CN'
      ? [['technical_approach', 9], ['team', 8], ['budget', 7], ['schedule', 8], ['prior_results', 6], ['innovation', 10]]
      : [['technical_approach', 9], ['team', 8], ['budget', 5], ['schedule', 8], ['prior_results', 8]];
  // 35×9 + 25×8 + 15×7 + 10×8 + 10×6 + 5×10 = 810 → 81; 40×9 + 25×8 + 15×5 + 10×8 + 10×8 = 795 → 79.5.
  const total = locale === 'zh-CN' ? '81' : '79.5';
  const title = () => (locale === 'en' ? s.titleEn : s.titleZh);

  beforeAll(async () => {
    s = stories[locale];
    [bureauContext, expertContext] = await Promise.all([newContext(browser, { locale }), newContext(browser, { locale, javaScriptEnabled: expertJs })]);
    await Promise.all([signInAs(bureauContext, BUREAU_EMAIL), signInAs(expertContext, EXPERT_EMAIL)]);
    [bureau, expert] = await Promise.all([bureauContext.newPage(), expertContext.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([bureauContext?.close(), expertContext?.close()]);
  });

  const reviewUrl = () => `/bureau/challenges/${s.challengeId}/review`;

  /** Opens the expert's card on the pool page and saves its employer and fields. */
  async function setExpertProfile(employer: string, fields: string) {
    await bureau.goto('/account');
    await bureau.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: r.nav.pool, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === '/bureau/experts');
    await expectPage(bureau, locale, r.experts.title);
    const card = bureau.getByRole('listitem').filter({ has: bureau.getByRole('heading', { name: EXPERT_NAME, exact: true }) });
    await card.getByText(r.experts.edit, { exact: true }).click();
    await card.getByLabel(r.experts.organization).selectOption(employer);
    await card.getByRole('textbox', { name: r.experts.expertise, exact: true }).fill(fields);
    await card.getByRole('button', { name: r.experts.save, exact: true }).click();
    await bureau.getByRole('status').getByText(r.experts.saved, { exact: true }).waitFor();
  }

  it('the bureau opens the review from the challenge page and marks the application eligible', async () => {
    await bureau.goto(`/bureau/challenges/${s.challengeId}`);
    await bureau.getByRole('link', { name: r.bureau.link, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === reviewUrl());
    await expectPage(bureau, locale, r.bureau.title);
    const table = bureau.getByRole('table', { name: fill(r.eligibility.caption, { count: 1 }), exact: true });
    await table.getByText(t.apply.states.submitted, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'expert review, before eligibility');

    await table.getByRole('button', { name: r.eligibility.eligible, exact: true }).click();
    await bureau.getByRole('status').getByText(r.eligibility.doneEligible, { exact: true }).waitFor();
    await table.getByText(t.apply.states.eligible, { exact: true }).waitFor();
    await bureau.getByText(t.challenge.states.reviewing, { exact: true }).first().waitFor();
    await checkSharedState(bureau, locale, 'expert review, eligible');
  });

  it('the bureau reads the application beside the indicators', async () => {
    await bureau.getByRole('link', { name: r.eligibility.view, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === `${reviewUrl()}/applications/${s.applicationId}`);
    await expectPage(bureau, locale, r.readApplication.title);
    await bureau.getByText(s.responseZh, { exact: true }).waitFor();
    await bureau.getByText(locale === 'en' ? s.indicatorEn : s.indicatorZh, { exact: true }).first().waitFor();
    await bureau.getByText('RWTH Aachen University', { exact: true }).first().waitFor();
    await checkSharedState(bureau, locale, 'application, read by the bureau');
  });

  if (locale === 'zh-CN') {
    it('an expert employed by the owner is refused, the conflict shown next to the expert', async () => {
      await setExpertProfile(ownerOrgId, `冶金, ${FIELD}`);
      await checkPage(bureau, locale, 'expert pool, profile saved');
      await bureau.goto(`${reviewUrl()}?expertise=${FIELD}`);
      await waitForHydration(bureau);
      const box = bureau.getByRole('checkbox', { name: EXPERT_NAME, exact: true });
      expect(await bureau.getByRole('group', { name: r.assign.pool, exact: true }).getByRole('checkbox').count(), 'the filter leaves the one expert').toBe(1);
      await box.check();
      await bureau.getByRole('button', { name: r.assign.assignChosen, exact: true }).click();
      const conflict = fill(r.assign.conflict, { reason: r.conflictReasons.owner_organization });
      await bureau.getByRole('alert').getByText(conflict, { exact: false }).first().waitFor();
      expect(await descriptionOf(box)).toContain(conflict);
      await checkPage(bureau, locale, 'expert review, assignment refused');
    });
  }

  it('the bureau sets the rubric, the sum following the weights', async () => {
    await setExpertProfile('', `${locale === 'zh-CN' ? '冶金' : 'metallurgy'}, ${FIELD}`);
    await bureau.goto(`${reviewUrl()}#rubric`);
    await waitForHydration(bureau);
    const row = (n: number) => bureau.getByRole('group', { name: fill(r.rubric.row, { n }), exact: true });
    const weight = (n: number) => row(n).getByRole('textbox', { name: r.rubric.weight, exact: true });
    await bureau.getByText(fill(r.rubric.sum, { sum: 100 }), { exact: true }).waitFor();
    await weight(1).fill('50');
    await bureau.getByText(fill(r.rubric.sumBad, { sum: 110 }), { exact: true }).waitFor();
    if (locale === 'zh-CN') {
      await weight(1).fill('35');
      await row(6).getByRole('textbox', { name: r.rubric.key, exact: true }).fill('innovation');
      await weight(6).fill('5');
    } else {
      await weight(1).fill('40');
    }
    await bureau.getByText(fill(r.rubric.sum, { sum: 100 }), { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'expert review, rubric edited');
    await bureau.getByRole('button', { name: r.rubric.save, exact: true }).click();
    await bureau.getByRole('status').getByText(r.rubric.saved, { exact: true }).waitFor();
    if (locale === 'zh-CN') expect(await row(6).getByRole('textbox', { name: r.rubric.key, exact: true }).inputValue()).toBe('innovation');
  });

  it('the bureau assigns the demo expert', async () => {
    // The pool filtered to the field only the demo expert has (a new query: a fresh page load).
    await bureau.goto(`${reviewUrl()}?expertise=${FIELD}#assign`);
    await waitForHydration(bureau);
    if (locale === 'zh-CN') {
      await bureau.getByRole('checkbox', { name: EXPERT_NAME, exact: true }).check();
      await bureau.getByRole('button', { name: r.assign.assignChosen, exact: true }).click();
    } else {
      await bureau.getByRole('textbox', { name: r.assign.drawExpertise, exact: true }).fill(FIELD);
      await bureau.getByRole('spinbutton', { name: r.assign.drawCount, exact: true }).fill('1');
      await bureau.getByRole('button', { name: r.assign.drawSubmit, exact: true }).click();
    }
    await bureau.getByRole('status').getByText(fill(r.assign.assigned, { count: 1 }), { exact: true }).waitFor();
    await bureau.getByRole('table', { name: fill(r.eligibility.caption, { count: 1 }) }).getByText(t.apply.states.under_review, { exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'expert review, expert assigned');
  });

  it('the expert finds the assignment and must declare before the application opens', async () => {
    await expert.goto('/account');
    await expert.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: r.nav.mine, exact: true }).click();
    await expert.waitForURL((url) => url.pathname === '/reviews');
    await expectPage(expert, locale, r.mine.title);
    const row = expert.getByRole('row').filter({ hasText: title() });
    await row.getByText(r.status.to_declare, { exact: true }).waitFor();
    await row.getByText('RWTH Aachen University').waitFor();
    await checkPage(expert, locale, 'my reviews');

    await row.getByRole('link', { name: r.mine.declare, exact: true }).click();
    await expert.waitForURL((url) => url.pathname === `/reviews/${s.applicationId}`);
    await expectPage(expert, locale, r.assignment.title);
    await expert.getByText(r.declare.locked, { exact: true }).waitFor();
    expect(await expert.getByText(s.responseZh).count(), 'nothing of the application before the declaration').toBe(0);
    await checkPage(expert, locale, 'assignment, declaration');

    await expert.getByRole('button', { name: r.declare.submit, exact: true }).click();
    const choose = fill(r.issues.choose, { label: r.declare.choice });
    await expert.getByRole('alert').getByRole('link', { name: choose, exact: true }).waitFor();
    await checkPage(expert, locale, 'assignment, declaration refused');

    await expert.getByRole('radio', { name: r.declare.none }).check();
    await expert.getByRole('button', { name: r.declare.submit, exact: true }).click();
    await expert.getByRole('status').getByText(r.declare.doneNone, { exact: true }).waitFor();
    await expert.getByText(s.responseZh, { exact: true }).waitFor();
    await expert.getByText(locale === 'en' ? s.indicatorEn : s.indicatorZh, { exact: true }).first().waitFor();
    await expert.getByRole('table', { name: fill(r.application.milestonesCaption, { count: 3, total: locale === 'en' ? '¥800,000' : '80 万元' }) }).waitFor();
    await checkPage(expert, locale, 'assignment, application open');
  });

  it('the expert scores every criterion; a missing comment is refused next to its field', async () => {
    if (expertJs) await waitForHydration(expert);
    for (const [key, points] of sheet) {
      const name = criterion(key);
      await expert.getByRole('group', { name: fill(r.scoring.scoreLegend, { name }), exact: true }).getByRole('radio', { name: String(points), exact: true }).check();
      if (key !== 'team') await expert.getByRole('textbox', { name: fill(r.scoring.comment, { name }), exact: true }).fill(locale === 'en' ? `${name}: ${points}/10, see section ${points} of the proposal.` : `${name}：${points} 分，依据申请书第 ${points} 节。`);
    }
    // The weighted total as the scores are chosen, by the domain's own function.
    if (expertJs) await expert.getByText(fill(r.scoring.totalValue, { total }), { exact: true }).waitFor();
    await expert.getByRole('button', { name: r.scoring.submit, exact: true }).click();
    const teamComment = fill(r.scoring.comment, { name: r.criteria.team });
    const missing = fill(r.issues.required, { label: teamComment });
    await expert.getByRole('alert').getByRole('link', { name: missing, exact: true }).waitFor();
    const comment = expert.getByRole('textbox', { name: teamComment, exact: true });
    expect(await descriptionOf(comment)).toContain(missing);
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    // What was chosen is kept.
    expect(await expert.getByRole('group', { name: fill(r.scoring.scoreLegend, { name: r.criteria.budget }), exact: true }).getByRole('radio', { checked: true }).getAttribute('value')).toBe(String(sheet[2]![1]));
    await checkPage(expert, locale, 'scores refused');

    await comment.fill(locale === 'en' ? 'A strong team with field experience.' : '团队有现场经验，分工清楚。');
    await expert.getByRole('button', { name: r.scoring.submit, exact: true }).click();
    await expert.getByRole('status').getByText(fill(r.scoring.saved, { total }), { exact: true }).waitFor();
    await checkPage(expert, locale, 'scores saved');

    await expert.goto('/reviews');
    const row = expert.getByRole('row').filter({ hasText: title() });
    await row.getByText(r.status.scored, { exact: true }).waitFor();
    await row.getByText(fill(r.mine.scoredTotal, { total }), { exact: true }).waitFor();

    // Back to revise: the form holds what was saved, to be changed rather than typed again.
    await row.getByRole('link').first().click();
    const budget = expert.getByRole('group', { name: fill(r.scoring.scoreLegend, { name: r.criteria.budget }), exact: true });
    await budget.getByRole('radio', { checked: true }).waitFor();
    expect(await budget.getByRole('radio', { checked: true }).getAttribute('value')).toBe(String(sheet[2]![1]));
    expect(await expert.getByRole('textbox', { name: teamComment, exact: true }).inputValue()).toBe(locale === 'en' ? 'A strong team with field experience.' : '团队有现场经验，分工清楚。');
  });

  it('the bureau sees the ranking as a table and a chart; the rubric is now fixed', async () => {
    await bureau.goto(`${reviewUrl()}#ranking`);
    await expectPage(bureau, locale, r.bureau.title);
    const ranking = bureau.getByRole('table', { name: fill(r.ranking.caption, { count: 1 }), exact: true });
    const row = ranking.getByRole('row').filter({ hasText: locale === 'en' ? 'University of Science and Technology Beijing' : '北京科技大学' });
    await row.getByRole('cell', { name: total, exact: true }).waitFor();
    await row.getByText(fill(r.ranking.usedDropped, { used: 1, dropped: 0 }), { exact: true }).waitFor();
    const chart = bureau.getByRole('img', { name: r.ranking.chartTitle, exact: true });
    await chart.waitFor();
    expect(await descriptionOf(chart)).toContain(total);
    await bureau.getByText(r.rubric.locked, { exact: true }).waitFor();
    expect(await bureau.getByRole('button', { name: r.rubric.save }).count(), 'no rubric form once scored').toBe(0);
    // Who reviews what: the expert, declared free of conflict, with the total.
    const assignments = bureau.getByRole('table', { name: fill(r.assignments.caption, { count: 1 }), exact: true });
    const assigned = assignments.getByRole('row').filter({ has: bureau.getByRole('rowheader', { name: EXPERT_NAME, exact: true }) });
    await assigned.getByText(r.assignments.noConflict, { exact: true }).waitFor();
    await assigned.getByRole('cell', { name: total, exact: true }).waitFor();
    await checkSharedState(bureau, locale, 'expert review, ranking');
  });

  it('the owner reads the applications and the ranking, without the experts', async () => {
    const context = await newContext(browser, { locale });
    try {
      await signInAs(context, ENTERPRISE_EMAIL);
      const owner = await context.newPage();
      await owner.goto(`/enterprise/challenges/${s.challengeId}`);
      await owner.getByRole('link', { name: r.owner.link, exact: true }).click();
      await owner.waitForURL((url) => url.pathname === `/enterprise/challenges/${s.challengeId}/applications`);
      await expectPage(owner, locale, r.owner.title);
      await owner.getByRole('table', { name: fill(r.ranking.caption, { count: 1 }), exact: true }).getByRole('cell', { name: total, exact: true }).waitFor();
      expect(await owner.getByText(EXPERT_NAME).count(), 'no expert named').toBe(0);
      await owner.getByText(r.owner.show, { exact: true }).click();
      await owner.getByText(s.responseZh, { exact: true }).waitFor();
      await checkSharedState(owner, locale, 'owner, applications and ranking');
    } finally {
      await context.close();
    }
  });
});

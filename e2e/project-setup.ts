/**
 * A project awaiting signature, set up through the API (shared by the project suites): the demo
 * enterprise publishes a challenge (2:1 enterprise share to special fund), a fresh solver organisation
 * registers, is verified and applies; the test clock crosses the deadline, the bureau finds it
 * eligible, the demo expert scores it, the bureau awards it and — past the notice period — makes the
 * award final. The clock is then reset.
 */
import { expect } from 'vitest';
import { apiCall, apiLogin, BUREAU_EMAIL, freshUscc, unique, type Locale } from './support';

export const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
export const FINANCE_EMAIL = 'finance@demo.czj.gov.cn';
const EXPERT_EMAIL = 'expert.li@demo.expert.cn';
export const SOLVER_PASSWORD = 'projects-password-2026';
export const DAY = 24 * 3600 * 1000;
const DEADLINE_AHEAD_MS = 60_000;
export const AWARD_FEN = 60_000_000;

export const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
export const beijingDateAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
export const clockNow = async () => new Date((await apiCall<{ now: string }>('/test/clock', { body: {} })).now).getTime();
export const advanceClock = (ms: number) => apiCall('/test/clock', { body: { advanceMs: Math.ceil(ms) } });
export const resetClock = () => apiCall('/test/clock', { body: { reset: true } });

export interface Json {
  id: string;
  [key: string]: any;
}
export interface Indicator {
  nameZh: string;
  nameEn: string;
  target: string;
  unit: string;
  method: string;
}
export const LINING_LIFE: Indicator = { nameZh: '钢包工作衬寿命', nameEn: 'Working lining life', target: '≥ 150', unit: '炉', method: '连续 3 个钢包统计' };

export interface Story {
  projectId: string;
  title: string;
  solverEmail: string;
  orgName: string;
  milestone: { title: string; amountFen: number; enterpriseShareFen: number; specialFundFen: number };
}

/**
 * A fresh solver organisation (Chinese with a USCC, or German with a web domain), verified, applies to a
 * fresh challenge of the demo enterprise; the bureau awards it and makes the award final.
 */
export async function awardedProject(locale: Locale, opts: { indicators?: Indicator[] } = {}): Promise<Story> {
  await resetClock();
  const tokens = { enterprise: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL) };
  const id = unique('pj');
  const domain = `${id}.example.edu`;
  const solverEmail = locale === 'en' ? `lead@${domain}` : `lead.${id}@projects.test`;
  const organization = locale === 'en'
    ? { kind: 'university', country: 'DE', nameEn: `Institute of Refractories ${id}`, website: `https://www.${domain}`, emailDomain: domain }
    : { kind: 'university', country: 'CN', nameZh: `耐火材料研究院${id}`, nameEn: `Refractories Institute ${id}`, uscc: freshUscc() };
  const registered = await apiCall<{ organization: { id: string } }>('/auth/register', {
    body: { email: solverEmail, password: SOLVER_PASSWORD, displayName: locale === 'en' ? 'Jonas Keller' : '刘研究员', role: 'solver', locale, organization },
  });
  await apiCall(`/organizations/${registered.organization.id}/verify`, { token: tokens.bureau, body: {} });

  const deadline = new Date((await clockNow()) + DEADLINE_AHEAD_MS).toISOString();
  const challenge = {
    titleZh: `钢包内衬寿命提升 ${id}`,
    titleEn: `Longer ladle lining life ${id}`,
    summaryZh: '将钢包工作衬寿命从 90 炉提高到 150 炉以上。',
    summaryEn: 'Raise the life of the ladle working lining from 90 to over 150 heats.',
    descriptionZh: '我公司 120 吨钢包工作衬侵蚀快，需要新的耐火材料方案。',
    descriptionEn: 'The working lining of our 120-tonne ladles wears too fast; we look for a new refractory.',
    industry: 'metallurgy_new_materials',
    category: 'bottleneck',
    indicators: opts.indicators ?? [LINING_LIFE],
    eligibilityZh: '具有耐火材料研发经验的单位。',
    eligibilityEn: 'Organisations with research experience in refractories.',
    enterpriseShareFen: 40_000_000,
    requestedSpecialFundFen: 20_000_000,
    deadline,
    durationMonths: 12,
    maxWinners: 1,
    ipTermsZh: '成果归双方共有。',
    ipTermsEn: 'Results are owned jointly.',
    visibility: 'public',
    domesticOnly: false,
  };
  const created = await apiCall<{ id: string }>('/challenges', { token: tokens.enterprise, body: challenge });
  await apiCall(`/challenges/${created.id}/submit`, { token: tokens.enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen: 20_000_000 } });

  const solver = await apiLogin(solverEmail, SOLVER_PASSWORD);
  const titles = locale === 'en' ? ['Lining trials', 'Plant trial', 'Acceptance'] : ['衬料试验', '工业试验', '验收'];
  const application = await apiCall<{ id: string }>(`/challenges/${created.id}/applications`, {
    token: solver,
    body: {
      responses: Object.fromEntries(challenge.indicators.map((_, i) => [i, locale === 'en' ? 'A spinel-bonded alumina–magnesia castable with a graded working layer.' : '采用尖晶石结合铝镁浇注料，工作层梯度设计。'])),
      team: [{ name: locale === 'en' ? 'Jonas Keller' : '刘研究员', role: locale === 'en' ? 'Principal investigator' : '项目负责人', lead: true }],
      partnerOrganizationIds: [],
      priorResults: locale === 'en' ? 'Three refractory projects with steel plants since 2018.' : '2018 年起与钢厂合作完成耐火材料项目 3 项。',
      requestedFen: AWARD_FEN,
      milestones: [
        { title: titles[0], deliverables: locale === 'en' ? 'Trial lining and wear report' : '试验衬与侵蚀报告', dueDate: beijingDateAfter(deadline, 60), amountFen: AWARD_FEN * 0.3 },
        { title: titles[1], deliverables: locale === 'en' ? 'Heats of three ladles' : '3 个钢包炉数统计', dueDate: beijingDateAfter(deadline, 200), amountFen: AWARD_FEN * 0.4 },
        { title: titles[2], deliverables: locale === 'en' ? 'Acceptance report' : '验收报告', dueDate: beijingDateAfter(deadline, 330), amountFen: AWARD_FEN * 0.3 },
      ],
    },
  });
  await apiCall(`/applications/${application.id}/submit`, { token: solver, body: {} });

  // Past the deadline by the API's clock; tokens last 15 minutes of that clock, so sign in again after each move.
  await advanceClock(DEADLINE_AHEAD_MS + 5_000);
  const experts = await apiCall<{ items: { id: string; email: string }[] }>('/experts', { token: tokens.bureau });
  const expertId = experts.items.find((e) => e.email === EXPERT_EMAIL)?.id;
  expect(expertId, 'the demo expert').toBeDefined();
  await apiCall(`/applications/${application.id}/eligibility`, { token: tokens.bureau, body: { eligible: true } });
  await apiCall(`/challenges/${created.id}/reviewers`, { token: tokens.bureau, body: { applicationIds: [application.id], expertIds: [expertId] } });
  const expert = await apiLogin(EXPERT_EMAIL);
  const sheet = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '方案可行，依据充分。' }]));
  await apiCall(`/applications/${application.id}/review`, { token: expert, method: 'PUT', body: { conflict: false } });
  await apiCall(`/applications/${application.id}/review`, { token: expert, method: 'PUT', body: { scores: sheet } });
  const decision = await apiCall<{ noticeEndsAt: string }>(`/challenges/${created.id}/decision`, {
    token: tokens.bureau,
    body: { selections: [{ applicationId: application.id, awardFen: AWARD_FEN }], feedback: {} },
  });
  await advanceClock(new Date(decision.noticeEndsAt).getTime() - (await clockNow()) + 60_000);
  const { projects } = await apiCall<{ projects: string[] }>(`/challenges/${created.id}/finalize`, { token: await apiLogin(BUREAU_EMAIL), body: {} });
  expect(projects).toHaveLength(1);
  // Everything after this happens now: signing and paying do not depend on the clock.
  await resetClock();

  const project = await apiCall<{ state: string; milestones: Json[] }>(`/projects/${projects[0]}`, { token: await apiLogin(solverEmail, SOLVER_PASSWORD) });
  expect(project.state).toBe('awaiting_signature');
  const m1 = project.milestones[0]!;
  expect(m1.enterpriseShareFen + m1.specialFundFen).toBe(AWARD_FEN * 0.3);
  return {
    projectId: projects[0]!,
    title: locale === 'en' ? challenge.titleEn : challenge.titleZh,
    solverEmail,
    orgName: locale === 'en' ? organization.nameEn : organization.nameZh!,
    milestone: { title: m1.title, amountFen: m1.amountFen, enterpriseShareFen: m1.enterpriseShareFen, specialFundFen: m1.specialFundFen },
  };
}

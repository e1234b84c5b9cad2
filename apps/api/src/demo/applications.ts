/**
 * Demo history after publication: questions and answers, applications, eligibility checks, expert
 * review, a decision in its notice period with an objection open, and an award made final with its
 * project — each through the services, at its own instant, merged into the challenges' timeline and
 * finding them by key. The two demo solver accounts people sign in with (北京科技大学, RWTH) are left
 * out, so what a visitor does with them starts from a clean slate.
 */
import { challengeIndicators, challenges } from '@challenge/db';
import { addDays, beijingDate, type Actor, type ApplicationDraft } from '@challenge/domain';
import { count, eq } from 'drizzle-orm';
import { decideEligibility } from '../services/applications/eligibility';
import { createApplication } from '../services/applications/save-application';
import { submitApplication } from '../services/applications/submit-application';
import type { ServiceContext } from '../services/context';
import { decideChallenge } from '../services/decisions/decide';
import { finalizeChallenge } from '../services/decisions/finalize';
import { fileObjection } from '../services/decisions/objections';
import { answerQuestion } from '../services/questions/answer-question';
import { askQuestion } from '../services/questions/ask-question';
import { assignReviewers } from '../services/reviews/assign-reviewers';
import { setExpertProfile } from '../services/reviews/experts';
import { submitReview } from '../services/reviews/submit-review';
import type { DemoOwnerKey } from './challenge-types';
import type { DemoSolverKey } from './organizations';
import { beijing, type TimedStep } from './timeline';

export interface DemoReviewActors {
  bureau: Actor;
  expert: NonNullable<Actor>;
  owners: Record<DemoOwnerKey, Actor>;
  solvers: Record<DemoSolverKey, Actor>;
}

/** One application as a solver would write it, fitted to the challenge's indicators, bounty and term. */
async function proposal(ctx: ServiceContext, challengeId: string, share: number, approach: string): Promise<Omit<ApplicationDraft, 'leadOrganizationId'>> {
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId));
  const [n] = await ctx.db.select({ n: count() }).from(challengeIndicators).where(eq(challengeIndicators.challengeId, challengeId));
  // `share` in basis points of the bounty, rounded to the yuan.
  const requestedFen = Math.round((c!.bountyFen * share) / 10_000 / 100) * 100;
  const first = Math.round(requestedFen * 0.3 / 100) * 100;
  const last = Math.round(requestedFen * 0.3 / 100) * 100;
  const start = beijingDate(c!.deadline!);
  const months = c!.durationMonths ?? 12;
  return {
    responses: Object.fromEntries(Array.from({ length: Number(n!.n) }, (_, i) => [i, `${approach}（指标 ${i + 1}：逐炉检测并出具第三方报告。）`])),
    team: [{ name: '项目负责人', role: '项目负责人 Principal investigator', lead: true }, { name: '工艺工程师', role: '现场试验 Plant trials', lead: false }],
    partnerOrganizationIds: [],
    priorResults: '近五年承担相关纵向课题 3 项，发表论文 20 余篇，授权发明专利 6 件。',
    requestedFen,
    milestones: [
      { title: '方案与小试 Plan and laboratory trials', deliverables: '试验方案、小试报告', dueDate: addDays(start, 30), amountFen: first },
      { title: '中试 Pilot trials', deliverables: '中试报告与工艺规程', dueDate: addDays(start, Math.max(60, months * 15)), amountFen: requestedFen - first - last },
      { title: '验收 Final acceptance', deliverables: '验收报告与指标检测报告', dueDate: addDays(start, Math.max(90, months * 28)), amountFen: last },
    ],
  };
}

const SHEET = (base: number) => ({
  technical_approach: { score: base, comment: '技术路线清晰，关键指标有验证方案。' },
  team: { score: base - 1, comment: '团队有同类工程经验。' },
  budget: { score: base - 2, comment: '预算基本合理，中试费用略高。' },
  schedule: { score: base - 1, comment: '进度安排可行。' },
  prior_results: { score: base, comment: '前期成果与本题高度相关。' },
});

/**
 * The steps, relative to `anchor` (the load's "now"); `ids` maps challenge keys to ids as the
 * challenges' own steps create them.
 */
export function demoApplicationSteps(anchor: Date, a: DemoReviewActors, ids: Map<string, string>): TimedStep[] {
  const steps: TimedStep[] = [];
  const apps = new Map<string, string>();
  const id = (key: string) => {
    const found = ids.get(key);
    if (!found) throw new Error(`demo challenge ${key} was not created`);
    return found;
  };
  const step = (daysAgo: number, time: string, label: string, run: TimedStep['run']) => steps.push({ at: beijing(anchor, daysAgo, time), label, run });
  const apply = (daysAgo: number, key: string, solver: DemoSolverKey, share: number, approach: string, submit = true) => {
    step(daysAgo, '10:40', `${key} ${solver} applies`, async (ctx) => {
      const created = await createApplication(ctx, a.solvers[solver], id(key), await proposal(ctx, id(key), share, approach));
      apps.set(`${key}/${solver}`, created.id);
      if (submit) await submitApplication(ctx, a.solvers[solver], created.id);
    });
  };
  const app = (key: string, solver: DemoSolverKey) => apps.get(`${key}/${solver}`)!;

  // After what seed.ts does before the timeline (up to 150 days ago), before the challenges' steps use it.
  step(145, '09:20', 'expert profile', (ctx) => setExpertProfile(ctx, a.bureau, a.expert.userId, { organizationId: null, affiliation: '河北工业大学 Hebei University of Technology', expertise: ['冶金', '耐火材料', 'metallurgy', 'refractories'] }));

  // An award made final: the tundish mix, deadline 35 days ago.
  apply(50, 'tundish-dry-vibratable-mix', 'neu', 9000, '采用镁橄榄石基干式料，优化颗粒级配与烧结剂。');
  apply(40, 'tundish-dry-vibratable-mix', 'imr', 8500, '引入微粉复合结合剂，降低烧结温度并提高抗侵蚀性。');
  step(34, '09:30', 'tundish eligibility', async (ctx) => {
    await decideEligibility(ctx, a.bureau, app('tundish-dry-vibratable-mix', 'neu'), { eligible: true });
    await decideEligibility(ctx, a.bureau, app('tundish-dry-vibratable-mix', 'imr'), { eligible: true });
  });
  step(33, '10:00', 'tundish assign', (ctx) => assignReviewers(ctx, a.bureau, id('tundish-dry-vibratable-mix'), {
    applicationIds: [app('tundish-dry-vibratable-mix', 'neu'), app('tundish-dry-vibratable-mix', 'imr')], expertIds: [a.expert.userId],
  }));
  step(32, '15:00', 'tundish review', async (ctx) => {
    for (const [solver, base] of [['neu', 7], ['imr', 9]] as const) {
      await submitReview(ctx, a.expert, app('tundish-dry-vibratable-mix', solver), { conflict: false });
      await submitReview(ctx, a.expert, app('tundish-dry-vibratable-mix', solver), { scores: SHEET(base) });
    }
  });
  step(31, '16:00', 'tundish decision', (ctx) => decideChallenge(ctx, a.bureau, id('tundish-dry-vibratable-mix'), {
    selections: [{ applicationId: app('tundish-dry-vibratable-mix', 'imr'), awardFen: 25_000_000 }],
    feedback: { [app('tundish-dry-vibratable-mix', 'neu')]: '方案可行，但抗侵蚀指标的验证依据不足，综合评分次于中选方案。' },
  }));
  // Long after the five working days, whatever holidays fall in between.
  step(3, '10:00', 'tundish finalize', (ctx) => finalizeChallenge(ctx, a.bureau, id('tundish-dry-vibratable-mix')));

  // A decision in its notice period with an objection waiting: the invar strip, deadline 20 days ago.
  apply(30, 'invar-strip-transfer', 'ysu', 9500, '建立冷轧—退火全流程热膨胀系数控制模型。');
  apply(25, 'invar-strip-transfer', 'leoben', 9000, 'Texture control in cold rolling and recrystallisation annealing, verified by dilatometry.');
  step(18, '09:40', 'invar eligibility', async (ctx) => {
    await decideEligibility(ctx, a.bureau, app('invar-strip-transfer', 'ysu'), { eligible: true });
    await decideEligibility(ctx, a.bureau, app('invar-strip-transfer', 'leoben'), { eligible: true });
  });
  step(17, '10:00', 'invar assign', (ctx) => assignReviewers(ctx, a.bureau, id('invar-strip-transfer'), {
    applicationIds: [app('invar-strip-transfer', 'ysu'), app('invar-strip-transfer', 'leoben')], expertIds: [a.expert.userId],
  }));
  step(14, '14:00', 'invar review', async (ctx) => {
    for (const [solver, base] of [['ysu', 7], ['leoben', 8]] as const) {
      await submitReview(ctx, a.expert, app('invar-strip-transfer', solver), { conflict: false });
      await submitReview(ctx, a.expert, app('invar-strip-transfer', solver), { scores: SHEET(base) });
    }
  });
  step(2, '16:00', 'invar decision', (ctx) => decideChallenge(ctx, a.bureau, id('invar-strip-transfer'), {
    selections: [{ applicationId: app('invar-strip-transfer', 'leoben'), awardFen: 20_000_000 }],
    feedback: { [app('invar-strip-transfer', 'ysu')]: '模型思路好，但缺少工业轧机上的验证计划。' },
  }));
  step(1, '09:30', 'invar objection', (ctx) => fileObjection(ctx, a.solvers.ysu, id('invar-strip-transfer'), {
    reasons: '中选方案的热膨胀系数检测方法与榜单要求的标准不一致，请核查。', evidence: '榜单指标 2 要求按 GB/T 4339 检测。',
  }));

  // Waiting for the expert: the gear steel, deadline 10 days ago.
  apply(15, 'gear-steel-hardenability', 'neu', 9000, '窄淬透性带控制：成分微调与末端淬透性在线预测。');
  apply(12, 'gear-steel-hardenability', 'nordmark', 8000, 'Jominy prediction from heat chemistry with a closed-loop alloy trim.');
  step(8, '09:30', 'gear eligibility', async (ctx) => {
    await decideEligibility(ctx, a.bureau, app('gear-steel-hardenability', 'neu'), { eligible: true });
    await decideEligibility(ctx, a.bureau, app('gear-steel-hardenability', 'nordmark'), { eligible: true });
  });
  step(7, '10:00', 'gear assign', (ctx) => assignReviewers(ctx, a.bureau, id('gear-steel-hardenability'), {
    applicationIds: [app('gear-steel-hardenability', 'neu'), app('gear-steel-hardenability', 'nordmark')], expertIds: [a.expert.userId],
  }));

  // Questions on open challenges: two answered, one waiting for the owner.
  const qa = (daysAgo: number, key: string, owner: DemoOwnerKey, solver: DemoSolverKey, q: string, answer?: string) => {
    let asked = '';
    step(daysAgo, '14:10', `${key} question`, async (ctx) => {
      asked = (await askQuestion(ctx, a.solvers[solver], id(key), { body: q })).id;
    });
    if (answer) step(daysAgo - 1, '10:10', `${key} answer`, (ctx) => answerQuestion(ctx, a.owners[owner], asked, { answer }));
  };
  qa(6, 'bearing-steel-cleanliness', 'steel.wang', 'imr', '夹杂物评级是否接受 ASTM E45 方法 A 的结果，还是只认 GB/T 10561？', '两种方法都接受，但验收以 GB/T 10561 为准，请在方案中写明换算依据。');
  qa(5, 'bearing-steel-cleanliness', 'steel.wang', 'leoben', 'Can trial heats be run on your 120 t ladle furnace, or only on the pilot line?', '可以在 120 吨 LF 炉上安排 3 炉工业试验。 Three industrial heats on the 120 t LF can be scheduled.');
  qa(2, 'low-carbon-mgo-c-brick', 'jinshi', 'ysu', '现用镁碳砖的碳含量和使用部位是什么？能否提供近半年的侵蚀速率数据？');
  return steps;
}

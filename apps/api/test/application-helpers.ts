import { addDays, beijingDate } from '@challenge/domain';
import type { ChallengeJson } from './helpers';

/** A complete application to a challenge published by `challengeIn` (two indicators, bounty ¥1,500,000, deadline in 30 days, 18 months). */
export function completeDraft(challenge: ChallengeJson, requestedFen = 120_000_000) {
  const after = beijingDate(new Date(Date.parse(challenge.deadline as string)));
  return {
    responses: { 0: '真空感应熔炼加电渣重熔双联工艺，总氧 ≤ 4 ppm。', 1: '引入钙处理和陶瓷过滤，探伤不合格率降到 0.3%。' },
    team: [{ name: '陈教授', role: '项目负责人', lead: true }, { name: 'Dr. Ada', role: 'metallurgist', lead: false }],
    partnerOrganizationIds: [],
    priorResults: '发表相关论文 12 篇。',
    requestedFen,
    milestones: [
      { title: '工艺方案', deliverables: '试验方案与 3 炉试验', dueDate: addDays(after, 60), amountFen: requestedFen * 0.3 },
      { title: '中试', deliverables: '连续 20 炉统计报告', dueDate: addDays(after, 240), amountFen: requestedFen * 0.4 },
      { title: '验收', deliverables: '验收报告', dueDate: addDays(after, 480), amountFen: requestedFen * 0.3 },
    ],
  };
}


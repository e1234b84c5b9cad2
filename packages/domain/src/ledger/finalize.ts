import { amountIssue, splitByLargestRemainder } from '../challenge/money';
import { AppError, type FieldIssue } from '../errors';
import { enterpriseCommitted, fundReserved, projectFunds, type AccountKey } from './accounts';
import type { ChallengeFunds } from './approval';
import { balanceOf, type Balances } from './balances';
import { buildTransfer, move } from './build';
import type { Entry, Transfer } from './transfer';

/** An award by funding source, as the decision set it (decision_awards, projects). */
export interface AwardShares {
  readonly enterpriseShareFen: number;
  readonly specialFundFen: number;
}

export interface MilestoneShares extends AwardShares {
  readonly amountFen: number;
}

/**
 * Each milestone's amount and its split by source (product.md "Money by funding source"): the
 * milestone's share of the plan applied to the award, then the award's enterprise share spread over
 * those amounts, both by the largest-remainder method — so the milestones add up exactly to the
 * award, and each source adds up exactly to the award's share from it. `planFen` are the amounts the
 * winner's plan gave its milestones; only their proportions matter.
 */
export function splitAwardByMilestone(award: AwardShares, planFen: readonly number[]): MilestoneShares[] {
  const amounts = splitByLargestRemainder(award.enterpriseShareFen + award.specialFundFen, planFen);
  const enterprise = splitByLargestRemainder(award.enterpriseShareFen, amounts);
  return amounts.map((amountFen, i) => ({ amountFen, enterpriseShareFen: enterprise[i]!, specialFundFen: amountFen - enterprise[i]! }));
}

export interface ProjectAward extends AwardShares {
  readonly projectId: string;
}

export interface FinalizeInput {
  readonly id: string;
  readonly challenge: ChallengeFunds;
  /** One per winner, each with the project finalize creates for it. */
  readonly awards: readonly ProjectAward[];
}

/**
 * Finalize (product.md step 8) moves each award from the challenge into its project, by source: the
 * special-fund part out of the year's reservation, the enterprise part out of the commitment. Refused
 * with `insufficient_funds` (naming the challenge's account) when the awards exceed what the bounty
 * holds — the decision already checked this, but the money is re-checked where it moves. What the
 * awards leave over stays reserved until the challenge closes (returnUnspentTransfer).
 */
export function finalizeTransfer(input: FinalizeInput, balances: Balances): Transfer {
  const issues: FieldIssue[] = [];
  if (input.awards.length === 0) issues.push({ field: 'awards', code: 'required' });
  const seen = new Set<string>();
  input.awards.forEach((a, i) => {
    if (seen.has(a.projectId)) issues.push({ field: `awards.${i}.projectId`, code: 'duplicate' });
    seen.add(a.projectId);
    for (const field of ['enterpriseShareFen', 'specialFundFen'] as const) {
      const issue = amountIssue(`awards.${i}.${field}`, a[field]);
      if (issue) issues.push(issue);
    }
    if (issues.length === 0 && a.enterpriseShareFen + a.specialFundFen === 0) issues.push({ field: `awards.${i}`, code: 'not_positive' });
  });
  if (issues.length > 0) throw AppError.invalid(issues);

  const { challengeId, fiscalYear } = input.challenge;
  const entries: Entry[] = [];
  const draw = (from: AccountKey, amount: (a: ProjectAward) => number, to: (a: ProjectAward) => AccountKey) => {
    const total = input.awards.reduce((sum, a) => sum + amount(a), 0);
    const held = balanceOf(balances, from);
    if (held < total) throw new AppError('insufficient_funds', { account: from, balanceFen: held, neededFen: total });
    for (const a of input.awards) entries.push(...move(from, to(a), amount(a)));
  };
  draw(fundReserved(fiscalYear, challengeId), (a) => a.specialFundFen, (a) => projectFunds(a.projectId, 'special_fund'));
  draw(enterpriseCommitted(challengeId), (a) => a.enterpriseShareFen, (a) => projectFunds(a.projectId, 'enterprise'));
  // Never null: at least one award is positive.
  return buildTransfer(input.id, 'finalize', { type: 'challenge', id: challengeId }, entries)!;
}

import { AppError } from '../errors';
import { enterpriseCommitted, fundAvailable, fundReserved, WORLD } from './accounts';
import { balanceOf, type Balances } from './balances';
import { buildTransfer, move, requireAmountFen } from './build';
import type { Transfer } from './transfer';

/**
 * Where a challenge's money is kept: the special-fund part stays charged to the fiscal year the
 * challenge was approved in (product.md "Money by funding source"), so every later step names it.
 */
export interface ChallengeFunds {
  readonly challengeId: string;
  readonly fiscalYear: number;
}

export interface ReserveInput {
  readonly id: string;
  readonly challenge: ChallengeFunds;
  /** The special-fund match the bureau approved (money.ts approveBounty). */
  readonly specialFundFen: number;
}

/**
 * Approval reserves the special-fund match against the year's budget (product.md step 3). Refused
 * with `insufficient_budget` when the year's unreserved remainder is short, since reservations never
 * exceed the year's special fund. Null for a match of 0: nothing is reserved.
 */
export function reserveTransfer(input: ReserveInput, balances: Balances): Transfer | null {
  const amount = requireAmountFen('specialFundFen', input.specialFundFen);
  const { challengeId, fiscalYear } = input.challenge;
  const available = balanceOf(balances, fundAvailable(fiscalYear));
  if (available < amount) throw new AppError('insufficient_budget', { fiscalYear, availableFen: available, neededFen: amount });
  return buildTransfer(input.id, 'reserve', { type: 'challenge', id: challengeId }, move(fundAvailable(fiscalYear), fundReserved(fiscalYear, challengeId), amount));
}

export interface CommitInput {
  readonly id: string;
  readonly challengeId: string;
  readonly enterpriseShareFen: number;
}

/**
 * Approval records the enterprise's share as committed. The money stays with the enterprise, so it
 * comes from the outside world; recording it lets the enterprise share follow the same rules (awards
 * never exceed it, releases never exceed the award) as public money. Null for a share of 0.
 */
export function commitTransfer(input: CommitInput): Transfer | null {
  const amount = requireAmountFen('enterpriseShareFen', input.enterpriseShareFen);
  return buildTransfer(input.id, 'commit', { type: 'challenge', id: input.challengeId }, move(WORLD, enterpriseCommitted(input.challengeId), amount));
}

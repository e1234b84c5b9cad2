import { enterpriseCommitted, fundAvailable, fundReserved, projectFunds, WORLD, type AccountKey } from './accounts';
import type { ChallengeFunds } from './approval';
import { balanceOf, type Balances } from './balances';
import { buildTransfer, move } from './build';
import type { Entry, Transfer } from './transfer';

export interface ReturnUnspentInput {
  readonly id: string;
  readonly challenge: ChallengeFunds;
  /** A stopped project's unreleased award; without it, what the challenge itself still holds. */
  readonly projectId?: string;
}

/**
 * What was not spent goes back to where it came from (product.md step 11): the special fund's part to
 * the unreserved budget of the year it was charged to, the enterprise's part out of the ledger (its
 * commitment ends). For a challenge — cancelled, failed, or closing with awards below the bounty —
 * that is what its reservation and commitment still hold; for a stopped project, what its award has
 * not released. Releases already created stay owed: the milestone was verified. Null when nothing is left.
 */
export function returnUnspentTransfer(input: ReturnUnspentInput, balances: Balances): Transfer | null {
  const { challengeId, fiscalYear } = input.challenge;
  const [special, enterprise]: [AccountKey, AccountKey] = input.projectId === undefined
    ? [fundReserved(fiscalYear, challengeId), enterpriseCommitted(challengeId)]
    : [projectFunds(input.projectId, 'special_fund'), projectFunds(input.projectId, 'enterprise')];
  const entries: Entry[] = [
    ...move(special, fundAvailable(fiscalYear), Math.max(0, balanceOf(balances, special))),
    ...move(enterprise, WORLD, Math.max(0, balanceOf(balances, enterprise))),
  ];
  const cause = input.projectId === undefined ? { type: 'challenge' as const, id: challengeId } : { type: 'project' as const, id: input.projectId };
  return buildTransfer(input.id, 'return_unspent', cause, entries);
}

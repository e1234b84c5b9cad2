import type { Db } from '@challenge/db';
import {
  beijingDate, commitTransfer, enterpriseCommitted, finalizeTransfer, fundAvailable, fundReserved, projectFunds, reserveTransfer, returnUnspentTransfer,
  type Actor, type ChallengeFunds, type ProjectAward,
} from '@challenge/domain';
import { lockBalances, postTransfer } from './post-transfer';

/*
 * The money steps of a challenge (product.md steps 3, 8 and 11), each posted inside the transaction
 * that moves the challenge, so the state and the money never disagree. Transfer ids are derived from
 * the challenge: each step happens once per challenge, so a retry posts nothing new.
 */

/** Where an approved challenge's money is kept; a challenge decided or finalized was always approved. */
export function fundsOf(c: { id: string; fiscalYear: number | null }): ChallengeFunds {
  if (c.fiscalYear === null) throw new Error(`challenge ${c.id} has no fiscal year: it was never approved`);
  return { challengeId: c.id, fiscalYear: c.fiscalYear };
}

/** The fiscal year an approval at `at` is charged to: the calendar year in Beijing. */
export const fiscalYearOf = (at: Date): number => Number(beijingDate(at).slice(0, 4));

/**
 * Approval reserves the special-fund match against the year's budget (refused with
 * `insufficient_budget` when the year's remainder is short) and records the enterprise's share as
 * committed.
 */
export async function reserveOnApproval(tx: Db, actor: Actor, funds: ChallengeFunds, amounts: { specialFundFen: number; enterpriseShareFen: number }, at: Date) {
  const { challengeId, fiscalYear } = funds;
  const balances = await lockBalances(tx, [fundAvailable(fiscalYear), fundReserved(fiscalYear, challengeId), enterpriseCommitted(challengeId)]);
  const reserve = reserveTransfer({ id: `reserve:${challengeId}`, challenge: funds, specialFundFen: amounts.specialFundFen }, balances);
  if (reserve) await postTransfer(tx, actor, reserve, at);
  const commit = commitTransfer({ id: `commit:${challengeId}`, challengeId, enterpriseShareFen: amounts.enterpriseShareFen });
  if (commit) await postTransfer(tx, actor, commit, at);
}

/** Cancellation or a no-winner decision returns what the challenge still holds to where it came from. */
export async function returnChallengeFunds(tx: Db, actor: Actor, funds: ChallengeFunds, at: Date) {
  const balances = await lockBalances(tx, [fundReserved(funds.fiscalYear, funds.challengeId), enterpriseCommitted(funds.challengeId), fundAvailable(funds.fiscalYear)]);
  const back = returnUnspentTransfer({ id: `return:${funds.challengeId}`, challenge: funds }, balances);
  if (back) await postTransfer(tx, actor, back, at);
}

/**
 * Finalize moves each award, by source, into its project; what the awards leave of the bounty goes
 * back at once (the challenge has nothing more to pay from it).
 */
export async function moveAwardsToProjects(tx: Db, actor: Actor, funds: ChallengeFunds, awards: readonly ProjectAward[], at: Date) {
  const keys = [
    fundReserved(funds.fiscalYear, funds.challengeId), enterpriseCommitted(funds.challengeId), fundAvailable(funds.fiscalYear),
    ...awards.flatMap((a) => [projectFunds(a.projectId, 'special_fund'), projectFunds(a.projectId, 'enterprise')]),
  ];
  const balances = await lockBalances(tx, keys);
  await postTransfer(tx, actor, finalizeTransfer({ id: `finalize:${funds.challengeId}`, challenge: funds, awards }, balances), at);
  await returnChallengeFunds(tx, actor, funds, at);
}

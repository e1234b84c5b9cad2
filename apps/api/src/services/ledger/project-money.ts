import type { Db } from '@challenge/db';
import {
  confirmTransfer, disburseTransfer, fundAvailable, paidOut, projectFunds, releaseDisbursed, releasePayable, releaseTransfer, returnUnspentTransfer,
  reverseDisbursementTransfer, type Actor, type ChallengeFunds, type FundingSource, type ReleaseRef, type ReleaseState,
} from '@challenge/domain';
import { lockBalances, postTransfer } from './post-transfer';

/*
 * The money steps of a project (product.md steps 9–11), each posted in the transaction that moves the
 * milestone or release. Ids derive from what caused them; a payment carries the caller's id, so a
 * retried disbursement (same Idempotency-Key) posts nothing new.
 */

/** Verification releases the milestone's amount from the project's funds, one release per source. */
export async function postReleases(tx: Db, actor: Actor, projectId: string, milestoneId: string, rows: { releaseId: string; source: FundingSource; amountFen: number }[], at: Date) {
  const balances = await lockBalances(tx, [...rows.map((r) => projectFunds(projectId, r.source)), ...rows.map((r) => releasePayable(r.releaseId))]);
  const transfer = releaseTransfer({ id: `release:${milestoneId}`, milestoneId, projectId, releases: rows }, balances);
  if (transfer) await postTransfer(tx, actor, transfer, at);
}

/** A release paid: the whole amount owed moves at once, so a second payment finds nothing owed. */
export async function postDisbursement(tx: Db, actor: Actor, id: string, release: ReleaseRef, input: { paymentReference?: string; enterpriseRelease: { state: ReleaseState } | null }, at: Date) {
  const balances = await lockBalances(tx, [releasePayable(release.releaseId), releaseDisbursed(release.releaseId)]);
  await postTransfer(tx, actor, disburseTransfer({ id, release, ...input }, balances), at);
}

export async function postConfirmation(tx: Db, actor: Actor, release: ReleaseRef, at: Date) {
  const balances = await lockBalances(tx, [releaseDisbursed(release.releaseId), paidOut(release.projectId, release.source)]);
  await postTransfer(tx, actor, confirmTransfer({ id: `confirm:${release.releaseId}`, release }, balances), at);
}

export async function postReversal(tx: Db, actor: Actor, id: string, release: ReleaseRef, at: Date) {
  const balances = await lockBalances(tx, [releaseDisbursed(release.releaseId), releasePayable(release.releaseId)]);
  await postTransfer(tx, actor, reverseDisbursementTransfer({ id, release }, balances), at);
}

/** A stopped or completed project gives back what its award has not released. */
export async function returnProjectFunds(tx: Db, actor: Actor, funds: ChallengeFunds, projectId: string, at: Date) {
  const balances = await lockBalances(tx, [projectFunds(projectId, 'special_fund'), projectFunds(projectId, 'enterprise'), fundAvailable(funds.fiscalYear)]);
  const back = returnUnspentTransfer({ id: `return:${projectId}`, challenge: funds, projectId }, balances);
  if (back) await postTransfer(tx, actor, back, at);
}

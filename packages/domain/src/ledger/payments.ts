import { AppError, type FieldIssue } from '../errors';
import { amountIssue } from '../challenge/money';
import type { FundingSource } from '../states/machine';
import type { ReleaseState } from '../states/release';
import { paidOut, projectFunds, releaseDisbursed, releasePayable } from './accounts';
import { balanceOf, type Balances } from './balances';
import { buildTransfer, move } from './build';
import type { Entry, Transfer } from './transfer';

/** A release (资金拨付) as the ledger needs it: whose project it pays and from which source. */
export interface ReleaseRef {
  readonly releaseId: string;
  readonly projectId: string;
  readonly source: FundingSource;
}

export interface ReleaseInput {
  readonly id: string;
  readonly milestoneId: string;
  readonly projectId: string;
  /** One per funding source of the milestone (splitAwardByMilestone), each with the id of the release row. */
  readonly releases: readonly { readonly releaseId: string; readonly source: FundingSource; readonly amountFen: number }[];
}

/**
 * Verifying a milestone creates its releases, one per funding source (product.md step 9): each
 * source's part moves from the project's funds to a release payable to the solver. Refused with
 * `insufficient_funds` (naming the project's account) when it would exceed what is left of the
 * award, since releases never exceed the award. Null for a milestone worth 0 fen.
 */
export function releaseTransfer(input: ReleaseInput, balances: Balances): Transfer | null {
  const issues: FieldIssue[] = [];
  const sources = new Set<FundingSource>();
  input.releases.forEach((r, i) => {
    if (sources.has(r.source)) issues.push({ field: `releases.${i}.source`, code: 'duplicate' });
    sources.add(r.source);
    const issue = amountIssue(`releases.${i}.amountFen`, r.amountFen);
    if (issue) issues.push(issue);
  });
  if (issues.length > 0) throw AppError.invalid(issues);
  const entries: Entry[] = [];
  for (const r of input.releases) {
    const from = projectFunds(input.projectId, r.source);
    const held = balanceOf(balances, from);
    if (held < r.amountFen) throw new AppError('insufficient_funds', { account: from, balanceFen: held, neededFen: r.amountFen });
    entries.push(...move(from, releasePayable(r.releaseId), r.amountFen));
  }
  return buildTransfer(input.id, 'release', { type: 'milestone', id: input.milestoneId }, entries);
}

export interface DisburseInput {
  readonly id: string;
  readonly release: ReleaseRef;
  /** Finance's payment reference; required for the special fund, optional for the enterprise's own record. */
  readonly paymentReference?: string;
  /** The same milestone's enterprise-share release, if it has one. */
  readonly enterpriseRelease: { readonly state: ReleaseState } | null;
}

/**
 * A release is paid: finance disburses the special fund's, the owner records paying its share
 * (product.md step 10). The whole payable moves at once, so a second payment finds nothing owed and is
 * refused with `already_paid` — nothing is paid twice. Public money follows private money: a
 * special-fund release waits, with `enterprise_share_unconfirmed`, until the same milestone's
 * enterprise release (if any) is confirmed by the solver.
 */
export function disburseTransfer(input: DisburseInput, balances: Balances): Transfer {
  const { releaseId, source } = input.release;
  const reference = input.paymentReference?.trim() || undefined;
  if (source === 'special_fund') {
    if (reference === undefined) throw AppError.invalid([{ field: 'paymentReference', code: 'required' }]);
    if (input.enterpriseRelease && input.enterpriseRelease.state !== 'confirmed') {
      throw new AppError('enterprise_share_unconfirmed', { releaseId, enterpriseReleaseState: input.enterpriseRelease.state });
    }
  }
  const owed = balanceOf(balances, releasePayable(releaseId));
  if (owed <= 0) throw new AppError('already_paid', { releaseId });
  return buildTransfer(input.id, 'disburse', { type: 'release', id: releaseId }, move(releasePayable(releaseId), releaseDisbursed(releaseId), owed), reference)!;
}

export interface ReleaseStepInput {
  readonly id: string;
  readonly release: ReleaseRef;
}

/** What was paid and awaits the solver's word; refused as an illegal move when nothing was. */
function inTransit(release: ReleaseRef, balances: Balances, action: string): number {
  const amount = balanceOf(balances, releaseDisbursed(release.releaseId));
  if (amount <= 0) throw new AppError('illegal_transition', { entity: 'release', from: 'not_disbursed', action });
  return amount;
}

/** The solver confirms receipt, or the bureau resolves a dispute as paid: the money has left for good. */
export function confirmTransfer(input: ReleaseStepInput, balances: Balances): Transfer {
  const { releaseId, projectId, source } = input.release;
  const amount = inTransit(input.release, balances, 'confirm');
  return buildTransfer(input.id, 'confirm', { type: 'release', id: releaseId }, move(releaseDisbursed(releaseId), paidOut(projectId, source), amount))!;
}

/**
 * The bureau resolves a dispute as unpaid (release `disputed` → `pending`): the payment is undone and
 * the release owed again, so it can be paid once more without counting as paid twice.
 */
export function reverseDisbursementTransfer(input: ReleaseStepInput, balances: Balances): Transfer {
  const { releaseId } = input.release;
  const amount = inTransit(input.release, balances, 'resolve_unpaid');
  return buildTransfer(input.id, 'reverse_disbursement', { type: 'release', id: releaseId }, move(releaseDisbursed(releaseId), releasePayable(releaseId), amount))!;
}

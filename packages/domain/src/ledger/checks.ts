import { parseAccountKey, type AccountKey, type AccountKind } from './accounts';
import { balanceDifferences, recomputeBalances, totalFen, type Balances, type BalanceDifference, type Ledger } from './balances';
import { transferIssues, type Transfer, type TransferIssue } from './transfer';

/*
 * The rules of product.md "Rules that must always hold", as checks over a ledger. Each money rule is
 * the non-negativity of one kind of account, because of what the account holds:
 *  - a year's unreserved budget below zero: reservations exceed the year's special fund;
 *  - a challenge's reservation or commitment below zero: awards exceed the bounty;
 *  - a project's funds below zero: releases exceed the award;
 *  - a release's payable below zero: it was paid twice.
 * applyTransfer refuses every such movement; these functions say which rule a stored ledger breaks,
 * for `ledger:check` and for tests.
 */
export const MONEY_RULE_BY_ACCOUNT = {
  fund_available: 'reservations_exceed_budget',
  fund_reserved: 'awards_exceed_bounty',
  enterprise_committed: 'awards_exceed_bounty',
  project_funds: 'releases_exceed_award',
  release_payable: 'paid_twice',
  release_disbursed: 'confirmed_unpaid',
  paid_out: 'paid_out_negative',
} as const satisfies Record<Exclude<AccountKind, 'world'>, string>;
export type MoneyRule = (typeof MONEY_RULE_BY_ACCOUNT)[keyof typeof MONEY_RULE_BY_ACCOUNT];

export interface BrokenRule {
  readonly rule: MoneyRule;
  readonly account: AccountKey;
  readonly balanceFen: number;
}

/** Each account other than the outside world that is below zero, with the rule that breaks. */
export function brokenRules(balances: Balances): BrokenRule[] {
  const broken: BrokenRule[] = [];
  for (const [account, balanceFen] of Object.entries(balances)) {
    const kind = parseAccountKey(account)?.kind;
    if (balanceFen < 0 && kind !== undefined && kind !== 'world') broken.push({ rule: MONEY_RULE_BY_ACCOUNT[kind], account, balanceFen });
  }
  return broken.sort((a, b) => (a.account < b.account ? -1 : 1));
}

/**
 * Releases paid more than once, counted from the transfers rather than the balances: each disbursal
 * of a release less each reversal of one (a dispute resolved as unpaid) must never pass one.
 */
export function releasesPaidTwice(transfers: Iterable<Transfer>): string[] {
  const paid = new Map<string, number>();
  for (const t of transfers) {
    if (t.kind !== 'disburse' && t.kind !== 'reverse_disbursement') continue;
    for (const e of t.entries) {
      const account = parseAccountKey(e.account);
      if (account?.kind !== 'release_disbursed') continue;
      paid.set(account.releaseId, (paid.get(account.releaseId) ?? 0) + (t.kind === 'disburse' ? 1 : -1));
    }
  }
  return [...paid].filter(([, n]) => n > 1).map(([releaseId]) => releaseId).sort();
}

/** Payment references used by more than one disbursal (finance's references are unique, product.md States). */
export function duplicatePaymentReferences(transfers: Iterable<Transfer>): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const t of transfers) {
    if (t.kind !== 'disburse' || t.paymentReference === undefined) continue;
    if (seen.has(t.paymentReference)) duplicates.add(t.paymentReference);
    seen.add(t.paymentReference);
  }
  return [...duplicates].sort();
}

export type LedgerIssue =
  | { readonly code: 'malformed_transfer'; readonly transferId: string; readonly issues: readonly TransferIssue[] }
  | { readonly code: 'balance_differs'; readonly difference: BalanceDifference }
  | { readonly code: 'rule_broken'; readonly broken: BrokenRule }
  | { readonly code: 'total_not_zero'; readonly totalFen: number }
  | { readonly code: 'paid_twice'; readonly releaseId: string }
  | { readonly code: 'payment_reference_reused'; readonly paymentReference: string };

/** Everything `ledger:check` reports about a stored ledger; empty when it is sound. */
export function ledgerIssues(ledger: Ledger): LedgerIssue[] {
  const transfers = [...ledger.transfers.values()];
  const issues: LedgerIssue[] = [];
  for (const t of transfers) {
    const found = transferIssues(t);
    if (found.length > 0) issues.push({ code: 'malformed_transfer', transferId: t.id, issues: found });
  }
  const recomputed = recomputeBalances(transfers.flatMap((t) => t.entries));
  for (const difference of balanceDifferences(ledger.balances, recomputed)) issues.push({ code: 'balance_differs', difference });
  for (const broken of brokenRules(ledger.balances)) issues.push({ code: 'rule_broken', broken });
  const total = totalFen(ledger.balances);
  if (total !== 0) issues.push({ code: 'total_not_zero', totalFen: total });
  for (const releaseId of releasesPaidTwice(transfers)) issues.push({ code: 'paid_twice', releaseId });
  for (const paymentReference of duplicatePaymentReferences(transfers)) issues.push({ code: 'payment_reference_reused', paymentReference });
  return issues;
}

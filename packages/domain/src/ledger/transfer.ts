import { MAX_AMOUNT_FEN } from '../challenge/money';
import { AppError } from '../errors';
import { parseAccountKey, type AccountKey } from './accounts';

/*
 * A transfer is one movement of money (architecture.md "Money"): a unique id, so that a retry with
 * the same id changes nothing; a kind, saying which step of the workflow moved it; the entity that
 * caused it; and entries that add up to zero (double entry: what leaves one account arrives in
 * another). Amounts are signed integer fen as plain numbers, like the rest of the money code
 * (challenge/money.ts explains why not bigint).
 */
export const TRANSFER_KINDS = [
  /** Finance sets (or changes) a fiscal year's special-fund budget. */
  'budget_set',
  /** Approval reserves the special-fund match against that year's budget (product.md step 3). */
  'reserve',
  /** Approval records the enterprise's share as committed. */
  'commit',
  /** Finalize moves each award, by source, from the challenge into its project (step 8). */
  'finalize',
  /** Verifying a milestone releases its amount, one release per source (step 9). */
  'release',
  /** Finance disburses a special-fund release, or the owner records paying its share (step 10). */
  'disburse',
  /** The solver confirms receipt, or the bureau resolves a dispute as paid. */
  'confirm',
  /** The bureau resolves a dispute as unpaid: the payment is undone and the release owed again. */
  'reverse_disbursement',
  /** Cancellation, failure, a stopped project or leftovers at the close return what was not spent (step 11). */
  'return_unspent',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export type CauseType = 'fiscal_year' | 'challenge' | 'project' | 'milestone' | 'release';

/** The entity whose step moved the money: the transfers table's reference, and what the audit log names. */
export interface Cause {
  readonly type: CauseType;
  readonly id: string;
}

export interface Entry {
  readonly account: AccountKey;
  /** Positive: money arrives in the account; negative: it leaves. Never zero. */
  readonly amountFen: number;
}

export interface Transfer {
  readonly id: string;
  readonly kind: TransferKind;
  readonly cause: Cause;
  readonly entries: readonly Entry[];
  /** Finance's payment reference for a disbursement (product.md step 10), unique among payments. */
  readonly paymentReference?: string;
}

export const TRANSFER_ISSUES = ['missing_id', 'unknown_kind', 'no_entries', 'unknown_account', 'invalid_amount', 'zero_amount', 'unbalanced'] as const;
export type TransferIssue = (typeof TRANSFER_ISSUES)[number];

/**
 * What is wrong with a transfer as data, all at once: it needs an id, a known kind, at least one
 * entry, known account keys, and non-zero integer fen (at most MAX_AMOUNT_FEN either way, so sums stay
 * exact) that add up to zero. An empty list means the transfer is well-formed; whether the balances
 * allow it is applyTransfer's question.
 */
export function transferIssues(transfer: Transfer): TransferIssue[] {
  const issues = new Set<TransferIssue>();
  if (typeof transfer.id !== 'string' || transfer.id.length === 0) issues.add('missing_id');
  if (!(TRANSFER_KINDS as readonly string[]).includes(transfer.kind)) issues.add('unknown_kind');
  if (transfer.entries.length === 0) issues.add('no_entries');
  let sum = 0;
  for (const entry of transfer.entries) {
    if (parseAccountKey(entry.account) === null) issues.add('unknown_account');
    const a = entry.amountFen;
    if (!Number.isSafeInteger(a) || Math.abs(a) > MAX_AMOUNT_FEN) issues.add('invalid_amount');
    else if (a === 0) issues.add('zero_amount');
    else sum += a;
  }
  if (!issues.has('invalid_amount') && sum !== 0) issues.add('unbalanced');
  return [...issues];
}

/** Refuses a malformed transfer. Only a bug builds one, so its code maps to a 500 whose details stay in the log. */
export function assertWellFormed(transfer: Transfer): void {
  const issues = transferIssues(transfer);
  if (issues.length > 0) throw new AppError('transfer_invalid', { transferId: String(transfer.id), issues: issues.join(',') });
}

/**
 * Whether two transfers are the same movement: a retry that rebuilt its transfer must match the one
 * stored under that id, entry for entry, or the id was reused for something else.
 */
export function sameTransfer(a: Transfer, b: Transfer): boolean {
  const entries = (t: Transfer) => JSON.stringify(netEntries(t.entries));
  return a.id === b.id && a.kind === b.kind && a.cause.type === b.cause.type && a.cause.id === b.cause.id
    && (a.paymentReference ?? null) === (b.paymentReference ?? null) && entries(a) === entries(b);
}

/** Entries summed per account and sorted by key: the canonical form of what a transfer does. */
export function netEntries(entries: readonly Entry[]): Entry[] {
  const byAccount = new Map<AccountKey, number>();
  for (const e of entries) byAccount.set(e.account, (byAccount.get(e.account) ?? 0) + e.amountFen);
  return [...byAccount].filter(([, a]) => a !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([account, amountFen]) => ({ account, amountFen }));
}

import { amountIssue } from '../challenge/money';
import { AppError } from '../errors';
import type { AccountKey } from './accounts';
import { assertWellFormed, netEntries, type Cause, type Entry, type Transfer, type TransferKind } from './transfer';

// Helpers the transfer builders share; not exported from the package.

/**
 * The builders' common end: one entry per account (amounts netted, zeros dropped) and null when
 * nothing moves at all — approving no special-fund match, or closing with nothing left — so callers
 * record no empty transfer.
 */
export function buildTransfer(id: string, kind: TransferKind, cause: Cause, entries: readonly Entry[], paymentReference?: string): Transfer | null {
  const net = netEntries(entries);
  if (net.length === 0) return null;
  const transfer: Transfer = paymentReference === undefined ? { id, kind, cause, entries: net } : { id, kind, cause, entries: net, paymentReference };
  assertWellFormed(transfer);
  return transfer;
}

/** `amountFen` leaving `from` for `to`. */
export const move = (from: AccountKey, to: AccountKey, amountFen: number): Entry[] => [
  { account: from, amountFen: -amountFen },
  { account: to, amountFen },
];

/** Refuses an input amount that is not whole fen in 0..MAX_AMOUNT_FEN, naming its field (the caller passes user input through). */
export function requireAmountFen(field: string, value: number): number {
  const issue = amountIssue(field, value);
  if (issue) throw AppError.invalid([issue]);
  return value;
}

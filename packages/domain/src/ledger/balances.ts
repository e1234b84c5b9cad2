import { AppError } from '../errors';
import { mayGoNegative, parseAccountKey, type AccountKey } from './accounts';
import { assertWellFormed, netEntries, sameTransfer, type Entry, type Transfer } from './transfer';

/** Balances by account key; an account not listed holds 0. */
export type Balances = Readonly<Record<AccountKey, number>>;

export const balanceOf = (balances: Balances, account: AccountKey): number => balances[account] ?? 0;

/**
 * The balances after `transfer`, or an AppError that leaves them as they were: `transfer_invalid` for
 * a malformed transfer, `insufficient_funds` when an account other than the outside world would end
 * below zero (naming the first such account). Builders check their own rules with clearer codes first;
 * this is the last guard every movement passes, and the one the persistence step repeats inside the
 * transaction on the locked balances.
 */
export function applyTransfer(balances: Balances, transfer: Transfer): Balances {
  assertWellFormed(transfer);
  const next: Record<AccountKey, number> = { ...balances };
  for (const { account, amountFen } of netEntries(transfer.entries)) {
    const before = balanceOf(balances, account);
    const after = before + amountFen;
    if (!Number.isSafeInteger(after)) throw new AppError('transfer_invalid', { transferId: transfer.id, issues: 'overflow', account });
    if (after < 0 && !mayGoNegative(parseAccountKey(account)!)) {
      throw new AppError('insufficient_funds', { account, balanceFen: before, neededFen: -amountFen });
    }
    next[account] = after;
  }
  return next;
}

/** The ledger as the persistence step will hold it: kept balances and every transfer by id. */
export interface Ledger {
  readonly balances: Balances;
  readonly transfers: ReadonlyMap<string, Transfer>;
}

export const EMPTY_LEDGER: Ledger = { balances: {}, transfers: new Map() };

/**
 * Records a transfer once (product.md: retries with the same id change nothing). A repeat of the
 * same movement returns the very same ledger; the same id carrying a different movement is refused
 * with `transfer_id_reused`, because answering it as a repeat would hide money that never moved.
 */
export function postTransfer(ledger: Ledger, transfer: Transfer): Ledger {
  const known = ledger.transfers.get(transfer.id);
  if (known) {
    if (sameTransfer(known, transfer)) return ledger;
    throw new AppError('transfer_id_reused', { transferId: transfer.id });
  }
  const balances = applyTransfer(ledger.balances, transfer);
  return { balances, transfers: new Map(ledger.transfers).set(transfer.id, transfer) };
}

/** Balances derived from the entries alone: what `ledger:check` compares the kept balances with. */
export function recomputeBalances(entries: Iterable<Entry>): Balances {
  const balances: Record<AccountKey, number> = {};
  for (const { account, amountFen } of entries) balances[account] = (balances[account] ?? 0) + amountFen;
  return balances;
}

export interface BalanceDifference {
  readonly account: AccountKey;
  readonly keptFen: number;
  readonly recomputedFen: number;
}

/** Every account whose kept balance is not what its entries add up to, by key; a missing account counts as 0. */
export function balanceDifferences(kept: Balances, recomputed: Balances): BalanceDifference[] {
  const accounts = [...new Set([...Object.keys(kept), ...Object.keys(recomputed)])].sort();
  return accounts
    .map((account) => ({ account, keptFen: balanceOf(kept, account), recomputedFen: balanceOf(recomputed, account) }))
    .filter((d) => d.keptFen !== d.recomputedFen);
}

/** The sum over all accounts; zero whenever every transfer was balanced. */
export const totalFen = (balances: Balances): number => Object.values(balances).reduce((a, b) => a + b, 0);

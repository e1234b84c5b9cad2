import { appendAudit, ledgerAccounts, ledgerEntries, ledgerTransfers, type Db } from '@challenge/db';
import {
  AppError, applyTransfer, assertWellFormed, parseAccountKey, sameTransfer, type AccountKey, type Actor, type Balances, type Transfer, type TransferKind,
} from '@challenge/domain';
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';

/**
 * The challenge and funding source an account's money belongs to, stored with it (schema/ledger.ts):
 * a reservation's or commitment's key names the challenge; a project's or a release's, the project or
 * release, whose row the same transaction has already written.
 */
function ownerOf(key: AccountKey): { challengeId: string | SQL | null; source: string | SQL | null } {
  const account = parseAccountKey(key);
  switch (account?.kind) {
    case 'fund_reserved': return { challengeId: account.challengeId, source: 'special_fund' };
    case 'enterprise_committed': return { challengeId: account.challengeId, source: 'enterprise' };
    case 'project_funds':
    case 'paid_out': return { challengeId: sql`(select challenge_id from projects where id = ${account.projectId})`, source: account.source };
    case 'release_payable':
    case 'release_disbursed': return {
      challengeId: sql`(select p.challenge_id from releases r join projects p on p.id = r.project_id where r.id = ${account.releaseId})`,
      source: sql`(select source::text from releases where id = ${account.releaseId})`,
    };
    default: return { challengeId: null, source: null };
  }
}

/**
 * The accounts' balances, their rows locked for the rest of the transaction (created at zero the
 * first time an account is named). Locked in key order, so two transactions that need the same
 * accounts queue rather than deadlock; what a transfer is built from cannot change before it posts.
 */
export async function lockBalances(tx: Db, keys: readonly AccountKey[]): Promise<Balances> {
  const unique = [...new Set(keys)].sort();
  if (unique.length === 0) return {};
  await tx.insert(ledgerAccounts)
    .values(unique.map((key) => ({ key, kind: parseAccountKey(key)?.kind ?? 'unknown', balanceFen: 0, ...ownerOf(key) })))
    .onConflictDoNothing();
  const rows = await tx.select().from(ledgerAccounts).where(inArray(ledgerAccounts.key, unique)).orderBy(asc(ledgerAccounts.key)).for('update');
  return Object.fromEntries(rows.map((r) => [r.key, r.balanceFen]));
}

/** A stored transfer as the domain describes it, or null. */
async function storedTransfer(tx: Db, id: string): Promise<Transfer | null> {
  const [t] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id));
  if (!t) return null;
  const entries = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.transferId, id)).orderBy(asc(ledgerEntries.id));
  return {
    id: t.id, kind: t.kind as TransferKind, cause: { type: t.causeType as Transfer['cause']['type'], id: t.causeId },
    entries: entries.map((e) => ({ account: e.accountKey, amountFen: e.amountFen })),
    ...(t.paymentReference ? { paymentReference: t.paymentReference } : {}),
  };
}

/**
 * Posts a transfer inside the caller's transaction: balanced and well-formed (a bug otherwise), every
 * account it touches locked, refused if any but the outside world would go negative, and audited.
 * The same transfer id posted again changes nothing (`replayed`); the id reused for a different
 * movement is refused (`transfer_id_reused`).
 */
export async function postTransfer(tx: Db, actor: Actor, transfer: Transfer, at: Date): Promise<'posted' | 'replayed'> {
  assertWellFormed(transfer);
  const existing = await storedTransfer(tx, transfer.id);
  if (existing) {
    if (!sameTransfer(existing, transfer)) throw new AppError('transfer_id_reused', { transferId: transfer.id });
    return 'replayed';
  }
  const balances = await lockBalances(tx, transfer.entries.map((e) => e.account));
  const after = applyTransfer(balances, transfer);
  for (const key of Object.keys(after)) {
    if (after[key] !== balances[key]) await tx.update(ledgerAccounts).set({ balanceFen: after[key]! }).where(eq(ledgerAccounts.key, key));
  }
  await tx.insert(ledgerTransfers).values({
    id: transfer.id, kind: transfer.kind, causeType: transfer.cause.type, causeId: transfer.cause.id,
    paymentReference: transfer.paymentReference ?? null, actorId: actor?.userId ?? null, at,
  });
  await tx.insert(ledgerEntries).values(transfer.entries.map((e) => ({ transferId: transfer.id, accountKey: e.account, amountFen: e.amountFen })));
  await appendAudit(tx, {
    at, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, action: `ledger.${transfer.kind}`, entityType: transfer.cause.type, entityId: transfer.cause.id,
    before: null, after: { transferId: transfer.id, entries: transfer.entries },
  });
  return 'posted';
}

import { ledgerAccounts, ledgerEntries, ledgerTransfers, type Db } from '@challenge/db';
import { AppError, balanceDifferences, brokenRules, recomputeBalances, type Actor, type Balances } from '@challenge/domain';
import { asc, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * Recomputes every balance from the entries and compares it with the balance kept (`npm run
 * ledger:check`, GET /api/ledger/check): any difference, any transfer whose entries do not add up
 * to zero, any account but the outside world below zero is reported. Nothing is changed.
 */
export async function checkLedger(db: Db) {
  const accounts = await db.select().from(ledgerAccounts).orderBy(asc(ledgerAccounts.key));
  const entries = await db.select({ account: ledgerEntries.accountKey, amountFen: ledgerEntries.amountFen }).from(ledgerEntries);
  const kept: Balances = Object.fromEntries(accounts.map((a) => [a.key, a.balanceFen]));
  const differences = balanceDifferences(kept, recomputeBalances(entries));
  const unbalanced = await db
    .select({ transferId: ledgerEntries.transferId, sumFen: sql<string>`sum(${ledgerEntries.amountFen})` })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.transferId)
    .having(sql`sum(${ledgerEntries.amountFen}) <> 0`);
  const [{ transfers }] = (await db.select({ transfers: sql<string>`count(*)` }).from(ledgerTransfers)) as [{ transfers: string }];
  return {
    ok: differences.length === 0 && unbalanced.length === 0 && brokenRules(kept).length === 0,
    accounts: accounts.length,
    transfers: Number(transfers),
    entries: entries.length,
    differences,
    unbalancedTransfers: unbalanced.map((u) => ({ transferId: u.transferId, sumFen: Number(u.sumFen) })),
    brokenRules: brokenRules(kept),
  };
}

export async function checkLedgerFor(ctx: ServiceContext, actor: Actor) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau' && actor.role !== 'finance') throw new AppError('forbidden', { entity: 'ledger', action: 'check' });
  return checkLedger(ctx.db);
}

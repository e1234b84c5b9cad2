import { ledgerAccounts, ledgerEntries, ledgerTransfers } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { asc, count, desc, eq, inArray, like } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * The ledger as finance and the bureau read it (api.md `GET /api/ledger`): balances by account (those
 * whose key starts with `account`, e.g. `fund_available:` or a challenge's id part) and the transfers,
 * newest first, each with its entries — every movement's history, to the fen.
 */
export async function readLedger(ctx: ServiceContext, actor: Actor, q: { account?: string; page: number; pageSize: number }) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'finance' && actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'ledger', action: 'read' });
  const accountFilter = q.account ? like(ledgerAccounts.key, `%${q.account.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  const accounts = await ctx.db.select().from(ledgerAccounts).where(accountFilter).orderBy(asc(ledgerAccounts.key)).limit(500);
  // Transfers touching the accounts shown (all of them without a filter).
  const touching = q.account
    ? ctx.db.selectDistinct({ id: ledgerEntries.transferId }).from(ledgerEntries).where(inArray(ledgerEntries.accountKey, accounts.map((a) => a.key).concat([''])))
    : undefined;
  const where = touching ? inArray(ledgerTransfers.id, touching) : undefined;
  const [transfers, [total]] = await Promise.all([
    ctx.db.select().from(ledgerTransfers).where(where).orderBy(desc(ledgerTransfers.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(ledgerTransfers).where(where),
  ]);
  const entries = transfers.length === 0 ? [] : await ctx.db.select().from(ledgerEntries).where(inArray(ledgerEntries.transferId, transfers.map((t) => t.id))).orderBy(asc(ledgerEntries.id));
  return {
    accounts: accounts.map((a) => ({ key: a.key, kind: a.kind, balanceFen: a.balanceFen })),
    transfers: {
      items: transfers.map((t) => ({
        id: t.id, kind: t.kind, cause: { type: t.causeType, id: t.causeId }, paymentReference: t.paymentReference, at: t.at.toISOString(),
        entries: entries.filter((e) => e.transferId === t.id).map((e) => ({ account: e.accountKey, amountFen: e.amountFen })),
      })),
      total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize,
    },
  };
}

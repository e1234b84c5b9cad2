import { fiscalBudgets, ledgerAccounts } from '@challenge/db';
import { AppError, budgetSetTransfer, fundAvailable, type Actor } from '@challenge/domain';
import { asc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../context';
import { lockBalances, postTransfer } from './post-transfer';

const mayRead = (actor: Actor) => actor?.role === 'finance' || actor?.role === 'bureau';

/**
 * The Finance Bureau sets a fiscal year's special-fund budget (product.md step 11's source). Lowering
 * it below what is already reserved is refused (`insufficient_budget`); the ledger moves only the
 * difference, under an id naming the Idempotency-Key when one is given.
 */
export async function setBudget(ctx: ServiceContext, actor: Actor, year: number, budgetFen: number, idempotencyKey?: string) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'finance') throw new AppError('forbidden', { entity: 'budget', action: 'set' });
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const [before] = await tx.select().from(fiscalBudgets).where(eq(fiscalBudgets.year, year)).for('update');
    const balances = await lockBalances(tx, [fundAvailable(year)]);
    const id = `budget:${year}:${idempotencyKey ?? randomUUID()}`;
    const transfer = budgetSetTransfer({ id, fiscalYear: year, budgetFen, previousBudgetFen: before?.budgetFen ?? 0 }, balances);
    // A retry finds the budget already set: nothing changes, so nothing is posted.
    if (transfer) await postTransfer(tx, actor, transfer, now);
    await tx.insert(fiscalBudgets).values({ year, budgetFen, setBy: actor.userId, setAt: now })
      .onConflictDoUpdate({ target: fiscalBudgets.year, set: { budgetFen, setBy: actor.userId, setAt: now } });
    return (await readBudgets(tx, [year]))[0]!;
  });
}

/** Each year's budget, what of it is not yet reserved, and what is (charged to its challenges). */
async function readBudgets(db: ServiceContext['db'], years?: number[]) {
  const rows = await db.select().from(fiscalBudgets).where(years ? inArray(fiscalBudgets.year, years) : undefined).orderBy(asc(fiscalBudgets.year));
  const keys = rows.map((r) => fundAvailable(r.year));
  const accounts = keys.length === 0 ? [] : await db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.key, keys));
  return rows.map((r) => {
    const availableFen = accounts.find((a) => a.key === fundAvailable(r.year))?.balanceFen ?? 0;
    return { year: r.year, budgetFen: r.budgetFen, availableFen, reservedFen: r.budgetFen - availableFen, setAt: r.setAt.toISOString() };
  });
}

export async function listBudgets(ctx: ServiceContext, actor: Actor) {
  if (!actor) throw new AppError('unauthenticated');
  if (!mayRead(actor)) throw new AppError('forbidden', { entity: 'budget', action: 'read' });
  return readBudgets(ctx.db);
}

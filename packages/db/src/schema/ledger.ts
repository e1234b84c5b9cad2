import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { challenges } from './challenges';

const fen = (name: string) => bigint(name, { mode: 'number' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The funds ledger (architecture.md "Money"; packages/domain ledger/): one row per account, keyed as
 * the domain names it (`fund_reserved:2026:<challenge id>`), with its balance kept here and checked
 * against the entries by `npm run ledger:check`. Only the outside world may go negative, and the
 * database refuses anything else as a last line behind the domain's check.
 *
 * The challenge an account's money belongs to and its funding source are written when the account is
 * opened (a project's or a release's key names only the project or the release): the dashboard sums
 * the ledger by them, and reading them out of the keys for every account took seconds at 225,000
 * accounts (bench:dashboard). Null for the outside world and the yearly budgets.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    balanceFen: fen('balance_fen').notNull().default(0),
    challengeId: uuid('challenge_id').references(() => challenges.id),
    source: text('source'),
  },
  (t) => [
    check('ledger_accounts_not_negative', sql`${t.kind} = 'world' or ${t.balanceFen} >= 0`),
    index('ledger_accounts_challenge_idx').on(t.challengeId),
  ],
);

/** One movement of money: its id makes a retry change nothing; its entries add up to zero. */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    causeType: text('cause_type').notNull(),
    causeId: text('cause_id').notNull(),
    /** Finance's payment reference of a disbursement: one payment, one reference. */
    paymentReference: text('payment_reference'),
    actorId: uuid('actor_id').references(() => users.id),
    at: instant('at').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_transfers_payment_reference_key').on(t.paymentReference),
    index('ledger_transfers_cause_idx').on(t.causeType, t.causeId),
    index('ledger_transfers_actor_idx').on(t.actorId),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transferId: text('transfer_id').notNull().references(() => ledgerTransfers.id),
    accountKey: text('account_key').notNull().references(() => ledgerAccounts.key),
    amountFen: fen('amount_fen').notNull(),
  },
  (t) => [
    check('ledger_entries_not_zero', sql`${t.amountFen} <> 0`),
    index('ledger_entries_transfer_idx').on(t.transferId),
    index('ledger_entries_account_idx').on(t.accountKey),
  ],
);

/** The special fund's budget of each fiscal year, as the Finance Bureau set it last (the ledger holds the money). */
export const fiscalBudgets = pgTable(
  'fiscal_budgets',
  {
    year: integer('year').primaryKey(),
    budgetFen: fen('budget_fen').notNull(),
    setBy: uuid('set_by').notNull().references(() => users.id),
    setAt: instant('set_at').notNull(),
  },
  (t) => [check('fiscal_budgets_not_negative', sql`${t.budgetFen} >= 0`), index('fiscal_budgets_set_by_idx').on(t.setBy)],
);

/**
 * api.md: every route that moves money takes an `Idempotency-Key`, per user; a repeat with the same
 * request returns the first answer and moves nothing, the same key with another request is refused.
 * A row without a status is a request still running (or one that died: after a minute it may run again).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    key: text('key').notNull(),
    /** A hash of the method, the path and the body: what "the same request" means. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    contentType: text('content_type'),
    response: text('response'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

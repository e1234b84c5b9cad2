import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { localeEnum, users } from './accounts';
import { notificationKindEnum, notifications } from './notifications';

const instant = (name: string) => timestamp(name, { withTimezone: true });

export const emailStatusEnum = pgEnum('email_status', ['pending', 'sent', 'failed']);
export const accountTokenPurposeEnum = pgEnum('account_token_purpose', ['verify_email', 'reset_password']);

/**
 * The e-mail outbox (architecture.md "Background work"): rows are written in the transaction that
 * decides a mail is due (a notification for a user who wants it by e-mail, a verification or reset
 * link) and sent by the background loop through SMTP_URL with retries. A notification is mailed at most
 * once (`notification_id` is unique). The body of a mail carrying a one-time link is blanked once sent,
 * so the database never keeps a usable link longer than delivery needs.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    notificationId: uuid('notification_id').references(() => notifications.id),
    /** A notification kind, or `verify_email` / `reset_password` / `saved_search`. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    locale: localeEnum('locale').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** The List-Unsubscribe link (RFC 8058 one-click), absent on account mails nobody may turn off. */
    unsubscribeUrl: text('unsubscribe_url'),
    secret: boolean('secret').notNull().default(false),
    status: emailStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    uniqueIndex('email_outbox_notification_key').on(t.notificationId).where(sql`${t.notificationId} is not null`),
    index('email_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('email_outbox_user_idx').on(t.userId, t.createdAt),
  ],
);

/** A user's choice of e-mail per notification kind; no row means the default (by e-mail). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: notificationKindEnum('kind').notNull(),
    email: boolean('email').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Single-use links for proving an e-mail address and resetting a password: only the SHA-256 of the
 * token is stored, it expires after 30 minutes, and using it stamps `used_at` in the same statement
 * that checks it was unused.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    purpose: accountTokenPurposeEnum('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_key').on(t.tokenHash),
    index('account_tokens_user_idx').on(t.userId, t.purpose),
    check('account_tokens_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

import { NOTIFICATION_KINDS } from '@challenge/domain';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { challenges } from './challenges';

export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The notification outbox (architecture.md "Background work"): a use case writes one row per event in
 * its own transaction; the background loop takes pending rows (`FOR UPDATE SKIP LOCKED`), works out
 * the recipients and writes their `notifications`, then marks the row processed. `payload` holds the
 * event's own facts (ids, a state), never text a recipient might not be entitled to: what is shown is
 * read when the notification is listed, through the reader's access.
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: notificationKindEnum('kind').notNull(),
    challengeId: uuid('challenge_id').references(() => challenges.id),
    /** The application, question, objection … the event is about. */
    subjectId: uuid('subject_id'),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    createdAt: instant('created_at').notNull(),
    processedAt: instant('processed_at'),
  },
  (t) => [
    index('notification_events_pending_idx').on(t.createdAt).where(sql`${t.processedAt} is null`),
    index('notification_events_challenge_idx').on(t.challengeId),
  ],
);

/** One recipient's copy of an event: listed, counted while unread, marked read. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    eventId: uuid('event_id').notNull().references(() => notificationEvents.id),
    kind: notificationKindEnum('kind').notNull(),
    challengeId: uuid('challenge_id').references(() => challenges.id),
    subjectId: uuid('subject_id'),
    payload: jsonb('payload').notNull(),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
  },
  (t) => [
    // A retried batch cannot notify anyone twice.
    uniqueIndex('notifications_event_user_key').on(t.eventId, t.userId),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    index('notifications_challenge_idx').on(t.challengeId),
  ],
);

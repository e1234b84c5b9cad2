import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { challenges } from './challenges';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/** Someone who follows a challenge hears of its amendments, answered questions and decision. */
export const challengeFollows = pgTable(
  'challenge_follows',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.challengeId] }), index('challenge_follows_challenge_idx').on(t.challengeId)],
);

/**
 * A search kept by its user. With `alerts`, the background loop runs it as that user, newest first,
 * and tells of challenges published since `checked_through`, which it then moves forward.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    /** The list query as the challenge list takes it: q, industry, category, minBountyFen … */
    query: jsonb('query').notNull(),
    alerts: boolean('alerts').notNull().default(true),
    checkedThrough: instant('checked_through').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('saved_searches_user_idx').on(t.userId, t.createdAt), index('saved_searches_alerts_idx').on(t.checkedThrough)],
);

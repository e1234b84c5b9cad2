import { bigint, jsonb, pgSequence, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';

/**
 * Bumped (nextval, outside any transaction's locks) by a statement trigger on every write to
 * challenges, organizations and users — the tables the public figures are made of (migration 0022).
 */
export const publicFiguresVersion = pgSequence('public_figures_version');

/**
 * The home page's public figures as computed for a minute of the clock and a version of the data: read
 * by one key lookup until either moves. They aggregate every challenge ever published (six statements,
 * 200–400 ms at 100,000 challenges under load, bench:pages) and were the home page's whole wait. At
 * most one minute old, as their `asOf` says: a write that commits while they are being computed is
 * seen from the next version or minute on.
 */
export const publicFigures = pgTable(
  'public_figures',
  {
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    figures: jsonb('figures').notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.version] })],
);

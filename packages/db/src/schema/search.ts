import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  challengeCategoryEnum, challengeIndustryEnum, challengeStateEnum, challengeVisibilityEnum, challenges,
} from './challenges';

/** A tsvector, written as text built by packages/search (lexemes segmented in the application). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The PostgreSQL search engine's index (packages/search): one narrow row per challenge, written in
 * the same transaction as the challenge. Filter and sort columns are copies of the challenge's;
 * the vectors hold segmented words (title A, indicators B, summary C, description and eligibility D).
 * `public_vector` has only what every reader may see, and is what a restricted challenge is matched
 * on for readers not entitled to its details (hence its index is partial).
 *
 * Kept narrow for speed (search-measurements.md, bench/search.ts): the vectors live out of line
 * (migration 0005: `toast_tuple_target`, `STORAGE EXTERNAL`), so counting matches never reads
 * them; `title_vector` (the title's lexemes, small and in line) ranks cheaply before the few best
 * are ranked on the whole vector; `bucket` (0–99, from the id) picks the 1% and 10% samples a broad
 * query is counted on, each with its own partial indexes.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    challengeId: uuid('challenge_id').primaryKey().references(() => challenges.id, { onDelete: 'cascade' }),
    ownerOrganizationId: uuid('owner_organization_id').notNull(),
    state: challengeStateEnum('state').notNull(),
    visibility: challengeVisibilityEnum('visibility').notNull(),
    industry: challengeIndustryEnum('industry'),
    category: challengeCategoryEnum('category'),
    bountyFen: bigint('bounty_fen', { mode: 'number' }).notNull(),
    deadline: instant('deadline'),
    publishedAt: instant('published_at'),
    createdAt: instant('created_at').notNull(),
    publicVector: tsvector('public_vector').notNull(),
    fullVector: tsvector('full_vector').notNull(),
    /** English words and pinyin of the title's Chinese words, for typo lookups (pg_trgm). */
    titleWords: text('title_words').notNull(),
    titleVector: tsvector('title_vector').notNull().generatedAlwaysAs(sql`ts_filter(public_vector, '{a}')`),
    bucket: smallint('bucket')
      .notNull()
      .generatedAlwaysAs(sql`(('x' || substr(md5(challenge_id::text), 1, 8))::bit(32)::bigint % 100)::smallint`),
  },
  (t) => [
    index('search_documents_full_vector_idx').using('gin', t.fullVector),
    index('search_documents_public_vector_idx').using('gin', t.publicVector).where(sql`${t.visibility} = 'restricted'`),
    index('search_documents_title_vector_idx').using('gin', t.titleVector),
    // The samples: the same two indexes over 1% and 10% of the documents (bucket 0, buckets 0–9).
    index('search_documents_full_vector_1pct_idx').using('gin', t.fullVector).where(sql`${t.bucket} = 0`),
    index('search_documents_full_vector_10pct_idx').using('gin', t.fullVector).where(sql`${t.bucket} < 10`),
    index('search_documents_public_vector_1pct_idx').using('gin', t.publicVector).where(sql`${t.visibility} = 'restricted' and ${t.bucket} = 0`),
    index('search_documents_public_vector_10pct_idx').using('gin', t.publicVector).where(sql`${t.visibility} = 'restricted' and ${t.bucket} < 10`),
    index('search_documents_bucket_idx').on(t.bucket),
    index('search_documents_title_words_idx').using('gin', t.titleWords.op('gin_trgm_ops')),
    // In the engine's 'newest' order, so a page without text is read off the index.
    index('search_documents_newest_idx').on(t.publishedAt.desc().nullsLast(), t.createdAt.desc().nullsFirst(), t.challengeId),
    index('search_documents_deadline_idx').on(t.deadline),
    index('search_documents_bounty_idx').on(t.bountyFen),
    index('search_documents_owner_idx').on(t.ownerOrganizationId),
  ],
);

/**
 * The raw text snippets are cut from, kept apart from the narrow index rows so counting and ranking
 * touch few pages. `detail_texts` (indicators, description, eligibility) is read only for readers
 * entitled to a challenge's details.
 */
export const searchDocumentTexts = pgTable('search_document_texts', {
  challengeId: uuid('challenge_id').primaryKey().references(() => searchDocuments.challengeId, { onDelete: 'cascade' }),
  publicTexts: jsonb('public_texts').notNull(),
  detailTexts: jsonb('detail_texts').notNull(),
});

export const searchOutboxOperationEnum = pgEnum('search_outbox_operation', ['upsert', 'remove']);

/**
 * The Meilisearch engine's transactional outbox (architecture.md "Search", "Background work"). A
 * use case that indexes or removes a challenge writes its row here in its own transaction; the
 * background loop sends it (`SELECT … FOR UPDATE SKIP LOCKED`) and deletes it, or records the error
 * and when to try again. One row per challenge: a second change before the send only replaces the
 * operation, and the document is built from the database when it is sent, so the newest state goes.
 * The row lock held while sending keeps two replicas from sending one challenge out of order.
 * No foreign key: a removal must outlive the challenge it removes.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    challengeId: uuid('challenge_id').primaryKey(),
    operation: searchOutboxOperationEnum('operation').notNull(),
    /** Failed sends since the last change. */
    attempts: integer('attempts').notNull().default(0),
    /** Null: due now. Set after a failed send (exponential backoff, capped). */
    nextAttemptAt: instant('next_attempt_at'),
    lastError: text('last_error'),
    /** When the change was written (database time; for watching the lag, not for scheduling). */
    changedAt: instant('changed_at').notNull().defaultNow(),
  },
  (t) => [index('search_outbox_due_idx').on(t.nextAttemptAt.asc().nullsFirst(), t.changedAt)],
);

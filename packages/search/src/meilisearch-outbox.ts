import { challengeIndicators, challenges, queryRows, searchOutbox, type Db } from '@challenge/db';
import { asc, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { challengeSearchDocument, type IndicatorRow } from './challenge-document';
import type { SearchDocument } from './document';
import type { MeilisearchEngine, MeilisearchSync } from './meilisearch-engine';
import { isUuid } from './meilisearch-filter';

export type SearchOutboxOperation = 'upsert' | 'remove';

/**
 * Records, in the caller's transaction, that a challenge's Meilisearch document must be sent
 * (`upsert`) or deleted (`remove`). A pending row for the same challenge is replaced and due at
 * once: the document is built when it is sent, so it is the challenge as it is then.
 */
export async function enqueueSearchSync(db: Db, challengeId: string, operation: SearchOutboxOperation): Promise<void> {
  await db
    .insert(searchOutbox)
    .values({ challengeId, operation })
    .onConflictDoUpdate({
      target: searchOutbox.challengeId,
      set: { operation, attempts: 0, nextAttemptAt: null, lastError: null, changedAt: sql`now()` },
    });
}

/** Retries after a failed send: `baseMs`, then doubling, at most `maxMs`. */
export interface OutboxRetry {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_OUTBOX_RETRY: OutboxRetry = { baseMs: 5_000, maxMs: 15 * 60_000 };

/** The wait after the `attempts`-th failure in a row (1-based). */
export function outboxRetryDelayMs(attempts: number, retry: OutboxRetry = DEFAULT_OUTBOX_RETRY): number {
  return Math.min(retry.maxMs, retry.baseMs * 2 ** Math.min(Math.max(0, attempts - 1), 30));
}

export interface DrainResult {
  /** Rows taken (due and not locked by another worker). */
  picked: number;
  /** Documents sent (one addDocuments call). */
  sent: number;
  /** Documents deleted (one deleteDocuments call): removals, and challenges no longer in the database. */
  removed: number;
  /** Rows rescheduled after a failed call. */
  failed: number;
  errors: string[];
}

/** Challenges and their indicators as search documents, two queries for the whole batch. */
export async function loadChallengeSearchDocuments(db: Db, ids: readonly string[]): Promise<Map<string, SearchDocument>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(challenges).where(inArray(challenges.id, [...ids]));
  const indicators = await db.select().from(challengeIndicators).where(inArray(challengeIndicators.challengeId, [...ids]));
  const byChallenge = new Map<string, IndicatorRow[]>();
  for (const i of indicators) byChallenge.set(i.challengeId, [...(byChallenge.get(i.challengeId) ?? []), i]);
  return new Map(rows.map((c) => [c.id, challengeSearchDocument(c, byChallenge.get(c.id) ?? [])]));
}

const errorText = (error: unknown): string => {
  const e = error instanceof Error ? error : new Error(String(error));
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
  return `${e.name}: ${e.message}${cause}`.slice(0, 1000);
};

/**
 * One batch of the outbox, in one transaction: takes up to `batchSize` due rows
 * (`FOR UPDATE SKIP LOCKED`, so replicas share the work and never send one challenge twice at
 * once), builds their documents from the database, sends them in one `addDocuments` call and the
 * removals in one `deleteDocuments` call. Rows whose call succeeded are deleted; the others get
 * `attempts + 1`, the error, and a next attempt after an exponential, capped backoff from `now`.
 *
 * The rows stay locked while Meilisearch enqueues the calls (milliseconds; `writeTimeoutMs` at
 * most), so a change to one of these challenges waits that long to write its own row, and is then
 * sent by the next batch: Meilisearch applies the two in the order they were enqueued.
 */
export async function drainOutboxBatch(
  db: Db, engine: MeilisearchSync, options: { now: Date; batchSize?: number; retry?: OutboxRetry },
): Promise<DrainResult> {
  const batchSize = options.batchSize ?? 100;
  const retry = options.retry ?? DEFAULT_OUTBOX_RETRY;
  const o = searchOutbox;
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const rows = await tx
      .select()
      .from(o)
      .where(or(isNull(o.nextAttemptAt), lte(o.nextAttemptAt, options.now)))
      .orderBy(sql`${o.nextAttemptAt} asc nulls first`, asc(o.changedAt), asc(o.challengeId))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const result: DrainResult = { picked: rows.length, sent: 0, removed: 0, failed: 0, errors: [] };
    if (rows.length === 0) return result;

    const docs = await loadChallengeSearchDocuments(tx, rows.filter((r) => r.operation === 'upsert').map((r) => r.challengeId));
    // An upsert of a challenge that is gone is a removal.
    const send = rows.filter((r) => r.operation === 'upsert' && docs.has(r.challengeId)).map((r) => r.challengeId);
    const remove = rows.filter((r) => r.operation === 'remove' || !docs.has(r.challengeId)).map((r) => r.challengeId);

    const done: string[] = [];
    const settle = async (ids: string[], call: () => Promise<void>, count: 'sent' | 'removed') => {
      if (ids.length === 0) return;
      try {
        await call();
        done.push(...ids);
        result[count] += ids.length;
      } catch (error) {
        const message = errorText(error);
        result.errors.push(message);
        result.failed += ids.length;
        // delay(attempts + 1) = base · 2^attempts, capped (outboxRetryDelayMs).
        await tx
          .update(o)
          .set({
            attempts: sql`${o.attempts} + 1`,
            nextAttemptAt: sql`${options.now.toISOString()}::timestamptz + least(${retry.maxMs}::float8, ${retry.baseMs}::float8 * power(2, least(${o.attempts}, 30))) * interval '1 millisecond'`,
            lastError: message,
          })
          .where(inArray(o.challengeId, ids));
      }
    };
    await settle(send, () => engine.sendDocuments(send.map((id) => docs.get(id)!)), 'sent');
    await settle(remove, () => engine.deleteDocuments(remove), 'removed');
    if (done.length > 0) await tx.delete(o).where(inArray(o.challengeId, done));
    return result;
  });
}

export interface ReindexResult {
  /** Challenges queued to be sent. */
  enqueued: number;
  /** Documents in Meilisearch whose challenge is gone, queued for removal. */
  stale: number;
  sent: number;
  removed: number;
  /** Rows left in the outbox after a failed call (the background loop retries them). */
  failed: number;
  errors: string[];
}

/**
 * `npm run search:reindex`: rebuilds the Meilisearch index from the database. Applies the settings,
 * queues every challenge, queues the removal of every document whose challenge is gone, then drains
 * the outbox batch by batch. It goes through the outbox rather than around it so that it cannot
 * overwrite a newer document the background loop sent meanwhile: each challenge's sends stay in
 * order (see `drainOutboxBatch`). Stops at the first failed batch; the rows stay queued.
 */
export async function reindexMeilisearch(
  db: Db, engine: MeilisearchEngine, options: { now?: () => Date; batchSize?: number } = {},
): Promise<ReindexResult> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? (() => new Date());
  await engine.applySettings();

  const enqueued = await queryRows<{ id: string }>(
    db,
    sql`insert into ${searchOutbox} (challenge_id, operation)
        select ${challenges.id}, 'upsert' from ${challenges}
        on conflict (challenge_id) do update
          set operation = 'upsert', attempts = 0, next_attempt_at = null, last_error = null, changed_at = now()
        returning challenge_id as id`,
  );

  // Every id first, then the changes: deleting while paging by offset would skip documents.
  const indexed: string[] = [];
  for await (const ids of engine.documentIds(1000)) indexed.push(...ids);
  // Not a challenge id at all: it cannot be queued (the outbox holds UUIDs), so it is deleted directly.
  const foreign = indexed.filter((id) => !isUuid(id));
  if (foreign.length > 0) await engine.deleteDocuments(foreign);
  let stale = foreign.length;
  const candidates = indexed.filter(isUuid);
  for (let i = 0; i < candidates.length; i += 1000) {
    const page = candidates.slice(i, i + 1000);
    const present = new Set((await db.select({ id: challenges.id }).from(challenges).where(inArray(challenges.id, page))).map((r) => r.id));
    const gone = page.filter((id) => !present.has(id));
    if (gone.length > 0) {
      await db.insert(searchOutbox).values(gone.map((challengeId) => ({ challengeId, operation: 'remove' as const }))).onConflictDoNothing();
    }
    stale += gone.length;
  }

  const result: ReindexResult = { enqueued: enqueued.length, stale, sent: 0, removed: 0, failed: 0, errors: [] };
  for (;;) {
    const batch = await drainOutboxBatch(db, engine, { now: now(), batchSize });
    result.sent += batch.sent;
    result.removed += batch.removed;
    result.failed += batch.failed;
    result.errors.push(...batch.errors);
    if (batch.failed > 0 || batch.picked < batchSize) return result;
  }
}

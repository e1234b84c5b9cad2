import { challenges, searchDocuments } from '@challenge/db';
import { and, asc, eq, gt, notExists, type SQL } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { nextTurn } from '../event-loop';
import { reindex } from './engine';

export const REINDEX_BATCH_SIZE = 200;

interface ReindexOptions {
  batchSize?: number;
  /** Called after each committed batch with the running total. */
  onProgress?: (indexed: number) => void;
  /** Stops before the next batch (a server shutting down); what was committed stays indexed. */
  signal?: AbortSignal;
}

/**
 * Rebuilds the search index of every challenge from the database (`npm run search:reindex`), in
 * batches of one transaction each. Each batch locks its challenges FOR SHARE, so a use case writing
 * one of them waits for the batch (or the batch for it) and the index never ends up older than the
 * row. Returns how many challenges were indexed.
 */
export function reindexAll(ctx: ServiceContext, options: ReindexOptions = {}): Promise<number> {
  return reindexWhere(ctx, undefined, options);
}

/**
 * At start: indexes the challenges that have no search document — every one of them in a data
 * folder from before search existed, or those a reindex interrupted half-way. An index in step with
 * the database costs one anti-join and indexes nothing.
 */
export function reindexMissing(ctx: ServiceContext, options: ReindexOptions = {}): Promise<number> {
  const missing = notExists(ctx.db.select({ id: searchDocuments.challengeId }).from(searchDocuments).where(eq(searchDocuments.challengeId, challenges.id)));
  return reindexWhere(ctx, missing, options);
}

async function reindexWhere(ctx: ServiceContext, condition: SQL | undefined, options: ReindexOptions): Promise<number> {
  const batchSize = options.batchSize ?? REINDEX_BATCH_SIZE;
  let after: string | null = null;
  let indexed = 0;
  for (;;) {
    if (options.signal?.aborted) return indexed;
    const cursor: string | null = after;
    const ids: string[] = await inTransaction(ctx, async (tx): Promise<string[]> => {
      const rows: { id: string }[] = await tx
        .select({ id: challenges.id })
        .from(challenges)
        .where(and(cursor ? gt(challenges.id, cursor) : undefined, condition))
        .orderBy(asc(challenges.id))
        .limit(batchSize)
        .for('share', { of: challenges });
      for (const { id } of rows) await reindex(ctx, tx, id);
      return rows.map((r) => r.id);
    });
    indexed += ids.length;
    if (ids.length > 0) options.onProgress?.(indexed);
    if (ids.length < batchSize) return indexed;
    after = ids.at(-1)!;
    // A server indexing behind its open port reads requests between batches.
    await nextTurn();
  }
}

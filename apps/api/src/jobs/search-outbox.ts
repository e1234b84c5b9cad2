import type { Db } from '@challenge/db';
import { drainOutboxBatch, type MeilisearchSync, type OutboxRetry } from '@challenge/search';
import type { Clock } from '../clock';

export const SEARCH_OUTBOX_BATCH_SIZE = 100;

export interface OutboxPass {
  sent: number;
  removed: number;
  /** Rows rescheduled after a failed call (the error is also kept in the row). */
  failed: number;
  errors: string[];
}

/**
 * One pass over the search outbox: batches (one transaction, one `addDocuments` and one
 * `deleteDocuments` call each) until a batch comes back short. A failed batch ends the pass, so an
 * unreachable Meilisearch costs one failed call per tick, not one per row; its rows wait for their
 * backoff (packages/search, meilisearch-outbox.ts).
 */
export async function drainSearchOutbox(
  ctx: { db: Db; clock: Clock }, engine: MeilisearchSync, options: { batchSize?: number; retry?: OutboxRetry } = {},
): Promise<OutboxPass> {
  const batchSize = options.batchSize ?? SEARCH_OUTBOX_BATCH_SIZE;
  const pass: OutboxPass = { sent: 0, removed: 0, failed: 0, errors: [] };
  for (;;) {
    const batch = await drainOutboxBatch(ctx.db, engine, { now: ctx.clock.now(), batchSize, retry: options.retry });
    pass.sent += batch.sent;
    pass.removed += batch.removed;
    pass.failed += batch.failed;
    pass.errors.push(...batch.errors);
    if (batch.failed > 0 || batch.picked < batchSize) return pass;
  }
}

export interface SearchOutboxLoop {
  /** One pass now (applying the index settings first if that has not succeeded yet). */
  drain(): Promise<OutboxPass>;
  stop(): Promise<void>;
}

/**
 * Sends the search outbox to Meilisearch every `intervalMs` (architecture.md "Background work"),
 * like the deadline sweeper: one pass at a time per process, `SKIP LOCKED` between processes.
 * The index settings are applied before the first documents are sent, and again at each tick until
 * that succeeds, so a Meilisearch that is down at start is set up when it comes back. Failures are
 * reported to `onError` and retried, never thrown into the process.
 */
export function startSearchOutbox(
  ctx: { db: Db; clock: Clock },
  engine: MeilisearchSync & { applySettings(): Promise<void> },
  { intervalMs, batchSize, retry, onError }: { intervalMs: number; batchSize?: number; retry?: OutboxRetry; onError: (err: unknown) => void },
): SearchOutboxLoop {
  let settingsApplied = false;
  let running: Promise<OutboxPass> | null = null;
  const drain = () => {
    running ??= (async () => {
      if (!settingsApplied) {
        await engine.applySettings();
        settingsApplied = true;
      }
      return drainSearchOutbox(ctx, engine, { batchSize, retry });
    })().finally(() => { running = null; });
    return running;
  };
  const tick = () => {
    drain().then((pass) => { if (pass.failed > 0) onError(new Error(`search outbox: ${pass.failed} row(s) not sent, retried with backoff: ${pass.errors.join('; ')}`)); }, onError);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // The first pass right away: settings, and whatever queued while the app was down.
  tick();
  return {
    drain,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

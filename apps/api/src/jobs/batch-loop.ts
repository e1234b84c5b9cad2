import { nextTurn } from '../services/event-loop';

export interface BatchLoop {
  /** One pass now: batches until one comes back short. Returns how many items were handled. */
  run(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A background loop over a queue kept in the database (architecture.md "Background work"): every
 * `intervalMs` it calls `batch` until a batch handles fewer than `batchSize` items. A pass never
 * overlaps another in the same process (replicas are kept apart by the batch's SKIP LOCKED); a failed
 * pass is reported to `onError` and retried at the next tick, never thrown into the process.
 */
export function startBatchLoop(
  batch: () => Promise<number>,
  { batchSize, intervalMs, onError }: { batchSize: number; intervalMs: number; onError: (err: unknown) => void },
): BatchLoop {
  let running: Promise<number> | null = null;
  const run = () => {
    running ??= (async () => {
      let total = 0;
      for (;;) {
        const n = await batch();
        total += n;
        if (n < batchSize) return total;
        // A backlog of many batches on PGlite would otherwise keep the server from reading requests.
        await nextTurn();
      }
    })().finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => { run().catch(onError); }, intervalMs);
  timer.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

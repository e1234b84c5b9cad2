import type { ServiceContext } from '../services/context';
import { vacuumAnalyze } from '../services/maintenance/vacuum';
import { startBatchLoop, type BatchLoop } from './batch-loop';

/**
 * The embedded database's housekeeping, which a PostgreSQL server's autovacuum does for itself: a
 * `VACUUM (ANALYZE)` every `intervalMs` (MAINTENANCE_INTERVAL_MS, an hour by default). PGlite answers
 * one statement at a time, so requests wait while it runs; `onDone` hears how long that was.
 */
export function startEmbeddedMaintenance(
  ctx: ServiceContext,
  options: { intervalMs: number; onError: (err: unknown) => void; onDone: (ms: number) => void },
): BatchLoop {
  return startBatchLoop(async () => {
    options.onDone(await vacuumAnalyze(ctx.db));
    return 0;
  }, { batchSize: 1, intervalMs: options.intervalMs, onError: options.onError });
}

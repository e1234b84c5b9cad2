import type { Db } from '@challenge/db';
import { sql } from 'drizzle-orm';

/**
 * `VACUUM (ANALYZE)` of the whole database: reclaims the rows every update leaves dead, merges the
 * full-text index's pending list (which every search otherwise reads unsorted) and gives the planner
 * statistics. A PostgreSQL server's autovacuum does this by itself; the embedded PGlite has no
 * background workers, so without this its tables grow with every update and its planner never sees a
 * row count. VACUUM skips pages that have not changed since the last pass, so a regular pass stays short.
 * Returns how long it took, in milliseconds.
 */
export async function vacuumAnalyze(db: Db): Promise<number> {
  const started = performance.now();
  await db.execute(sql`vacuum (analyze)`);
  return Math.round(performance.now() - started);
}

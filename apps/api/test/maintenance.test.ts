import { challenges, queryRows } from '@challenge/db';
import { count, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startEmbeddedMaintenance } from '../src/jobs/embedded-maintenance';
import { vacuumAnalyze } from '../src/services/maintenance/vacuum';
import { challengeIn, setupTestApp, verifiedEnterprise } from './helpers';

const env = await setupTestApp();
const db = env.database.db;

const statsOf = async (table: string) => {
  const [row] = await queryRows<{ reltuples: number; vacuumed: boolean; analysed: boolean }>(db, sql`
    select c.reltuples::float8 as reltuples, s.last_vacuum is not null as vacuumed, s.last_analyze is not null as analysed
    from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relname = ${table}`);
  return row!;
};

describe('housekeeping of the embedded database', () => {
  it('VACUUM (ANALYZE) gives the planner the row counts it would otherwise never have', async () => {
    const owner = await verifiedEnterprise(env);
    for (const state of ['draft', 'published', 'published'] as const) await challengeIn(env, owner, state);
    const [{ n }] = (await db.select({ n: count() }).from(challenges)) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(3);

    expect(await vacuumAnalyze(db)).toBeGreaterThanOrEqual(0);
    expect(await statsOf('challenges')).toEqual({ reltuples: n, vacuumed: true, analysed: true });
    expect((await statsOf('search_documents')).reltuples).toBe(n);
  });

  it('the loop runs a pass on demand and reports how long it took', async () => {
    const took: number[] = [];
    const errors: unknown[] = [];
    const loop = startEmbeddedMaintenance(env.app.ctx, { intervalMs: 3_600_000, onError: (e) => errors.push(e), onDone: (ms) => took.push(ms) });
    try {
      await loop.run();
      expect(took).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await loop.stop();
    }
  });
});

/**
 * What GET /api/health reports: whether the database answers, which search engine serves queries
 * (and whether Meilisearch answers), and how far each outbox is behind — the events waiting to
 * become notifications, the mails waiting to go out, the search changes waiting for Meilisearch.
 */
import { notificationEvents, queryRows, searchOutbox } from '@challenge/db';
import { isMeilisearchEngine, type MeilisearchEngine } from '@challenge/search';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from './context';
import { outboxLag } from './mail/send-mails';
import { searchEngineOf } from './search/engine';

/** An unreachable PostgreSQL can leave a connection attempt waiting for minutes; a health check answers sooner. */
const DATABASE_TIMEOUT_MS = 2_000;
/** As long as a query waits for Meilisearch before the PostgreSQL engine answers instead. */
const MEILISEARCH_TIMEOUT_MS = 1_500;

const elapsedMs = (started: number) => Math.round((performance.now() - started) * 100) / 100;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function databaseHealth(ctx: ServiceContext, driver: 'pglite' | 'pg') {
  const started = performance.now();
  let ok = true;
  try {
    await withTimeout(ctx.db.execute(sql`select 1`), DATABASE_TIMEOUT_MS, 'the database');
  } catch {
    ok = false;
  }
  return { ok, driver, latencyMs: elapsedMs(started) };
}

/**
 * Meilisearch is asked for one document id of the index: it answers only when it is up and the key
 * is accepted. An error answer (no index yet, a key without the right) still means it is reachable.
 */
async function meilisearchHealth(engine: MeilisearchEngine) {
  const started = performance.now();
  try {
    await withTimeout(engine.documentIds(1).next(), MEILISEARCH_TIMEOUT_MS, 'Meilisearch');
    return { reachable: true, latencyMs: elapsedMs(started) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { reachable: e.name === 'MeilisearchApiError', latencyMs: elapsedMs(started), error: e.message.slice(0, 300) };
  }
}

export async function searchHealth(ctx: ServiceContext) {
  const engine = searchEngineOf(ctx);
  const [row] = await queryRows<{ pending: number; failing: number; oldest: number | null }>(ctx.db, sql`
    select count(*)::int as pending, count(*) filter (where attempts > 0)::int as failing,
           extract(epoch from now() - min(changed_at))::int as oldest
    from ${searchOutbox}`);
  return {
    engine: engine.name,
    ...(isMeilisearchEngine(engine) ? { meilisearch: await meilisearchHealth(engine) } : {}),
    // changed_at is the database's time, so the age is too.
    outboxPending: Number(row?.pending ?? 0), outboxFailing: Number(row?.failing ?? 0),
    outboxOldestSeconds: row?.oldest === null || row?.oldest === undefined ? null : Math.max(0, Number(row.oldest)),
  };
}

/** The notification and e-mail outboxes; events carry the clock's time, so their age is by the clock. */
export async function outboxHealth(ctx: ServiceContext) {
  const [events] = await queryRows<{ oldest: Date | string | null }>(ctx.db, sql`
    select min(created_at) as oldest from ${notificationEvents} where processed_at is null`);
  const oldest = events?.oldest ? new Date(events.oldest).getTime() : null;
  return {
    ...(await outboxLag(ctx)),
    eventsOldestSeconds: oldest === null ? null : Math.max(0, Math.round((ctx.clock.now().getTime() - oldest) / 1000)),
  };
}

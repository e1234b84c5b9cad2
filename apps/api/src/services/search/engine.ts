import type { Db } from '@challenge/db';
import { createMeilisearchEngine, createPostgresSearchEngine, reindexChallenge, type SearchEngine } from '@challenge/search';
import type { ServiceContext } from '../context';

/**
 * The one place that decides which search engine the app uses (architecture.md "Search"): the
 * PostgreSQL engine inside the product's own database, or — with MEILI_URL — Meilisearch, which keeps
 * the PostgreSQL index current too and falls back to it whenever Meilisearch cannot answer. Nothing
 * else names an engine.
 */
export function createSearchEngine(options: { meilisearch?: { url: string; apiKey?: string } } = {}): SearchEngine {
  const postgres = createPostgresSearchEngine();
  if (!options.meilisearch) return postgres;
  return createMeilisearchEngine({
    ...options.meilisearch,
    fallback: postgres,
    onFallback: (err) => console.warn('search: Meilisearch did not answer; the PostgreSQL engine did', err instanceof Error ? err.message : err),
  });
}

let fallback: SearchEngine | undefined;

/** The context's engine; a context built by hand without one gets one default engine per process. */
export function searchEngineOf(ctx: Pick<ServiceContext, 'search'>): SearchEngine {
  return ctx.search ?? (fallback ??= createSearchEngine());
}

/**
 * What every use case that writes a challenge, its indicators or its state calls, inside its own
 * transaction: the search index follows the row, so a search right after the commit sees the change
 * (and a rolled-back write leaves the index as it was).
 */
export const reindex = (ctx: Pick<ServiceContext, 'search'>, tx: Db, challengeId: string): Promise<void> =>
  reindexChallenge(tx, searchEngineOf(ctx), challengeId);

import type { Db } from '@challenge/db';
import { Meilisearch, MeilisearchApiError, MeilisearchError, type MultiSearchResult } from 'meilisearch';
import { TextAnalyzer } from './analyzer';
import type { SearchDocument } from './document';
import type { SearchEngine, SearchQuery, SearchResult } from './engine';
import { meilisearchSettings, toMeilisearchDocument } from './meilisearch-document';
import { enqueueSearchSync } from './meilisearch-outbox';
import { meilisearchResult, meilisearchText, planMeilisearchQuery } from './meilisearch-query';

export interface MeilisearchEngineOptions {
  /** MEILI_URL. */
  url: string;
  /** MEILI_MASTER_KEY (or a key with search, documents and settings rights on the index). */
  apiKey?: string;
  /**
   * The PostgreSQL engine: it keeps its own index current on every write (it is what queries fall
   * back to, and what the two engines are compared on) and answers when Meilisearch cannot.
   */
  fallback: SearchEngine;
  /** Default `challenges`. */
  indexUid?: string;
  /** A query waits this long for Meilisearch before the fallback answers. Default 1,500 ms. */
  queryTimeoutMs?: number;
  /** Sending documents and settings (the outbox loop, reindex) waits this long. Default 10 s. */
  writeTimeoutMs?: number;
  /**
   * After a failed query, queries go straight to the fallback for this long, so an outage costs one
   * timeout, not one per query. Default 10 s; 0 turns it off.
   */
  pauseAfterFailureMs?: number;
  /** Milliseconds now, for the pause only (no result depends on it). */
  now?: () => number;
  /** Told each time the fallback answers because Meilisearch failed (log it). */
  onFallback?: (error: unknown) => void;
}

/** What the outbox loop and reindex need from the engine (tests substitute it). */
export interface MeilisearchSync {
  /** One `addDocuments` call (replace by id); resolves when Meilisearch has enqueued it. */
  sendDocuments(docs: readonly SearchDocument[]): Promise<void>;
  /** One `deleteDocuments` call. */
  deleteDocuments(ids: readonly string[]): Promise<void>;
}

export interface MeilisearchEngine extends SearchEngine, MeilisearchSync {
  readonly name: 'meilisearch';
  readonly indexUid: string;
  readonly fallback: SearchEngine;
  /**
   * Creates the index (primary key `id`) if it is missing and sends the settings: searchable,
   * filterable and sortable attributes, ranking rules, synonyms. Meilisearch applies them as tasks,
   * in order, before documents sent later.
   */
  applySettings(): Promise<void>;
  /** The ids of every document in the index, a page at a time (for reindex: documents to remove). */
  documentIds(pageSize?: number): AsyncGenerator<string[]>;
}

/**
 * The Meilisearch engine (architecture.md "Search"), used when MEILI_URL is set.
 *
 * Writes never call Meilisearch: `index` and `remove` update the PostgreSQL engine's index and write
 * an outbox row, both in the caller's transaction; the background loop (`drainOutboxBatch`) sends
 * the documents. So writes succeed while Meilisearch is down, and it catches up afterwards.
 *
 * Queries go to Meilisearch; when it fails (unreachable, timed out, or an error answer) the fallback
 * answers, and the result says so (`engine: 'postgres'`).
 */
export function createMeilisearchEngine(options: MeilisearchEngineOptions): MeilisearchEngine {
  const indexUid = options.indexUid ?? 'challenges';
  const { fallback } = options;
  const reader = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.queryTimeoutMs ?? 1500 });
  const writer = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.writeTimeoutMs ?? 10_000 });
  const pauseMs = options.pauseAfterFailureMs ?? 10_000;
  const now = options.now ?? Date.now;
  let pausedUntil = Number.NEGATIVE_INFINITY;

  async function search(q: SearchQuery): Promise<SearchResult> {
    const analyzer = TextAnalyzer.shared();
    const raw = q.text?.trim() ?? '';
    const text = raw ? meilisearchText(analyzer, raw, !!q.typing) : null;
    const plan = planMeilisearchQuery(analyzer, q, { indexUid, text });
    if (!plan) return emptyResult(q, text ? 'all' : 'none');
    const send = async (p: NonNullable<typeof plan>) => {
      const response = await reader.multiSearch<{ queries: typeof p.queries }, Record<string, unknown>>({ queries: p.queries });
      return meilisearchResult(analyzer, p, q, response.results as MultiSearchResult<Record<string, unknown>>[]);
    };
    const result = await send(plan);
    // Nothing matched every word: as the PostgreSQL engine does, show what matches some of them.
    if (result.total === 0 && text && text.words > 1) {
      return send(planMeilisearchQuery(analyzer, q, { indexUid, text, matching: 'last' })!);
    }
    return result;
  }

  return {
    name: 'meilisearch',
    indexUid,
    fallback,

    async index(db: Db, doc: SearchDocument) {
      await fallback.index(db, doc);
      await enqueueSearchSync(db, doc.id, 'upsert');
    },

    async remove(db: Db, challengeId: string) {
      await fallback.remove(db, challengeId);
      await enqueueSearchSync(db, challengeId, 'remove');
    },

    async query(db: Db, q: SearchQuery) {
      if (now() < pausedUntil) return fallback.query(db, q);
      try {
        return await search(q);
      } catch (error) {
        // Only Meilisearch's failures fall back; a bug of ours (or a refused filter value) surfaces.
        if (!(error instanceof MeilisearchError)) throw error;
        if (pauseMs > 0) pausedUntil = now() + pauseMs;
        options.onFallback?.(error);
        return fallback.query(db, q);
      }
    },

    async applySettings() {
      try {
        await writer.getRawIndex(indexUid);
      } catch (error) {
        if (!(error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found')) throw error;
        await writer.createIndex(indexUid, { primaryKey: 'id' });
      }
      await writer.index(indexUid).updateSettings(meilisearchSettings(TextAnalyzer.shared()));
    },

    async sendDocuments(docs) {
      if (docs.length === 0) return;
      const analyzer = TextAnalyzer.shared();
      await writer.index(indexUid).addDocuments(docs.map((d) => toMeilisearchDocument(analyzer, d)));
    },

    async deleteDocuments(ids) {
      if (ids.length === 0) return;
      await writer.index(indexUid).deleteDocuments([...ids]);
    },

    async *documentIds(pageSize = 1000) {
      for (let offset = 0; ; offset += pageSize) {
        const page = await writer.index(indexUid).getDocuments<{ id: string }>({ fields: ['id'], limit: pageSize, offset });
        const ids = page.results.map((d) => String(d.id));
        if (ids.length > 0) yield ids;
        if (ids.length < pageSize) return;
      }
    },
  };
}

function emptyResult(q: SearchQuery, match: SearchResult['match']): SearchResult {
  return {
    items: [], total: 0, page: Math.max(1, Math.floor(q.page)), pageSize: Math.max(1, Math.floor(q.pageSize)),
    facets: { industry: {}, category: {}, status: {} }, countsExact: true, match, corrections: [], engine: 'meilisearch',
  };
}

/** For the wiring: the loop and reindex need the Meilisearch engine, not any engine. */
export const isMeilisearchEngine = (engine: SearchEngine): engine is MeilisearchEngine => engine.name === 'meilisearch' && 'applySettings' in engine;

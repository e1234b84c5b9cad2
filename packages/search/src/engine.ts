import type { Db } from '@challenge/db';
import type { ChallengeCategory, ChallengeIndustry, ChallengeState } from '@challenge/domain';
import type { SearchDocument } from './document';
import type { Highlight } from './highlight';
import type { Correction } from './query';

/**
 * Who is searching, as far as search needs to know (product.md, access.ts in the API): which
 * challenges' details (indicators, description, eligibility) this reader may see. For a restricted
 * challenge outside these, the query matches and snippets come from the public fields only.
 */
export interface SearchReader {
  /** The bureau: every challenge's details; with `scope: 'all'`, challenges in every state. */
  seesEverything: boolean;
  /** The reader's organisation: its own challenges' details; with `scope: 'mine'`, its drafts too. */
  organizationId: string | null;
  /**
   * Restricted challenges whose details this reader may see: a signed-in solver of a verified
   * organisation who accepted that challenge's terms version. Public challenges need no entry.
   */
  detailChallengeIds: readonly string[];
}

export const ANONYMOUS_READER: SearchReader = { seesEverything: false, organizationId: null, detailChallengeIds: [] };

export interface SearchFilters {
  industry?: readonly ChallengeIndustry[];
  category?: readonly ChallengeCategory[];
  /**
   * States as readers mean them: a `published` challenge whose deadline has passed (at `now`) is
   * `closed`, whether or not the deadline sweeper has recorded it yet.
   */
  status?: readonly ChallengeState[];
  /** Bounty in fen, both ends inclusive. */
  bountyFen?: { min?: number; max?: number };
  /** Deadline in `[from, before)`. */
  deadline?: { from?: Date; before?: Date };
}

export type SearchSort = 'relevance' | 'newest' | 'deadline' | 'bounty';

/**
 * Which challenges a query looks at:
 * - `published`: those published at some point (published, closed and every later state) — the public list;
 * - `mine`: the reader's organisation's challenges in every state (none for a reader without one);
 * - `all`: every challenge in every state, for the bureau only (`seesEverything`); for anyone else it reads as `published`.
 */
export type SearchScope = 'published' | 'mine' | 'all';

export interface SearchQuery {
  /** What the user typed; empty or absent lists by filters alone. */
  text?: string;
  /** The user is still typing: the last word also matches as a prefix (焊 → 焊接, contin → continuous). */
  typing?: boolean;
  filters?: SearchFilters;
  /** Default: `relevance` with text, `newest` without. */
  sort?: SearchSort;
  scope?: SearchScope;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** The transaction's clock: decides which published challenges read as closed. */
  now: Date;
  reader: SearchReader;
}

export interface SearchHit {
  id: string;
  /** Relevance score when sorted by relevance (comparable within one result only). */
  score?: number;
  /** Snippets from fields the reader may see; empty without query text. */
  highlights: Highlight[];
}

export type FacetCounts<K extends string> = Partial<Record<K, number>>;

export interface SearchResult {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  /** Counts over everything the query matches (all filters applied), per value; values with none are absent. */
  facets: {
    industry: FacetCounts<ChallengeIndustry>;
    category: FacetCounts<ChallengeCategory>;
    status: FacetCounts<ChallengeState>;
  };
  /**
   * False when `total` and the facet counts are estimates, scaled from a sample of the matches (a
   * broad query on a large corpus): show them as approximate ("about 12,300").
   */
  countsExact: boolean;
  /**
   * How the text matched: `all` every term; `corrected` after typo correction found nothing else;
   * `any` some of the terms (nothing matched all of them); `none` no text was given.
   */
  match: 'all' | 'corrected' | 'any' | 'none';
  /** 同音字 typos read as domain words (shown as "including results for …"). */
  corrections: Correction[];
  engine: 'postgres' | 'meilisearch';
}

/**
 * One search engine (architecture.md "Search"). `index` and `remove` take the caller's transaction,
 * so the index changes with the challenge or not at all (the Meilisearch engine writes an outbox row
 * there instead). `query` takes a database handle too: the PostgreSQL engine runs in it, and the
 * Meilisearch engine falls back to the PostgreSQL engine through it.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  index(db: Db, doc: SearchDocument): Promise<void>;
  remove(db: Db, challengeId: string): Promise<void>;
  query(db: Db, query: SearchQuery): Promise<SearchResult>;
}

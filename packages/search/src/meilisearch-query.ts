import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES } from '@challenge/domain';
import type { Hit, MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import type { TextAnalyzer } from './analyzer';
import type { FieldTexts, LocalizedText, SearchField } from './document';
import type { FacetCounts, SearchHit, SearchQuery, SearchResult, SearchSort } from './engine';
import { highlight, type MatchLexemes } from './highlight';
import {
  MEILI_DETAIL_TEXTS, MEILI_LOCALES, MEILI_MAX_TOTAL_HITS, MEILI_PUBLIC_ATTRIBUTES, MEILI_PUBLIC_TEXTS,
} from './meilisearch-document';
import { detailFilter, mayReadDetails, meilisearchFilter, pastDeadlineClauses, publicOnlyFilter } from './meilisearch-filter';
import { normalizeText } from './normalize';
import { parseQuery, queryLexemes, type Correction } from './query';

/** Meilisearch reads at most 10 words of a query; the PostgreSQL engine keeps 12 terms. */
const MAX_WORDS = 10;
const MAX_QUERY_LENGTH = 200;
const SNIPPET_FIELDS_ALL: readonly SearchField[] = ['title', 'indicators', 'summary', 'description', 'eligibility'];
const SNIPPET_FIELDS_PUBLIC: readonly SearchField[] = ['title', 'summary'];
const FACETS = ['industry', 'category', 'state'];
const SORT_KEYS = ['id', 'visibility', 'ownerOrganizationId', 'bounty', 'deadline', 'publishedAt', 'createdAt'];

export interface MeilisearchText {
  /** What is sent as `q`: our segmenter's lexemes joined by spaces. */
  q: string;
  words: number;
  /** What snippets mark (the PostgreSQL engine's query analysis: synonyms, sub-words, corrections, prefix). */
  lexemes: MatchLexemes;
  corrections: Correction[];
}

/**
 * The query text as Meilisearch gets it: segmented by our segmenter, like the documents' `*Terms`
 * attributes, 同音字 typos replaced by the domain word they sound like (reported as corrections),
 * and a trailing space unless the user is still typing, so that only then is the last word a
 * prefix (milli reads the last token as a prefix only when nothing follows it). Only letters,
 * digits, Chinese characters and decimal points survive segmentation, so nothing the user types
 * reaches Meilisearch's query syntax (`"phrase"`, `-word`). Null when no word is left.
 */
export function meilisearchText(analyzer: TextAnalyzer, text: string, typing: boolean): MeilisearchText | null {
  const input = text.slice(0, MAX_QUERY_LENGTH);
  const parsed = parseQuery(analyzer, input, { prefix: typing });
  if (parsed.terms.length === 0) return null;
  let norm = normalizeText(input);
  const replaced = new Set<string>();
  for (const c of parsed.corrections) {
    if (replaced.has(c.from)) continue;
    replaced.add(c.from);
    norm = norm.replace(c.from, c.to);
  }
  const words = analyzer.segmenter.words(norm).slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const stillTyping = typing && /[\p{L}\p{N}]$/u.test(input);
  const tokens = words.map((w, i) => (stillTyping && i === words.length - 1 ? w.text : w.lexeme));
  return { q: tokens.join(' ') + (stillTyping ? '' : ' '), words: words.length, lexemes: queryLexemes(parsed.terms), corrections: parsed.corrections };
}

/** Which part of a query a request answers: `full` matches every field, `public` the public fields only. */
export type PartKind = 'full' | 'public';

export interface MeilisearchPlan {
  /** The multi-search body's queries: per part its page (`main`) and, for the status facet, its published-past-deadline count. */
  queries: MultiSearchQuery[];
  parts: PartKind[];
  text: MeilisearchText | null;
  sort: SearchSort;
  page: number;
  pageSize: number;
  offset: number;
  matching: 'all' | 'last';
}

const SORTS: Record<Exclude<SearchSort, 'relevance'>, string[]> = {
  newest: ['publishedAt:desc', 'createdAt:desc'],
  deadline: ['deadline:asc'],
  bounty: ['bounty:desc'],
};

/**
 * The Meilisearch requests for a query; null when its scope matches nothing.
 *
 * Restricted challenges: with text, a reader who is not the bureau gets two parts, sent in one
 * multi-search request:
 * - `full`: every searchable attribute, filtered to the challenges whose details the reader may see;
 * - `public`: `attributesToSearchOn` the public attributes only, filtered to the restricted
 *   challenges the reader may not read in detail, retrieving only their public texts.
 * The filters are complements, so no challenge is in both, and totals and facet counts add up.
 */
export function planMeilisearchQuery(
  analyzer: TextAnalyzer, q: SearchQuery, options: { indexUid: string; matching?: 'all' | 'last'; text?: MeilisearchText | null },
): MeilisearchPlan | null {
  const base = meilisearchFilter(q);
  if (base === null) return null;
  const pageSize = Math.max(1, Math.floor(q.pageSize));
  const page = Math.max(1, Math.floor(q.page));
  const offset = (page - 1) * pageSize;
  const raw = q.text?.trim() ?? '';
  const text = options.text !== undefined ? options.text : raw ? meilisearchText(analyzer, raw, !!q.typing) : null;
  const sort: SearchSort = q.sort ?? (text ? 'relevance' : 'newest');
  const effectiveSort = sort === 'relevance' && !text ? 'newest' : sort;
  const matching = options.matching ?? 'all';
  const nowMs = q.now.getTime();

  const parts: { kind: PartKind; filter: string[]; searchOn?: string[]; texts: readonly string[] }[] = [];
  const detail = detailFilter(q.reader);
  const split = text !== null && detail !== null && (q.scope ?? 'published') !== 'mine';
  if (split) {
    parts.push({ kind: 'full', filter: [...base, detail], texts: [...MEILI_PUBLIC_TEXTS, ...MEILI_DETAIL_TEXTS] });
    parts.push({ kind: 'public', filter: [...base, publicOnlyFilter(q.reader)], searchOn: [...MEILI_PUBLIC_ATTRIBUTES], texts: MEILI_PUBLIC_TEXTS });
  } else {
    parts.push({ kind: 'full', filter: base, texts: text ? [...MEILI_PUBLIC_TEXTS, ...MEILI_DETAIL_TEXTS] : [] });
  }

  const limit = Math.min(offset + pageSize, MEILI_MAX_TOTAL_HITS);
  const queries: MultiSearchQuery[] = [];
  for (const part of parts) {
    const matchOn: Partial<MultiSearchQuery> = text
      ? { q: text.q, matchingStrategy: matching, locales: MEILI_LOCALES, ...(part.searchOn ? { attributesToSearchOn: part.searchOn } : {}) }
      : {};
    queries.push({
      indexUid: options.indexUid,
      ...matchOn,
      filter: part.filter,
      facets: FACETS,
      ...(effectiveSort === 'relevance' ? { showRankingScore: true } : { sort: SORTS[effectiveSort] }),
      attributesToRetrieve: [...SORT_KEYS, ...part.texts],
      page: 1,
      hitsPerPage: limit,
    });
    queries.push({ indexUid: options.indexUid, ...matchOn, filter: [...part.filter, ...pastDeadlineClauses(nowMs)], page: 1, hitsPerPage: 0 });
  }
  return { queries, parts: parts.map((p) => p.kind), text, sort: effectiveSort, page, pageSize, offset, matching };
}

interface Candidate {
  hit: Hit;
  part: PartKind;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Larger first, missing last. */
const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
/** Smaller first, missing last. */
const asc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

function comparator(sort: SearchSort): (a: Hit, b: Hit) => number {
  if (sort === 'relevance') return (a, b) => desc(num(a._rankingScore), num(b._rankingScore)) || desc(num(a.publishedAt), num(b.publishedAt));
  if (sort === 'deadline') return (a, b) => asc(num(a.deadline), num(b.deadline));
  if (sort === 'bounty') return (a, b) => desc(num(a.bounty), num(b.bounty));
  return (a, b) => desc(num(a.publishedAt), num(b.publishedAt)) || desc(num(a.createdAt), num(b.createdAt));
}

/**
 * Merges the parts' hit lists, each already in Meilisearch's order, by the sort key: a two-way
 * merge that keeps each list's own order (ties go to the first part). The first n merged hits
 * depend only on the first n of each list, so pages fetched separately neither overlap nor skip.
 */
function mergeLists(lists: Candidate[][], compare: (a: Hit, b: Hit) => number): Candidate[] {
  const out: Candidate[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const c = lists[i]![at[i]!];
      if (c && (best < 0 || compare(c.hit, lists[best]![at[best]!]!.hit) < 0)) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!]!);
    at[best]!++;
  }
}

function addCounts<K extends string>(into: FacetCounts<K>, from: Record<string, number> | undefined, allowed: readonly K[]): void {
  for (const [value, n] of Object.entries(from ?? {})) {
    if (!(allowed as readonly string[]).includes(value) || typeof n !== 'number' || n <= 0) continue;
    into[value as K] = (into[value as K] ?? 0) + n;
  }
}

const localized = (v: unknown): LocalizedText | undefined => {
  if (!v || typeof v !== 'object') return undefined;
  const t = v as Record<string, unknown>;
  return { zh: typeof t.zh === 'string' ? t.zh : null, en: typeof t.en === 'string' ? t.en : null };
};

/**
 * Snippets from the raw texts of the fields this reader may see. A hit of the `public` part never
 * had its detail texts retrieved; a hit of the `full` part is checked again here, so a detail
 * field is read only for a reader entitled to it, whatever came back.
 */
function withHighlights(analyzer: TextAnalyzer, c: Candidate, q: SearchQuery, lexemes: MatchLexemes | null): SearchHit['highlights'] {
  if (!lexemes) return [];
  const hit = c.hit;
  const details = c.part === 'full' && mayReadDetails(q.reader, { id: str(hit.id), visibility: str(hit.visibility), ownerOrganizationId: str(hit.ownerOrganizationId) });
  const texts: FieldTexts<SearchField> = {};
  for (const field of details ? SNIPPET_FIELDS_ALL : SNIPPET_FIELDS_PUBLIC) {
    const t = localized(hit[field]);
    if (t) texts[field] = t;
  }
  return highlight(analyzer, texts, details ? SNIPPET_FIELDS_ALL : SNIPPET_FIELDS_PUBLIC, lexemes);
}

/** The search result for a plan from the multi-search response (results in the order of `plan.queries`). */
export function meilisearchResult(analyzer: TextAnalyzer, plan: MeilisearchPlan, q: SearchQuery, results: readonly MultiSearchResult<Record<string, unknown>>[]): SearchResult {
  const industry: FacetCounts<(typeof CHALLENGE_INDUSTRIES)[number]> = {};
  const category: FacetCounts<(typeof CHALLENGE_CATEGORIES)[number]> = {};
  const status: FacetCounts<(typeof CHALLENGE_STATES)[number]> = {};
  let total = 0;
  let pastDeadline = 0;
  const lists: Candidate[][] = [];
  plan.parts.forEach((part, i) => {
    const main = results[2 * i];
    const past = results[2 * i + 1];
    if (!main || !past) throw new Error('Meilisearch answered fewer results than queries were sent');
    total += main.totalHits ?? main.estimatedTotalHits ?? 0;
    pastDeadline += past.totalHits ?? past.estimatedTotalHits ?? 0;
    addCounts(industry, main.facetDistribution?.industry, CHALLENGE_INDUSTRIES);
    addCounts(category, main.facetDistribution?.category, CHALLENGE_CATEGORIES);
    addCounts(status, main.facetDistribution?.state, CHALLENGE_STATES);
    lists.push(main.hits.map((hit) => ({ hit, part })));
  });
  // Status as readers mean it: published past the deadline counts as closed.
  if (pastDeadline > 0) {
    const published = Math.max(0, (status.published ?? 0) - pastDeadline);
    if (published > 0) status.published = published;
    else delete status.published;
    status.closed = (status.closed ?? 0) + pastDeadline;
  }

  const merged = mergeLists(lists, comparator(plan.sort)).slice(plan.offset, plan.offset + plan.pageSize);
  const lexemes = plan.text?.lexemes ?? null;
  const items: SearchHit[] = merged.map((c) => {
    const score = plan.sort === 'relevance' ? num(c.hit._rankingScore) : null;
    return { id: str(c.hit.id), ...(score !== null ? { score } : {}), highlights: withHighlights(analyzer, c, q, lexemes) };
  });
  return {
    items,
    total,
    page: plan.page,
    pageSize: plan.pageSize,
    facets: { industry, category, status },
    // Meilisearch counts every match, up to `maxTotalHits`.
    countsExact: total < MEILI_MAX_TOTAL_HITS,
    match: !plan.text ? 'none' : plan.matching === 'last' ? 'any' : 'all',
    corrections: plan.text?.corrections ?? [],
    engine: 'meilisearch',
  };
}

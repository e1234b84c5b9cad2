import { queryRows, searchDocuments, searchDocumentTexts, type Db } from '@challenge/db';
import type { ChallengeCategory, ChallengeIndustry, ChallengeState } from '@challenge/domain';
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { TextAnalyzer } from './analyzer';
import { buildIndexRow, DETAIL_FIELDS, type FieldTexts, type SearchDocument, type SearchField } from './document';
import type { FacetCounts, SearchEngine, SearchHit, SearchQuery, SearchReader, SearchResult } from './engine';
import { highlight } from './highlight';
import { parseQuery, queryLexemes, toTsquery, withSpellings, type Correction, type QueryTerm } from './query';

export interface PostgresSearchOptions {
  /**
   * Relevance ranks at most this many matches, taken newest first; matches beyond them follow,
   * newest first. search-measurements.md: ranking every match of a broad query does not fit the
   * latency budget (10–20 µs per row), ranking the first 1,000 does.
   */
  rankCandidates?: number;
  /** Facet counts come from at most this many matches; beyond that they are scaled estimates (`facetsExact: false`). */
  facetSample?: number;
  /** Least pg_trgm similarity for a title word to count as the intended spelling of a typo. */
  typoSimilarity?: number;
}

const WEIGHTS = '{0.1, 0.2, 0.4, 1.0}'; // D, C, B, A: title above indicators above summary above description
const SNIPPET_FIELDS_ALL: readonly SearchField[] = ['title', 'indicators', 'summary', 'description', 'eligibility'];
const SNIPPET_FIELDS_PUBLIC: readonly SearchField[] = ['title', 'summary'];
const WORD_SIMILARITY_THRESHOLD = 0.5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const d = searchDocuments;

/**
 * The default engine: search inside the product's database (PGlite or PostgreSQL alike), in the
 * caller's transaction. Text is segmented in the application (segmenter.ts), stored as `simple`
 * tsvectors built as text, and queried with a tsquery built from the same segmentation.
 */
export function createPostgresSearchEngine(options: PostgresSearchOptions = {}): SearchEngine {
  const rankCandidates = options.rankCandidates ?? 1000;
  const facetSample = options.facetSample ?? 5000;
  const typoSimilarity = options.typoSimilarity ?? 0.4;

  return {
    name: 'postgres',

    async index(db, doc) {
      const row = buildIndexRow(TextAnalyzer.shared(), doc);
      const values = {
        ownerOrganizationId: doc.ownerOrganizationId,
        state: doc.state,
        visibility: doc.visibility,
        industry: doc.industry,
        category: doc.category,
        bountyFen: doc.bountyFen,
        deadline: doc.deadline,
        publishedAt: doc.publishedAt,
        createdAt: doc.createdAt,
        publicVector: row.publicVector,
        fullVector: row.fullVector,
        titleWords: row.titleWords,
      };
      await db.insert(d).values({ challengeId: doc.id, ...values }).onConflictDoUpdate({ target: d.challengeId, set: values });
      const texts = { publicTexts: row.publicTexts, detailTexts: row.detailTexts };
      await db
        .insert(searchDocumentTexts)
        .values({ challengeId: doc.id, ...texts })
        .onConflictDoUpdate({ target: searchDocumentTexts.challengeId, set: texts });
    },

    async remove(db, challengeId) {
      await db.delete(d).where(eq(d.challengeId, challengeId));
    },

    async query(db, q) {
      const analyzer = TextAnalyzer.shared();
      const scope = scopeCondition(q);
      const base = and(scope, ...filterConditions(q))!;
      const pageSize = Math.max(1, Math.floor(q.pageSize));
      const page = Math.max(1, Math.floor(q.page));
      const offset = (page - 1) * pageSize;
      const allowed = allowedCondition(q.reader);
      const empty = (match: SearchResult['match'], corrections: Correction[]): SearchResult => ({
        items: [], total: 0, page, pageSize, facets: { industry: {}, category: {}, status: {} }, facetsExact: true, match, corrections, engine: 'postgres',
      });

      const text = q.text?.trim() ?? '';
      const parsed = text ? parseQuery(analyzer, q.text!, { prefix: !!q.typing }) : null;
      if (!parsed || parsed.terms.length === 0) {
        const counts = await facetCounts(db, base, q.now, facetSample);
        const ids = await orderedIds(db, base, q.sort === 'relevance' || !q.sort ? 'newest' : q.sort, pageSize, offset);
        return { ...counts, items: ids.map((id) => ({ id, highlights: [] })), page, pageSize, match: 'none', corrections: [], engine: 'postgres' };
      }

      // Every term; then, if nothing matched, with typo spellings; then any of the terms.
      let terms: QueryTerm[] = parsed.terms;
      let match: SearchResult['match'] = 'all';
      const corrections = [...parsed.corrections];
      let where = and(base, textCondition(toTsquery(terms, 'all'), allowed))!;
      let counts = await facetCounts(db, where, q.now, facetSample);
      if (counts.total === 0) {
        const spellings = await findSpellings(db, terms, scope, typoSimilarity);
        if (spellings.size > 0) {
          terms = withSpellings(terms, spellings);
          where = and(base, textCondition(toTsquery(terms, 'all'), allowed))!;
          counts = await facetCounts(db, where, q.now, facetSample);
          match = 'corrected';
          for (const t of parsed.terms) {
            if (t.typoKey && /^[a-z]+$/.test(t.text)) corrections.push(...(spellings.get(t.typoKey) ?? []).map((to) => ({ from: t.text, to })));
          }
        }
        if (counts.total === 0 && terms.length > 1) {
          where = and(base, textCondition(toTsquery(terms, 'any'), allowed))!;
          counts = await facetCounts(db, where, q.now, facetSample);
          match = 'any';
        }
        if (counts.total === 0) return empty(match, corrections);
      }

      const tsquery = toTsquery(terms, match === 'any' ? 'any' : 'all');
      const sort = q.sort ?? 'relevance';
      let hits: { id: string; score?: number }[];
      if (sort === 'relevance') {
        hits = await rankedPage(db, where, allowed, tsquery, rankCandidates, pageSize, offset);
        if (hits.length < pageSize && counts.total > rankCandidates && offset + pageSize > rankCandidates) {
          // Past the ranked candidates: the remaining matches, newest first.
          const rest = await orderedIds(db, where, 'newest', pageSize - hits.length, rankCandidates + Math.max(0, offset - rankCandidates));
          hits = [...hits, ...rest.map((id) => ({ id }))];
        }
      } else {
        hits = (await orderedIds(db, where, sort, pageSize, offset)).map((id) => ({ id }));
      }

      const items = await withHighlights(db, analyzer, hits, allowed, queryLexemes(terms));
      return { ...counts, items, page, pageSize, match, corrections, engine: 'postgres' };
    },
  };
}

/** Which challenges the query looks at at all (`SearchScope`). */
function scopeCondition(q: SearchQuery): SQL {
  const scope = q.scope ?? 'published';
  if (scope === 'mine') return q.reader.organizationId ? eq(d.ownerOrganizationId, q.reader.organizationId) : sql`false`;
  if (scope === 'all' && q.reader.seesEverything) return sql`true`;
  return isNotNull(d.publishedAt);
}

/** The challenges whose details this reader may see (and be matched on). */
function allowedCondition(reader: SearchReader): SQL {
  if (reader.seesEverything) return sql`true`;
  const parts: SQL[] = [eq(d.visibility, 'public')];
  if (reader.organizationId) parts.push(eq(d.ownerOrganizationId, reader.organizationId));
  const ids = reader.detailChallengeIds.filter((id) => UUID.test(id));
  if (ids.length > 0) parts.push(inArray(d.challengeId, ids));
  return or(...parts)!;
}

/**
 * A match on everything for readers entitled to the details (and for public challenges), on the
 * public fields only otherwise. Both halves use a GIN index (the second a partial one).
 */
function textCondition(tsquery: string, allowed: SQL): SQL {
  return sql`((${d.fullVector} @@ ${tsquery}::tsquery and (${allowed})) or (${d.visibility} = 'restricted' and ${d.publicVector} @@ ${tsquery}::tsquery))`;
}

function filterConditions(q: SearchQuery): SQL[] {
  const f = q.filters ?? {};
  const out: SQL[] = [];
  if (f.industry?.length) out.push(inArray(d.industry, [...f.industry]));
  if (f.category?.length) out.push(inArray(d.category, [...f.category]));
  if (f.status?.length) out.push(or(...f.status.map((s) => statusCondition(s, q.now)))!);
  if (f.bountyFen?.min !== undefined) out.push(gte(d.bountyFen, f.bountyFen.min));
  if (f.bountyFen?.max !== undefined) out.push(lte(d.bountyFen, f.bountyFen.max));
  if (f.deadline?.from) out.push(gte(d.deadline, f.deadline.from));
  if (f.deadline?.before) out.push(lt(d.deadline, f.deadline.before));
  return out;
}

/** product.md: a published challenge whose deadline has passed reads as closed. */
function statusCondition(status: ChallengeState, now: Date): SQL {
  if (status === 'published') return and(eq(d.state, 'published'), or(isNull(d.deadline), gt(d.deadline, now)))!;
  if (status === 'closed') return or(eq(d.state, 'closed'), and(eq(d.state, 'published'), lte(d.deadline, now)))!;
  return eq(d.state, status);
}

const effectiveStatus = (now: Date) =>
  sql`case when ${d.state} = 'published' and ${d.deadline} <= ${now.toISOString()}::timestamptz then 'closed' else ${d.state}::text end`;

interface Counts {
  total: number;
  facets: SearchResult['facets'];
  facetsExact: boolean;
}

/**
 * Total and facet counts in one pass over at most `sample + 1` matches. When there are more, the
 * total is counted exactly and the facet counts are scaled from the sample (and flagged).
 */
async function facetCounts(db: Db, where: SQL, now: Date, sample: number): Promise<Counts> {
  const rows = await queryRows<{ industry: string | null; category: string | null; status: string | null; g: number; n: number }>(
    db,
    sql`select s.industry, s.category, s.status, grouping(s.industry, s.category, s.status)::int as g, count(*)::int as n
        from (select ${d.industry}::text as industry, ${d.category}::text as category, ${effectiveStatus(now)} as status
              from ${d} where ${where} limit ${sample + 1}) s
        group by grouping sets ((s.industry), (s.category), (s.status), ())`,
  );
  const sampled = rows.find((r) => Number(r.g) === 7)?.n ?? 0;
  let total = Number(sampled);
  const exact = total <= sample;
  if (!exact) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${d} where ${where}`);
    total = Number(row?.n ?? 0);
  }
  const scale = (n: number) => (exact ? Number(n) : Math.round((Number(n) * total) / Number(sampled)));
  const industry: FacetCounts<ChallengeIndustry> = {};
  const category: FacetCounts<ChallengeCategory> = {};
  const status: FacetCounts<ChallengeState> = {};
  for (const r of rows) {
    // grouping(): bit 2 = industry, 1 = category, 0 = status; 0 marks the column grouped on.
    const g = Number(r.g);
    if (g === 3 && r.industry) industry[r.industry as ChallengeIndustry] = scale(r.n);
    if (g === 5 && r.category) category[r.category as ChallengeCategory] = scale(r.n);
    if (g === 6 && r.status) status[r.status as ChallengeState] = scale(r.n);
  }
  return { total, facets: { industry, category, status }, facetsExact: exact };
}

async function orderedIds(db: Db, where: SQL, sort: 'newest' | 'deadline' | 'bounty', limit: number, offset: number): Promise<string[]> {
  const order =
    sort === 'deadline' ? sql`${d.deadline} asc nulls last`
    : sort === 'bounty' ? sql`${d.bountyFen} desc`
    : sql`${d.publishedAt} desc nulls last, ${d.createdAt} desc`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select ${d.challengeId} as id from ${d} where ${where} order by ${order}, ${d.challengeId} limit ${limit} offset ${offset}`,
  );
  return rows.map((r) => r.id);
}

/** Ranks the first `candidates` matches (newest first) with ts_rank_cd on the vector the reader may see. */
async function rankedPage(
  db: Db, where: SQL, allowed: SQL, tsquery: string, candidates: number, limit: number, offset: number,
): Promise<{ id: string; score: number }[]> {
  if (offset >= candidates) return [];
  const rows = await queryRows<{ id: string; score: number }>(
    db,
    sql`select c.id, ts_rank_cd(${WEIGHTS}::float4[], case when c.allowed then v.full_vector else v.public_vector end, ${tsquery}::tsquery, 1) as score
        from (select ${d.challengeId} as id, ${d.publishedAt} as published_at, (${allowed}) as allowed
              from ${d} where ${where}
              order by ${d.publishedAt} desc nulls last, ${d.challengeId} limit ${candidates}) c
        join search_documents v on v.challenge_id = c.id
        order by score desc, c.published_at desc nulls last, c.id
        limit ${Math.min(limit, candidates - offset)} offset ${offset}`,
  );
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

/**
 * Spellings for terms whose typo key (an English word, or the pinyin of Chinese text) is close to a
 * word of some challenge's title (pg_trgm on `title_words`; only challenges in scope, so a draft's
 * title never leaks through a suggestion).
 */
async function findSpellings(db: Db, terms: readonly QueryTerm[], scope: SQL, minSimilarity: number): Promise<Map<string, string[]>> {
  const keys = [...new Set(terms.map((t) => t.typoKey).filter((k): k is string => !!k))];
  const spellings = new Map<string, string[]>();
  if (keys.length === 0) return spellings;
  // `<%` (index-assisted) compares with pg_trgm.word_similarity_threshold, 0.6 by default: too strict
  // for one wrong letter in a short word (hydralic/hydraulic: 0.58). Lowered with set_config(…, true),
  // which lasts to the end of the transaction (the caller's, when the query runs inside one).
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`);
    return queryRows<{ key: string; word: string; sim: number }>(
      tx as unknown as Db,
      sql`select k.key, w.word, max(similarity(w.word, k.key)) as sim
          from unnest(array[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[]) as k(key)
          cross join lateral (
            select unnest(string_to_array(x.title_words, ' ')) as word
            from (select ${d.titleWords} as title_words from ${d} where k.key <% ${d.titleWords} and ${scope} limit 50) x
          ) w
          where w.word <> k.key and similarity(w.word, k.key) >= ${minSimilarity}
          group by k.key, w.word
          order by k.key, sim desc, w.word`,
    );
  });
  for (const r of rows) {
    const list = spellings.get(r.key) ?? [];
    if (list.length < 3) list.push(r.word);
    spellings.set(r.key, list);
  }
  return spellings;
}

/** Snippets from the stored raw text; detail texts are not even read for readers not entitled to them. */
async function withHighlights(
  db: Db, analyzer: TextAnalyzer, hits: { id: string; score?: number }[], allowed: SQL, lexemes: ReturnType<typeof queryLexemes>,
): Promise<SearchHit[]> {
  if (hits.length === 0) return [];
  const rows = await db
    .select({
      id: searchDocumentTexts.challengeId,
      publicTexts: searchDocumentTexts.publicTexts,
      detailTexts: sql<FieldTexts<(typeof DETAIL_FIELDS)[number]> | null>`case when ${allowed} then ${searchDocumentTexts.detailTexts} end`,
    })
    .from(searchDocumentTexts)
    .innerJoin(d, eq(d.challengeId, searchDocumentTexts.challengeId))
    .where(inArray(searchDocumentTexts.challengeId, hits.map((h) => h.id)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.map((h) => {
    const row = byId.get(h.id);
    const detail = row?.detailTexts ?? null;
    const texts: FieldTexts<SearchField> = { ...(row?.publicTexts as FieldTexts<SearchField> | undefined), ...(detail ?? {}) };
    const fields = detail ? SNIPPET_FIELDS_ALL : SNIPPET_FIELDS_PUBLIC;
    return { ...(h.score !== undefined ? { score: h.score } : {}), id: h.id, highlights: highlight(analyzer, texts, fields, lexemes) };
  });
}

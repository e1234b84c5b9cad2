import { queryRows, searchDocuments, searchDocumentTexts, type Db } from '@challenge/db';
import type { ChallengeCategory, ChallengeIndustry, ChallengeState } from '@challenge/domain';
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { TextAnalyzer } from './analyzer';
import { buildIndexRow, DETAIL_FIELDS, type FieldTexts, type SearchDocument, type SearchField } from './document';
import type { FacetCounts, SearchEngine, SearchHit, SearchQuery, SearchReader, SearchResult } from './engine';
import { highlight } from './highlight';
import { parseQuery, queryLexemes, toTsquery, withSpellings, type Correction, type QueryTerm } from './query';

export interface PostgresSearchOptions {
  /**
   * How many matches are ranked on their whole vector: the best by title score (then newest) of the
   * matches counted. Pages past them list the other matches newest first.
   */
  rankCandidates?: number;
  /**
   * When the 1% sample holds at least `coarse` matches, the total and facets are its counts × 100;
   * at least `fine`, the 10% sample's × 10; below that every match is counted exactly.
   */
  sampleThresholds?: { coarse: number; fine: number };
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
 *
 * Cost grows with the number of matches, so a query is answered in tiers (search-measurements.md,
 * bench/search.ts): the matches in a 1% sample are counted first; a broad query is answered from that
 * sample or the 10% one (totals and facets scaled and flagged `countsExact: false`, the ranked
 * candidates drawn from the sample), a narrow one from every match. Ranking is in two steps: every
 * match counted gets a cheap score on its title vector, and only the best `rankCandidates` are
 * ranked on the whole vector the reader may see.
 */
export function createPostgresSearchEngine(options: PostgresSearchOptions = {}): SearchEngine {
  const rankCandidates = options.rankCandidates ?? 100;
  const thresholds = options.sampleThresholds ?? { coarse: 100, fine: 10 };
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
      const filters = filterConditions(q);
      const base = and(scope, ...filters)!;
      const pageSize = Math.max(1, Math.floor(q.pageSize));
      const page = Math.max(1, Math.floor(q.page));
      const offset = (page - 1) * pageSize;
      const allowed = allowedCondition(q.reader);
      const spec = (tsquery: string | null): MatchSpec => ({ scope, filters: filters.length > 0 ? and(...filters)! : null, tsquery, allowed, now: q.now });
      const result = (tiers: Tiered, items: SearchHit[], match: SearchResult['match'], corrections: Correction[]): SearchResult => ({
        items, total: tiers.total, page, pageSize, facets: tiers.facets, countsExact: tiers.exact, match, corrections, engine: 'postgres',
      });

      const text = q.text?.trim() ?? '';
      const parsed = text ? parseQuery(analyzer, q.text!, { prefix: !!q.typing }) : null;
      if (!parsed || parsed.terms.length === 0) {
        const tiers = await countTiered(db, spec(null), thresholds, 0);
        const ids = await orderedIds(db, base, q.sort === 'relevance' || !q.sort ? 'newest' : q.sort, pageSize, offset);
        return result(tiers, ids.map((id) => ({ id, highlights: [] })), 'none', []);
      }

      // Every term; then, if the text matched nothing at all, with typo spellings; then any of the terms.
      // Text that matches but not within the filters is spelled right: only the filters exclude it.
      const sort = q.sort ?? 'relevance';
      const ranked = sort === 'relevance' ? Math.max(rankCandidates, 0) : 0;
      let terms: QueryTerm[] = parsed.terms;
      let match: SearchResult['match'] = 'all';
      const corrections = [...parsed.corrections];
      let tsquery = toTsquery(terms, 'all');
      let tiers = await countTiered(db, spec(tsquery), thresholds, ranked);
      if (tiers.total === 0) {
        const spellings = tiers.visited > 0 ? new Map<string, string[]>() : await findSpellings(db, terms, scope, typoSimilarity);
        if (spellings.size > 0) {
          terms = withSpellings(terms, spellings);
          tsquery = toTsquery(terms, 'all');
          tiers = await countTiered(db, spec(tsquery), thresholds, ranked);
          match = 'corrected';
          for (const t of parsed.terms) {
            if (t.typoKey && /^[a-z]+$/.test(t.text)) corrections.push(...(spellings.get(t.typoKey) ?? []).map((to) => ({ from: t.text, to })));
          }
        }
        if (tiers.total === 0 && terms.length > 1) {
          tsquery = toTsquery(terms, 'any');
          tiers = await countTiered(db, spec(tsquery), thresholds, ranked);
          match = 'any';
        }
        if (tiers.total === 0) return result(tiers, [], match, corrections);
      }

      const where = and(base, textCondition(tsquery, allowed))!;
      let hits: { id: string; score?: number }[];
      if (sort === 'relevance') {
        hits = tiers.ranked.slice(offset, offset + pageSize);
        if (hits.length < pageSize && tiers.total > tiers.ranked.length) {
          // Past the ranked candidates: the other matches, newest first.
          const exclude = tiers.ranked.map((h) => h.id);
          const restWhere = exclude.length > 0 ? and(where, notInArray(d.challengeId, exclude))! : where;
          const rest = await orderedIds(db, restWhere, 'newest', pageSize - hits.length, Math.max(0, offset - tiers.ranked.length));
          hits = [...hits, ...rest.map((id) => ({ id }))];
        }
      } else {
        hits = (await orderedIds(db, where, sort, pageSize, offset)).map((id) => ({ id }));
      }

      const items = await withHighlights(db, analyzer, hits, allowed, queryLexemes(terms));
      return result(tiers, items, match, corrections);
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

/** What a query matches: scope, filters (null: none) and text (null: none). */
interface MatchSpec {
  scope: SQL;
  filters: SQL | null;
  tsquery: string | null;
  allowed: SQL;
  now: Date;
}

type Sample = 'coarse' | 'fine' | 'all';
// Literal predicates, so the planner picks the partial indexes made for them (migration 0005).
const SAMPLE: Record<Sample, SQL> = { coarse: sql`${d.bucket} = 0`, fine: sql`${d.bucket} < 10`, all: sql`true` };
const SCALE: Record<Sample, number> = { coarse: 100, fine: 10, all: 1 };

/**
 * The rows a query visits (in a sample): those in scope that match the text, each with `hit` saying
 * whether it passes the filters too. The filters are applied after the text match, not in the index
 * scan, so the visited rows are what a tier's cost depends on (a broad text with a narrow filter
 * visits many rows to find few). With text, two disjoint halves: documents whose details the reader
 * may see, matched on the whole vector, and restricted ones it may not, matched on the public vector.
 * Each half is one index condition plus filters on plain columns, so no vector is read to count
 * (written as one OR, PostgreSQL re-checks the whole OR on every row, reading both vectors).
 */
function matchRows(m: MatchSpec, sample: Sample): SQL {
  const cols = sql`${d.challengeId} as id, ${d.publishedAt} as published_at, ${d.industry}::text as industry, ${d.category}::text as category,
    ${effectiveStatus(m.now)} as status, ${d.titleVector} as title_vector, (${m.filters ?? sql`true`}) as hit`;
  const where = and(m.scope, SAMPLE[sample])!;
  if (m.tsquery === null) return sql`select ${cols}, (${m.allowed}) as allowed from ${d} where ${where}`;
  return sql`select ${cols}, true as allowed from ${d} where ${where} and ${d.fullVector} @@ ${m.tsquery}::tsquery and (${m.allowed})
    union all
    select ${cols}, false from ${d} where ${where} and ${d.visibility} = 'restricted' and not (${m.allowed}) and ${d.publicVector} @@ ${m.tsquery}::tsquery`;
}

interface Tiered {
  total: number;
  facets: SearchResult['facets'];
  exact: boolean;
  /** The ranked candidates, best first (empty when not asked for). */
  ranked: { id: string; score: number }[];
  /** Documents the text matched in the tier's sample, before the filters: 0 only when the text matches nothing in scope. */
  visited: number;
}

/**
 * The 1% sample first; then the 10% one or every row, whichever the rows the first visited call for
 * (at least `coarse`: the 1% sample answers; at least `fine`: the 10% one; else every row).
 */
async function countTiered(db: Db, m: MatchSpec, thresholds: { coarse: number; fine: number }, rank: number): Promise<Tiered> {
  // The 1% sample ranks only when its own answer is the one used.
  const coarse = await tierStatement(db, m, 'coarse', rank, thresholds.coarse);
  if (coarse.visited >= thresholds.coarse) return scaled(coarse, 'coarse');
  const next = await tierStatement(db, m, coarse.visited >= thresholds.fine ? 'fine' : 'all', rank, 0);
  return scaled(next, next.sample);
}

interface TierRows {
  sample: Sample;
  /** Rows the sample's text match visited (before filters). */
  visited: number;
  /** Rows that passed the filters too. */
  matched: number;
  rows: { kind: number; industry: string | null; category: string | null; status: string | null; g: number | null; n: number | null; id: string | null; score: number | null; published_at: string | null }[];
}

/**
 * One statement: the rows the query visits in the sample (materialized once); the counts of those
 * passing the filters by industry, category and status; how many were visited; and — when `rank` > 0
 * and at least `rankFrom` rows were visited — the best `rank` hits by title score (then newest),
 * ranked again on the whole vector the reader may see.
 */
async function tierStatement(db: Db, m: MatchSpec, sample: Sample, rank: number, rankFrom: number): Promise<TierRows> {
  const tsquery = m.tsquery ?? '';
  const ranking = rank > 0 && m.tsquery !== null;
  const candidates = ranking
    ? sql`, c as (select id, published_at, allowed from m where hit and (select count(*) from m) >= ${rankFrom}
              order by ts_rank_cd(title_vector, ${tsquery}::tsquery) desc, published_at desc nulls last, id limit ${rank})`
    : sql``;
  const rankedRows = ranking
    ? sql`union all
        select 1, null, null, null, null, null, c.id,
               ts_rank_cd(${WEIGHTS}::float4[], case when c.allowed then v.full_vector else v.public_vector end, ${tsquery}::tsquery, 1),
               c.published_at
        from c join ${d} v on v.challenge_id = c.id`
    : sql``;
  const rows = await queryRows<TierRows['rows'][number]>(
    db,
    sql`with m as materialized (${matchRows(m, sample)})${candidates}
        select 0 as kind, industry, category, status, grouping(industry, category, status)::int as g, count(*)::int as n,
               null::uuid as id, null::float4 as score, null::timestamptz as published_at
        from m where hit group by grouping sets ((industry), (category), (status), ())
        union all
        select 2, null, null, null, null, (select count(*)::int from m), null, null, null
        ${rankedRows}`,
  );
  const matched = Number(rows.find((r) => Number(r.kind) === 0 && Number(r.g) === 7)?.n ?? 0);
  const visited = Number(rows.find((r) => Number(r.kind) === 2)?.n ?? 0);
  return { sample, visited, matched, rows };
}

function scaled(t: TierRows, sample: Sample): Tiered {
  const k = SCALE[sample];
  const industry: FacetCounts<ChallengeIndustry> = {};
  const category: FacetCounts<ChallengeCategory> = {};
  const status: FacetCounts<ChallengeState> = {};
  const ranked: Tiered['ranked'] = [];
  for (const r of t.rows) {
    if (Number(r.kind) === 1) ranked.push({ id: r.id!, score: Number(r.score) });
    if (Number(r.kind) !== 0) continue;
    // grouping(): bit 2 = industry, 1 = category, 0 = status; 0 marks the column grouped on.
    const g = Number(r.g);
    const n = Number(r.n) * k;
    if (g === 3 && r.industry) industry[r.industry as ChallengeIndustry] = n;
    if (g === 5 && r.category) category[r.category as ChallengeCategory] = n;
    if (g === 6 && r.status) status[r.status as ChallengeState] = n;
  }
  const published = new Map(t.rows.filter((r) => Number(r.kind) === 1).map((r) => [r.id!, r.published_at ? new Date(r.published_at).getTime() : 0]));
  ranked.sort((a, b) => b.score - a.score || published.get(b.id)! - published.get(a.id)! || (a.id < b.id ? -1 : 1));
  return { total: t.matched * k, facets: { industry, category, status }, exact: sample === 'all', ranked, visited: t.visited };
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

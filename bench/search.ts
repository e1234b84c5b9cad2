/**
 * Search benchmark: `npx tsx bench/search.ts [--n 100000] [--driver pglite|pg|both] [--queries 200]
 * [--baseline-queries 200] [--url postgres://postgres@127.0.0.1:5432/postgres] [--seed 20260301] [--keep]`
 *
 * Per driver: a fresh database (PGlite in memory, or a throwaway `bench_<pid>` database on
 * PostgreSQL, dropped at the end), migrations, the generated challenges as raw rows, then the
 * index build through the engine's own `index()` (segmenting + inserts + GIN maintenance, in
 * transactions of 500), ANALYZE, and the measured queries. Writes bench/results/search-<driver>.json.
 *
 * `--keep` (PostgreSQL only) keeps the database as `bench_search_<n>_<seed>` and reuses it when it is
 * already built, so the queries can be measured again without the build (whose figures are then absent).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { challenges, openDatabase, organizations, queryRows, users, type Database, type Db } from '@challenge/db';
import {
  ANONYMOUS_READER, buildIndexRow, createPostgresSearchEngine, parseQuery, TextAnalyzer, toTsquery,
  type SearchFilters, type SearchQuery, type SearchResult,
} from '@challenge/search';
import { BENCH_NOW, generate, rawText, rng, type Generated, type Term } from './generate';
import { arg, load, log, pct } from './cli';

const HERE = dirname(fileURLToPath(import.meta.url));

const N = Number(arg('n', '100000'));
const DRIVER = arg('driver', 'both');
const QUERIES = Number(arg('queries', '200'));
const BASELINE_QUERIES = Number(arg('baseline-queries', String(QUERIES)));
const ADMIN_URL = arg('url', process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const SEED = Number(arg('seed', '20260301'));
const BATCH = 500;
const KEEP = process.argv.includes('--keep');

const ms = (t0: number) => performance.now() - t0;

const stats = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), mean: xs.reduce((a, b) => a + b, 0) / xs.length, n: xs.length });
const f1 = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');

// ---------------------------------------------------------------------------------------------
// Queries sampled by term frequency

interface BenchQuery {
  text: string;
  /** ILIKE patterns (each must match somewhere in title + summary + description). */
  terms: string[];
  lang: 'zh' | 'en';
  /** Documents whose raw text contains every term (what ILIKE will match, before scope). */
  df: number;
  filters: SearchFilters;
}

function sampleQueries(gen: Generated, count: number): { queries: BenchQuery[]; broadShare: number } {
  const r = rng(SEED ^ 0x5eed);
  const texts = gen.challenges.map((c) => rawText(c.doc).toLowerCase());
  const dfOf = (terms: string[]) => {
    const ts = terms.map((t) => t.toLowerCase());
    let n = 0;
    for (const t of texts) if (ts.every((x) => t.includes(x))) n++;
    return n;
  };
  // Candidates: every vocabulary term in Chinese, and in English where it differs.
  const cands: { text: string; lang: 'zh' | 'en'; df: number }[] = [];
  for (const [zh, en] of gen.vocabulary) {
    cands.push({ text: zh, lang: 'zh', df: dfOf([zh]) });
    if (en.toLowerCase() !== zh.toLowerCase()) cands.push({ text: en, lang: 'en', df: dfOf([en]) });
  }
  const live = cands.filter((c) => c.df > 0);
  // Query logs follow term frequency; weight by df^0.6 so the tail is still asked (a df weight
  // would make nearly every query a head term).
  const pickWeighted = (pool: typeof live) => {
    const w = pool.map((c) => Math.pow(c.df, 0.6));
    let x = r() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < pool.length; i++) if ((x -= w[i]!) <= 0) return i;
    return pool.length - 1;
  };
  const pool = [...live];
  const industries = ['metallurgy_new_materials', 'high_end_equipment'] as const;
  const queries: BenchQuery[] = [];
  while (queries.length < count && pool.length > 0) {
    const a = pool.splice(pickWeighted(pool), 1)[0]!;
    let terms = [a.text];
    let df = a.df;
    // One query in five has two words (same language), ANDed, when they co-occur.
    if (r() < 0.2) {
      const same = live.filter((c) => c.lang === a.lang && c.text !== a.text && !c.text.includes(a.text) && !a.text.includes(c.text));
      const b = same[pickWeighted(same)]!;
      const both = dfOf([a.text, b.text]);
      if (both > 0) { terms = [a.text, b.text]; df = both; }
    }
    const k = queries.length;
    const filters: SearchFilters = k % 2 === 0
      ? { industry: [industries[Math.floor(r() * 2)]!], status: ['published'] }
      : { category: ['bottleneck', 'common_key_technology'], bountyFen: { min: 100 * 10_000 * 100 } };
    queries.push({ text: terms.join(' '), terms, lang: a.lang, df, filters });
  }
  // At least 10% must match more than 10% of the corpus: swap the narrowest for the broadest left.
  const broad = (q: BenchQuery) => q.df > 0.1 * gen.challenges.length;
  // When the broad terms not yet asked run out, broad terms are asked again (a query log repeats its
  // head queries); the repeats are counted and printed.
  const broadLeft = [...pool, ...live].filter((c) => c.df > 0.1 * gen.challenges.length).sort((x, y) => y.df - x.df);
  while (queries.filter(broad).length < Math.ceil(0.1 * queries.length) && broadLeft.length > 0) {
    const c = broadLeft.shift()!;
    const i = queries.reduce((best, q, j) => (q.df < queries[best]!.df ? j : best), 0);
    queries[i] = { ...queries[i]!, text: c.text, terms: [c.text], lang: c.lang, df: c.df };
  }
  return { queries, broadShare: queries.filter(broad).length / queries.length };
}

// ---------------------------------------------------------------------------------------------
// The naive baseline: ILIKE '%term%' over the challenges' raw title + summary + description,
// published challenges, exact facets by GROUP BY GROUPING SETS, first page newest first.

const HAY = sql`concat_ws(' ', c.title_zh, c.title_en, c.summary_zh, c.summary_en, c.description_zh, c.description_en)`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function ilikeFilters(f: SearchFilters, now: Date): SQL[] {
  const out: SQL[] = [];
  if (f.industry?.length) out.push(sql`c.industry::text in (${sql.join(f.industry.map((x) => sql`${x}`), sql`, `)})`);
  if (f.category?.length) out.push(sql`c.category::text in (${sql.join(f.category.map((x) => sql`${x}`), sql`, `)})`);
  if (f.status?.includes('published')) out.push(sql`c.state = 'published' and (c.deadline is null or c.deadline > ${now.toISOString()}::timestamptz)`);
  if (f.bountyFen?.min !== undefined) out.push(sql`c.bounty_fen >= ${f.bountyFen.min}`);
  return out;
}

async function ilikeQuery(db: Db, q: BenchQuery, withFilters: boolean, now: Date) {
  const conds = [sql`c.published_at is not null`, ...q.terms.map((t) => sql`${HAY} ilike ${`%${escapeLike(t)}%`}`)];
  if (withFilters) conds.push(...ilikeFilters(q.filters, now));
  const rows = await queryRows<{ id: string | null; g: number; n: number; industry: string | null; category: string | null; status: string | null }>(
    db,
    sql`with m as (
          select c.id, c.industry::text as industry, c.category::text as category, c.published_at, c.created_at,
                 case when c.state = 'published' and c.deadline <= ${now.toISOString()}::timestamptz then 'closed' else c.state::text end as status
          from challenges c where ${sql.join(conds, sql` and `)})
        select null::uuid as id, industry, category, status, grouping(industry, category, status)::int as g, count(*)::int as n
        from m group by grouping sets ((industry), (category), (status), ())
        union all
        (select id, null, null, null, -1, 0 from m order by published_at desc nulls last, created_at desc, id limit 20)`,
  );
  const total = Number(rows.find((x) => Number(x.g) === 7)?.n ?? 0);
  return { total, ids: rows.filter((x) => Number(x.g) === -1).map((x) => x.id!) };
}

// ---------------------------------------------------------------------------------------------
// A db handle that times every `execute` (the engine's raw statements) in call order.

function timedDb(db: Db): { db: Db; calls: number[] } {
  const calls: number[] = [];
  const proxy = new Proxy(db as object, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (prop === 'execute') {
        return async (...args: unknown[]) => {
          const t0 = performance.now();
          try { return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args); } finally { calls.push(ms(t0)); }
        };
      }
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: proxy as Db, calls };
}

// ---------------------------------------------------------------------------------------------

async function insertRaw(db: Db, gen: Generated) {
  const now = BENCH_NOW;
  for (let i = 0; i < gen.organizations.length; i += BATCH) {
    const ids = gen.organizations.slice(i, i + BATCH);
    await db.insert(organizations).values(ids.map((id, j) => ({ id, kind: 'enterprise' as const, country: 'CN', nameZh: `企业${i + j}`, status: 'verified' as const, createdAt: now })));
    await db.insert(users).values(ids.map((organizationId, j) => ({
      id: gen.users[i + j]!, email: `bench${i + j}@example.com`, passwordHash: 'x', displayName: `用户${i + j}`, role: 'enterprise' as const, organizationId, createdAt: now,
    })));
  }
  for (let i = 0; i < gen.challenges.length; i += BATCH) {
    await db.insert(challenges).values(gen.challenges.slice(i, i + BATCH).map(({ doc, createdBy }) => {
      const share = Math.floor(doc.bountyFen / 2);
      return {
        id: doc.id, ownerOrganizationId: doc.ownerOrganizationId, createdBy, state: doc.state,
        titleZh: doc.title.zh!, titleEn: doc.title.en ?? null, summaryZh: doc.summary.zh ?? null, summaryEn: doc.summary.en ?? null,
        descriptionZh: doc.description.zh ?? null, descriptionEn: doc.description.en ?? null,
        industry: doc.industry, category: doc.category, eligibilityZh: doc.eligibility.zh ?? null,
        enterpriseShareFen: share, requestedSpecialFundFen: doc.bountyFen - share, specialFundFen: doc.bountyFen - share, bountyFen: doc.bountyFen,
        deadline: doc.deadline, visibility: doc.visibility, confidentialityTermsVersion: 'v1',
        publishedAt: doc.publishedAt, createdAt: doc.createdAt, updatedAt: doc.createdAt,
      };
    }));
  }
}

interface Variant { name: string; times: number[] }

async function runDriver(driver: 'pglite' | 'pg', gen: Generated, queries: BenchQuery[], broadShare: number) {
  const out: Record<string, unknown> = { driver, n: N, seed: SEED, startedAt: new Date().toISOString(), loadAtStart: load() };
  log(`\n=== ${driver}, n=${N} — load average at start: ${load()}`);
  let database: Database;
  let dropDb: (() => Promise<void>) | undefined;
  let reused = false;
  let reanalyze = false;
  if (driver === 'pg') {
    const name = KEEP ? `bench_search_${N}_${SEED}` : `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (!exists) await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 2 });
    dropDb = KEEP ? undefined : async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
    const [v] = await queryRows<{ v: string }>(database.db, sql`select version() as v`);
    out.server = v?.v;
    if (exists) {
      const [c] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from search_documents`).catch(() => [{ n: 0 }]);
      reused = Number(c?.n) === N;
      if (!reused) throw new Error(`database ${name} exists but is not a complete build (${c?.n} documents): drop it and run again`);
      log(`reusing ${name} (--keep): build skipped`);
      reanalyze = true;
    }
  } else {
    database = await openDatabase();
    out.server = 'PGlite (in process, WASM)';
  }
  try {
    await database.migrate();
    const db = database.db;
    const engine = createPostgresSearchEngine();

    const analyzer = TextAnalyzer.shared();
    let t0 = performance.now();
    if (!reused) {
      await insertRaw(db, gen);
      const rawMs = ms(t0);
      log(`raw challenge rows inserted (not part of the index build): ${(rawMs / 1000).toFixed(1)} s`);

      // Analysis cost alone, on a 2% sample, to split the build time.
      const sample = gen.challenges.filter((_, i) => i % 50 === 0);
      for (const c of sample.slice(0, 50)) buildIndexRow(analyzer, c.doc); // warm (dictionaries, JIT)
      t0 = performance.now();
      for (const c of sample) buildIndexRow(analyzer, c.doc);
      const analysisPerDoc = ms(t0) / sample.length;

      // Index build: the engine's index() per document, in transactions of BATCH.
      t0 = performance.now();
      for (let i = 0; i < gen.challenges.length; i += BATCH) {
        const batch = gen.challenges.slice(i, i + BATCH);
        await db.transaction(async (tx) => {
          for (const c of batch) await engine.index(tx as unknown as Db, c.doc);
        });
        if ((i / BATCH) % 40 === 39) log(`  indexed ${i + batch.length} (${(ms(t0) / 1000).toFixed(0)} s, load ${load()})`);
      }
      const buildMs = ms(t0);
      t0 = performance.now();
      // VACUUM, not only ANALYZE: right after a bulk load the GIN index's pending list (fastupdate) holds
      // the last inserts unsorted and every query scans it — p95 73 ms instead of 16 on 2026-11-30 —
      // until autovacuum flushes it, as it does within minutes on a running system.
      await db.execute(sql`vacuum analyze`);
      const analyzeMs = ms(t0);
      const [size] = await queryRows<{ table: string; gin: string }>(db, sql`select pg_size_pretty(pg_total_relation_size('search_documents')) as table, pg_size_pretty(pg_relation_size('search_documents_full_vector_idx')) as gin`);
      const build = {
        indexMs: Math.round(buildMs), analyzeMs: Math.round(analyzeMs), rawRowsMs: Math.round(rawMs),
        analysisEstimateMs: Math.round(analysisPerDoc * gen.challenges.length),
        sqlAndGinEstimateMs: Math.round(buildMs - analysisPerDoc * gen.challenges.length),
        searchDocumentsSize: size?.table, fullVectorGinSize: size?.gin,
      };
      out.build = build;
      log(`index build: ${(buildMs / 1000).toFixed(1)} s (segmenting/vector building ≈ ${(build.analysisEstimateMs / 1000).toFixed(1)} s from a 2% sample; inserts + GIN maintenance ≈ ${(build.sqlAndGinEstimateMs / 1000).toFixed(1)} s); ANALYZE ${(analyzeMs / 1000).toFixed(1)} s; search_documents ${size?.table}, full_vector GIN ${size?.gin}`);
    }

    // A reused database may have just been migrated: fresh statistics for the planner.
    if (reanalyze) await db.execute(sql`analyze`);

    const base = (q: BenchQuery, filtered: boolean): SearchQuery => ({
      text: q.text, page: 1, pageSize: 20, now: BENCH_NOW, reader: ANONYMOUS_READER, scope: 'published', ...(filtered ? { filters: q.filters } : {}),
    });

    // Warm-up: every query once through the engine, a few ILIKE scans.
    t0 = performance.now();
    for (const q of queries) await engine.query(db, base(q, false));
    for (const q of queries.slice(0, 3)) await ilikeQuery(db, q, false, BENCH_NOW);
    log(`warm-up ${(ms(t0) / 1000).toFixed(1)} s`);

    const { db: tdb, calls } = timedDb(db);
    const engineText: Variant = { name: 'engine: text (+facets, top-20 ranked, highlights)', times: [] };
    const engineFiltered: Variant = { name: 'engine: text + filters (+facets, top-20, highlights)', times: [] };
    const firstSql: number[] = [], secondSql: number[] = [], otherSql: number[] = [], restMs: number[] = [];
    const perQuery: Record<string, unknown>[] = [];
    let exact = 0, exactFiltered = 0;
    const broadTimes: number[] = [];
    for (const q of queries) {
      calls.length = 0;
      let t = performance.now();
      const res: SearchResult = await engine.query(tdb, base(q, false));
      const total = ms(t);
      engineText.times.push(total);
      if (q.df > 0.1 * N) broadTimes.push(total);
      // Statement order in engine.query: counts on the 1% sample (ranking too when that sample
      // answers); counts and ranking on the 10% sample or every match when it does not; then any
      // others (typo spellings, pages past the ranked ones). The snippets' texts are read with select().
      const sum = calls.reduce((a, b) => a + b, 0);
      firstSql.push(calls[0] ?? 0); secondSql.push(calls[1] ?? 0); otherSql.push(sum - (calls[0] ?? 0) - (calls[1] ?? 0)); restMs.push(total - sum);
      if (res.countsExact) exact++;
      t = performance.now();
      const resF = await engine.query(db, base(q, true));
      engineFiltered.times.push(ms(t));
      if (resF.countsExact) exactFiltered++;
      perQuery.push({ text: q.text, lang: q.lang, rawDf: q.df, engineTotal: res.total, countsExact: res.countsExact, match: res.match, ms: +total.toFixed(2), filteredMs: +engineFiltered.times.at(-1)!.toFixed(2), filteredTotal: resF.total });
    }
    log(`engine measured (load ${load()})`);

    // Error of the sampled (non-exact) answers, against exact counts over the same matches: the
    // total, and each facet value with at least 100 matches.
    const errors: number[] = [];
    const totalErrors: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      const pq = perQuery[i]!;
      if (pq.countsExact) continue;
      const res = await engine.query(db, base(queries[i]!, false));
      const tsq = toTsquery(parseQuery(analyzer, queries[i]!.text, { prefix: false }).terms, 'all');
      const rows = await queryRows<{ k: string; v: string | null; n: number }>(db, sql`
        select 'industry' as k, industry::text as v, count(*)::int as n from search_documents
        where published_at is not null and ((full_vector @@ ${tsq}::tsquery and visibility = 'public') or (visibility = 'restricted' and public_vector @@ ${tsq}::tsquery))
        group by industry
        union all
        select 'category', category::text, count(*)::int from search_documents
        where published_at is not null and ((full_vector @@ ${tsq}::tsquery and visibility = 'public') or (visibility = 'restricted' and public_vector @@ ${tsq}::tsquery))
        group by category`);
      const exactTotal = rows.filter((r) => r.k === 'industry').reduce((a, r) => a + Number(r.n), 0);
      if (exactTotal > 0) totalErrors.push(Math.abs(res.total - exactTotal) / exactTotal);
      for (const row of rows) {
        if (!row.v || row.n < 100) continue;
        const est = (res.facets as Record<string, Record<string, number>>)[row.k]?.[row.v] ?? 0;
        errors.push(Math.abs(est - row.n) / row.n);
      }
    }

    // The naive baseline, same queries (the first BASELINE_QUERIES of them), same run.
    const bq = queries.slice(0, BASELINE_QUERIES);
    const ilikeText: Variant = { name: 'ILIKE: text (+exact facets, first page)', times: [] };
    const ilikeFiltered: Variant = { name: 'ILIKE: text + filters (+exact facets, first page)', times: [] };
    const ilikeTotals: number[] = [];
    for (const q of bq) {
      let t = performance.now();
      const r1 = await ilikeQuery(db, q, false, BENCH_NOW);
      ilikeText.times.push(ms(t));
      ilikeTotals.push(r1.total);
      t = performance.now();
      await ilikeQuery(db, q, true, BENCH_NOW);
      ilikeFiltered.times.push(ms(t));
    }
    log(`baseline measured (load ${load()})`);

    const subset = (v: Variant) => v.times.slice(0, bq.length);
    const ratioText = pct(ilikeText.times, 50) / pct(subset(engineText), 50);
    const ratioFiltered = pct(ilikeFiltered.times, 50) / pct(subset(engineFiltered), 50);
    const variants = [engineText, engineFiltered, ilikeText, ilikeFiltered];
    const matchCounts = perQuery.map((p) => Number(p.engineTotal));
    const totalsRatio = perQuery.slice(0, bq.length).map((p, i) => (ilikeTotals[i]! > 0 ? Number(p.engineTotal) / ilikeTotals[i]! : NaN)).filter(Number.isFinite);

    log(`\nqueries: ${queries.length} (${queries.filter((q) => q.terms.length > 1).length} two-word, ${queries.filter((q) => q.lang === 'en').length} English); matching >10% of the corpus (raw text): ${(broadShare * 100).toFixed(1)}%; engine matches median ${pct(matchCounts, 50)}, max ${Math.max(...matchCounts)}`);
    log(`| variant | p50 ms | p95 ms | p99 ms | ILIKE p50 ÷ engine p50 |`);
    log(`| --- | --- | --- | --- | --- |`);
    for (const v of variants) {
      const s = stats(v.times);
      const ratio = v === engineText ? `${ratioText.toFixed(1)}×` : v === engineFiltered ? `${ratioFiltered.toFixed(1)}×` : '';
      log(`| ${v.name} | ${f1(s.p50)} | ${f1(s.p95)} | ${f1(s.p99)} | ${ratio} |`);
    }
    const bs = stats(broadTimes);
    log(`broad queries (>10% of corpus), engine text: p50 ${f1(bs.p50)} / p95 ${f1(bs.p95)} ms (n=${bs.n})`);
    log(`countsExact: ${((exact / queries.length) * 100).toFixed(1)}% of text queries, ${((exactFiltered / queries.length) * 100).toFixed(1)}% with filters; sampled total error: median ${(pct(totalErrors, 50) * 100).toFixed(1)}%, max ${(Math.max(0, ...totalErrors) * 100).toFixed(1)}% (n=${totalErrors.length}); sampled facet error (values with ≥100 matches): median ${(pct(errors, 50) * 100).toFixed(1)}%, max ${(Math.max(0, ...errors) * 100).toFixed(1)}% (n=${errors.length})`);
    log(`where the time goes (engine text, per query p50 / p95 ms): 1% sample statement ${f1(pct(firstSql, 50))} / ${f1(pct(firstSql, 95))}; 10% sample or every match ${f1(pct(secondSql, 50))} / ${f1(pct(secondSql, 95))}; other statements ${f1(pct(otherSql, 50))} / ${f1(pct(otherSql, 95))}; parsing, snippets (texts read and marked) ${f1(pct(restMs, 50))} / ${f1(pct(restMs, 95))}`);
    log(`engine total ÷ ILIKE total (median): ${pct(totalsRatio, 50).toFixed(2)} (the engine also matches indicators and eligibility, ILIKE only substrings of title/summary/description)`);
    if (out.build) log(`build: ${JSON.stringify(out.build)}`);
    log(`load average at end: ${load()}`);

    Object.assign(out, {
      queries: { count: queries.length, broadShare, twoWord: queries.filter((q) => q.terms.length > 1).length, english: queries.filter((q) => q.lang === 'en').length, engineMatchesMedian: pct(matchCounts, 50), baselineQueries: bq.length },
      variants: Object.fromEntries(variants.map((v) => [v.name, stats(v.times)])),
      broadEngineText: bs,
      ratios: { ilikeOverEngineP50Text: ratioText, ilikeOverEngineP50Filtered: ratioFiltered },
      countsExactShare: { text: exact / queries.length, filtered: exactFiltered / queries.length },
      facetError: { median: pct(errors, 50), max: Math.max(0, ...errors), n: errors.length },
      totalError: { median: pct(totalErrors, 50), max: Math.max(0, ...totalErrors), n: totalErrors.length },
      breakdown: { firstSql: stats(firstSql), secondSql: stats(secondSql), otherSql: stats(otherSql), parsingAndSnippets: stats(restMs) },
      engineOverIlikeTotalsMedian: pct(totalsRatio, 50),
      loadAtEnd: load(), finishedAt: new Date().toISOString(), perQuery,
    });
    const dir = join(HERE, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `search-${driver}.json`), JSON.stringify(out, null, 2));
    log(`wrote bench/results/search-${driver}.json`);
  } finally {
    await database.close();
    if (dropDb) await dropDb();
  }
}

async function main() {
  log(`search benchmark: n=${N}, driver=${DRIVER}, queries=${QUERIES}, seed=${SEED}; load average ${load()}`);
  let t0 = performance.now();
  const gen = generate(N, SEED);
  log(`generated ${N} challenges in ${(ms(t0) / 1000).toFixed(1)} s`);
  t0 = performance.now();
  const { queries, broadShare } = sampleQueries(gen, QUERIES);
  log(`sampled ${queries.length} queries (${new Set(queries.map((q) => q.text)).size} distinct texts) in ${(ms(t0) / 1000).toFixed(1)} s; ${(broadShare * 100).toFixed(1)}% match more than 10% of the corpus`);
  const drivers: ('pglite' | 'pg')[] = DRIVER === 'both' ? ['pg', 'pglite'] : [DRIVER as 'pglite' | 'pg'];
  for (const d of drivers) await runDriver(d, gen, queries, broadShare);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

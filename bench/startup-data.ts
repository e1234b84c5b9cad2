/**
 * The embedded data folder of the start-up benchmark (bench/startup.ts): `<folder>/pglite`, a PGlite
 * database opened with the product's `openDatabase({ dataDir })` and migrated, holding the generated
 * challenges (bench/generate.ts: organisations, one user each, challenges as raw rows, as
 * bench/search.ts inserts them) and their search index built through the engine's own `index()` in
 * transactions of 500, then ANALYZE and CHECKPOINT. The server started on it finds nothing to index
 * (its `reindexMissing` costs one anti-join) and no demo data to load (there are users).
 *
 * Built once and kept: `npx tsx bench/startup-data.ts [--folder /tmp/bench-startup-100000-20260301]
 * [--n 100000] [--seed 20260301] [--rebuild]`, or by bench/startup.ts when the folder is missing. A
 * finished folder holds `bench-startup.json` (what was built, how long it took); a folder without it
 * but with `.bench-startup-building` is a build cut short and is built again; any other non-empty
 * folder is refused, so `--folder` never deletes something that is not ours.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { challenges, openDatabase, organizations, queryRows, users, type Db } from '@challenge/db';
import { createPostgresSearchEngine } from '@challenge/search';
import { BENCH_NOW, generate, type Generated } from './generate';
import { load } from './cli';

const BATCH = 500;
export const MANIFEST = 'bench-startup.json';
const BUILDING = '.bench-startup-building';

export const defaultFolder = (n: number, seed: number) => join(tmpdir(), `bench-startup-${n}-${seed}`);

export interface Manifest {
  n: number;
  seed: number;
  builtAt: string;
  benchNow: string;
  /** Milliseconds: initdb + migrations, generator, raw rows, index build, ANALYZE + CHECKPOINT, all. */
  buildMs: { openAndMigrate: number; generate: number; rawRows: number; index: number; analyze: number; total: number };
  counts: { challenges: number; searchDocuments: number; users: number; organizations: number; byState: Record<string, number> };
  /** Published challenges whose generated deadline was already past when the folder was built (the sweeper closes them on the real clock). */
  publishedPastDeadlineAtBuild: number;
  folderBytes: number;
  loadAtStart: string;
  loadAtEnd: string;
}

const ms = (t0: number) => Math.round(performance.now() - t0);

export function folderBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += folderBytes(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

/** The raw rows, as bench/search.ts inserts them (organisations, one user each, challenges). */
async function insertRaw(db: Db, gen: Generated, log: (s: string) => void) {
  const now = BENCH_NOW;
  for (let i = 0; i < gen.organizations.length; i += BATCH) {
    const ids = gen.organizations.slice(i, i + BATCH);
    await db.insert(organizations).values(ids.map((id, j) => ({ id, kind: 'enterprise' as const, country: 'CN', nameZh: `企业${i + j}`, status: 'verified' as const, createdAt: now })));
    await db.insert(users).values(ids.map((organizationId, j) => ({
      id: gen.users[i + j]!, email: `bench${i + j}@example.com`, passwordHash: 'x', displayName: `用户${i + j}`, role: 'enterprise' as const, organizationId, createdAt: now,
    })));
  }
  const t0 = performance.now();
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
    if ((i / BATCH) % 40 === 39) log(`  raw rows: ${i + BATCH} challenges (${(ms(t0) / 1000).toFixed(0)} s, load ${load()})`);
  }
}

export function readManifest(folder: string): Manifest | undefined {
  const f = join(folder, MANIFEST);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Manifest) : undefined;
}

/**
 * The kept folder: reused when it holds a finished build of the same n and seed, built otherwise
 * (or with `rebuild`). Returns its manifest and whether it was built now.
 */
export async function ensureDataFolder(opts: { folder: string; n: number; seed: number; rebuild: boolean; log?: (s: string) => void }): Promise<{ manifest: Manifest; built: boolean }> {
  const { folder, n, seed } = opts;
  const log = opts.log ?? ((s: string) => console.log(s));
  const existing = readManifest(folder);
  if (existing && !opts.rebuild) {
    if (existing.n !== n || existing.seed !== seed) throw new Error(`${folder} holds n=${existing.n}, seed=${existing.seed}, not n=${n}, seed=${seed}: pass --rebuild or another --folder`);
    return { manifest: existing, built: false };
  }
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    if (!existing && !existsSync(join(folder, BUILDING))) throw new Error(`${folder} is not empty and is not a start-up benchmark folder: refusing to delete it (choose another --folder)`);
    log(`${existing ? 'rebuilding' : 'an earlier build was cut short: building again'} ${folder}`);
    rmSync(folder, { recursive: true, force: true });
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, BUILDING), new Date().toISOString());
  const loadAtStart = load();
  log(`building the ${n}-challenge PGlite folder ${folder} (seed ${seed}); load average ${loadAtStart}`);
  const tAll = performance.now();
  let t0 = performance.now();
  const database = await openDatabase({ dataDir: join(folder, 'pglite') });
  try {
    await database.migrate();
    const openAndMigrate = ms(t0);
    log(`  initdb + migrations: ${(openAndMigrate / 1000).toFixed(1)} s`);
    const db = database.db;
    t0 = performance.now();
    const gen = generate(n, seed);
    const generateMs = ms(t0);
    log(`  generated ${n} challenges in ${(generateMs / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await insertRaw(db, gen, log);
    const rawRows = ms(t0);
    log(`  raw rows inserted: ${(rawRows / 1000).toFixed(1)} s`);

    const engine = createPostgresSearchEngine();
    t0 = performance.now();
    for (let i = 0; i < gen.challenges.length; i += BATCH) {
      const batch = gen.challenges.slice(i, i + BATCH);
      await db.transaction(async (tx) => {
        for (const c of batch) await engine.index(tx as unknown as Db, c.doc);
      });
      const done = i + batch.length;
      if ((i / BATCH) % 10 === 9 || done === n) {
        const el = ms(t0) / 1000;
        log(`  indexed ${done}/${n} (${el.toFixed(0)} s, about ${((el / done) * (n - done)).toFixed(0)} s left; load ${load()})`);
      }
    }
    const index = ms(t0);
    t0 = performance.now();
    await db.execute(sql`analyze`);
    await db.execute(sql`checkpoint`);
    const analyze = ms(t0);

    const [c] = await queryRows<{ challenges: number; docs: number; users: number; orgs: number; due: number }>(db, sql`
      select (select count(*)::int from challenges) as challenges, (select count(*)::int from search_documents) as docs,
             (select count(*)::int from users) as users, (select count(*)::int from organizations) as orgs,
             (select count(*)::int from challenges where state = 'published' and deadline <= now()) as due`);
    const states = await queryRows<{ state: string; n: number }>(db, sql`select state::text as state, count(*)::int as n from challenges group by 1 order by 1`);
    if (Number(c?.docs) !== n || Number(c?.challenges) !== n) throw new Error(`build incomplete: ${c?.challenges} challenges, ${c?.docs} search documents`);
    await database.close();
    const manifest: Manifest = {
      n, seed, builtAt: new Date().toISOString(), benchNow: BENCH_NOW.toISOString(),
      buildMs: { openAndMigrate, generate: generateMs, rawRows, index, analyze, total: ms(tAll) },
      counts: { challenges: Number(c!.challenges), searchDocuments: Number(c!.docs), users: Number(c!.users), organizations: Number(c!.orgs), byState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])) },
      publishedPastDeadlineAtBuild: Number(c!.due),
      folderBytes: folderBytes(folder),
      loadAtStart, loadAtEnd: load(),
    };
    writeFileSync(join(folder, MANIFEST), JSON.stringify(manifest, null, 2));
    rmSync(join(folder, BUILDING), { force: true });
    log(`  built in ${(manifest.buildMs.total / 1000).toFixed(0)} s (index ${(index / 1000).toFixed(0)} s, raw rows ${(rawRows / 1000).toFixed(0)} s, ANALYZE + CHECKPOINT ${(analyze / 1000).toFixed(1)} s); ` +
      `${(manifest.folderBytes / 2 ** 20).toFixed(0)} MiB; load average ${manifest.loadAtEnd}`);
    return { manifest, built: true };
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
}

// Run directly: build (or check) the folder only.
if (process.argv[1]?.endsWith('startup-data.ts')) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  const n = Number(arg('n', '100000'));
  const seed = Number(arg('seed', '20260301'));
  ensureDataFolder({ folder: arg('folder', defaultFolder(n, seed)), n, seed, rebuild: process.argv.includes('--rebuild') })
    .then(({ manifest, built }) => console.log(built ? 'done' : `already built (${manifest.builtAt}): ${JSON.stringify(manifest.buildMs)}`))
    .catch((e) => { console.error(e); process.exit(1); });
}

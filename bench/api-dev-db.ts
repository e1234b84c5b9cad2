/**
 * A small database for developing the API benchmark (bench/api.ts) without the 100,000-challenge
 * build of the search benchmark: `npx tsx bench/api-dev-db.ts [--n 2000] [--name bench_api_dev]
 * [--url postgres://postgres@127.0.0.1:5432/postgres]`. Same generator, same raw rows and the same
 * index build through the engine's `index()` as bench/search.ts. Refuses to touch a database that
 * already holds challenges.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { challenges, openDatabase, organizations, queryRows, users, type Db } from '@challenge/db';
import { createPostgresSearchEngine } from '@challenge/search';
import { BENCH_NOW, generate, type Generated } from './generate';
import { arg } from './cli';

const N = Number(arg('n', '2000'));
const NAME = arg('name', 'bench_api_dev');
const ADMIN_URL = arg('url', process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const SEED = Number(arg('seed', '20260301'));
const BATCH = 500;

/** The raw rows, as bench/search.ts inserts them (organisations, one user each, challenges). */
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

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [NAME])).rowCount! > 0;
  if (!exists) await admin.query(`create database ${NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2 });
  try {
    await database.migrate();
    const db = database.db;
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from challenges`);
    if (Number(c?.n) > 0) {
      console.log(`${NAME} already holds ${c?.n} challenges: nothing done`);
      return;
    }
    const t0 = Date.now();
    const gen = generate(N, SEED);
    await insertRaw(db, gen);
    const engine = createPostgresSearchEngine();
    for (let i = 0; i < gen.challenges.length; i += BATCH) {
      const batch = gen.challenges.slice(i, i + BATCH);
      await db.transaction(async (tx) => {
        for (const ch of batch) await engine.index(tx as unknown as Db, ch.doc);
      });
    }
    await db.execute(sql`analyze`);
    console.log(`${NAME}: ${N} challenges inserted and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s — ${url.toString()}`);
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

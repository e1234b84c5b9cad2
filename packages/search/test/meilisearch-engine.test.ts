import { queryRows, searchDocuments, searchOutbox, type Database, type Db } from '@challenge/db';
import { openTestDatabase } from '@challenge/db/testing';
import { eq, sql } from 'drizzle-orm';
import { MeilisearchRequestError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ANONYMOUS_READER, MEILI_PUBLIC_ATTRIBUTES, TextAnalyzer, createMeilisearchEngine, createPostgresSearchEngine, drainOutboxBatch,
  loadChallengeSearchDocument, meilisearchSettings, meilisearchText, reindexMeilisearch, type MeilisearchEngine, type SearchQuery, type SearchReader,
  type SearchResult,
} from '../src/index';
import { CORPUS_NOW, type CorpusChallenge } from './fixtures/corpus-types';
import { FakeMeilisearch, closedPort, enqueued, startRecordingServer, type RecordingServer } from './support/meilisearch-stand-in';
import { insertChallenge, seedOwner } from './support/seed';

const NOT_EXERCISED = 'a real Meilisearch server was NOT exercised: none can be installed here; a stand-in HTTP server records and answers';

let database: Database;
let db: Db;
let fake: FakeMeilisearch;
let engine: MeilisearchEngine;
const postgres = createPostgresSearchEngine();
const owners: Record<'a' | 'b', { organizationId: string; userId: string }> = {} as never;
const id: Record<string, string> = {};

const base = { industry: 'metallurgy_new_materials', category: 'bottleneck', bountyWan: 100, deadlineDays: 30, publishedDaysAgo: 10, summaryZh: '', descriptionZh: '' } as const;
const SECRET_ZH = '钨铼热电偶';
const SECRET_EN = 'thermocouple';
const CHALLENGES: (CorpusChallenge & { owner: 'a' | 'b' })[] = [
  { ...base, owner: 'a', key: 'disc', titleZh: '镍基高温合金涡轮盘晶粒度控制', titleEn: 'Grain size of superalloy turbine discs', summaryZh: '涡轮盘锻件晶粒不均。', descriptionZh: '需要等温锻造工艺。' },
  { ...base, owner: 'a', key: 'revert', bountyWan: 50, deadlineDays: -1, publishedDaysAgo: 20, category: 'urgent_need', titleZh: '高温合金返回料再利用', titleEn: 'Reuse of superalloy revert', summaryZh: '返回料比例提高后夹杂物超标。', descriptionZh: '真空感应熔炼。' },
  { ...base, owner: 'a', key: 'cylinder', state: 'closed', bountyWan: 200, deadlineDays: -5, publishedDaysAgo: 30, industry: 'high_end_equipment', category: 'common_key_technology', titleZh: '大缸径液压缸缸筒珩磨', titleEn: 'Honing large hydraulic cylinders', summaryZh: '珩磨效率低。', descriptionZh: '需要在线测量。' },
  {
    ...base, owner: 'b', key: 'secret', visibility: 'restricted', bountyWan: 150, deadlineDays: 60, publishedDaysAgo: 5, industry: 'high_end_equipment',
    titleZh: '液压支架姿态感知', titleEn: 'Posture sensing of hydraulic supports', summaryZh: '支架姿态感知不准导致自动移架失败。', summaryEn: 'Automatic advance fails.',
    descriptionZh: `顶梁温度用${SECRET_ZH}测量，倾角传感器在强振动下漂移。`, descriptionEn: `Canopy temperature is measured with a tungsten-rhenium ${SECRET_EN}.`,
    indicators: [['倾角误差', 'Inclination error', '≤ 0.5', '°']], eligibilityZh: '须签署保密协议。',
  },
  { ...base, owner: 'a', key: 'draft', state: 'draft', deadlineDays: 90, publishedDaysAgo: 0, titleZh: '草稿：焊接机器人工作站', summaryZh: '尚未提交。', descriptionZh: '草稿。' },
];

const BUREAU: SearchReader = { seesEverything: true, organizationId: null, detailChallengeIds: [] };
const search = (q: Partial<SearchQuery>, e: { query: MeilisearchEngine['query'] } = engine): Promise<SearchResult> =>
  e.query(db, { page: 1, pageSize: 20, now: CORPUS_NOW, reader: ANONYMOUS_READER, ...q });
const keys = (r: SearchResult) => r.items.map((i) => Object.keys(id).find((k) => id[k] === i.id));
const outboxRows = () => db.select().from(searchOutbox).orderBy(searchOutbox.challengeId);
const multiSearches = (server: { requests: RecordingServer['requests'] }) => server.requests.filter((r) => r.path === '/multi-search');
const lastSearchBody = (server: { requests: RecordingServer['requests'] }) => multiSearches(server).at(-1)!.body as { queries: Record<string, unknown>[] };

beforeAll(async () => {
  console.info(`Meilisearch engine tests: ${NOT_EXERCISED}.`);
  database = await openTestDatabase();
  db = database.db;
  fake = await FakeMeilisearch.start();
  engine = createMeilisearchEngine({ url: fake.url, apiKey: 'test-master-key', fallback: postgres });
  owners.a = await seedOwner(db, '甲企业');
  owners.b = await seedOwner(db, '乙企业');
  for (const [i, c] of CHALLENGES.entries()) {
    id[c.key] = `00000000-0000-4000-8000-0000000002${String(i).padStart(2, '0')}`;
    await insertChallenge(db, engine, owners[c.owner], c, id[c.key]!);
  }
});
afterAll(async () => {
  await fake?.close();
  await database?.close();
});

describe(`Meilisearch engine (${NOT_EXERCISED})`, () => {
  describe('writes: the PostgreSQL index and an outbox row, in the caller’s transaction; no call to Meilisearch', () => {
    test('indexing wrote both', async () => {
      expect(fake.requests).toEqual([]);
      expect((await outboxRows()).map((r) => [r.challengeId, r.operation, r.attempts, r.nextAttemptAt])).toEqual(
        Object.values(id).sort().map((challengeId) => [challengeId, 'upsert', 0, null]),
      );
      expect(await db.select().from(searchDocuments)).toHaveLength(CHALLENGES.length);
    });

    test('a rolled-back write leaves neither; a second change before the send replaces the pending row', async () => {
      await db.delete(searchOutbox).where(eq(searchOutbox.challengeId, id.disc!));
      const doc = (await loadChallengeSearchDocument(db, id.disc!))!;
      await expect(db.transaction(async (tx) => {
        await engine.index(tx as unknown as Db, doc);
        throw new Error('roll back');
      })).rejects.toThrow('roll back');
      expect((await outboxRows()).map((r) => r.challengeId)).not.toContain(id.disc);

      await db.transaction(async (tx) => {
        await engine.remove(tx as unknown as Db, id.disc!);
        await engine.index(tx as unknown as Db, doc);
      });
      const row = (await outboxRows()).find((r) => r.challengeId === id.disc);
      expect(row).toMatchObject({ operation: 'upsert', attempts: 0, nextAttemptAt: null, lastError: null });
      expect(fake.requests).toEqual([]);
    });
  });

  describe('settings, applied at start', () => {
    test('create the index with primary key id when missing, then send the settings, with the key', async () => {
      await engine.applySettings();
      expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /indexes/challenges', 'POST /indexes', 'PATCH /indexes/challenges/settings']);
      expect(fake.requests[1]!.body).toEqual({ uid: 'challenges', primaryKey: 'id' });
      expect(fake.requests[2]!.body).toEqual(JSON.parse(JSON.stringify(meilisearchSettings(TextAnalyzer.shared()))));
      expect(fake.requests.every((r) => r.headers.authorization === 'Bearer test-master-key')).toBe(true);
      await engine.applySettings();
      expect(fake.requests.slice(3).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /indexes/challenges', 'PATCH /indexes/challenges/settings']);
    });
  });

  describe('the outbox, drained', () => {
    test('one addDocuments call for the batch, built from the database; the rows are deleted', async () => {
      const before = fake.requests.length;
      const r = await drainOutboxBatch(db, engine, { now: CORPUS_NOW, batchSize: 100 });
      expect(r).toEqual({ picked: CHALLENGES.length, sent: CHALLENGES.length, removed: 0, failed: 0, errors: [] });
      const calls = fake.requests.slice(before);
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /indexes/challenges/documents']);
      expect((calls[0]!.body as { id: string }[]).map((d) => d.id).sort()).toEqual(Object.values(id).sort());
      expect(await outboxRows()).toEqual([]);
      expect(fake.documents.get(id.secret!)).toMatchObject({ visibility: 'restricted', ownerOrganizationId: owners.b.organizationId, bounty: 150 * 1_000_000 });
    });
  });

  describe('search requests', () => {
    test('an anonymous reader: the details part filtered to what it may read; the public part searching on the public attributes only', async () => {
      const before = multiSearches(fake).length;
      await search({ text: `液压支架 ${SECRET_ZH}` });
      // Two requests: every word (matchingStrategy all), and when that found nothing, some of them (last).
      const [all, some] = multiSearches(fake).slice(before).map((r) => (r.body as { queries: Record<string, unknown>[] }).queries);
      expect(some!.map((x) => x.matchingStrategy)).toEqual(['last', 'last', 'last', 'last']);
      const queries = all!;
      expect(queries).toHaveLength(4);
      const q = meilisearchText(TextAnalyzer.shared(), `液压支架 ${SECRET_ZH}`, false)!.q;
      expect(q).toMatch(/^液压支架 .*热电偶 $/);
      const [full, fullPast, pub, pubPast] = queries as Record<string, unknown>[];
      expect(full).toMatchObject({
        indexUid: 'challenges', q, matchingStrategy: 'all', locales: ['zho', 'eng'],
        filter: ['publishedAt IS NOT NULL', 'visibility = "public"'], facets: ['industry', 'category', 'state'], showRankingScore: true, page: 1, hitsPerPage: 20,
      });
      expect(full!.attributesToSearchOn).toBeUndefined();
      expect(full!.attributesToRetrieve).toEqual(expect.arrayContaining(['title', 'summary', 'indicators', 'description', 'eligibility']));
      expect(pub).toMatchObject({ q, filter: ['publishedAt IS NOT NULL', 'visibility = "restricted"'], attributesToSearchOn: [...MEILI_PUBLIC_ATTRIBUTES] });
      expect(pub!.attributesToRetrieve).not.toEqual(expect.arrayContaining(['description']));
      expect((pub!.attributesToRetrieve as string[]).filter((a) => ['indicators', 'description', 'eligibility'].includes(a))).toEqual([]);
      const past = ['state = "published"', `deadline <= ${CORPUS_NOW.getTime()}`];
      expect(fullPast).toMatchObject({ filter: [...(full!.filter as string[]), ...past], hitsPerPage: 0 });
      expect(pubPast).toMatchObject({ filter: [...(pub!.filter as string[]), ...past], hitsPerPage: 0, attributesToSearchOn: [...MEILI_PUBLIC_ATTRIBUTES] });
    });

    test('an entitled solver: its challenges join the details part; the bureau: one part, no visibility filter', async () => {
      await search({ text: '液压支架', reader: { seesEverything: false, organizationId: owners.a.organizationId, detailChallengeIds: [id.secret!] } });
      const solver = lastSearchBody(fake).queries;
      expect(solver[0]!.filter).toEqual(['publishedAt IS NOT NULL', `(visibility = "public" OR ownerOrganizationId = "${owners.a.organizationId}" OR id IN ["${id.secret}"])`]);
      expect(solver[2]!.filter).toEqual(['publishedAt IS NOT NULL', `(visibility = "restricted" AND ownerOrganizationId != "${owners.a.organizationId}" AND id NOT IN ["${id.secret}"])`]);

      await search({ text: '液压支架', reader: BUREAU, scope: 'all', sort: 'bounty', page: 2, pageSize: 5 });
      const bureau = lastSearchBody(fake).queries;
      expect(bureau).toHaveLength(2);
      expect(bureau[0]).toMatchObject({ filter: [], sort: ['bounty:desc'], hitsPerPage: 10 });
      expect(bureau[0]!.attributesToSearchOn).toBeUndefined();
    });

    test('without text: one part, no q, sorted newest first', async () => {
      await search({ filters: { status: ['published'] } });
      const { queries } = lastSearchBody(fake);
      expect(queries).toHaveLength(2);
      expect(queries[0]!.q).toBeUndefined();
      expect(queries[0]!.sort).toEqual(['publishedAt:desc', 'createdAt:desc']);
    });
  });

  describe('restricted challenges (answered by the stand-in from the drained documents)', () => {
    const everySnippet = (r: SearchResult) => r.items.flatMap((i) => i.highlights.map((h) => h.text)).join('\n');

    test('a reader not entitled to the details is not matched on them', async () => {
      for (const text of [SECRET_ZH, SECRET_EN, '倾角传感器', '保密协议']) {
        const r = await search({ text });
        expect(r.engine).toBe('meilisearch');
        expect(r.total, text).toBe(0);
      }
    });

    test('matched on its public fields, its snippets never come from the restricted ones', async () => {
      const r = await search({ text: '液压支架' });
      expect(r.engine).toBe('meilisearch');
      expect(keys(r)).toEqual(['secret']);
      const fields = r.items[0]!.highlights.map((h) => h.field);
      expect(fields.length).toBeGreaterThan(0);
      expect(fields.every((f) => f === 'title' || f === 'summary')).toBe(true);
      // The PostgreSQL engine answers the same.
      expect(keys(await search({ text: '液压支架' }, postgres))).toEqual(['secret']);
    });

    test('an entitled solver, the owner organisation and the bureau are matched on the details and see them in snippets', async () => {
      for (const reader of [
        { seesEverything: false, organizationId: null, detailChallengeIds: [id.secret!] },
        { seesEverything: false, organizationId: owners.b.organizationId, detailChallengeIds: [] },
        BUREAU,
      ]) {
        const r = await search({ text: SECRET_ZH, reader });
        expect(keys(r)).toEqual(['secret']);
        expect(r.items[0]!.highlights.some((h) => h.field === 'description' && h.text.includes(SECRET_ZH))).toBe(true);
      }
      const other = await search({ text: SECRET_ZH, reader: { seesEverything: false, organizationId: owners.a.organizationId, detailChallengeIds: [id.disc!] } });
      expect(other.total).toBe(0);
    });

    test('whatever Meilisearch answers, a detail field is never read for a snippet of a reader not entitled to it', async () => {
      const secretHit = {
        id: id.secret, visibility: 'restricted', ownerOrganizationId: owners.b.organizationId, publishedAt: 1, _rankingScore: 0.9,
        title: { zh: '液压支架姿态感知', en: null }, summary: { zh: null, en: null },
        description: { zh: `液压支架用${SECRET_ZH}测量`, en: null }, eligibility: { zh: `液压支架${SECRET_ZH}`, en: null },
      };
      const result = (hits: unknown[]) => ({ indexUid: 'challenges', hits, query: '', processingTimeMs: 0, page: 1, hitsPerPage: 20, totalPages: 1, totalHits: hits.length, facetDistribution: {} });
      const server = await startRecordingServer(() => ({ status: 200, body: { results: [result([secretHit]), result([]), result([secretHit]), result([])] } }));
      try {
        const lying = createMeilisearchEngine({ url: server.url, fallback: postgres });
        const r = await search({ text: `液压支架 ${SECRET_ZH}` }, lying);
        expect(r.engine).toBe('meilisearch');
        expect(r.items.map((i) => i.id)).toEqual([id.secret, id.secret]);
        expect(r.items.flatMap((i) => i.highlights.map((h) => h.field)).every((f) => f === 'title' || f === 'summary')).toBe(true);
        expect(everySnippet(r)).not.toContain(SECRET_ZH);
      } finally {
        await server.close();
      }
    });
  });

  describe('the same answers as the PostgreSQL engine for filters, facets, sort and paging', () => {
    const queries: Partial<SearchQuery>[] = [
      {},
      { sort: 'deadline' },
      { sort: 'bounty' },
      { filters: { industry: ['high_end_equipment'] } },
      { filters: { category: ['urgent_need', 'common_key_technology'] } },
      { filters: { bountyFen: { min: 100 * 1_000_000, max: 150 * 1_000_000 } } },
      { filters: { deadline: { from: CORPUS_NOW, before: new Date(CORPUS_NOW.getTime() + 40 * 86_400_000) } } },
      { filters: { status: ['closed'] } },
      { filters: { status: ['published'] } },
      { now: new Date(CORPUS_NOW.getTime() + 45 * 86_400_000), filters: { status: ['published'] } },
      { page: 2, pageSize: 2 },
      { page: 3, pageSize: 2 },
      { scope: 'all', reader: BUREAU },
      { scope: 'mine', reader: { ...ANONYMOUS_READER, organizationId: '' } },
      { text: '高温合金', filters: { status: ['published'] } },
    ];
    for (const q of queries) {
      test(JSON.stringify(q), async () => {
        if (q.scope === 'mine') q.reader = { ...ANONYMOUS_READER, organizationId: owners.a.organizationId };
        const [m, p] = [await search(q), await search(q, postgres)];
        expect(m.engine).toBe('meilisearch');
        expect({ keys: keys(m), total: m.total, facets: m.facets, match: m.match }).toEqual({ keys: keys(p), total: p.total, facets: p.facets, match: p.match });
      });
    }
  });

  describe('when Meilisearch cannot answer, writes succeed and the PostgreSQL engine answers, saying so', () => {
    test('MEILI_URL pointing at a closed port', async () => {
      const errors: unknown[] = [];
      const down = createMeilisearchEngine({ url: `http://127.0.0.1:${await closedPort()}`, fallback: postgres, onFallback: (e) => errors.push(e) });
      const r = await search({ text: '高温合金' }, down);
      expect(r.engine).toBe('postgres');
      expect(keys(r).sort()).toEqual(['disc', 'revert']);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(MeilisearchRequestError);

      const doc = (await loadChallengeSearchDocument(db, id.cylinder!))!;
      await db.transaction(async (tx) => down.index(tx as unknown as Db, { ...doc, title: { zh: '大缸径油缸缸筒强力珩磨', en: null } }));
      expect(await outboxRows()).toMatchObject([{ challengeId: id.cylinder, operation: 'upsert', attempts: 0 }]);
      const after = await search({ text: '油缸', reader: BUREAU, scope: 'all' }, down);
      expect([after.engine, keys(after)]).toEqual(['postgres', ['cylinder']]);
      await postgres.index(db, doc);
      await db.delete(searchOutbox);
    });

    test('an error answer falls back too; then queries skip Meilisearch for a pause instead of each waiting for it', async () => {
      const server = await startRecordingServer(() => ({ status: 500, body: { message: 'boom', code: 'internal', type: 'internal', link: '' } }));
      let now = 0;
      try {
        const failing = createMeilisearchEngine({ url: server.url, fallback: postgres, pauseAfterFailureMs: 10_000, now: () => now });
        expect((await search({ text: '高温合金' }, failing)).engine).toBe('postgres');
        expect(multiSearches(server)).toHaveLength(1);
        now = 9_999;
        expect((await search({ text: '高温合金' }, failing)).engine).toBe('postgres');
        expect(multiSearches(server)).toHaveLength(1);
        now = 10_000;
        server.answer((req) => (req.path === '/multi-search' ? forward(req) : enqueued('challenges', 'x')));
        const back = await search({ text: '高温合金' }, failing);
        expect(back.engine).toBe('meilisearch');
        expect(multiSearches(server)).toHaveLength(2);
      } finally {
        await server.close();
      }
    });

    test('a query that outlasts the timeout falls back', async () => {
      let release!: () => void;
      const hold = new Promise<void>((resolve) => { release = resolve; });
      const server = await startRecordingServer(async () => {
        await hold;
        return { status: 200, body: { results: [] } };
      });
      try {
        const slow = createMeilisearchEngine({ url: server.url, fallback: postgres, queryTimeoutMs: 200 });
        const started = performance.now();
        const r = await search({ text: '高温合金' }, slow);
        expect(r.engine).toBe('postgres');
        expect(performance.now() - started).toBeLessThan(5_000);
      } finally {
        release();
        await server.close();
      }
    });

    test('a filter value that is not a known code is refused, not sent, and not hidden by the fallback', async () => {
      const before = multiSearches(fake).length;
      await expect(search({ filters: { industry: ['" OR visibility = "restricted' as never] } })).rejects.toThrow('industry: not a known value');
      expect(multiSearches(fake)).toHaveLength(before);
    });
  });

  describe('npm run search:reindex (reindexMeilisearch)', () => {
    test('settings, every challenge sent, documents of challenges that are gone removed', async () => {
      fake.documents.delete(id.revert!);
      fake.documents.set('ffffffff-0000-4000-8000-000000000000', { id: 'ffffffff-0000-4000-8000-000000000000' });
      fake.documents.set('legacy-1', { id: 'legacy-1' });
      const before = fake.requests.length;
      const r = await reindexMeilisearch(db, engine, { now: () => CORPUS_NOW, batchSize: 2 });
      expect(r).toEqual({ enqueued: CHALLENGES.length, stale: 2, sent: CHALLENGES.length, removed: 1, failed: 0, errors: [] });
      expect([...fake.documents.keys()].sort()).toEqual(Object.values(id).sort());
      expect(await outboxRows()).toEqual([]);
      const calls = fake.requests.slice(before).map((c) => `${c.method} ${c.path}`);
      expect(calls.slice(0, 2)).toEqual(['GET /indexes/challenges', 'PATCH /indexes/challenges/settings']);
      expect(calls.filter((c) => c === 'POST /indexes/challenges/documents')).toHaveLength(3);
    });
  });
});

/** Hands a recorded request to the stand-in that holds the documents. */
async function forward(req: RecordingServer['requests'][number]) {
  const res = await fetch(`${fake.url}${req.path}`, { method: req.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body) });
  return { status: res.status, body: await res.json() };
}

describe('migration 0004', () => {
  test('the outbox table exists with its due index', async () => {
    const rows = await queryRows<{ indexname: string }>(db, sql`select indexname from pg_indexes where tablename = 'search_outbox' order by indexname`);
    expect(rows.map((r) => r.indexname)).toEqual(['search_outbox_due_idx', 'search_outbox_pkey']);
  });
});

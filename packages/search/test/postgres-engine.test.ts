import { queryRows, searchDocuments, searchDocumentTexts, type Database, type Db } from '@challenge/db';
import { openTestDatabase } from '@challenge/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ANONYMOUS_READER, createPostgresSearchEngine, loadChallengeSearchDocument, reindexChallenge, type SearchQuery, type SearchReader, type SearchResult,
} from '../src/index';
import { CORPUS_NOW, type CorpusChallenge } from './fixtures/corpus-types';
import { insertChallenge, seedOwner } from './support/seed';

let database: Database;
let db: Db;
const engine = createPostgresSearchEngine();
const owners: Record<'a' | 'b', { organizationId: string; userId: string }> = {} as never;
const id: Record<string, string> = {};

const base = { industry: 'metallurgy_new_materials', category: 'bottleneck', bountyWan: 100, deadlineDays: 30, publishedDaysAgo: 10, summaryZh: '', descriptionZh: '' } as const;
const SECRET_ZH = '钨铼热电偶';
const SECRET_EN = 'thermocouple';

const CHALLENGES: (CorpusChallenge & { owner: 'a' | 'b' })[] = [
  { ...base, owner: 'a', key: 'disc', titleZh: '镍基高温合金涡轮盘晶粒度控制', titleEn: 'Grain size of superalloy turbine discs', summaryZh: '涡轮盘锻件晶粒不均。', descriptionZh: '需要等温锻造工艺。' },
  { ...base, owner: 'a', key: 'revert', bountyWan: 50, deadlineDays: -1, publishedDaysAgo: 20, industry: 'metallurgy_new_materials', category: 'urgent_need', titleZh: '高温合金返回料再利用', titleEn: 'Reuse of superalloy revert', summaryZh: '返回料比例提高后夹杂物超标。', descriptionZh: '真空感应熔炼。' },
  { ...base, owner: 'a', key: 'cylinder', state: 'closed', bountyWan: 200, deadlineDays: -5, publishedDaysAgo: 30, industry: 'high_end_equipment', category: 'common_key_technology', titleZh: '大缸径液压缸缸筒珩磨', titleEn: 'Honing large hydraulic cylinders', summaryZh: '珩磨效率低。', descriptionZh: '需要在线测量。' },
  {
    ...base, owner: 'b', key: 'secret', visibility: 'restricted', bountyWan: 150, deadlineDays: 60, publishedDaysAgo: 5, industry: 'high_end_equipment', category: 'bottleneck',
    titleZh: '液压支架姿态感知', titleEn: 'Posture sensing of hydraulic supports', summaryZh: '支架姿态感知不准导致自动移架失败。', summaryEn: 'Automatic advance fails.',
    descriptionZh: `顶梁温度用${SECRET_ZH}测量，倾角传感器在强振动下漂移。`, descriptionEn: `Canopy temperature is measured with a tungsten-rhenium ${SECRET_EN}.`,
    indicators: [['倾角误差', 'Inclination error', '≤ 0.5', '°']], eligibilityZh: '须签署保密协议。',
  },
  { ...base, owner: 'a', key: 'draft', state: 'draft', deadlineDays: 90, publishedDaysAgo: 0, titleZh: '草稿：焊接机器人工作站', summaryZh: '尚未提交。', descriptionZh: '草稿。' },
];

beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db;
  owners.a = await seedOwner(db, '甲企业');
  owners.b = await seedOwner(db, '乙企业');
  for (const [i, c] of CHALLENGES.entries()) {
    id[c.key] = `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`;
    await insertChallenge(db, engine, owners[c.owner], c, id[c.key]!);
  }
});
afterAll(() => database?.close());

const BUREAU: SearchReader = { seesEverything: true, organizationId: null, detailChallengeIds: [] };
const search = (q: Partial<SearchQuery>, e = engine): Promise<SearchResult> =>
  e.query(db, { page: 1, pageSize: 20, now: CORPUS_NOW, reader: ANONYMOUS_READER, ...q });
const keys = (r: SearchResult) => r.items.map((i) => Object.keys(id).find((k) => id[k] === i.id));
const WAN = 1_000_000; // fen in 万元

describe('filters', () => {
  test('industry, category, bounty range (inclusive), deadline range', async () => {
    expect(keys(await search({ filters: { industry: ['high_end_equipment'] } })).sort()).toEqual(['cylinder', 'secret']);
    expect(keys(await search({ filters: { category: ['urgent_need', 'common_key_technology'] } })).sort()).toEqual(['cylinder', 'revert']);
    expect(keys(await search({ filters: { bountyFen: { min: 100 * WAN, max: 150 * WAN } } })).sort()).toEqual(['disc', 'secret']);
    const in40Days = new Date(CORPUS_NOW.getTime() + 40 * 86_400_000);
    expect(keys(await search({ filters: { deadline: { from: CORPUS_NOW, before: in40Days } } }))).toEqual(['disc']);
  });

  test('status as readers mean it: a published challenge past its deadline is closed', async () => {
    expect(keys(await search({ filters: { status: ['closed'] } })).sort()).toEqual(['cylinder', 'revert']);
    expect(keys(await search({ filters: { status: ['published'] } })).sort()).toEqual(['disc', 'secret']);
    const later = new Date(CORPUS_NOW.getTime() + 45 * 86_400_000);
    expect(keys(await search({ now: later, filters: { status: ['published'] } }))).toEqual(['secret']);
  });

  test('filters combine with text', async () => {
    expect(keys(await search({ text: '高温合金', filters: { status: ['published'] } }))).toEqual(['disc']);
  });
});

describe('facets', () => {
  test('count the matching challenges per industry, category and status, with every filter applied', async () => {
    const r = await search({});
    expect(r.total).toBe(4);
    expect(r.countsExact).toBe(true);
    expect(r.facets).toEqual({
      industry: { metallurgy_new_materials: 2, high_end_equipment: 2 },
      category: { bottleneck: 2, urgent_need: 1, common_key_technology: 1 },
      status: { published: 2, closed: 2 },
    });
    const filtered = await search({ text: '高温合金', filters: { industry: ['metallurgy_new_materials'] } });
    expect(filtered.facets.status).toEqual({ published: 1, closed: 1 });
  });

  test('a broad query is counted on a sample: scaled estimates, flagged', async () => {
    const bucketZero = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from search_documents where published_at is not null and bucket = 0`);
    const tenPercent = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from search_documents where published_at is not null and bucket < 10`);
    // Thresholds of 0: the 1% sample answers; of 10⁶ and 0: the 10% one.
    const coarse = await search({}, createPostgresSearchEngine({ sampleThresholds: { coarse: 0, fine: 0 } }));
    expect(coarse.countsExact).toBe(false);
    expect(coarse.total).toBe(100 * Number(bucketZero[0]!.n));
    const fine = await search({}, createPostgresSearchEngine({ sampleThresholds: { coarse: 1e6, fine: 0 } }));
    expect(fine.countsExact).toBe(false);
    expect(fine.total).toBe(10 * Number(tenPercent[0]!.n));
    const sum = Object.values(fine.facets.industry).reduce((a, b) => a + (b ?? 0), 0);
    expect(sum).toBe(fine.total);
  });

});

describe('sorting and paging', () => {
  test('newest, deadline (soonest first), bounty (largest first); without text newest is the default', async () => {
    expect(keys(await search({}))).toEqual(['secret', 'disc', 'revert', 'cylinder']);
    expect(keys(await search({ sort: 'deadline' }))).toEqual(['cylinder', 'revert', 'disc', 'secret']);
    expect(keys(await search({ sort: 'bounty' }))).toEqual(['cylinder', 'secret', 'disc', 'revert']);
  });

  test('relevance is the default with text: title matches first, with a score', async () => {
    const r = await search({ text: '涡轮盘' });
    expect(keys(r)).toEqual(['disc']);
    expect(r.items[0]!.score).toBeGreaterThan(0);
    const both = await search({ text: 'superalloy' });
    expect(both.items.every((i) => typeof i.score === 'number')).toBe(true);
  });

  test('pages do not overlap and the total does not change', async () => {
    const [p1, p2, p3] = await Promise.all([1, 2, 3].map((page) => search({ page, pageSize: 2 })));
    expect(keys(p1!)).toEqual(['secret', 'disc']);
    expect(keys(p2!)).toEqual(['revert', 'cylinder']);
    expect(p3!.items).toEqual([]);
    expect([p1!.total, p2!.total, p3!.total]).toEqual([4, 4, 4]);
  });

  test('relevance ranks only the best candidates by title (then newest); the rest follow unranked, newest first', async () => {
    const capped = createPostgresSearchEngine({ rankCandidates: 1 });
    const r = await search({ text: '高温合金', reader: BUREAU }, capped);
    expect(keys(r)).toEqual(['disc', 'revert']);
    expect(r.items[0]!.score).toBeGreaterThan(0);
    expect(r.items[1]!.score).toBeUndefined();
    expect(keys(await search({ text: '高温合金', reader: BUREAU, page: 2, pageSize: 1 }, capped))).toEqual(['revert']);
  });
});

describe('text matching', () => {
  test('stop words do not stop a match', async () => {
    expect(keys(await search({ text: '高温合金的' }))).toEqual(expect.arrayContaining(['disc', 'revert']));
  });

  test('the last word matches as a prefix while typing', async () => {
    const typing = await search({ text: '高温合', typing: true });
    expect(typing.match).toBe('all');
    expect(keys(typing).sort()).toEqual(['disc', 'revert']);
    expect(keys(await search({ text: 'superall', typing: true })).sort()).toEqual(['disc', 'revert']);
    expect((await search({ text: 'superall' })).match).not.toBe('all');
  });

  test('a misspelt English word finds the title word it is close to (pg_trgm)', async () => {
    const r = await search({ text: 'hydralic cylinders' });
    expect(r.match).toBe('corrected');
    expect(r.corrections).toContainEqual({ from: 'hydralic', to: 'hydraulic' });
    expect(keys(r)).toContain('cylinder');
  });

  test('text spelled right but outside the filters is not "corrected" into other words', async () => {
    // "support" matches only a high-end-equipment challenge ("hydraulic supports"): within metallurgy
    // nothing matches, and that is the filters' doing, not a typo's ("supports" is a title word close to it).
    const r = await search({ text: 'support', filters: { industry: ['metallurgy_new_materials'] } });
    expect(r.total).toBe(0);
    expect(r.match).toBe('all');
    expect(r.corrections).toEqual([]);
  });

  test('a 同音字 typo finds the domain word it sounds like', async () => {
    const r = await search({ text: '高问合金' });
    expect(r.corrections).toEqual([{ from: '高问合金', to: '高温合金' }]);
    expect(keys(r).sort()).toEqual(['disc', 'revert']);
  });

  test('when nothing matches every term, challenges matching some of them are shown and flagged', async () => {
    const r = await search({ text: '涡轮盘 珩磨 不存在的词' });
    expect(r.match).toBe('any');
    expect(keys(r).sort()).toEqual(['cylinder', 'disc']);
  });

  test('snippets mark the matched words, sub-words included, as ranges in the original text', async () => {
    const [hit] = (await search({ text: '高溫合金 涡轮盘' })).items;
    const title = hit!.highlights.find((h) => h.field === 'title' && h.lang === 'zh')!;
    expect(title.text).toBe('镍基高温合金涡轮盘晶粒度控制');
    expect(title.ranges.map(([a, b]) => title.text.slice(a, b))).toEqual(['高温合金涡轮盘']);
  });

  test('user text cannot break the query', async () => {
    for (const text of ["'; drop table search_documents; --", '&|!:*()<->\\', "高温合金' | !"]) {
      await expect(search({ text, typing: true })).resolves.toMatchObject({ engine: 'postgres' });
    }
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from search_documents`);
    expect(row!.n).toBe(CHALLENGES.length);
  });
});

describe('restricted challenges', () => {
  const everySnippet = (r: SearchResult) => r.items.flatMap((i) => i.highlights.map((h) => h.text)).join('\n');

  test('a reader not entitled to the details is not matched on them', async () => {
    for (const text of [SECRET_ZH, SECRET_EN, '倾角传感器', '保密协议']) {
      const r = await search({ text });
      expect(r.total, text).toBe(0);
      expect(r.items, text).toEqual([]);
    }
  });

  test('matched on its public fields, its snippets never come from the restricted ones', async () => {
    const r = await search({ text: `液压支架 ${SECRET_ZH} 倾角` });
    expect(keys(r)).toEqual(['secret']);
    const fields = r.items[0]!.highlights.map((h) => h.field);
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f === 'title' || f === 'summary')).toBe(true);
    expect(everySnippet(r)).not.toContain(SECRET_ZH);
    expect(everySnippet(r)).not.toContain('倾角');
  });

  test('an entitled solver, the owner organisation and the bureau are matched on the details and see them in snippets', async () => {
    const readers: SearchReader[] = [
      { seesEverything: false, organizationId: null, detailChallengeIds: [id.secret!] },
      { seesEverything: false, organizationId: owners.b.organizationId, detailChallengeIds: [] },
      BUREAU,
    ];
    for (const reader of readers) {
      const r = await search({ text: SECRET_ZH, reader });
      expect(keys(r)).toEqual(['secret']);
      expect(r.items[0]!.highlights.some((h) => h.field === 'description' && h.text.includes(SECRET_ZH))).toBe(true);
    }
    const other = await search({ text: SECRET_ZH, reader: { seesEverything: false, organizationId: owners.a.organizationId, detailChallengeIds: [id.disc!] } });
    expect(other.total).toBe(0);
  });
});

describe('scope', () => {
  test('drafts are found only by their owner (mine) and the bureau (all)', async () => {
    expect((await search({ text: '焊接机器人' })).total).toBe(0);
    expect(keys(await search({ text: '焊接机器人', scope: 'mine', reader: { ...ANONYMOUS_READER, organizationId: owners.a.organizationId } }))).toEqual(['draft']);
    expect((await search({ text: '焊接机器人', scope: 'mine', reader: { ...ANONYMOUS_READER, organizationId: owners.b.organizationId } })).total).toBe(0);
    expect(keys(await search({ text: '焊接机器人', scope: 'all', reader: BUREAU }))).toEqual(['draft']);
    expect((await search({ text: '焊接机器人', scope: 'all', reader: { ...ANONYMOUS_READER, organizationId: owners.a.organizationId } })).total).toBe(0);
  });
});

describe('index and remove', () => {
  test('re-indexing replaces the row; removing deletes it with its texts', async () => {
    const doc = (await loadChallengeSearchDocument(db, id.cylinder!))!;
    await engine.index(db, { ...doc, title: { zh: '大缸径油缸缸筒强力珩磨', en: null } });
    expect(keys(await search({ text: '油缸' }))).toEqual(['cylinder']);
    expect((await search({ text: 'honing' })).total).toBe(0);
    await reindexChallenge(db, engine, id.cylinder!);
    expect(keys(await search({ text: 'honing' }))).toEqual(['cylinder']);

    await engine.remove(db, id.cylinder!);
    expect((await search({ text: 'honing' })).total).toBe(0);
    expect(await db.select().from(searchDocumentTexts).where(eq(searchDocumentTexts.challengeId, id.cylinder!))).toEqual([]);
    await reindexChallenge(db, engine, id.cylinder!);
    expect(keys(await search({ text: 'honing' }))).toEqual(['cylinder']);
  });

  test('the index changes with the caller’s transaction: a rollback leaves it as it was', async () => {
    const doc = (await loadChallengeSearchDocument(db, id.disc!))!;
    await expect(
      db.transaction(async (tx) => {
        await engine.index(tx as unknown as Db, { ...doc, title: { zh: '改名后的标题', en: null } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [row] = await db.select({ words: searchDocuments.titleWords }).from(searchDocuments).where(eq(searchDocuments.challengeId, id.disc!));
    expect(row!.words).toContain('superalloy');
  });
});

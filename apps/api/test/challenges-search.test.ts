/**
 * `GET /api/challenges?q=…` through the app on a real database: what search finds for whom, its
 * highlights, facets and corrections, that every write reindexes in its own transaction, and the
 * one-shot reindex for data from before search existed.
 */
import { challenges, searchDocuments } from '@challenge/db';
import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CURRENT_CONFIDENTIALITY_TERMS_VERSION } from '@challenge/domain';
import type { SearchEngine } from '@challenge/search';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { closeDueChallenges } from '../src/services/challenges/close-challenge';
import { createSearchEngine } from '../src/services/search/engine';
import { reindexAll, reindexMissing } from '../src/services/search/reindex-all';
import {
  act, bearer, challengeIn, createChallenge, DEADLINE_SOON_MS, setupTestApp, sharedBureauToken, soonDeadline, verifiedEnterprise, verifiedSolver,
} from './helpers';

// Its own database: the index holds exactly the challenges made here.
const env = await setupTestApp();
const { app } = env;
const db = env.database.db;
const DAY = 24 * 3600 * 1000;

interface Highlight { field: string; lang: string; text: string; ranges: [number, number][]; truncatedStart: boolean; truncatedEnd: boolean }
interface Item { id: string; titleZh: string; highlights: Highlight[] }
interface ListBody {
  items: Item[];
  total: number;
  facets: { industry: Record<string, number>; category: Record<string, number>; status: Record<string, number> };
  countsExact: boolean;
  match: string;
  corrections: { from: string; to: string }[];
  engine: string;
}

async function list(query: string, token?: string): Promise<ListBody> {
  const res = await app.inject({ method: 'GET', url: `/api/challenges?${query}`, headers: token ? bearer(token) : {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}&pageSize=100${extra}`;
const found = async (text: string, token?: string, extra = '') => (await list(q(text, extra), token)).items.map((i) => i.id);

/** Texts of a challenge with nothing in common with the others unless a test puts it there; without English, a domestic-only one. */
function texts(titleZh: string, titleEn: string | null, summaryZh: string, descriptionZh: string, more: Record<string, unknown> = {}) {
  return {
    titleZh, titleEn, summaryZh, summaryEn: titleEn ? `About: ${titleEn}.` : null, descriptionZh, descriptionEn: null, eligibilityZh: '高校、科研院所或企业。', eligibilityEn: null,
    indicators: [{ nameZh: '达标率', nameEn: 'Pass rate', target: '≥ 95', unit: '%', method: '连续 20 批统计' }],
    ...(titleEn ? {} : { domesticOnly: true }),
    ...more,
  };
}

const SECRET_ZH = '钨铼热电偶';
const SECRET_EN = 'thermocouple';

const owner = await verifiedEnterprise(env);
const otherOwner = await verifiedEnterprise(env);
// The helper's default: 高温合金真空感应熔炼夹杂物控制 / nickel superalloys, GH4169 (metallurgy, bottleneck).
const superalloy = await challengeIn(env, owner, 'published');
const shield = await challengeIn(env, owner, 'published', {
  ...texts('盾构机主轴承密封寿命提升', 'Longer life for shield-machine main bearing seals', '主轴承密封在高水压下早期失效。', '掘进中密封唇口磨损，需更换整机。'),
  industry: 'high_end_equipment', category: 'urgent_need',
});
// Chinese only: English queries reach it through synonyms alone.
const caster = await challengeIn(env, otherOwner, 'published', {
  ...texts('连铸坯中心偏析控制', null, '板坯中心偏析评级波动大。', '二号铸机轻压下工艺需要优化。'),
  category: 'common_key_technology',
});
const restricted = await challengeIn(env, otherOwner, 'published', {
  ...texts('液压支架姿态感知', 'Posture sensing of hydraulic roof supports', '支架姿态感知不准导致自动移架失败。', `液压支架顶梁温度用${SECRET_ZH}测量，倾角传感器在强振动下漂移。`, {
    descriptionEn: `Canopy temperature of the hydraulic supports is measured with a tungsten-rhenium ${SECRET_EN}.`,
    indicators: [{ nameZh: '液压支架倾角误差', nameEn: 'Inclination error', target: '≤ 0.5', unit: '°', method: '井下对比测量' }],
  }),
  industry: 'high_end_equipment', category: 'bottleneck', visibility: 'restricted',
});
const draft = await challengeIn(env, owner, 'draft', texts('焊接机器人工作站轧辊堆焊', 'Robotic hardfacing of mill rolls', '轧辊堆焊层开裂。', '堆焊后需要回火。'));
const inReview = await challengeIn(env, owner, 'pending_review', texts('冷轧带钢板形控制', 'Flatness control of cold-rolled strip', '板形不良。', '需要在线板形仪。'));
const cancelledDraft = await challengeIn(env, owner, 'cancelled', texts('中间包冶金流场优化', 'Tundish flow optimisation', '中间包流场不均。', '需要水模型试验。'));

describe('finding challenges', () => {
  it('finds by Chinese words, sub-words and English, best match first, and says which engine answered', async () => {
    const zh = await list(q('高温合金'));
    expect(zh.items[0]!.id).toBe(superalloy.id);
    expect(zh).toMatchObject({ match: 'all', corrections: [], engine: 'postgres' });
    expect(await found('主轴承 密封')).toEqual([shield.id]);
    expect((await found('superalloy'))[0]).toBe(superalloy.id);
    expect(await found('main bearing seals')).toEqual([shield.id]);
    expect(await found('GH4169')).toEqual([superalloy.id]);
  });

  it('finds through synonyms, across languages, with no text in common', async () => {
    expect((await found('耐热合金'))[0]).toBe(superalloy.id);
    expect((await found('continuous casting'))[0]).toBe(caster.id);
    expect((await found('centre segregation'))[0]).toBe(caster.id);
  });

  it('reads misspellings as the words they resemble, and says so', async () => {
    const homophone = await list(q('高问合金'));
    expect(homophone.items[0]!.id).toBe(superalloy.id);
    expect(homophone.corrections).toContainEqual({ from: '高问合金', to: '高温合金' });
    const typo = await list(q('hydralic'));
    expect(typo.items.map((i) => i.id)).toEqual([restricted.id]);
    expect(typo).toMatchObject({ match: 'corrected', corrections: [{ from: 'hydralic', to: 'hydraulic' }] });
  });

  it('matches the last word as a prefix while the user types', async () => {
    const typed = await list(q('shield mach', '&typing=1'));
    expect(typed).toMatchObject({ match: 'all', items: [{ id: shield.id }] });
    // Without the flag, "mach" is a whole word that no challenge has (at best a misspelling).
    expect((await list(q('shield mach'))).match).not.toBe('all');
  });

  it('sorts matches by relevance by default, and by another order when asked', async () => {
    // 控制 is in two public titles; the superalloy's summary and description say nothing of it.
    const ranked = await list(q('夹杂物 控制'));
    expect(ranked.items[0]!.id).toBe(superalloy.id);
    const newest = await list(q('控制', '&sort=newest'));
    expect(newest.items.map((i) => i.id)).toEqual([caster.id, superalloy.id]);
  });

  it('filters search results as it filters the list', async () => {
    expect(await found('控制', undefined, '&industry=metallurgy_new_materials&category=common_key_technology')).toEqual([caster.id]);
    expect(await found('控制', undefined, '&industry=high_end_equipment')).toEqual([]);
  });
});

describe('what each reader may find', () => {
  it('a word only in a restricted challenge\'s details: not for the public, nor a solver who has not accepted; found once accepted', async () => {
    const solver = await verifiedSolver(env);
    for (const [who, token] of [['anonymous', undefined], ['solver before accepting', solver.token], ['another enterprise', owner.token]] as const) {
      for (const word of [SECRET_ZH, SECRET_EN, '倾角误差']) expect(await found(word, token), `${who}: ${word}`).not.toContain(restricted.id);
    }
    // Its public fields are searchable by everyone.
    expect(await found('姿态感知')).toEqual([restricted.id]);

    const accepted = await app.inject({
      method: 'POST', url: `/api/challenges/${restricted.id}/confidentiality`, headers: bearer(solver.token), payload: { termsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION },
    });
    expect(accepted.statusCode).toBe(200);
    expect(await found(SECRET_ZH, solver.token)).toEqual([restricted.id]);
    expect(await found(SECRET_EN, solver.token)).toEqual([restricted.id]);
    const hit = (await list(q(SECRET_ZH), solver.token)).items[0]!;
    expect(hit.highlights.map((h) => h.field)).toContain('description');
    // The owner organisation and the bureau always may.
    expect(await found(SECRET_ZH, otherOwner.token)).toEqual([restricted.id]);
    expect(await found(SECRET_ZH, await sharedBureauToken(env))).toEqual([restricted.id]);

    // New terms on the challenge: an acceptance of the old version no longer opens its details.
    await db.update(challenges).set({ confidentialityTermsVersion: '2099-1' }).where(eq(challenges.id, restricted.id));
    expect(await found(SECRET_ZH, solver.token)).not.toContain(restricted.id);
    await db.update(challenges).set({ confidentialityTermsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION }).where(eq(challenges.id, restricted.id));
    expect(await found(SECRET_ZH, solver.token)).toEqual([restricted.id]);
  });

  it('no highlight of a restricted field reaches a reader not entitled to it', async () => {
    // 液压支架 is in the title, the description and an indicator.
    const solver = await verifiedSolver(env);
    for (const token of [undefined, solver.token]) {
      const res = await app.inject({ method: 'GET', url: `/api/challenges?${q('液压支架')}`, headers: token ? bearer(token) : {} });
      const hit = (res.json() as ListBody).items.find((i) => i.id === restricted.id)!;
      expect(hit.highlights.length).toBeGreaterThan(0);
      expect(hit.highlights.every((h) => h.field === 'title' || h.field === 'summary')).toBe(true);
      for (const secret of ['顶梁', '倾角', 'Canopy', SECRET_ZH, SECRET_EN]) expect(res.body).not.toContain(secret);
    }
  });

  it('highlights mark the matched words inside the item\'s own text', async () => {
    const hit = (await list(q('主轴承'))).items[0]!;
    const title = hit.highlights.find((h) => h.field === 'title' && h.lang === 'zh')!;
    expect(title.text).toBe('盾构机主轴承密封寿命提升');
    expect(title.ranges.map(([s, e]) => title.text.slice(s, e))).toEqual(['主轴承']);
    const en = (await list(q('seals'))).items[0]!.highlights.find((h) => h.field === 'title' && h.lang === 'en')!;
    expect(en.ranges.map(([s, e]) => en.text.slice(s, e))).toEqual(['seals']);
  });

  it('drafts, challenges in review and ones cancelled before publication are never found by the public; their owner and the bureau find them', async () => {
    const solver = await verifiedSolver(env);
    for (const [word, c] of [['堆焊', draft], ['板形', inReview], ['中间包', cancelledDraft]] as const) {
      for (const token of [undefined, solver.token, otherOwner.token]) expect(await found(word, token), word).not.toContain(c.id);
      expect(await found(word, owner.token, '&mine=1'), word).toEqual([c.id]);
    }
    const bureau = await sharedBureauToken(env);
    expect(await found('堆焊', bureau, '&status=draft')).toEqual([draft.id]);
    expect(await found('板形', bureau, '&status=pending_review')).toEqual([inReview.id]);
    expect(await found('堆焊', bureau)).toEqual([]);
  });
});

describe('facets', () => {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

  it('add up to the total, and each count is what filtering by that value finds, with text and without', async () => {
    for (const query of ['pageSize=100', q('控制'), q('合金'), q('液压支架'), q('supports')]) {
      const body = await list(query);
      expect(body.countsExact).toBe(true);
      expect(body.total).toBeGreaterThan(0);
      expect(sum(body.facets.industry), query).toBe(body.total);
      expect(sum(body.facets.category), query).toBe(body.total);
      expect(sum(body.facets.status), query).toBe(body.total);
      for (const industry of CHALLENGE_INDUSTRIES) expect((await list(`${query}&industry=${industry}`)).total, `${query} ${industry}`).toBe(body.facets.industry[industry] ?? 0);
      for (const category of CHALLENGE_CATEGORIES) expect((await list(`${query}&category=${category}`)).total, `${query} ${category}`).toBe(body.facets.category[category] ?? 0);
    }
  });

  it('without text: the list as before (newest first, drafts left out), with facets over it', async () => {
    const body = await list('pageSize=100');
    expect(body.items.map((i) => i.id)).toEqual([restricted.id, caster.id, shield.id, superalloy.id]);
    expect(body).toMatchObject({
      total: 4, match: 'none', corrections: [], engine: 'postgres',
      facets: { industry: { metallurgy_new_materials: 2, high_end_equipment: 2 }, category: { bottleneck: 2, urgent_need: 1, common_key_technology: 1 }, status: { published: 4 } },
    });
    expect(body.items.every((i) => i.highlights.length === 0)).toBe(true);
    // `sort=relevance` without text is the default order.
    expect((await list('pageSize=100&sort=relevance')).items.map((i) => i.id)).toEqual(body.items.map((i) => i.id));
    const mine = await list('pageSize=100&mine=1', owner.token);
    expect(mine.facets.status).toEqual({ published: 2, draft: 1, pending_review: 1, cancelled: 1 });
  });
});

describe('the index follows every write, in the same transaction', () => {
  it('a draft\'s edits, its submission, a return and an approval are searchable at once', async () => {
    const bureau = await sharedBureauToken(env);
    const c = await createChallenge(env, owner, texts('高炉炉缸侵蚀监测', 'Blast furnace hearth erosion monitoring', '炉缸侵蚀无法在线判断。', '需要热电偶阵列。'));
    expect(await found('炉缸', owner.token, '&mine=1')).toEqual([c.id]);

    const patched = await app.inject({ method: 'PATCH', url: `/api/challenges/${c.id}`, headers: bearer(owner.token), payload: texts('转炉出钢口寿命提升', 'Converter taphole life', '出钢口寿命短。', '出钢口需要更换。') });
    expect(patched.statusCode).toBe(200);
    expect(await found('炉缸', owner.token, '&mine=1&status=draft')).toEqual([]);
    expect(await found('出钢口', owner.token, '&mine=1&status=draft')).toEqual([c.id]);
    const indicators = [{ nameZh: '出钢口寿命', nameEn: 'Taphole life', target: '≥ 300', unit: '炉', method: '连续统计' }];
    await app.inject({ method: 'PATCH', url: `/api/challenges/${c.id}`, headers: bearer(owner.token), payload: { indicators, descriptionZh: '出钢口喷补料需要改进。' } });
    expect(await found('喷补料', owner.token, '&mine=1')).toEqual([c.id]);

    await act(env, owner.token, c.id, 'submit');
    expect(await found('出钢口', bureau, '&status=pending_review')).toEqual([c.id]);
    await act(env, bureau, c.id, 'return', { reason: '请补充现有出钢口寿命数据。' });
    expect(await found('出钢口', bureau, '&status=pending_review')).toEqual([]);
    expect(await found('出钢口', bureau, '&status=draft')).toEqual([c.id]);
    // (With nothing matching every term the engine falls back to any of them, so other challenges may show.)
    expect(await found('出钢口')).not.toContain(c.id);

    await act(env, owner.token, c.id, 'submit');
    await act(env, bureau, c.id, 'approve', { specialFundFen: 10_000_000 });
    expect(await found('出钢口')).toEqual([c.id]);
    expect(await found('converter taphole')).toEqual([c.id]);

    await act(env, bureau, c.id, 'cancel', { reason: '企业已自行解决。' });
    expect(await found('出钢口', undefined, '&status=cancelled')).toEqual([c.id]);
    expect(await found('出钢口', undefined, '&status=published')).not.toContain(c.id);
  });

  it('a deadline extension and the close are searchable at once', async () => {
    const bureau = await sharedBureauToken(env);
    const c = await challengeIn(env, owner, 'published', texts('烧结矿冷却余热回收', 'Sinter cooler waste heat recovery', '环冷机余热利用率低。', '需要新的密封结构。'));
    const deadline = new Date(c.deadline as string);
    const before = (at: Date) => `&deadlineBefore=${encodeURIComponent(at.toISOString())}`;
    expect(await found('烧结矿', undefined, before(new Date(deadline.getTime() + DAY)))).toEqual([c.id]);
    const extended = await app.inject({
      method: 'POST', url: `/api/challenges/${c.id}/amendments`, headers: bearer(bureau),
      payload: { kind: 'deadline_extension', textZh: '截止时间延长十天。', newDeadline: new Date(deadline.getTime() + 10 * DAY).toISOString() },
    });
    expect(extended.statusCode).toBe(201);
    expect(await found('烧结矿', undefined, before(new Date(deadline.getTime() + DAY)))).toEqual([]);
    expect(await found('烧结矿', undefined, before(new Date(deadline.getTime() + 11 * DAY)))).toEqual([c.id]);
  });

  it('a close, by the bureau or by the deadline loop, is recorded in the index', async () => {
    const indexedState = async (id: string) =>
      (await db.select({ state: searchDocuments.state }).from(searchDocuments).where(eq(searchDocuments.challengeId, id)))[0]?.state;
    const byBureau = await challengeIn(env, owner, 'closed', texts('矿用减速器齿轮点蚀', 'Pitting of mining gearbox gears', '齿轮点蚀严重。', '需要新的润滑方案。'));
    expect(await indexedState(byBureau.id)).toBe('closed');
    expect(await found('齿轮点蚀', undefined, '&status=closed')).toEqual([byBureau.id]);

    const byLoop = await challengeIn(env, owner, 'published', { ...texts('刮板输送机链轮磨损', 'Wear of scraper conveyor sprockets', '链轮寿命短。', '需要新材料。'), deadline: soonDeadline(env) });
    env.clock.advance(DEADLINE_SOON_MS + 1000);
    expect(await indexedState(byLoop.id)).toBe('published');
    expect(await closeDueChallenges(app.ctx)).toContain(byLoop.id);
    expect(await indexedState(byLoop.id)).toBe('closed');
  });

  it('a write whose indexing fails is rolled back whole: the index and the challenge never disagree', async () => {
    const real = createSearchEngine();
    const failing: SearchEngine = { ...real, name: real.name, index: async () => { throw new Error('index unavailable'); } };
    const broken = await buildApp({ db: env.database.db, driver: env.database.driver, clock: env.clock, jwtSecret: 'test-secret-that-is-long-enough-0123456789', env: 'test', dataDir: env.dataDir, search: failing });
    await broken.ready();
    try {
      const c = await createChallenge(env, owner, texts('轧机牌坊磨损修复', 'Repair of worn mill housings', '牌坊窗口磨损。', '需要在线修复。'));
      const res = await broken.inject({ method: 'PATCH', url: `/api/challenges/${c.id}`, headers: bearer(owner.token), payload: { titleZh: '改名后的标题' } });
      expect(res.statusCode).toBe(500);
      const [row] = await db.select({ titleZh: challenges.titleZh }).from(challenges).where(eq(challenges.id, c.id));
      expect(row!.titleZh).toBe('轧机牌坊磨损修复');
      expect(await found('牌坊', owner.token, '&mine=1')).toEqual([c.id]);
    } finally {
      await broken.close();
    }
  });
});

describe('refusals', () => {
  it('refuses text over 200 characters, an unknown sort and a bad typing flag with localised problem details', async () => {
    for (const [lang, title, message] of [['zh-CN', '输入有误', '长度不能超过 200'], ['en', 'Invalid input', 'must be at most 200 characters']] as const) {
      const long = await app.inject({ method: 'GET', url: `/api/challenges?q=${encodeURIComponent('钢'.repeat(201))}`, headers: { 'accept-language': lang } });
      expect(long.statusCode).toBe(422);
      expect(long.headers['content-type']).toContain('application/problem+json');
      expect(long.json()).toMatchObject({ code: 'validation_failed', title, errors: [{ field: 'querystring.q', code: 'maxLength', message }] });
      const sort = await app.inject({ method: 'GET', url: `/api/challenges?q=${encodeURIComponent('钢')}&sort=popular`, headers: { 'accept-language': lang } });
      expect(sort.statusCode).toBe(422);
      expect(sort.json()).toMatchObject({ title, errors: [expect.objectContaining({ field: 'querystring.sort', code: 'enum' })] });
    }
    expect((await app.inject({ method: 'GET', url: `/api/challenges?q=${encodeURIComponent('钢'.repeat(200))}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/challenges?q=x&typing=yes' })).statusCode).toBe(422);
    // Blank text is no text; nothing the user types acts as an operator.
    expect((await list('q=%20%20&pageSize=100')).match).toBe('none');
    for (const text of ["'", '\\', '!:*&|()<->', "钢' | '铁"]) expect((await app.inject({ method: 'GET', url: `/api/challenges?${q(text)}` })).statusCode, text).toBe(200);
  });

  it('asks the public for no draft by status, with or without text', async () => {
    for (const url of [`/api/challenges?${q('堆焊', '&status=draft')}`, '/api/challenges?status=draft']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/challenges?${q('堆焊', '&mine=1')}` })).statusCode).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('describes the search parameters and every field of the answer', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const list = doc.paths['/api/challenges'].get;
    expect(list.summary).toContain('`q`');
    const params = Object.fromEntries((list.parameters as { name: string; schema: Record<string, unknown> }[]).map((p) => [p.name, p.schema]));
    expect(params.q).toMatchObject({ type: 'string', maxLength: 200 });
    expect(params.sort).toMatchObject({ enum: ['relevance', 'newest', 'deadline', 'bounty'] });
    expect(params.typing).toMatchObject({ enum: ['1', 'true'] });
    const page = list.responses['200'].content['application/json'].schema;
    expect(page.additionalProperties).toBe(false);
    expect(Object.keys(page.properties).sort()).toEqual(['corrections', 'countsExact', 'engine', 'facets', 'items', 'match', 'page', 'pageSize', 'total']);
    expect(page.properties.items.items.additionalProperties).toBe(false);
    expect(page.properties.items.items.properties.highlights.items.required).toEqual(['field', 'lang', 'text', 'ranges', 'truncatedStart', 'truncatedEnd']);
    expect(Object.keys(page.properties.facets.properties.industry.properties).sort()).toEqual([...CHALLENGE_INDUSTRIES].sort());
  });
});

describe('indexing what was there before search', () => {
  it('indexes the challenges without a search document at start, stops between batches on shutdown, and rebuilds all of them on demand', async () => {
    const [{ n: total }] = (await db.select({ n: count() }).from(challenges)) as [{ n: number }];
    await db.delete(searchDocuments);
    expect(await found('高温合金')).toEqual([]);
    // A shutdown stops it between batches; what it committed stays, and the next start does the rest.
    const stop = new AbortController();
    expect(await reindexMissing(app.ctx, { batchSize: 3, signal: stop.signal, onProgress: () => stop.abort() })).toBe(3);
    expect(await reindexMissing(app.ctx, { batchSize: 3, signal: AbortSignal.abort() })).toBe(0);
    expect(await reindexMissing(app.ctx, { batchSize: 3 })).toBe(total - 3);
    expect((await found('高温合金'))[0]).toBe(superalloy.id);
    expect(await found('堆焊', owner.token, '&mine=1')).toEqual([draft.id]);
    expect(await reindexMissing(app.ctx)).toBe(0);
    const progress: number[] = [];
    expect(await reindexAll(app.ctx, { batchSize: 4, onProgress: (n) => progress.push(n) })).toBe(total);
    expect(progress.at(-1)).toBe(total);
    const [{ n: indexed }] = (await db.select({ n: count() }).from(searchDocuments)) as [{ n: number }];
    expect(indexed).toBe(total);
  });
});

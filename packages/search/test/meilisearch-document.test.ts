import { describe, expect, test } from 'vitest';
import {
  MEILI_DETAIL_ATTRIBUTES, MEILI_FILTERABLE_ATTRIBUTES, MEILI_PUBLIC_ATTRIBUTES, MEILI_SEARCHABLE_ATTRIBUTES, MEILI_SORTABLE_ATTRIBUTES,
  TextAnalyzer, meilisearchSettings, meilisearchSynonyms, meilisearchText, toMeilisearchDocument, type SearchDocument,
} from '../src/index';

// Unit tests of what the Meilisearch engine sends; no server is involved (a real Meilisearch is
// not exercised anywhere in this suite: none can be installed here).
const analyzer = TextAnalyzer.shared();
const SECRET = '钨铼热电偶';

const doc: SearchDocument = {
  id: '00000000-0000-4000-8000-000000000001',
  ownerOrganizationId: '00000000-0000-4000-8000-0000000000aa',
  state: 'published',
  visibility: 'restricted',
  industry: 'metallurgy_new_materials',
  category: 'bottleneck',
  bountyFen: 1_500_000_00,
  deadline: new Date('2026-05-01T00:00:00Z'),
  publishedAt: new Date('2026-02-01T00:00:00Z'),
  createdAt: new Date('2026-01-20T00:00:00Z'),
  title: { zh: '镍基高温合金涡轮盘晶粒度控制', en: 'Grain size of superalloy turbine discs' },
  summary: { zh: '涡轮盘锻件晶粒不均。', en: null },
  indicators: [{ nameZh: '倾角误差', nameEn: 'Inclination error', target: '≤ 0.5', unit: '°', method: null }],
  description: { zh: `顶梁温度用${SECRET}测量。`, en: 'Measured with a tungsten-rhenium thermocouple.' },
  eligibility: { zh: '须签署保密协议。', en: null },
};

const lexemes = (text: string) => analyzer.segmenter.analyze(text).map((t) => t.lexeme);
/** How a query or a synonym term is written: its words' lexemes (stems for English), no sub-words. */
const queryForm = (text: string) => analyzer.segmenter.words(text).map((w) => w.lexeme).join(' ');
const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');

describe('document mapping', () => {
  const m = toMeilisearchDocument(analyzer, doc);

  test('filter and sort fields: enum codes, fen, epoch milliseconds; null stays null', () => {
    expect(m).toMatchObject({
      id: doc.id, ownerOrganizationId: doc.ownerOrganizationId, state: 'published', visibility: 'restricted',
      industry: 'metallurgy_new_materials', category: 'bottleneck', bounty: 1_500_000_00,
      deadline: Date.parse('2026-05-01T00:00:00Z'), publishedAt: Date.parse('2026-02-01T00:00:00Z'), createdAt: Date.parse('2026-01-20T00:00:00Z'),
    });
    const draft = toMeilisearchDocument(analyzer, { ...doc, deadline: null, publishedAt: null, industry: null, category: null });
    expect([draft.deadline, draft.publishedAt, draft.industry, draft.category]).toEqual([null, null, null, null]);
  });

  test('searchable text is our segmenter’s lexemes, sub-words included, one line per language', () => {
    expect(m.titleTerms.split('\n').map(words)).toEqual([lexemes(doc.title.zh!), lexemes(doc.title.en!)]);
    expect(words(m.titleTerms)).toEqual(expect.arrayContaining(['镍基高温合金', '高温合金', '涡轮盘', 'superalloy']));
    expect(words(m.titlePinyin)).toContain('gaowenhejin');
    expect(words(m.labelTerms)).toEqual(expect.arrayContaining(['冶金', 'chokepoint']));
    expect(words(m.indicatorTerms)).toEqual(expect.arrayContaining(['倾角', '误差', 'inclination']));
  });

  test('detail text goes only into the detail attributes', () => {
    const publicWords = MEILI_PUBLIC_ATTRIBUTES.flatMap((a) => words(m[a]));
    const detailWords = MEILI_DETAIL_ATTRIBUTES.flatMap((a) => words(m[a]));
    for (const secret of [SECRET, 'thermocouple', '倾角', '保密协议']) {
      expect(detailWords.some((w) => w.includes(secret) || (secret.includes(w) && w.length > 1)), secret).toBe(true);
      expect(publicWords.some((w) => w.includes(secret)), secret).toBe(false);
    }
  });

  test('raw texts are kept for snippets (indicators as one text per language)', () => {
    expect(m.title).toEqual({ zh: doc.title.zh, en: doc.title.en });
    expect(m.summary).toEqual({ zh: doc.summary.zh, en: null });
    expect(m.description.zh).toContain(SECRET);
    expect(m.indicators).toEqual({ zh: '倾角误差 ≤ 0.5 °', en: 'Inclination error ≤ 0.5 °' });
  });
});

describe('index settings', () => {
  const settings = meilisearchSettings(analyzer);

  test('searchable: public and detail attributes, title first; public and detail never overlap', () => {
    expect(settings.searchableAttributes).toEqual([...MEILI_SEARCHABLE_ATTRIBUTES]);
    expect(new Set(settings.searchableAttributes)).toEqual(new Set([...MEILI_PUBLIC_ATTRIBUTES, ...MEILI_DETAIL_ATTRIBUTES]));
    expect(MEILI_PUBLIC_ATTRIBUTES.filter((a) => (MEILI_DETAIL_ATTRIBUTES as readonly string[]).includes(a))).toEqual([]);
    expect(settings.searchableAttributes![0]).toBe('titleTerms');
  });

  test('filterable, sortable and ranking rules (sort first, so a sorted list is sorted)', () => {
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(['industry', 'category', 'state', 'visibility', 'bounty', 'deadline', 'publishedAt', 'ownerOrganizationId', 'id']),
    );
    expect(settings.filterableAttributes).toEqual([...MEILI_FILTERABLE_ATTRIBUTES]);
    expect(settings.sortableAttributes).toEqual([...MEILI_SORTABLE_ATTRIBUTES]);
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['bounty', 'deadline', 'publishedAt']));
    expect(settings.rankingRules).toEqual(['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'publishedAt:desc']);
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['*Terms'], locales: ['zho', 'eng'] }]);
  });

  test('synonyms come from dict/synonyms.txt, each term in segmented form, every term pointing at the others', () => {
    const synonyms = settings.synonyms!;
    expect(synonyms['连铸']).toEqual(expect.arrayContaining([queryForm('continuous casting'), queryForm('连续铸造')]));
    expect(synonyms[queryForm('continuous casting')]).toContain('连铸');
    // The form a query arrives in: a query for the synonym's words is sent as that key.
    expect(meilisearchText(analyzer, 'Continuous Casting', false)!.q.trim()).toBe(queryForm('continuous casting'));
    for (const [term, others] of Object.entries(synonyms)) {
      for (const other of others) expect(synonyms[other], `${term} → ${other}`).toContain(term);
    }
    expect(meilisearchSynonyms(analyzer, [['EAF', '电弧炉'], ['电弧炉', '电炉']])).toEqual({ eaf: ['电弧炉'], 电弧炉: ['eaf', '电炉'], 电炉: ['电弧炉'] });
  });
});

describe('query text', () => {
  test('segmented like the documents; a trailing space unless the user is typing (so only then is the last word a prefix)', () => {
    expect(meilisearchText(analyzer, '镍基高温合金 涡轮盘', false)!.q).toBe('镍基高温合金 涡轮盘 ');
    expect(meilisearchText(analyzer, 'superall', true)!.q).toBe('superall');
    expect(meilisearchText(analyzer, 'superall ', true)!.q).toBe('superall ');
    expect(meilisearchText(analyzer, 'Castings', false)!.q).toBe(`${lexemes('castings').at(-1)} `);
  });

  test('a 同音字 typo is sent as the domain word and reported', () => {
    const t = meilisearchText(analyzer, '高问合金', false)!;
    expect(t.q).toBe('高温合金 ');
    expect(t.corrections).toEqual([{ from: '高问合金', to: '高温合金' }]);
  });

  test('Meilisearch query syntax cannot be typed: quotes, minus and punctuation do not survive', () => {
    const t = meilisearchText(analyzer, '"-涡轮盘" -OR (filter) AND state = "draft"', false)!;
    expect(t.q).not.toMatch(/["'()\-=]/);
    expect(meilisearchText(analyzer, '"" -- !!!', false)).toBeNull();
  });
});

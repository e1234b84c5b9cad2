import type { ChallengeCategory, ChallengeIndustry, ChallengeState, ChallengeVisibility } from '@challenge/domain';
import type { Settings } from 'meilisearch';
import type { TextAnalyzer } from './analyzer';
import { indicatorTexts, type LocalizedText, type SearchDocument } from './document';
import { CATEGORY_LABELS, INDUSTRY_LABELS } from './labels';

/**
 * One challenge as the Meilisearch index holds it.
 *
 * Searchable text is sent already analysed: the lexemes of our own segmenter (segmenter.ts: the
 * same normalisation, jieba with the domain dictionary, sub-words, stems), joined by spaces. The
 * query is analysed the same way (meilisearch-query.ts), so index and query cut Chinese text alike
 * and alike with the PostgreSQL engine, whatever Meilisearch's own segmenter would have done with
 * an unknown word. Meilisearch still tokenises each space-separated lexeme, the same way in
 * documents and queries, and adds what it is good at: typo tolerance, ranking, proximity, prefixes.
 *
 * The raw texts (`title` … `eligibility`) are stored but not searchable: snippets are cut from them
 * in Node (highlight.ts), as the PostgreSQL engine does, so highlights are ranges in the original
 * text and never come from a field the reader may not see.
 */
export interface MeilisearchChallengeDocument {
  id: string;
  ownerOrganizationId: string;
  state: ChallengeState;
  visibility: ChallengeVisibility;
  industry: ChallengeIndustry | null;
  category: ChallengeCategory | null;
  /** Fen. */
  bounty: number;
  /** Epoch milliseconds (numbers filter and sort in Meilisearch; date strings do not). */
  deadline: number | null;
  publishedAt: number | null;
  createdAt: number;
  // Public searchable attributes: every reader who may list the challenge may be matched on them.
  titleTerms: string;
  /** Toneless pinyin of the title's Chinese words: `gaowenhejin` finds 高温合金. */
  titlePinyin: string;
  summaryTerms: string;
  /** The industry's and category's names in both languages. */
  labelTerms: string;
  // Detail searchable attributes: matched only for readers entitled to the details.
  indicatorTerms: string;
  descriptionTerms: string;
  eligibilityTerms: string;
  // Raw texts, for snippets (not searchable).
  title: LocalizedText;
  summary: LocalizedText;
  indicators: LocalizedText;
  description: LocalizedText;
  eligibility: LocalizedText;
}

/** Searchable attributes every reader may be matched on. */
export const MEILI_PUBLIC_ATTRIBUTES = ['titleTerms', 'titlePinyin', 'summaryTerms', 'labelTerms'] as const;
/** Searchable attributes matched only for readers entitled to a challenge's details. */
export const MEILI_DETAIL_ATTRIBUTES = ['indicatorTerms', 'descriptionTerms', 'eligibilityTerms'] as const;
/** In rank order (the `attribute` ranking rule), as the PostgreSQL weights: title, indicators, summary, the rest. */
export const MEILI_SEARCHABLE_ATTRIBUTES = [
  'titleTerms', 'titlePinyin', 'indicatorTerms', 'summaryTerms', 'labelTerms', 'descriptionTerms', 'eligibilityTerms',
] as const;
export const MEILI_FILTERABLE_ATTRIBUTES = [
  'id', 'industry', 'category', 'state', 'visibility', 'bounty', 'deadline', 'publishedAt', 'ownerOrganizationId',
] as const;
/** `createdAt` breaks ties of `newest` for drafts, which have no publication date. */
export const MEILI_SORTABLE_ATTRIBUTES = ['bounty', 'deadline', 'publishedAt', 'createdAt'] as const;
/** Raw texts retrieved for snippets. */
export const MEILI_PUBLIC_TEXTS = ['title', 'summary'] as const;
export const MEILI_DETAIL_TEXTS = ['indicators', 'description', 'eligibility'] as const;
/** Meilisearch returns at most this many hits per query (the `pagination` setting). */
export const MEILI_MAX_TOTAL_HITS = 5000;
/**
 * Locales of the searchable attributes and of every query: without them Meilisearch guesses the
 * language per text, and a short Chinese text may be read as Japanese and cut by another segmenter.
 */
export const MEILI_LOCALES = ['zho', 'eng'];

const texts = (t: LocalizedText): string[] => [t.zh, t.en].filter((s): s is string => !!s && s.trim() !== '');
const instant = (d: Date | null): number | null => (d ? d.getTime() : null);
const pair = (t: LocalizedText): LocalizedText => ({ zh: t.zh ?? null, en: t.en ?? null });

/** Each text's lexemes joined by spaces; the texts (Chinese, English) on separate lines. */
function terms(analyzer: TextAnalyzer, t: LocalizedText): string {
  return texts(t).map((s) => analyzer.segmenter.analyze(s).map((token) => token.lexeme).join(' ')).join('\n');
}

export function toMeilisearchDocument(analyzer: TextAnalyzer, doc: SearchDocument): MeilisearchChallengeDocument {
  const indicators = indicatorTexts(doc.indicators);
  const pinyin = new Set<string>();
  for (const s of texts(doc.title)) {
    for (const t of analyzer.segmenter.analyze(s)) {
      if (/^\p{Script=Han}{2,}$/u.test(t.lexeme)) for (const k of analyzer.segmenter.pinyin(t.lexeme).slice(0, 2)) pinyin.add(k);
    }
  }
  const labels = [doc.industry ? INDUSTRY_LABELS[doc.industry] : '', doc.category ? CATEGORY_LABELS[doc.category] : ''].join(' ');
  return {
    id: doc.id,
    ownerOrganizationId: doc.ownerOrganizationId,
    state: doc.state,
    visibility: doc.visibility,
    industry: doc.industry,
    category: doc.category,
    bounty: doc.bountyFen,
    deadline: instant(doc.deadline),
    publishedAt: instant(doc.publishedAt),
    createdAt: doc.createdAt.getTime(),
    titleTerms: terms(analyzer, doc.title),
    titlePinyin: [...pinyin].join(' '),
    summaryTerms: terms(analyzer, doc.summary),
    labelTerms: terms(analyzer, { zh: labels }),
    indicatorTerms: terms(analyzer, indicators),
    descriptionTerms: terms(analyzer, doc.description),
    eligibilityTerms: terms(analyzer, doc.eligibility),
    title: pair(doc.title),
    summary: pair(doc.summary),
    indicators: pair(indicators),
    description: pair(doc.description),
    eligibility: pair(doc.eligibility),
  };
}

/**
 * `dict/synonyms.txt` (`readSynonymGroups()`, as the analyzer read it) as Meilisearch synonyms: every term of a group points at the others. Terms
 * are written as our segmenter's lexemes joined by spaces, the form the query arrives in, so a
 * multi-word synonym (连续铸造 → 连续 铸造) matches the query's words.
 */
export function meilisearchSynonyms(analyzer: TextAnalyzer, groups: readonly (readonly string[])[] = analyzer.synonyms.rawGroups()): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const group of groups) {
    const forms = [...new Set(group.map((term) => analyzer.segmenter.words(term).map((w) => w.lexeme).join(' ')).filter((f) => f !== ''))];
    for (const form of forms) {
      const others = out.get(form) ?? new Set<string>();
      for (const other of forms) if (other !== form) others.add(other);
      out.set(form, others);
    }
  }
  return Object.fromEntries([...out].filter(([, others]) => others.size > 0).map(([form, others]) => [form, [...others].sort()]));
}

/** The index settings, applied at start (`MeilisearchEngine.applySettings`). */
export function meilisearchSettings(analyzer: TextAnalyzer): Settings {
  return {
    searchableAttributes: [...MEILI_SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...MEILI_FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...MEILI_SORTABLE_ATTRIBUTES],
    // `sort` first: a list sorted by bounty or deadline is sorted, as on the PostgreSQL engine (the
    // rule does nothing when a query has no sort). Equal relevance: newest first.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'publishedAt:desc'],
    synonyms: meilisearchSynonyms(analyzer),
    // The text arrives without stop words (our segmenter drops them).
    stopWords: [],
    localizedAttributes: [{ attributePatterns: ['*Terms'], locales: MEILI_LOCALES }],
    pagination: { maxTotalHits: MEILI_MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: 100 },
  };
}

import type { ChallengeCategory, ChallengeIndustry, ChallengeState, ChallengeVisibility } from '@challenge/domain';
import type { TextAnalyzer } from './analyzer';
import { CATEGORY_LABELS, INDUSTRY_LABELS } from './labels';
import type { Token } from './segmenter';

export interface LocalizedText {
  zh?: string | null;
  en?: string | null;
}

export interface SearchIndicator {
  nameZh?: string | null;
  nameEn?: string | null;
  target?: string | null;
  unit?: string | null;
  method?: string | null;
}

/** What a search engine is told about one challenge (build it with `challengeSearchDocument`). */
export interface SearchDocument {
  id: string;
  ownerOrganizationId: string;
  state: ChallengeState;
  visibility: ChallengeVisibility;
  industry: ChallengeIndustry | null;
  category: ChallengeCategory | null;
  bountyFen: number;
  deadline: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  title: LocalizedText;
  summary: LocalizedText;
  indicators: readonly SearchIndicator[];
  description: LocalizedText;
  eligibility: LocalizedText;
}

/** Fields a snippet can come from. Public ones are shown to every reader who may list the challenge. */
export const PUBLIC_FIELDS = ['title', 'summary'] as const;
/** Restricted challenges show these only to entitled readers (and the search matches them only for those). */
export const DETAIL_FIELDS = ['indicators', 'description', 'eligibility'] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type SearchField = PublicField | DetailField;

export type FieldTexts<F extends string> = Partial<Record<F, LocalizedText>>;

/** Everything the PostgreSQL engine stores for one document. */
export interface IndexRow {
  /** Title (A), summary (C), industry and category names (D), and the pinyin of the title's words (A). */
  publicVector: string;
  /** The public vector plus indicators (B), description and eligibility (D). */
  fullVector: string;
  /** English words and the pinyin of Chinese words of the title, for typo lookups with pg_trgm. */
  titleWords: string;
  publicTexts: FieldTexts<PublicField>;
  detailTexts: FieldTexts<DetailField>;
}

type Weight = 'A' | 'B' | 'C' | 'D';

// PostgreSQL keeps positions up to 16383 and 256 positions per lexeme; a lexeme may be 2 KB.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_LEXEME_LENGTH = 100;
/** Positions left empty between fields so phrases and cover density do not run across them. */
const FIELD_GAP = 8;

/** Builds a tsvector as text (`'lexeme':3A,9C …`), cast in SQL: no parser or locale in between. */
class VectorBuilder {
  private readonly entries = new Map<string, string[]>();
  private base = 0;

  add(tokens: readonly Token[], weight: Weight): this {
    let last = 0;
    for (const t of tokens) {
      if (t.lexeme.length > MAX_LEXEME_LENGTH) continue;
      const position = Math.min(this.base + t.position, MAX_POSITION);
      last = Math.max(last, t.position);
      const list = this.entries.get(t.lexeme) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
      this.entries.set(t.lexeme, list);
    }
    if (last > 0) this.base = Math.min(this.base + last + FIELD_GAP, MAX_POSITION);
    return this;
  }

  toString(): string {
    return [...this.entries].map(([lexeme, positions]) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${[...new Set(positions)].join(',')}`).join(' ');
  }
}

const both = (t: LocalizedText): string[] => [t.zh, t.en].filter((s): s is string => !!s && s.trim() !== '');

/** Indicators as text, one per line: name, target and unit, method. */
export function indicatorTexts(indicators: readonly SearchIndicator[]): LocalizedText {
  const line = (name: string | null | undefined, i: SearchIndicator) =>
    [name, [i.target, i.unit].filter(Boolean).join(' '), i.method].filter((s) => s && s.trim() !== '').join(' ');
  const zh = indicators.map((i) => line(i.nameZh, i)).filter((s) => s !== '').join('\n');
  const en = indicators.map((i) => (i.nameEn ? line(i.nameEn, i) : '')).filter((s) => s !== '').join('\n');
  return { zh: zh || null, en: en || null };
}

export function buildIndexRow(analyzer: TextAnalyzer, doc: SearchDocument): IndexRow {
  const { segmenter } = analyzer;
  // Each text (zh, en) gets its own run of positions.
  const add = (v: VectorBuilder, t: LocalizedText, weight: Weight) => {
    for (const s of both(t)) v.add(segmenter.analyze(s), weight);
    return v;
  };
  const titleTokens = both(doc.title).map((s) => segmenter.analyze(s));
  const indicators = indicatorTexts(doc.indicators);
  const labels = [doc.industry ? INDUSTRY_LABELS[doc.industry] : '', doc.category ? CATEGORY_LABELS[doc.category] : ''].join(' ');

  // The pinyin of the title's Chinese words: the lexemes a corrected typo (gaowenhejin) can match.
  const pinyinWords = new Set<string>();
  const englishWords = new Set<string>();
  for (const t of titleTokens.flat()) {
    if (/^\p{Script=Han}{2,}$/u.test(t.lexeme)) for (const k of segmenter.pinyin(t.lexeme).slice(0, 2)) pinyinWords.add(k);
    else if (t.kind === 'word' && /^[a-z]{3,}$/.test(t.lexeme)) englishWords.add(t.lexeme);
  }
  const pinyinTokens: Token[] = [...pinyinWords].map((lexeme, i) => ({ lexeme, kind: 'word', position: i + 1, start: 0, end: 0 }));

  const publicParts = (v: VectorBuilder) => {
    for (const tokens of titleTokens) v.add(tokens, 'A');
    v.add(pinyinTokens, 'A');
    add(v, doc.summary, 'C');
    return v.add(segmenter.analyze(labels), 'D');
  };
  const full = publicParts(new VectorBuilder());
  add(full, indicators, 'B');
  add(full, doc.description, 'D');
  add(full, doc.eligibility, 'D');

  return {
    publicVector: publicParts(new VectorBuilder()).toString(),
    fullVector: full.toString(),
    titleWords: [...englishWords, ...pinyinWords].join(' '),
    publicTexts: { title: doc.title, summary: doc.summary },
    detailTexts: { indicators, description: doc.description, eligibility: doc.eligibility },
  };
}

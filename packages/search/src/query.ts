import type { TextAnalyzer } from './analyzer';
import type { Word } from './segmenter';

/** Lexemes that must all occur in a document (adjacent and in order when `phrase`). */
export interface Alternative {
  lexemes: readonly string[];
  phrase: boolean;
  /** The last lexeme matches as a prefix (the word being typed). */
  prefix: boolean;
}

/** One thing the query asks for: any of its alternatives satisfies it. */
export interface QueryTerm {
  /** The query text it came from (normalised). */
  text: string;
  alternatives: Alternative[];
  /** What a typo of this term is compared with (an English word, or the pinyin of Chinese text); null for none. */
  typoKey: string | null;
}

/** A 同音字 typo read as a word of the domain (高问合金 → 高温合金). */
export interface Correction {
  from: string;
  to: string;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  corrections: Correction[];
}

/** More terms than this are dropped, and text past this length: a pasted paragraph is not a query. */
const MAX_TERMS = 12;
const MAX_QUERY_LENGTH = 200;
const MAX_CORRECTION_WINDOW = 8;

interface Unit {
  text: string;
  lexeme: string;
  alternatives: Alternative[];
  words: Word[];
  corrected: boolean;
}

const single = (lexeme: string, prefix = false): Alternative => ({ lexemes: [lexeme], phrase: false, prefix });

/**
 * A query's text → terms: the same segmentation as the documents; Chinese words also as their
 * shorter dictionary words; 同音字 typos (a run that is not a domain word but sounds like one) as
 * that word too; then synonym groups (a matched term also matches every member of its group); the
 * last word as a prefix while the user is typing.
 */
export function parseQuery(analyzer: TextAnalyzer, text: string, options: { prefix: boolean }): ParsedQuery {
  const { segmenter, synonyms } = analyzer;
  const input = text.slice(0, MAX_QUERY_LENGTH);
  const words = segmenter.words(input);
  const corrections: Correction[] = [];

  const units: Unit[] = [];
  for (let i = 0; i < words.length; ) {
    const correction = words[i]!.script === 'han' ? findHomophone(analyzer, words, i) : null;
    if (correction) {
      const span = words.slice(i, correction.end + 1);
      const from = span.map((w) => w.text).join('');
      corrections.push(...correction.candidates.map((to) => ({ from, to })));
      const alternatives: Alternative[] = [{ lexemes: span.map((w) => w.lexeme), phrase: false, prefix: false }];
      for (const c of correction.candidates) alternatives.push(...wordAlternatives(analyzer, c));
      units.push({ text: correction.candidates[0]!, lexeme: correction.candidates[0]!, alternatives, words: span, corrected: true });
      i = correction.end + 1;
      continue;
    }
    const w = words[i]!;
    units.push({ text: w.text, lexeme: w.lexeme, alternatives: wordAlternatives(analyzer, w.lexeme, w.script), words: [w], corrected: false });
    i++;
  }

  const lexemes = units.map((u) => u.lexeme);
  const terms: (QueryTerm & { words: Word[] })[] = [];
  for (let i = 0; i < units.length; ) {
    const match = synonyms.match(lexemes, i);
    if (!match) {
      const u = units[i]!;
      terms.push({ text: u.text, alternatives: u.alternatives, typoKey: u.corrected ? null : typoKey(analyzer, u.words), words: u.words });
      i++;
      continue;
    }
    const covered = units.slice(i, i + match.length);
    const alternatives: Alternative[] =
      covered.length === 1 ? [...covered[0]!.alternatives] : [{ lexemes: covered.map((u) => u.lexeme), phrase: false, prefix: false }];
    for (const entry of match.entries) alternatives.push({ lexemes: entry, phrase: entry.length > 1, prefix: false });
    terms.push({
      text: covered.map((u) => u.text).join(covered.every((u) => u.words[0]!.script === 'han') ? '' : ' '),
      alternatives: dedupe(alternatives),
      typoKey: null,
      words: covered.flatMap((u) => u.words),
    });
    i += match.length;
  }

  const kept = terms.slice(0, MAX_TERMS);
  const last = kept.at(-1);
  const lastWord = last?.words.at(-1);
  // Typing: the query ends inside its last word (no space or punctuation after it).
  if (options.prefix && last && lastWord && lastWord.end === input.length && (lastWord.script === 'han' || lastWord.text.length >= 2)) {
    const base = last.alternatives[0]!;
    last.alternatives = dedupe([...last.alternatives, { lexemes: [...base.lexemes.slice(0, -1), lastWord.text], phrase: false, prefix: true }]);
  }
  return { terms: kept.map(({ words: _, ...term }) => term), corrections };
}

function wordAlternatives(analyzer: TextAnalyzer, lexeme: string, script: 'han' | 'latin' = 'han'): Alternative[] {
  const alternatives = [single(lexeme)];
  if (script === 'han') {
    const parts = analyzer.segmenter.split(lexeme);
    if (parts) alternatives.push({ lexemes: parts, phrase: false, prefix: false });
  }
  return alternatives;
}

/**
 * A run of two or more touching Chinese words starting at `i` that is not a domain word but sounds
 * like one: the longest such run wins. Runs made only of domain words are left alone (they mean what
 * they say), and so is a single word (a dictionary word, not a typo).
 */
function findHomophone(analyzer: TextAnalyzer, words: Word[], i: number): { end: number; candidates: string[] } | null {
  let last = i;
  let length = words[i]!.text.length;
  while (
    last + 1 < words.length && words[last + 1]!.script === 'han' && words[last + 1]!.normStart === words[last]!.normEnd &&
    length + words[last + 1]!.text.length <= MAX_CORRECTION_WINDOW
  ) {
    last++;
    length += words[last]!.text.length;
  }
  for (let end = last; end >= i; end--) {
    const span = words.slice(i, end + 1);
    const text = span.map((w) => w.text).join('');
    // One word is a dictionary word (HMM is off): jieba split a typo into pieces, it did not make one up.
    if (span.length < 2 || analyzer.isDomainWord(text) || span.every((w) => analyzer.isDomainWord(w.text))) continue;
    const candidates = analyzer.homophones(text).slice(0, 3);
    if (candidates.length > 0) return { end, candidates };
  }
  return null;
}

function typoKey(analyzer: TextAnalyzer, words: Word[]): string | null {
  if (words.length !== 1) return null;
  const w = words[0]!;
  if (w.script === 'latin') return /^[a-z]{4,}$/.test(w.text) ? w.text : null;
  return w.text.length >= 2 ? analyzer.segmenter.pinyin(w.text)[0] ?? null : null;
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const seen = new Map<string, Alternative>();
  for (const a of alternatives) seen.set(`${a.lexemes.join(' ')}|${a.phrase}|${a.prefix}`, a);
  return [...seen.values()];
}

const quote = (lexeme: string): string => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsquery text for terms: every lexeme quoted, so nothing a user typed can act as a tsquery
 * operator. It is sent as a bound parameter and cast (`$1::tsquery`), not parsed by to_tsquery,
 * whose parser would split or drop Chinese text depending on the database's locale.
 */
export function toTsquery(terms: readonly QueryTerm[], mode: 'all' | 'any'): string {
  const alternative = (a: Alternative) => {
    const parts = a.lexemes.map((l, i) => quote(l) + (a.prefix && i === a.lexemes.length - 1 ? ':*' : ''));
    return parts.length === 1 ? parts[0]! : `(${parts.join(a.phrase ? ' <-> ' : ' & ')})`;
  };
  return terms.map((t) => `(${t.alternatives.map(alternative).join(' | ')})`).join(mode === 'all' ? ' & ' : ' | ');
}

/** What a snippet marks: every lexeme the query could have matched, and the prefixes. */
export function queryLexemes(terms: readonly QueryTerm[]): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const t of terms) {
    for (const a of t.alternatives) {
      a.lexemes.forEach((l, i) => (a.prefix && i === a.lexemes.length - 1 ? prefixes.push(l) : exact.add(l)));
    }
  }
  return { exact, prefixes };
}

/** Terms with the spellings found for their typo keys added as alternatives. */
export function withSpellings(terms: readonly QueryTerm[], spellings: ReadonlyMap<string, readonly string[]>): QueryTerm[] {
  return terms.map((t) => {
    const found = t.typoKey ? spellings.get(t.typoKey) ?? [] : [];
    return found.length === 0 ? t : { ...t, alternatives: dedupe([...t.alternatives, ...found.map((s) => single(s))]) };
  });
}

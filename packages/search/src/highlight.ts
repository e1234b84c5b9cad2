import type { TextAnalyzer } from './analyzer';
import type { FieldTexts, SearchField } from './document';
import { normalize, type Normalized } from './normalize';
import { stem } from './stem';

/** A piece of one field's text with the places the query matched: ranges, not markup, so no HTML is built here. */
export interface Highlight {
  field: SearchField;
  lang: 'zh' | 'en';
  /** The field's text, or a window of it around the matches. */
  text: string;
  /** `[start, end)` of each match in `text`, in UTF-16 code units, ascending and apart. */
  ranges: [number, number][];
  /** Text was cut before / after the window (show an ellipsis). */
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

export interface MatchLexemes {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}

const WINDOW = 100;
const LEAD = 24;
/** Longer texts (a description may hold 20,000 characters) are searched only around the first match. */
const SEARCH_AT_MOST = 1500;
const SENTENCE_END = /[。！？；\n.!?;]/u;

/**
 * Snippets from the raw text of the fields a reader may see, in the order given (weightiest first),
 * found by running the index's own analysis over the text: a match is a token whose lexeme the
 * query asked for, so sub-words (高温合金 inside 镍基高温合金) are marked exactly. Titles also match
 * by the pinyin of their words (a corrected typo).
 */
export function highlight(
  analyzer: TextAnalyzer,
  texts: FieldTexts<SearchField>,
  fields: readonly SearchField[],
  lexemes: MatchLexemes,
  maxSnippets = 4,
): Highlight[] {
  const out: Highlight[] = [];
  for (const field of fields) {
    for (const lang of ['zh', 'en'] as const) {
      const text = texts[field]?.[lang];
      if (!text || out.length >= maxSnippets) continue;
      const ranges = matchRanges(analyzer, text, lexemes, field === 'title');
      if (ranges.length > 0) out.push({ field, lang, ...window(text, ranges, field === 'title') });
    }
  }
  return out;
}

/**
 * Where the lexemes occur in `text`, as ranges of the original. Titles (short, and matched by the
 * pinyin of their words too) go through the index's own segmentation; other fields are searched
 * directly in their normalised text — Chinese lexemes as substrings, Latin ones as words with that
 * stem or prefix — because segmenting every matched field of a page of results cost more than the
 * query itself (bench/search.ts).
 */
export function matchRanges(analyzer: TextAnalyzer, text: string, lexemes: MatchLexemes, byPinyin = false): [number, number][] {
  const hits: [number, number][] = [];
  if (byPinyin) {
    // A pinyin key is Latin: without one, a title no lexeme occurs in has nothing to mark.
    if (![...lexemes.exact].some((l) => LATIN.test(l)) && !focus(text, lexemes)) return [];
    for (const t of analyzer.segmenter.analyze(text)) {
      const hit =
        lexemes.exact.has(t.lexeme) ||
        lexemes.prefixes.some((p) => t.lexeme.startsWith(p)) ||
        (t.lexeme.length >= 2 && analyzer.segmenter.pinyin(t.lexeme).some((k) => lexemes.exact.has(k)));
      if (hit && t.end > t.start) hits.push([t.start, t.end]);
    }
  } else {
    const part = focus(text, lexemes);
    if (!part) return [];
    const { text: norm, origin } = part;
    const at = (i: number) => origin[i]!;
    for (const l of [...lexemes.exact, ...lexemes.prefixes]) {
      if (LATIN.test(l)) continue;
      for (let i = norm.indexOf(l); i >= 0; i = norm.indexOf(l, i + l.length)) hits.push([at(i), at(i + l.length)]);
    }
    for (const m of norm.matchAll(LATIN_WORD)) {
      const w = m[0];
      if (lexemes.exact.has(w) || lexemes.exact.has(stem(w)) || lexemes.prefixes.some((p) => w.startsWith(p))) hits.push([at(m.index!), at(m.index! + w.length)]);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of hits) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

const LATIN = /^[a-z0-9]+$/;
const LATIN_WORD = /[a-z0-9]+/g;

/**
 * The normalised stretch of a text to look in: none when no lexeme occurs in it (most fields of most
 * results), else from a little before the first occurrence. Latin lexemes are looked for without
 * their last letter, which the stemmer may have changed (studies → study).
 */
function focus(text: string, lexemes: MatchLexemes): Normalized | null {
  const whole = normalize(text);
  let first = -1;
  for (const l of [...lexemes.exact, ...lexemes.prefixes]) {
    const probe = /^[a-z]{4,}$/.test(l) ? l.slice(0, -1) : l;
    const at = whole.text.indexOf(probe);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return null;
  if (whole.text.length <= SEARCH_AT_MOST) return whole;
  const start = Math.max(0, first - LEAD * 4);
  const end = Math.min(whole.text.length, start + SEARCH_AT_MOST);
  return { text: whole.text.slice(start, end), origin: whole.origin.slice(start, end + 1) };
}

function window(text: string, ranges: [number, number][], whole: boolean): Omit<Highlight, 'field' | 'lang'> {
  if (whole || text.length <= WINDOW) return { text, ranges, truncatedStart: false, truncatedEnd: false };
  // The window that holds the most matches, starting a little before one of them.
  let bestStart = 0;
  let bestCount = -1;
  for (const [s] of ranges) {
    const start = Math.max(0, s - LEAD);
    const count = ranges.filter(([a, b]) => a >= start && b <= start + WINDOW).length;
    if (count > bestCount) [bestStart, bestCount] = [start, count];
  }
  // Begin at a sentence start when one is close before.
  for (let i = bestStart; i > Math.max(0, bestStart - LEAD); i--) {
    if (SENTENCE_END.test(text[i - 1]!)) {
      bestStart = i;
      break;
    }
  }
  if (bestStart < LEAD && ranges[0]![0] < WINDOW - LEAD) bestStart = 0;
  const end = Math.min(text.length, bestStart + WINDOW);
  const inside = ranges
    .filter(([a, b]) => b > bestStart && a < end)
    .map(([a, b]): [number, number] => [Math.max(a, bestStart) - bestStart, Math.min(b, end) - bestStart]);
  return { text: text.slice(bestStart, end), ranges: inside, truncatedStart: bestStart > 0, truncatedEnd: end < text.length };
}

import type { TextAnalyzer } from './analyzer';
import type { FieldTexts, SearchField } from './document';
import { normalize } from './normalize';

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
/** Longer texts (a description may hold 20,000 characters) are segmented only around the first match. */
const SEGMENT_AT_MOST = 1500;
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

export function matchRanges(analyzer: TextAnalyzer, text: string, lexemes: MatchLexemes, byPinyin = false): [number, number][] {
  const hits: [number, number][] = [];
  const part = focus(text, lexemes);
  if (!part) return [];
  for (const t of analyzer.segmenter.analyze(text.slice(part.start, part.end))) {
    const hit =
      lexemes.exact.has(t.lexeme) ||
      lexemes.prefixes.some((p) => t.lexeme.startsWith(p)) ||
      (byPinyin && t.lexeme.length >= 2 && analyzer.segmenter.pinyin(t.lexeme).some((k) => lexemes.exact.has(k)));
    if (hit && t.end > t.start) hits.push([part.start + t.start, part.start + t.end]);
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

/** The stretch of a long text worth segmenting: from a little before the first place a lexeme occurs; null when none does. */
function focus(text: string, lexemes: MatchLexemes): { start: number; end: number } | null {
  if (text.length <= SEGMENT_AT_MOST) return { start: 0, end: text.length };
  const { text: norm, origin } = normalize(text);
  let first = -1;
  for (const l of [...lexemes.exact, ...lexemes.prefixes]) {
    const at = norm.indexOf(l);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return null;
  const start = origin[Math.max(0, first - LEAD * 4)]!;
  return { start, end: Math.min(text.length, start + SEGMENT_AT_MOST) };
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

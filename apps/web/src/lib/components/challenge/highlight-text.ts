/**
 * Search highlights (packages/search Highlight) as the list shows them: the API sends plain text and
 * `[start, end)` ranges, never markup; the page renders the pieces as text, the matched ones inside
 * <mark>, so nothing a user wrote is ever read as HTML.
 */
import type { Locale } from '$lib/i18n';
import type { SearchHighlight } from '$lib/types';

export interface Segment {
  text: string;
  mark: boolean;
}

/** `text` cut at the ranges; ranges out of order, overlapping or outside the text are clamped or skipped. */
export function markSegments(text: string, ranges: readonly (readonly [number, number])[]): Segment[] {
  const sorted = [...ranges]
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (s < at) continue;
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}

export const highlightLocale = (h: Pick<SearchHighlight, 'lang'>): Locale => (h.lang === 'zh' ? 'zh-CN' : 'en');

/** The highlight of `field` in the language a text is shown in, if the search matched there. */
export const highlightOf = (highlights: readonly SearchHighlight[], field: SearchHighlight['field'], lang: Locale): SearchHighlight | undefined =>
  highlights.find((h) => h.field === field && highlightLocale(h) === lang);

/** The message key naming where a highlight comes from (challenge.fields.*). */
export function highlightFieldKey(h: Pick<SearchHighlight, 'field' | 'lang'>) {
  if (h.field === 'indicators') return 'challenge.fields.indicators' as const;
  const suffix = h.lang === 'zh' ? 'Zh' : 'En';
  return `challenge.fields.${h.field}${suffix}` as const;
}

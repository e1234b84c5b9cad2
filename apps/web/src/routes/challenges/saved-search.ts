import type { SavedQuery } from '$lib/reach';
import { parseFilters } from './filters';

/** What a saved search keeps of the list's query: the text and the filters that say what a challenge is about (not state, deadline or order). */
export function savedQueryOf(params: URLSearchParams): SavedQuery {
  const { query } = parseFilters(params);
  const saved: SavedQuery = { q: query.q, industry: query.industry, category: query.category, minBountyFen: query.minBountyFen, maxBountyFen: query.maxBountyFen };
  for (const key of Object.keys(saved) as (keyof SavedQuery)[]) if (saved[key] === undefined) delete saved[key];
  return saved;
}

/** Whether the list shows a search worth saving (text, or a filter a saved search keeps). */
export const isSavable = (q: SavedQuery): boolean => Object.keys(q).length > 0;

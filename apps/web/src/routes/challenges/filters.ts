/**
 * The list's search text and filters as they travel in the URL (a GET form, so they work without
 * JavaScript and can be bookmarked) and as the API takes them. Amounts are typed in yuan and sent in
 * fen; a date is a Beijing calendar day, included. A value that cannot be read is reported and left
 * out of the query.
 */
import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES, MAX_AMOUNT_FEN } from '@challenge/domain';
import type { ChallengeCategory, ChallengeIndustry, ChallengeListQuery, ChallengeSort, ChallengeState } from '$lib/types';

/** What the public may list: published and every later state (the API refuses drafts and reviews). */
export const LISTED_STATES: readonly ChallengeState[] = CHALLENGE_STATES.filter((s) => s !== 'draft' && s !== 'pending_review');
export const SORTS: readonly ChallengeSort[] = ['relevance', 'newest', 'deadline', 'bounty'];
export const PAGE_SIZE = 12;
/** The API refuses longer search text (422); longer text is cut rather than sent. */
export const MAX_QUERY_LENGTH = 200;

export interface FilterValues {
  q: string;
  industry: string;
  category: string;
  status: string;
  minBounty: string;
  maxBounty: string;
  deadlineBefore: string;
  sort: string;
}

export type FilterField = 'minBounty' | 'maxBounty' | 'deadlineBefore';
export interface FilterIssue {
  field: FilterField;
  code: 'amount' | 'tooLarge' | 'range' | 'date';
}

export interface ParsedFilters {
  /** As typed, to fill the form again. */
  values: FilterValues;
  query: ChallengeListQuery;
  issues: FilterIssue[];
  /** Whether any filter (not the search text, the sort or the page) narrows the list. */
  filtered: boolean;
  /** The filters that narrow the list, as URL keys (for "remove this filter" suggestions). */
  active: FilterKey[];
}

/** URL keys of the filters that narrow the list. */
export type FilterKey = 'industry' | 'category' | 'status' | 'minBounty' | 'maxBounty' | 'deadlineBefore';

const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);

/** Yuan as typed (`1000000`, `1,000,000.5`, `１２`) to integer fen, exactly (no floating point). */
export function yuanToFen(input: string): number | 'amount' | 'tooLarge' {
  const normalized = input
    .normalize('NFKC')
    .replace(/[,\s]/g, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(normalized);
  if (!m) return 'amount';
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  // MAX_AMOUNT_FEN is 10^14 fen (10^12 yuan, 13 digits): longer numbers cannot be a bounty.
  if (whole.length > 13) return 'tooLarge';
  const fen = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > MAX_AMOUNT_FEN ? 'tooLarge' : fen;
}

/** `YYYY-MM-DD` in Beijing (UTC+8, no daylight saving) to the instant that day ends: the deadline filter includes the day. */
export function endOfBeijingDay(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const startUtc = Date.UTC(y, mo - 1, d);
  const check = new Date(startUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 2000 || y > 2999) return null;
  return new Date(startUtc + 24 * 3600_000 - 8 * 3600_000).toISOString();
}

export function parsePage(v: string | null): number {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) ? Math.max(1, Math.min(100000, n)) : 1;
}

export function parseFilters(params: URLSearchParams): ParsedFilters {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const values: FilterValues = {
    // As typed (a trailing space while typing included), at most what the API accepts.
    q: (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH),
    industry: get('industry'),
    category: get('category'),
    status: get('status'),
    minBounty: get('minBounty'),
    maxBounty: get('maxBounty'),
    deadlineBefore: get('deadlineBefore'),
    sort: get('sort'),
  };
  const issues: FilterIssue[] = [];
  const text = values.q.trim();
  const sort = oneOf(values.sort, SORTS);
  const query: ChallengeListQuery = {
    q: text || undefined,
    // Set by the list page while the user types: the last word also matches as a prefix.
    typing: text && params.get('typing') === '1' ? '1' : undefined,
    industry: oneOf<ChallengeIndustry>(values.industry, CHALLENGE_INDUSTRIES),
    category: oneOf<ChallengeCategory>(values.category, CHALLENGE_CATEGORIES),
    status: oneOf(values.status, LISTED_STATES),
    // Relevance ranks search matches; without text the list is newest first.
    sort: sort && (sort !== 'relevance' || text) ? sort : text ? 'relevance' : 'newest',
  };

  const amount = (field: 'minBounty' | 'maxBounty'): number | undefined => {
    if (!values[field]) return undefined;
    const fen = yuanToFen(values[field]);
    if (typeof fen === 'number') return fen;
    issues.push({ field, code: fen });
    return undefined;
  };
  query.minBountyFen = amount('minBounty');
  query.maxBountyFen = amount('maxBounty');
  if (query.minBountyFen !== undefined && query.maxBountyFen !== undefined && query.minBountyFen > query.maxBountyFen) {
    issues.push({ field: 'minBounty', code: 'range' });
    query.minBountyFen = undefined;
    query.maxBountyFen = undefined;
  }
  if (values.deadlineBefore) {
    const instant = endOfBeijingDay(values.deadlineBefore);
    if (instant) query.deadlineBefore = instant;
    else issues.push({ field: 'deadlineBefore', code: 'date' });
  }

  // Unknown keys are dropped rather than sent: the API refuses them.
  for (const key of Object.keys(query) as (keyof ChallengeListQuery)[]) if (query[key] === undefined) delete query[key];
  const inQuery: Record<FilterKey, keyof ChallengeListQuery> = {
    industry: 'industry', category: 'category', status: 'status', minBounty: 'minBountyFen', maxBounty: 'maxBountyFen', deadlineBefore: 'deadlineBefore',
  };
  const active = (Object.keys(inQuery) as FilterKey[]).filter((k) => inQuery[k] in query);
  return { values, query, issues, filtered: active.length > 0, active };
}

/**
 * The public results (揭榜结果, issue 7) as the API answers them (apps/api/src/schemas/results.ts),
 * and how the page reads them; no server code here.
 */
import { CHALLENGE_INDUSTRIES, type ChallengeIndustry, type ChallengeState, type ProjectState } from '@challenge/domain';

export interface ResultWinner {
  organization: { nameZh: string | null; nameEn: string | null; country: string };
  /** Integer fen. */
  awardFen: number;
  projectState: ProjectState;
  milestonesVerified: number;
  milestonesTotal: number;
  /** Released by verified milestones, paid or not (integer fen). */
  releasedFen: number;
}

export interface ResultItem {
  challengeId: string;
  titleZh: string;
  titleEn: string | null;
  industry: ChallengeIndustry | null;
  state: ChallengeState;
  bountyFen: number;
  owner: { id: string; nameZh: string | null; nameEn: string | null };
  awardedAt: string;
  awardedFen: number;
  winners: ResultWinner[];
}

export interface ResultsTotals {
  challengesAwarded: number;
  awardedFen: number;
  releasedFen: number;
  paidFen: number;
}

/** `GET /api/results`. */
export interface ResultsPage {
  totals: ResultsTotals;
  items: ResultItem[];
  total: number;
  page: number;
  pageSize: number;
}

export const RESULTS_PAGE_SIZE = 10;

/**
 * The page's query from its URL: an industry the API knows (anything else is ignored, not sent on to
 * be refused) and a page number within the API's bounds.
 */
export function parseResultsQuery(params: URLSearchParams): { industry: ChallengeIndustry | undefined; page: number } {
  const raw = (params.get('industry') ?? '').trim();
  const industry = (CHALLENGE_INDUSTRIES as readonly string[]).includes(raw) ? (raw as ChallengeIndustry) : undefined;
  const n = Number.parseInt(params.get('page') ?? '1', 10);
  return { industry, page: Number.isFinite(n) ? Math.max(1, Math.min(100000, n)) : 1 };
}

/** A whole percentage of `part` in `whole`, rounded down so that "100%" means done; 0 when there is nothing to count. */
export function percentOf(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(100, Math.floor((part * 100) / whole));
}

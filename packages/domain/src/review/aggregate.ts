import { AppError, type FieldIssue } from '../errors';

/*
 * product.md step 6: "with five or more reviews the highest and lowest are dropped; a ranking for the
 * bureau". Trimming one total at each end keeps a single very harsh or very generous expert from
 * deciding the result; below five reviews that would throw away too much, so every review counts.
 *
 * Totals (rubric.ts) are whole tenths, so the arithmetic runs on integers (tenths) and the only
 * rounding is the last step: the mean is rounded half up to two decimals. The result therefore does
 * not depend on the order of the reviews, to the last digit.
 */

/** From this many reviews on, one highest and one lowest total are dropped. */
export const TRIM_FROM_REVIEWS = 5;

export interface ReviewAggregate {
  /** All reviews. */
  readonly count: number;
  /** Reviews in the mean. */
  readonly used: number;
  /** 2 when trimmed (one highest, one lowest), else 0. */
  readonly dropped: number;
  /** Mean of the kept totals, rounded half up to 2 decimals; null without reviews. */
  readonly mean: number | null;
  /** Population standard deviation of the kept totals, rounded to 2 decimals (for display: how much experts agreed). */
  readonly standardDeviation: number | null;
  /** Lowest and highest of all totals, dropped ones included. */
  readonly min: number | null;
  readonly max: number | null;
}

/** A total 0–100 in whole tenths, as tenths; null when it is not one. */
function toTenths(total: number): number | null {
  if (typeof total !== 'number' || !Number.isFinite(total)) return null;
  const tenths = Math.round(total * 10);
  // 71.3 * 10 is 713.0000000000001 in floating point: accept what is a tenth up to representation error.
  if (Math.abs(total * 10 - tenths) > 1e-6 || tenths < 0 || tenths > 1000) return null;
  return tenths;
}

/**
 * The aggregate of one application's review totals (each 0–100 in tenths, as weightedTotal gives
 * them). Throws validation_failed naming `totals.i` for a total that is not one.
 */
export function aggregateReviews(totals: readonly number[]): ReviewAggregate {
  const issues: FieldIssue[] = [];
  const tenths = totals.map((t, i) => {
    const v = toTenths(t);
    if (v === null) issues.push({ field: `totals.${i}`, code: 'invalid_total' });
    return v ?? 0;
  });
  if (issues.length > 0) throw AppError.invalid(issues);

  const count = tenths.length;
  if (count === 0) return { count, used: 0, dropped: 0, mean: null, standardDeviation: null, min: null, max: null };
  const sorted = [...tenths].sort((a, b) => a - b);
  const kept = count >= TRIM_FROM_REVIEWS ? sorted.slice(1, -1) : sorted;
  const k = kept.length;
  const sum = kept.reduce((s, v) => s + v, 0);
  const sumSquares = kept.reduce((s, v) => s + v * v, 0);

  // mean in hundredths = sum (tenths) × 10 / k, rounded half up, in integers: ⌊(20·sum + k) / 2k⌋.
  const num = 20 * sum + k;
  const meanHundredths = (num - (num % (2 * k))) / (2 * k);
  // k²·variance in tenths² is k·Σx² − (Σx)², an exact integer ≥ 0; only the square root is inexact.
  const sd = Math.sqrt(k * sumSquares - sum * sum) / (k * 10);

  return {
    count,
    used: k,
    dropped: count - k,
    mean: meanHundredths / 100,
    standardDeviation: Math.round(sd * 100) / 100,
    min: sorted[0]! / 10,
    max: sorted[count - 1]! / 10,
  };
}

export interface RankEntry {
  readonly applicationId: string;
  /** The aggregate mean (null: not reviewed yet). */
  readonly mean: number | null;
  readonly reviewCount: number;
  /** When the version the experts reviewed was submitted. */
  readonly submittedAt: Date;
}

export type Ranked<T extends RankEntry> = T & {
  /** 1-based position. */
  readonly rank: number;
  /** The mean equals the one above: the position was decided by the tie-break, which the bureau should see. */
  readonly tieBreak: boolean;
};

/**
 * The ranking for the bureau: by the mean as shown (two decimals, so anyone can check the order from
 * the published figures), highest first, unreviewed last. Ties are broken, in order, by more reviews
 * (a mean of more reviews is the surer one), then earlier submission of the reviewed version, then
 * application id — the last only so the order is total and the same however the list arrives.
 */
export function rankApplications<T extends RankEntry>(list: readonly T[]): Ranked<T>[] {
  const byRule = (a: T, b: T): number => {
    if (a.mean !== b.mean) {
      if (a.mean === null) return 1;
      if (b.mean === null) return -1;
      return b.mean - a.mean;
    }
    if (a.reviewCount !== b.reviewCount) return b.reviewCount - a.reviewCount;
    if (a.submittedAt.getTime() !== b.submittedAt.getTime()) return a.submittedAt.getTime() - b.submittedAt.getTime();
    return a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  };
  const sorted = [...list].sort(byRule);
  return sorted.map((entry, i) => ({
    ...entry,
    rank: i + 1,
    tieBreak: i > 0 && entry.mean !== null && entry.mean === sorted[i - 1]!.mean,
  }));
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, TRIM_FROM_REVIEWS, aggregateReviews, rankApplications, type RankEntry } from '../src/index';

/** A review total: 0–100 in whole tenths, as weightedTotal gives them. */
const total = fc.integer({ min: 0, max: 1000 }).map((t) => t / 10);
const totals = fc.array(total, { minLength: 1, maxLength: 15 });

describe('aggregating one application’s reviews (product.md step 6)', () => {
  it('below five reviews every total counts', () => {
    expect(aggregateReviews([70, 80, 90])).toEqual({ count: 3, used: 3, dropped: 0, mean: 80, standardDeviation: 8.16, min: 70, max: 90 });
    expect(aggregateReviews([10, 70, 75, 100])).toMatchObject({ used: 4, dropped: 0, mean: 63.75 });
  });

  it('from five reviews the highest and the lowest are dropped', () => {
    expect(aggregateReviews([100, 70, 10, 80, 75])).toEqual({ count: 5, used: 3, dropped: 2, mean: 75, standardDeviation: 4.08, min: 10, max: 100 });
    // Ties at the ends: one of each is dropped, not every copy.
    expect(aggregateReviews([60, 60, 80, 80, 70])).toMatchObject({ used: 3, mean: 70 });
  });

  it('rounds the mean half up to two decimals, exactly', () => {
    expect(aggregateReviews([70, 70.1, 70.1]).mean).toBe(70.07); // 70.0666…
    expect(aggregateReviews([0.1, 0, 0, 0]).mean).toBe(0.03); // 0.025
    // 290.9 / 4 = 72.725: in floating point 72.725 × 100 is 7272.499…, which would round down.
    expect(Math.round((290.9 / 4) * 100) / 100).toBe(72.72);
    expect(aggregateReviews([72.5, 71, 73.9, 73.5]).mean).toBe(72.73);
  });

  it('nothing to aggregate without reviews', () => {
    expect(aggregateReviews([])).toEqual({ count: 0, used: 0, dropped: 0, mean: null, standardDeviation: null, min: null, max: null });
  });

  it('refuses totals that are not 0–100 in tenths', () => {
    try {
      aggregateReviews([70, 100.1, -0.1, 70.05, Number.NaN, 71.3]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fieldErrors.map((i) => i.field)).toEqual(['totals.1', 'totals.2', 'totals.3', 'totals.4']);
    }
  });

  it('property: the mean lies between the lowest and highest total (and, trimmed, between the second lowest and second highest)', () => {
    fc.assert(
      fc.property(totals, (ts) => {
        const a = aggregateReviews(ts);
        const sorted = [...ts].sort((x, y) => x - y);
        expect(a.min).toBe(sorted[0]);
        expect(a.max).toBe(sorted[sorted.length - 1]);
        expect(a.mean!).toBeGreaterThanOrEqual(a.min!);
        expect(a.mean!).toBeLessThanOrEqual(a.max!);
        if (ts.length >= TRIM_FROM_REVIEWS) {
          expect(a.mean!).toBeGreaterThanOrEqual(sorted[1]!);
          expect(a.mean!).toBeLessThanOrEqual(sorted[sorted.length - 2]!);
        }
      }),
    );
  });

  it('property: dropping happens exactly when there are five or more reviews', () => {
    fc.assert(
      fc.property(totals, (ts) => {
        const a = aggregateReviews(ts);
        expect(a.count).toBe(ts.length);
        expect(a.dropped).toBe(ts.length >= 5 ? 2 : 0);
        expect(a.used).toBe(ts.length - a.dropped);
      }),
    );
  });

  it('property: the mean is the trimmed mean to within half a hundredth, and the spread is the kept totals’ standard deviation', () => {
    fc.assert(
      fc.property(totals, (ts) => {
        const a = aggregateReviews(ts);
        const sorted = [...ts].sort((x, y) => x - y);
        const kept = ts.length >= 5 ? sorted.slice(1, -1) : sorted;
        const mean = kept.reduce((s, v) => s + v, 0) / kept.length;
        expect(Math.abs(a.mean! - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Number.isInteger(Math.round(a.mean! * 100)) && Math.abs(a.mean! * 100 - Math.round(a.mean! * 100)) < 1e-6).toBe(true);
        const sd = Math.sqrt(kept.reduce((s, v) => s + (v - mean) ** 2, 0) / kept.length);
        expect(Math.abs(a.standardDeviation! - sd)).toBeLessThanOrEqual(0.005 + 1e-9);
        if (kept.every((v) => v === kept[0])) expect(a.standardDeviation).toBe(0);
      }),
    );
  });

  it('property: the order of the reviews does not matter, to the last digit', () => {
    fc.assert(
      fc.property(totals.chain((ts) => fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length, maxLength: ts.length }))), ([ts, shuffled]) => {
        expect(aggregateReviews(shuffled)).toEqual(aggregateReviews(ts));
      }),
    );
  });
});

describe('ranking for the bureau', () => {
  const at = (s: string) => new Date(s);
  const entry = (applicationId: string, mean: number | null, reviewCount: number, submittedAt: string): RankEntry => ({ applicationId, mean, reviewCount, submittedAt: at(submittedAt) });

  it('by mean, then more reviews, then earlier submission, then id; unreviewed last', () => {
    const ranked = rankApplications([
      entry('e', null, 0, '2026-05-01T00:00:00Z'),
      entry('d', 80.5, 3, '2026-05-03T00:00:00Z'),
      entry('c', 80.5, 5, '2026-05-04T00:00:00Z'),
      entry('b', 80.5, 3, '2026-05-02T00:00:00Z'),
      entry('a', 91, 5, '2026-05-05T00:00:00Z'),
      entry('f', 80.5, 3, '2026-05-02T00:00:00Z'),
      entry('g', 12, 5, '2026-05-05T00:00:00Z'),
    ]);
    expect(ranked.map((r) => `${r.rank}:${r.applicationId}${r.tieBreak ? '*' : ''}`)).toEqual(['1:a', '2:c', '3:b*', '4:f*', '5:d*', '6:g', '7:e']);
  });

  it('keeps the caller’s fields', () => {
    const [first] = rankApplications([{ ...entry('x', 50, 1, '2026-05-01T00:00:00Z'), title: '高温合金' }]);
    expect(first).toMatchObject({ applicationId: 'x', title: '高温合金', rank: 1, tieBreak: false });
  });

  const rankEntry = fc.record({
    applicationId: fc.string({ minLength: 1, maxLength: 3 }),
    mean: fc.option(fc.integer({ min: 0, max: 20 }).map((n) => n * 5), { nil: null }),
    reviewCount: fc.integer({ min: 0, max: 6 }),
    submittedAt: fc.integer({ min: 0, max: 3 }).map((n) => new Date(Date.UTC(2026, 4, 1 + n))),
  });
  const entries = fc.uniqueArray(rankEntry, { selector: (e) => e.applicationId, maxLength: 12 });

  it('property: the ranking does not depend on the order the list arrives in, and follows the rule pairwise', () => {
    fc.assert(
      fc.property(entries.chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }))), ([es, shuffled]) => {
        const ranked = rankApplications(es);
        expect(rankApplications(shuffled).map((r) => r.applicationId)).toEqual(ranked.map((r) => r.applicationId));
        ranked.forEach((r, i) => {
          expect(r.rank).toBe(i + 1);
          const prev = ranked[i - 1];
          if (!prev) return;
          if (prev.mean === null) expect(r.mean).toBeNull();
          else if (r.mean !== null) {
            expect(prev.mean).toBeGreaterThanOrEqual(r.mean);
            expect(r.tieBreak).toBe(prev.mean === r.mean);
            if (prev.mean === r.mean) expect(prev.reviewCount).toBeGreaterThanOrEqual(r.reviewCount);
          }
        });
      }),
    );
  });
});

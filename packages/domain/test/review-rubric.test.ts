import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AppError, DEFAULT_RUBRIC, RUBRIC_ISSUE_CODES, RUBRIC_LIMITS, rubricIssues, scoreIssues, weightedTotal, weightedTotalTenths,
  type RubricCriterion, type ScoreSheet,
} from '../src/index';

const sheet = (scores: Record<string, number | null>, comment: string | null = '理由充分'): ScoreSheet =>
  Object.fromEntries(Object.entries(scores).map(([k, score]) => [k, { score, comment }]));

const SAMPLE = { technical_approach: 7, team: 8, budget: 6, schedule: 9, prior_results: 5 };
const codes = (issues: { field: string; code: string }[]) => issues.map((i) => `${i.field}:${i.code}`);

describe('rubric', () => {
  it('the default rubric is valid: five criteria, 40/25/15/10/10', () => {
    expect(rubricIssues(DEFAULT_RUBRIC)).toEqual([]);
    expect(DEFAULT_RUBRIC.map((c) => `${c.key}:${c.weight}`)).toEqual(['technical_approach:40', 'team:25', 'budget:15', 'schedule:10', 'prior_results:10']);
  });

  it('1–10 criteria with unique keys and whole weights adding up to 100', () => {
    expect(codes(rubricIssues([]))).toEqual(['criteria:criterion_required']);
    expect(codes(rubricIssues([{ key: 'a', weight: 100 }]))).toEqual([]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ key: `c${i}`, weight: i === 0 ? 90 : 1 }));
    expect(codes(rubricIssues(eleven))).toEqual(['criteria:maxItems']);
    expect(codes(rubricIssues([{ key: 'a', weight: 50 }, { key: 'a', weight: 50 }]))).toEqual(['criteria.1.key:duplicate']);
    expect(codes(rubricIssues([{ key: 'Team', weight: 50 }, { key: '', weight: 50 }, { key: '1x', weight: 0 }]))).toEqual([
      'criteria.0.key:invalid_key', 'criteria.1.key:invalid_key', 'criteria.2.key:invalid_key', 'criteria.2.weight:out_of_range',
    ]);
    expect(codes(rubricIssues([{ key: 'a', weight: 50.5 }, { key: 'b', weight: 49.5 }]))).toEqual(['criteria.0.weight:out_of_range', 'criteria.1.weight:out_of_range']);
    expect(rubricIssues([{ key: 'a', weight: 60 }, { key: 'b', weight: 30 }])).toEqual([
      { field: 'criteria', code: 'weights_sum_mismatch', params: { expected: 100, actual: 90 } },
    ]);
  });
});

describe('weighted total (Σ weight × score / 10)', () => {
  it('worked examples', () => {
    // 40×7 + 25×8 + 15×6 + 10×9 + 10×5 = 710
    expect(weightedTotal(DEFAULT_RUBRIC, sheet(SAMPLE))).toBe(71);
    expect(weightedTotalTenths(DEFAULT_RUBRIC, sheet(SAMPLE))).toBe(710);
    expect(weightedTotal(DEFAULT_RUBRIC, sheet({ ...SAMPLE, budget: 7 }))).toBe(72.5);
    expect(weightedTotal(DEFAULT_RUBRIC, sheet({ ...SAMPLE, schedule: 10 }))).toBe(72);
    const all = (n: number) => sheet(Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, n])));
    expect(weightedTotal(DEFAULT_RUBRIC, all(10))).toBe(100);
    expect(weightedTotal(DEFAULT_RUBRIC, all(0))).toBe(0);
  });

  it('refuses to total an invalid rubric or an incomplete or out-of-range sheet, naming the fields', () => {
    const refusal = (rubric: readonly RubricCriterion[], s: ScoreSheet) => {
      try {
        weightedTotal(rubric, s);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return codes([...(e as AppError).fieldErrors]);
      }
    };
    expect(refusal(DEFAULT_RUBRIC, sheet({ ...SAMPLE, team: null }))).toEqual(['scores.team.score:required']);
    expect(refusal(DEFAULT_RUBRIC, sheet({ ...SAMPLE, team: 11, budget: 2.5, schedule: -1 }))).toEqual([
      'scores.team.score:out_of_range', 'scores.budget.score:out_of_range', 'scores.schedule.score:out_of_range',
    ]);
    expect(refusal([{ key: 'a', weight: 90 }], sheet({ a: 5 }))).toEqual(['criteria:weights_sum_mismatch']);
    // Comments do not affect the total.
    expect(refusal(DEFAULT_RUBRIC, sheet(SAMPLE, null))).toBeNull();
  });

  const rubric: fc.Arbitrary<RubricCriterion[]> = fc
    .array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 })
    .map((raw) => {
      // Whole weights adding up to exactly 100 (largest part takes the rounding), each at least 1.
      const total = raw.reduce((a, b) => a + b, 0);
      const weights = raw.map((r) => Math.max(1, Math.floor((r * 100) / total)));
      weights[0]! += 100 - weights.reduce((a, b) => a + b, 0);
      return weights.map((weight, i) => ({ key: `c${i}`, weight }));
    })
    .filter((r) => r.every((c) => c.weight >= 1));
  const scored = rubric.chain((r) => fc.tuple(fc.constant(r), fc.array(fc.integer({ min: 0, max: 10 }), { minLength: r.length, maxLength: r.length })));

  it('property: the total is exactly Σ weight × score / 10, between 0 and 100, with at most one decimal', () => {
    fc.assert(
      fc.property(scored, ([r, scores]) => {
        expect(rubricIssues(r)).toEqual([]);
        const s = sheet(Object.fromEntries(r.map((c, i) => [c.key, scores[i]!])));
        const total = weightedTotal(r, s);
        const exact = r.reduce((sum, c, i) => sum + c.weight * scores[i]!, 0);
        expect(total * 10).toBe(exact);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
        expect(String(total)).toMatch(/^\d+(\.\d)?$/);
      }),
    );
  });

  it('property: raising one score never lowers the total', () => {
    fc.assert(
      fc.property(scored, fc.nat(), ([r, scores], pick) => {
        const i = pick % r.length;
        fc.pre(scores[i]! < 10);
        const before = weightedTotal(r, sheet(Object.fromEntries(r.map((c, j) => [c.key, scores[j]!]))));
        const after = weightedTotal(r, sheet(Object.fromEntries(r.map((c, j) => [c.key, scores[j]! + (j === i ? 1 : 0)]))));
        expect(after - before).toBeCloseTo(r[i]!.weight / 10, 10);
      }),
    );
  });
});

describe('score sheet', () => {
  it('a complete sheet passes', () => {
    expect(scoreIssues(DEFAULT_RUBRIC, sheet(SAMPLE))).toEqual([]);
  });

  it('every criterion scored 0–10 in whole points and commented; no unknown criteria', () => {
    const s: ScoreSheet = {
      ...sheet({ ...SAMPLE, team: 10.5 }),
      budget: { score: 0, comment: '  ' },
      schedule: undefined,
      prior_results: { score: 10, comment: 'x'.repeat(RUBRIC_LIMITS.comment + 1) },
      novelty: { score: 5, comment: 'extra' },
    };
    expect(codes(scoreIssues(DEFAULT_RUBRIC, s))).toEqual([
      'scores.team.score:out_of_range', 'scores.schedule.score:required', 'scores.novelty:unknown_criterion',
      'scores.budget.comment:required', 'scores.schedule.comment:required', 'scores.prior_results.comment:maxLength',
    ]);
    for (const issue of scoreIssues(DEFAULT_RUBRIC, s)) expect(RUBRIC_ISSUE_CODES).toContain(issue.code);
    expect(scoreIssues(DEFAULT_RUBRIC, { ...sheet(SAMPLE), prior_results: { score: 10, comment: 'x'.repeat(RUBRIC_LIMITS.comment) } })).toEqual([]);
  });
});

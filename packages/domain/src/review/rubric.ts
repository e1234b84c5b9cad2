import { AppError, type FieldIssue } from '../errors';
import { textIssue } from '../text';

/*
 * The weighted rubric experts score applications against (product.md step 6). Weights are whole
 * percentages summing to 100 and scores whole points 0–10, so a review's total is an exact number of
 * tenths: Σ weight × score is an integer 0–1000, and the total 0–100 is that divided by 10. Nothing is
 * rounded anywhere, and the same scores always give the same total — which matters because totals
 * decide rankings and may be challenged in an objection.
 */
export interface RubricCriterion {
  /** A stable code (`technical_approach`); the UI localises it. */
  readonly key: string;
  /** Whole percent; a rubric's weights add up to 100. */
  readonly weight: number;
}

export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
  { key: 'technical_approach', weight: 40 },
  { key: 'team', weight: 25 },
  { key: 'budget', weight: 15 },
  { key: 'schedule', weight: 10 },
  { key: 'prior_results', weight: 10 },
];

export const RUBRIC_LIMITS = {
  criteria: { min: 1, max: 10 },
  weightTotal: 100,
  score: { min: 0, max: 10 },
  comment: 2000,
} as const;

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

export const RUBRIC_ISSUE_CODES = [
  'criterion_required', 'maxItems', 'invalid_key', 'duplicate', 'out_of_range', 'weights_sum_mismatch',
  'required', 'maxLength', 'unknown_criterion',
] as const;

/** What is wrong with a rubric, all at once: 1–10 criteria, unique lower-case keys, whole weights 1–100 adding up to 100. */
export function rubricIssues(criteria: readonly RubricCriterion[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (criteria.length < RUBRIC_LIMITS.criteria.min) issues.push({ field: 'criteria', code: 'criterion_required' });
  if (criteria.length > RUBRIC_LIMITS.criteria.max) issues.push({ field: 'criteria', code: 'maxItems', params: { limit: RUBRIC_LIMITS.criteria.max } });
  const seen = new Set<string>();
  let weightsOk = true;
  let sum = 0;
  criteria.forEach((c, i) => {
    if (!KEY.test(c.key)) issues.push({ field: `criteria.${i}.key`, code: 'invalid_key' });
    else if (seen.has(c.key)) issues.push({ field: `criteria.${i}.key`, code: 'duplicate' });
    seen.add(c.key);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > RUBRIC_LIMITS.weightTotal) {
      issues.push({ field: `criteria.${i}.weight`, code: 'out_of_range', params: { min: 1, max: RUBRIC_LIMITS.weightTotal } });
      weightsOk = false;
    } else sum += c.weight;
  });
  if (weightsOk && criteria.length > 0 && sum !== RUBRIC_LIMITS.weightTotal) {
    issues.push({ field: 'criteria', code: 'weights_sum_mismatch', params: { expected: RUBRIC_LIMITS.weightTotal, actual: sum } });
  }
  return issues;
}

/** One criterion's score on an expert's sheet. */
export interface CriterionScore {
  readonly score: number | null;
  readonly comment: string | null;
}

/** An expert's review of one application, keyed by criterion key. */
export type ScoreSheet = Readonly<Record<string, CriterionScore | undefined>>;

const scoreOk = (s: number | null | undefined): s is number =>
  typeof s === 'number' && Number.isInteger(s) && s >= RUBRIC_LIMITS.score.min && s <= RUBRIC_LIMITS.score.max;

function scoreValueIssues(rubric: readonly RubricCriterion[], sheet: ScoreSheet): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { key } of rubric) {
    const s = sheet[key]?.score;
    if (s === null || s === undefined) issues.push({ field: `scores.${key}.score`, code: 'required' });
    else if (!scoreOk(s)) issues.push({ field: `scores.${key}.score`, code: 'out_of_range', params: RUBRIC_LIMITS.score });
  }
  const keys = new Set(rubric.map((c) => c.key));
  for (const key of Object.keys(sheet)) {
    if (!keys.has(key)) issues.push({ field: `scores.${key}`, code: 'unknown_criterion' });
  }
  return issues;
}

/**
 * Everything an expert must fill in before a review counts, all at once: every criterion of the
 * rubric scored with a whole number 0–10 and commented (product.md: experts "score … and comment";
 * a score without a reason cannot be explained to the applicant or defended in an objection), no
 * score for a criterion the rubric does not have.
 */
export function scoreIssues(rubric: readonly RubricCriterion[], sheet: ScoreSheet): FieldIssue[] {
  const issues = scoreValueIssues(rubric, sheet);
  for (const { key } of rubric) {
    const issue = textIssue(`scores.${key}.comment`, sheet[key]?.comment, RUBRIC_LIMITS.comment, true);
    if (issue) issues.push(issue);
  }
  return issues;
}

/**
 * The review's total in tenths of a point, an integer 0–1000 (Σ weight × score): the form to store
 * and aggregate, with no fraction anywhere.
 */
export function weightedTotalTenths(rubric: readonly RubricCriterion[], sheet: ScoreSheet): number {
  const issues = [...rubricIssues(rubric), ...scoreValueIssues(rubric, sheet)];
  if (issues.length > 0) throw AppError.invalid(issues);
  return rubric.reduce((sum, c) => sum + c.weight * sheet[c.key]!.score!, 0);
}

/**
 * The review's total, 0–100: Σ weight × score / 10. Never rounded — it has at most one decimal
 * (e.g. 40×7 + 25×8 + 15×6 + 10×9 + 10×5 = 710 → 71; one point more on `budget` → 72.5), and
 * dividing an integer below 2^53 by 10 gives the double closest to that decimal, which prints as
 * exactly that decimal. Throws validation_failed when the rubric or a score is invalid; comments
 * do not affect the total (scoreIssues checks them).
 */
export function weightedTotal(rubric: readonly RubricCriterion[], sheet: ScoreSheet): number {
  return weightedTotalTenths(rubric, sheet) / 10;
}

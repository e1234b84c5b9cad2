import { AppError, type FieldIssue } from '../errors';
import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_LIMITS, CHALLENGE_VISIBILITIES } from './fields';
import { amountIssue } from './money';

export interface IndicatorDraft {
  readonly nameZh: string | null;
  readonly nameEn?: string | null;
  readonly target: string | null;
  readonly unit: string | null;
  /** How the indicator is measured (test standard, instrument, sample size). */
  readonly method: string | null;
}

/** A challenge as its owner edits it: anything may still be missing until it is submitted. */
export interface ChallengeDraft {
  readonly titleZh: string | null;
  readonly titleEn: string | null;
  readonly summaryZh: string | null;
  readonly summaryEn: string | null;
  readonly descriptionZh: string | null;
  readonly descriptionEn: string | null;
  readonly industry: string | null;
  readonly category: string | null;
  readonly indicators: readonly IndicatorDraft[];
  readonly enterpriseShareFen: number;
  readonly requestedSpecialFundFen: number;
  readonly deadline: Date | null;
  readonly durationMonths: number | null;
  readonly maxWinners: number | null;
  readonly visibility: string | null;
  /** Domestic-only challenges need no English title and summary (product.md step 2). */
  readonly domesticOnly: boolean;
}

export type DraftCheck =
  | { readonly stage: 'submission'; readonly now: Date }
  /** At publication the bounty is the enterprise share plus what the bureau approved. */
  | { readonly stage: 'publication'; readonly now: Date; readonly specialFundFen: number };

const blank = (s: string | null | undefined) => !s || s.trim() === '';

function rangeIssue(field: string, value: number | null, range: { min: number; max: number }): FieldIssue | null {
  if (value === null || value === undefined) return { field, code: 'required' };
  if (!Number.isInteger(value) || value < range.min || value > range.max) return { field, code: 'out_of_range', params: { min: range.min, max: range.max } };
  return null;
}

/** The latest deadline a challenge may be given at `now`: the same instant `deadlineYearsAhead` years on. */
export function latestDeadline(now: Date): Date {
  const latest = new Date(now.getTime());
  latest.setUTCFullYear(latest.getUTCFullYear() + CHALLENGE_LIMITS.deadlineYearsAhead);
  return latest;
}

/** `too_far` when a deadline lies beyond `latestDeadline(now)`. */
export function deadlineTooFar(field: string, deadline: Date, now: Date): FieldIssue | null {
  return deadline.getTime() > latestDeadline(now).getTime() ? { field, code: 'too_far', params: { years: CHALLENGE_LIMITS.deadlineYearsAhead } } : null;
}

/**
 * Every rule a challenge must meet to be submitted (owner) or published (bureau), all problems at
 * once so a form can mark every field: Chinese title, summary and description; English title and
 * summary unless domestic-only; industry, category, visibility; at least one indicator with name,
 * target, unit and method; shares in whole fen ≥ 0 whose bounty is above zero; a deadline after
 * `now` and at most two years ahead; duration 1–60 months; 1–10 winners. Pure: `now` is passed in.
 */
export function challengeDraftIssues(draft: ChallengeDraft, check: DraftCheck): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  const required = (field: keyof ChallengeDraft, value: string | null) => issues.push(blank(value) ? { field, code: 'required' } : null);

  required('titleZh', draft.titleZh);
  required('summaryZh', draft.summaryZh);
  required('descriptionZh', draft.descriptionZh);
  if (!draft.domesticOnly) {
    required('titleEn', draft.titleEn);
    required('summaryEn', draft.summaryEn);
  }
  const oneOf = (field: keyof ChallengeDraft, value: string | null, allowed: readonly string[]) =>
    issues.push(value === null ? { field, code: 'required' } : allowed.includes(value) ? null : { field, code: 'enum' });
  oneOf('industry', draft.industry, CHALLENGE_INDUSTRIES);
  oneOf('category', draft.category, CHALLENGE_CATEGORIES);
  oneOf('visibility', draft.visibility, CHALLENGE_VISIBILITIES);

  if (draft.indicators.length === 0) issues.push({ field: 'indicators', code: 'indicator_required' });
  if (draft.indicators.length > CHALLENGE_LIMITS.indicators) issues.push({ field: 'indicators', code: 'maxItems', params: { limit: CHALLENGE_LIMITS.indicators } });
  draft.indicators.forEach((indicator, i) => {
    for (const key of ['nameZh', 'target', 'unit', 'method'] as const) {
      if (blank(indicator[key])) issues.push({ field: `indicators.${i}.${key}`, code: 'required' });
    }
  });

  const shareIssues = [amountIssue('enterpriseShareFen', draft.enterpriseShareFen), amountIssue('requestedSpecialFundFen', draft.requestedSpecialFundFen)];
  issues.push(...shareIssues);
  if (check.stage === 'publication') {
    const fundIssue = amountIssue('specialFundFen', check.specialFundFen);
    issues.push(fundIssue);
    if (!shareIssues.some(Boolean) && !fundIssue && draft.enterpriseShareFen + check.specialFundFen <= 0) {
      issues.push({ field: 'specialFundFen', code: 'bounty_zero' });
    }
  } else if (!shareIssues.some(Boolean) && draft.enterpriseShareFen + draft.requestedSpecialFundFen <= 0) {
    issues.push({ field: 'enterpriseShareFen', code: 'bounty_zero' });
  }

  if (!draft.deadline) issues.push({ field: 'deadline', code: 'required' });
  else if (!(draft.deadline.getTime() > check.now.getTime())) issues.push({ field: 'deadline', code: 'not_future' });
  else issues.push(deadlineTooFar('deadline', draft.deadline, check.now));

  issues.push(rangeIssue('durationMonths', draft.durationMonths, CHALLENGE_LIMITS.durationMonths));
  issues.push(rangeIssue('maxWinners', draft.maxWinners, CHALLENGE_LIMITS.maxWinners));
  return issues.filter((i): i is FieldIssue => i !== null);
}

/** Throws `validation_failed` with every issue, or returns when the challenge may be submitted. */
export function assertReadyForSubmission(draft: ChallengeDraft, now: Date): void {
  const issues = challengeDraftIssues(draft, { stage: 'submission', now });
  if (issues.length > 0) throw AppError.invalid(issues);
}

/** The same rules again when the bureau publishes, with the approved special fund and the clock of that moment. */
export function assertReadyForPublication(draft: ChallengeDraft, now: Date, specialFundFen: number): void {
  const issues = challengeDraftIssues(draft, { stage: 'publication', now, specialFundFen });
  if (issues.length > 0) throw AppError.invalid(issues);
}

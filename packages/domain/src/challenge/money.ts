import { AppError, type FieldIssue } from '../errors';

/*
 * Amounts are integer fen (product.md "Money by funding source"). The database columns are `bigint`;
 * in TypeScript they are plain numbers (drizzle `mode: 'number'`), not `bigint`, because every amount
 * also travels as a JSON number through the API and into the audit log, and JSON has no bigint.
 * That is exact only for safe integers, so every amount is checked with Number.isSafeInteger and
 * capped at MAX_AMOUNT_FEN: 10^14 fen (¥1 trillion, far above any district bounty), which keeps the
 * sum of two amounts safe as well (2 × 10^14 < 2^53 ≈ 9 × 10^15).
 */
export const MAX_AMOUNT_FEN = 100_000_000_000_000;

export const isAmountFen = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_FEN;

export interface BountyShares {
  /** What the enterprise itself pays (配套资金). */
  readonly enterpriseShareFen: number;
  /** What the enterprise asks the district's special fund to add (专项资金). */
  readonly requestedSpecialFundFen: number;
}

export const amountIssue = (field: string, value: unknown): FieldIssue | null =>
  isAmountFen(value) ? null : { field, code: 'invalid_amount', params: { max: MAX_AMOUNT_FEN } };

/** The bounty a draft announces before the bureau's decision: both shares as asked. */
export function requestedBountyFen(shares: BountyShares): number {
  const issues = [amountIssue('enterpriseShareFen', shares.enterpriseShareFen), amountIssue('requestedSpecialFundFen', shares.requestedSpecialFundFen)].filter((i) => i !== null);
  if (issues.length > 0) throw AppError.invalid(issues);
  return shares.enterpriseShareFen + shares.requestedSpecialFundFen;
}

/**
 * The bureau's approval (product.md step 3 and "Money by funding source"): it sets the special-fund
 * match, which may be less than requested but never more, and the bounty follows:
 * `bountyFen = enterpriseShareFen + specialFundFen`. Refuses a negative, fractional or unsafe amount
 * and one above the request, naming `specialFundFen`.
 */
export function approveBounty(shares: BountyShares, specialFundFen: number): { specialFundFen: number; bountyFen: number } {
  const issues = [
    amountIssue('enterpriseShareFen', shares.enterpriseShareFen),
    amountIssue('requestedSpecialFundFen', shares.requestedSpecialFundFen),
    amountIssue('specialFundFen', specialFundFen),
  ].filter((i) => i !== null);
  if (issues.length === 0 && specialFundFen > shares.requestedSpecialFundFen) {
    issues.push({ field: 'specialFundFen', code: 'exceeds_requested', params: { requested: shares.requestedSpecialFundFen } });
  }
  if (issues.length > 0) throw AppError.invalid(issues);
  return { specialFundFen, bountyFen: shares.enterpriseShareFen + specialFundFen };
}

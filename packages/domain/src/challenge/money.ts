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

/** Digits 0–9 typed on a Chinese keyboard (full-width) read as ASCII; so do the full-width point and comma. */
const toHalfWidth = (s: string) => s.replace(/[\uff10-\uff19\uff0e\uff0c]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** `1234567`, `1,234,567` (commas only between groups of three) and either with one or two decimals. */
const YUAN = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

/**
 * An amount typed in yuan, as integer fen — or null when it is not one. Exact: the text is split
 * into its integer and decimal digits and never goes through floating-point arithmetic, so
 * `0.07` is 7 fen, not 7.000000000000001. Accepts surrounding spaces, a leading ¥, full-width digits
 * and thousands separators; refuses an empty text, signs (negatives), more than two decimals,
 * exponents, anything else, and amounts above MAX_AMOUNT_FEN.
 */
export function parseYuanToFen(text: string): number | null {
  const s = toHalfWidth(text.trim()).replace(/^[¥￥]\s*/, '');
  const m = YUAN.exec(s);
  if (!m) return null;
  const whole = m[1]!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  // 10^12 yuan is MAX_AMOUNT_FEN; longer digit strings would also lose precision as numbers.
  if (whole.length > 13) return null;
  const fen = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return isAmountFen(fen) ? fen : null;
}

/** Integer fen as the plain yuan text an input shows, exactly: 123456750 → `1234567.5`, 7 → `0.07`; the inverse of parseYuanToFen. */
export function fenToYuanText(fen: number): string {
  if (!isAmountFen(fen)) throw AppError.invalid([{ field: 'fen', code: 'invalid_amount', params: { max: MAX_AMOUNT_FEN } }]);
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * `total` fen split in proportion to `weights` by the largest-remainder method (product.md "Money by
 * funding source"): each part a whole fen, the parts adding up exactly to `total`; the fen left over
 * after rounding down go to the largest remainders, ties to the earlier part. Exact in BigInt: a total
 * times a weight can pass 2⁵³.
 */
export function splitByLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a whole number of fen ≥ 0: ${total}`);
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be whole numbers ≥ 0');
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = t - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

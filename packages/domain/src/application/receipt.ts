import { beijingDate } from '../calendar/beijing-date';

/*
 * The receipt number (回执编号) of a submitted version of an application (product.md "States":
 * submitting freezes a version with a receipt number). Read aloud on the phone and quoted in
 * objections, so it is short and plain: `JB-2026-000123-v2` — JB for 揭榜, the year, the
 * application's sequence number within that year, and the version. Every version of an application
 * shares `JB-year-sequence`, so the numbers show which submissions belong together.
 *
 * Deterministic from its parts and the parts are recoverable from it, so nothing but the parts needs
 * storing; the service allocates the sequence (one per application, in the year of its first
 * submission) and counts the versions.
 */
export interface ReceiptParts {
  /** The Beijing year of the application's first submission (receiptYear). */
  readonly year: number;
  /** 1 … 999,999,999; shown with at least six digits. */
  readonly sequence: number;
  /** 1 for the first submission, +1 for each resubmission. */
  readonly version: number;
}

export const RECEIPT_PREFIX = 'JB';
const MAX_SEQUENCE = 999_999_999;
const MAX_VERSION = 999;
// Six digits at least; more only when needed, then never with a leading zero, so each number has one spelling.
const RECEIPT = /^JB-(\d{4})-(\d{6}|[1-9]\d{6,8})-V([1-9]\d{0,2})$/;

const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

export function isReceiptParts(parts: ReceiptParts): boolean {
  return inRange(parts.year, 2000, 9999) && inRange(parts.sequence, 1, MAX_SEQUENCE) && inRange(parts.version, 1, MAX_VERSION);
}

/** The year a receipt carries: Beijing time, so a submission at 00:30 on 1 January in Beijing belongs to the new year. */
export const receiptYear = (submittedAt: Date): number => Number(beijingDate(submittedAt).slice(0, 4));

/** `JB-2026-000123-v2`. Throws RangeError on parts out of range: the service allocates them, so that is a bug, not input. */
export function formatReceiptNumber(parts: ReceiptParts): string {
  if (!isReceiptParts(parts)) throw new RangeError(`receipt parts out of range: ${JSON.stringify(parts)}`);
  return `${RECEIPT_PREFIX}-${parts.year}-${String(parts.sequence).padStart(6, '0')}-v${parts.version}`;
}

/**
 * The parts of a receipt number as a person may type it back — surrounding spaces and any letter
 * case are accepted — or null when it is not one. `formatReceiptNumber(parse(s))` is the canonical
 * spelling of `s`.
 */
export function parseReceiptNumber(text: string): ReceiptParts | null {
  const m = RECEIPT.exec(text.trim().toUpperCase());
  if (!m) return null;
  const parts = { year: Number(m[1]), sequence: Number(m[2]), version: Number(m[3]) };
  return isReceiptParts(parts) ? parts : null;
}

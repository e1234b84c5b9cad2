/**
 * The challenge editor's form, as plain data: what the inputs hold (strings, as typed), how that
 * becomes the API's input, and what still blocks submission. Pure and shared: the server actions
 * read posted forms with it, the browser checks the same values live with the domain's own rules
 * (challengeDraftIssues), so both sides speak of the same fields by the same names.
 */
import {
  CHALLENGE_CATEGORIES,
  CHALLENGE_INDUSTRIES,
  CHALLENGE_LIMITS,
  CHALLENGE_VISIBILITIES,
  challengeDraftIssues,
  fenToYuanText,
  parseYuanToFen,
  type ChallengeDraft,
} from '@challenge/domain';
import type { ChallengeCategory, ChallengeIndustry, ChallengeInput, ChallengeManage, ChallengeVisibility, IndicatorInput } from '$lib/types';

export interface IndicatorValues {
  nameZh: string;
  nameEn: string;
  target: string;
  unit: string;
  method: string;
}

/** Everything the editor's inputs hold, as typed. Amounts are yuan; the deadline is Beijing date and time. */
export interface DraftValues {
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  descriptionZh: string;
  descriptionEn: string;
  industry: string;
  category: string;
  indicators: IndicatorValues[];
  eligibilityZh: string;
  eligibilityEn: string;
  enterpriseShare: string;
  requestedSpecialFund: string;
  deadlineDate: string;
  deadlineTime: string;
  durationMonths: string;
  maxWinners: string;
  ipTermsZh: string;
  ipTermsEn: string;
  visibility: string;
  domesticOnly: boolean;
}

/** One thing wrong with a field, named like the form's inputs (`indicators.1.unit`, `enterpriseShare`). */
export interface DraftIssue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export const TEXT_FIELDS = [
  'titleZh', 'titleEn', 'summaryZh', 'summaryEn', 'descriptionZh', 'descriptionEn', 'eligibilityZh', 'eligibilityEn', 'ipTermsZh', 'ipTermsEn',
] as const;
const SIMPLE_FIELDS = [...TEXT_FIELDS, 'industry', 'category', 'enterpriseShare', 'requestedSpecialFund', 'deadlineDate', 'deadlineTime', 'durationMonths', 'maxWinners', 'visibility'] as const;
export const INDICATOR_KEYS = ['nameZh', 'nameEn', 'target', 'unit', 'method'] as const;

export const emptyIndicator = (): IndicatorValues => ({ nameZh: '', nameEn: '', target: '', unit: '', method: '' });

/** A new challenge: one indicator row to start with, one winner, public, a 17:00 deadline once a date is chosen. */
export function emptyDraftValues(): DraftValues {
  return {
    titleZh: '', titleEn: '', summaryZh: '', summaryEn: '', descriptionZh: '', descriptionEn: '', industry: '', category: '',
    indicators: [emptyIndicator()], eligibilityZh: '', eligibilityEn: '', enterpriseShare: '', requestedSpecialFund: '',
    deadlineDate: '', deadlineTime: '17:00', durationMonths: '', maxWinners: '1', ipTermsZh: '', ipTermsEn: '', visibility: 'public', domesticOnly: false,
  };
}

// ---- Beijing time ----------------------------------------------------------------------------------
// Deadlines are instants; owners enter and read them in Beijing time (UTC+8, no daylight saving).

const BEIJING_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the Beijing date (`2026-06-30`) and time (`17:00`) an input shows. */
export function beijingParts(iso: string | null | undefined): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const d = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return { date: '', time: '' };
  return { date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
}

/** A Beijing date and time as an ISO instant; null unless both are well-formed and the date exists. */
export function instantFromBeijing(date: string, time: string): string | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const tm = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!dm || !tm) return null;
  const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
  if (h > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - BEIJING_OFFSET_MS).toISOString();
}

// ---- reading -------------------------------------------------------------------------------------

/** What a stored challenge puts in the inputs. */
export function valuesFromChallenge(c: ChallengeManage): DraftValues {
  const deadline = beijingParts(c.deadline);
  return {
    titleZh: c.titleZh ?? '',
    titleEn: c.titleEn ?? '',
    summaryZh: c.summaryZh ?? '',
    summaryEn: c.summaryEn ?? '',
    descriptionZh: c.descriptionZh ?? '',
    descriptionEn: c.descriptionEn ?? '',
    industry: c.industry ?? '',
    category: c.category ?? '',
    indicators: [...c.indicators]
      .sort((a, b) => a.position - b.position)
      .map((i) => ({ nameZh: i.nameZh ?? '', nameEn: i.nameEn ?? '', target: i.target ?? '', unit: i.unit ?? '', method: i.method ?? '' })),
    eligibilityZh: c.eligibilityZh ?? '',
    eligibilityEn: c.eligibilityEn ?? '',
    enterpriseShare: fenToYuanText(c.enterpriseShareFen),
    requestedSpecialFund: fenToYuanText(c.requestedSpecialFundFen),
    deadlineDate: deadline.date,
    deadlineTime: deadline.time || '17:00',
    durationMonths: c.durationMonths === null ? '' : String(c.durationMonths),
    maxWinners: String(c.maxWinners),
    ipTermsZh: c.ipTermsZh ?? '',
    ipTermsEn: c.ipTermsEn ?? '',
    visibility: c.visibility,
    domesticOnly: c.domesticOnly,
  };
}

/** Flat `name → value`, as a form posts it and as a failed action hands it back. */
export function flattenValues(v: DraftValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of SIMPLE_FIELDS) out[k] = v[k];
  out.domesticOnly = v.domesticOnly ? 'on' : '';
  v.indicators.forEach((row, i) => {
    for (const k of INDICATOR_KEYS) out[`indicators.${i}.${k}`] = row[k];
  });
  return out;
}

/** The inputs from posted (or handed back) flat values; indicator rows in the order of their index. */
export function valuesFromFlat(get: (name: string) => string | undefined, names: Iterable<string>): DraftValues {
  const v = emptyDraftValues();
  for (const k of SIMPLE_FIELDS) v[k] = get(k) ?? '';
  v.domesticOnly = (get('domesticOnly') ?? '') !== '';
  const rows = new Set<number>();
  for (const name of names) {
    const m = /^indicators\.(\d{1,3})\./.exec(name);
    if (m) rows.add(Number(m[1]));
  }
  v.indicators = [...rows].sort((a, b) => a - b).map((i) => {
    const row = emptyIndicator();
    for (const k of INDICATOR_KEYS) row[k] = get(`indicators.${i}.${k}`) ?? '';
    return row;
  });
  return v;
}

export function valuesFromFormData(data: FormData): DraftValues {
  const get = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return valuesFromFlat(get, data.keys());
}

export function valuesFromRecord(record: Record<string, string>): DraftValues {
  return valuesFromFlat((name) => record[name], Object.keys(record));
}

// ---- indicator rows --------------------------------------------------------------------------------

export type IndicatorOp = { kind: 'add' } | { kind: 'remove' | 'up' | 'down'; index: number };

/** The editor's row buttons post `indicatorOp` = `add`, `remove:2`, `up:2` or `down:2` (without JavaScript). */
export function parseIndicatorOp(value: string | null | undefined): IndicatorOp | null {
  if (value === 'add') return { kind: 'add' };
  const m = /^(remove|up|down):(\d{1,3})$/.exec(value ?? '');
  return m ? { kind: m[1] as 'remove' | 'up' | 'down', index: Number(m[2]) } : null;
}

/** The rows after one add, remove or move; out-of-range moves and adds beyond the limit change nothing. */
export function applyRowOp<T>(rows: readonly T[], op: IndicatorOp, blankRow: () => T): T[] {
  const next = [...rows];
  if (op.kind === 'add') {
    if (next.length < CHALLENGE_LIMITS.indicators) next.push(blankRow());
    return next;
  }
  const i = op.index;
  if (i < 0 || i >= next.length) return next;
  if (op.kind === 'remove') next.splice(i, 1);
  else {
    const j = op.kind === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= next.length) return next;
    [next[i], next[j]] = [next[j]!, next[i]!];
  }
  return next;
}

export const applyIndicatorOp = (rows: readonly IndicatorValues[], op: IndicatorOp): IndicatorValues[] => applyRowOp(rows, op, emptyIndicator);

// ---- checking and converting -----------------------------------------------------------------------

const blank = (s: string) => s.trim() === '';
const textOrNull = (s: string) => (blank(s) ? null : s.trim());

/** A whole number typed in an input: null when empty, NaN when it is not one. */
function wholeNumber(s: string): number | null {
  if (blank(s)) return null;
  return /^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
}

/** A yuan amount: null when empty, NaN when it is not an amount. */
function amount(s: string): number | null {
  if (blank(s)) return null;
  return parseYuanToFen(s) ?? Number.NaN;
}

/** The deadline: null when both parts are empty, NaN-dated when incomplete or not a date. */
function deadlineOf(v: DraftValues): string | null | 'invalid' {
  if (blank(v.deadlineDate)) return null;
  return instantFromBeijing(v.deadlineDate, v.deadlineTime) ?? 'invalid';
}

/**
 * What in the inputs cannot even be stored: no Chinese title, an amount that is not yuan, a
 * deadline that is not a date and time, a number out of its range. These block saving a draft;
 * everything else may wait until submission.
 */
export function inputIssues(v: DraftValues): DraftIssue[] {
  const issues: DraftIssue[] = [];
  // A draft is known by its Chinese title: the one field it cannot be saved without.
  if (blank(v.titleZh)) issues.push({ field: 'titleZh', code: 'required' });
  if (Number.isNaN(amount(v.enterpriseShare))) issues.push({ field: 'enterpriseShare', code: 'invalid_yuan' });
  if (Number.isNaN(amount(v.requestedSpecialFund))) issues.push({ field: 'requestedSpecialFund', code: 'invalid_yuan' });
  if (deadlineOf(v) === 'invalid') issues.push({ field: 'deadline', code: 'invalid_deadline' });
  const months = wholeNumber(v.durationMonths);
  if (months !== null && (Number.isNaN(months) || months < CHALLENGE_LIMITS.durationMonths.min || months > CHALLENGE_LIMITS.durationMonths.max)) {
    issues.push({ field: 'durationMonths', code: 'out_of_range', params: { ...CHALLENGE_LIMITS.durationMonths } });
  }
  const winners = wholeNumber(v.maxWinners);
  if (winners !== null && (Number.isNaN(winners) || winners < CHALLENGE_LIMITS.maxWinners.min || winners > CHALLENGE_LIMITS.maxWinners.max)) {
    issues.push({ field: 'maxWinners', code: 'out_of_range', params: { ...CHALLENGE_LIMITS.maxWinners } });
  }
  if (v.indicators.length > CHALLENGE_LIMITS.indicators) issues.push({ field: 'indicators', code: 'maxItems', params: { limit: CHALLENGE_LIMITS.indicators } });
  return issues;
}

const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | null => ((allowed as readonly string[]).includes(value) ? (value as T) : null);

/**
 * The API's input for these values (call only when inputIssues is empty). Every field is sent, so a
 * save stores exactly what the form shows — indicator rows too, empty ones included, so that row
 * numbers in the server's answers are the form's row numbers.
 */
export function toChallengeInput(v: DraftValues): ChallengeInput & { titleZh: string } {
  const indicators: IndicatorInput[] = v.indicators.map((row) => ({ nameZh: row.nameZh.trim(), nameEn: textOrNull(row.nameEn), target: row.target.trim(), unit: row.unit.trim(), method: row.method.trim() }));
  const deadline = deadlineOf(v);
  const winners = wholeNumber(v.maxWinners);
  const months = wholeNumber(v.durationMonths);
  const fen = (s: string) => {
    const n = amount(s);
    return n === null || Number.isNaN(n) ? 0 : n;
  };
  const input: ChallengeInput & { titleZh: string } = {
    titleZh: v.titleZh.trim(),
    titleEn: textOrNull(v.titleEn),
    summaryZh: textOrNull(v.summaryZh),
    summaryEn: textOrNull(v.summaryEn),
    descriptionZh: textOrNull(v.descriptionZh),
    descriptionEn: textOrNull(v.descriptionEn),
    industry: oneOf<ChallengeIndustry>(v.industry, CHALLENGE_INDUSTRIES),
    category: oneOf<ChallengeCategory>(v.category, CHALLENGE_CATEGORIES),
    indicators,
    eligibilityZh: textOrNull(v.eligibilityZh),
    eligibilityEn: textOrNull(v.eligibilityEn),
    enterpriseShareFen: fen(v.enterpriseShare),
    requestedSpecialFundFen: fen(v.requestedSpecialFund),
    deadline: deadline === 'invalid' ? null : deadline,
    durationMonths: months === null || Number.isNaN(months) ? null : months,
    ipTermsZh: textOrNull(v.ipTermsZh),
    ipTermsEn: textOrNull(v.ipTermsEn),
    domesticOnly: v.domesticOnly,
  };
  // Neither may be null in the API; an empty input leaves the stored value (1 winner, public) alone.
  if (winners !== null && !Number.isNaN(winners)) input.maxWinners = winners;
  const visibility = oneOf<ChallengeVisibility>(v.visibility, CHALLENGE_VISIBILITIES);
  if (visibility) input.visibility = visibility;
  return input;
}

/** The API names amounts in fen; the form's inputs are in yuan. */
const FIELD_FROM_API: Record<string, string> = {
  enterpriseShareFen: 'enterpriseShare',
  requestedSpecialFundFen: 'requestedSpecialFund',
};

/** An API (or domain) field name as the form's input name. */
export const formField = (apiField: string): string => FIELD_FROM_API[apiField] ?? apiField;

/**
 * Everything that still blocks submission, as the server will judge it at submit: the domain's
 * rules (challengeDraftIssues, every field at once) on what the inputs hold now, after the input
 * problems (which replace the rules' finding for the same field).
 */
export function submissionIssues(v: DraftValues, now: Date): DraftIssue[] {
  const own = inputIssues(v);
  const input = toChallengeInput(v);
  const deadline = deadlineOf(v);
  const draft: ChallengeDraft = {
    titleZh: input.titleZh,
    titleEn: input.titleEn ?? null,
    summaryZh: input.summaryZh ?? null,
    summaryEn: input.summaryEn ?? null,
    descriptionZh: input.descriptionZh ?? null,
    descriptionEn: input.descriptionEn ?? null,
    industry: input.industry ?? null,
    category: input.category ?? null,
    indicators: v.indicators,
    enterpriseShareFen: input.enterpriseShareFen ?? 0,
    requestedSpecialFundFen: input.requestedSpecialFundFen ?? 0,
    deadline: deadline && deadline !== 'invalid' ? new Date(deadline) : null,
    durationMonths: input.durationMonths ?? null,
    maxWinners: wholeNumber(v.maxWinners),
    visibility: input.visibility ?? null,
    domesticOnly: v.domesticOnly,
  };
  const ownFields = new Set(own.map((i) => i.field));
  const rules = challengeDraftIssues(draft, { stage: 'submission', now })
    .map((i) => ({ field: formField(i.field), code: i.code, ...(i.params ? { params: i.params } : {}) }))
    .filter((i) => !ownFields.has(i.field));
  return [...own, ...rules];
}

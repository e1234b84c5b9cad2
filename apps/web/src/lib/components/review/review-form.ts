/**
 * The review forms as posted (names of inputs) and as the API takes them, both ways: what to send,
 * and the API's field names mapped back onto the inputs, so each refusal lands next to its input.
 * Pure functions, shared by the form actions and their tests.
 */
import type { FormIssue } from '$lib/forms';
import { RUBRIC_LIMITS, splitExpertise, type RubricCriterion, type ScoreSheet } from '../../review';

type Get = (name: string) => string;

const WHOLE = /^\d{1,3}$/;
const wholeOrNull = (v: string): number | null => (WHOLE.test(v) ? Number(v) : null);

// ---- scores ----------------------------------------------------------------------------------------

export const scoreName = (key: string) => `scores.${key}.score`;
export const commentName = (key: string) => `scores.${key}.comment`;

/**
 * The expert's sheet for every criterion of the rubric: a missing score or comment is sent as null,
 * so the API names every gap at once. `values` are the inputs as posted, to show them again.
 */
export function scoreSheetFromForm(get: Get, rubric: readonly RubricCriterion[]): { sheet: ScoreSheet; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const sheet: Record<string, { score: number | null; comment: string | null }> = {};
  for (const { key } of rubric) {
    const score = get(scoreName(key)).trim();
    const comment = get(commentName(key)).trim();
    values[scoreName(key)] = score;
    values[commentName(key)] = comment;
    sheet[key] = { score: wholeOrNull(score), comment: comment === '' ? null : comment };
  }
  return { sheet, values };
}

// ---- rubric ----------------------------------------------------------------------------------------

export const keyName = (row: number) => `criteria.${row}.key`;
export const weightName = (row: number) => `criteria.${row}.weight`;
export const removeName = (row: number) => `criteria.${row}.remove`;

/** The rubric as posted: rows 0…rows-1, a row left blank or marked for removal is not sent. */
export function rubricFromForm(get: Get, rows: number): { criteria: RubricCriterion[]; rowOf: number[]; values: Record<string, string>; issues: FormIssue[] } {
  const criteria: RubricCriterion[] = [];
  const rowOf: number[] = [];
  const values: Record<string, string> = {};
  const issues: FormIssue[] = [];
  for (let row = 0; row < Math.min(rows, RUBRIC_LIMITS.criteria.max + 2); row++) {
    const key = get(keyName(row)).trim();
    const weight = get(weightName(row)).trim();
    const remove = get(removeName(row)) !== '';
    values[keyName(row)] = key;
    values[weightName(row)] = weight;
    if (remove) values[removeName(row)] = 'on';
    if (remove || (key === '' && weight === '')) continue;
    const w = wholeOrNull(weight);
    if (key === '') issues.push({ field: keyName(row), code: 'required', message: '' });
    if (w === null) issues.push({ field: weightName(row), code: weight === '' ? 'required' : 'out_of_range', message: '' });
    criteria.push({ key, weight: w ?? 0 });
    rowOf.push(row);
  }
  return { criteria, rowOf, values, issues };
}

/** `criteria.2.weight` of what was sent is `criteria.<row>.weight` of the form. */
export function rubricFieldToInput(field: string, rowOf: readonly number[]): string {
  const m = /^criteria\.(\d+)\.(key|weight)$/.exec(field);
  if (!m) return field;
  const row = rowOf[Number(m[1])];
  return row === undefined ? 'criteria' : `criteria.${row}.${m[2]}`;
}

// ---- assignment --------------------------------------------------------------------------------------

/** The checkbox of an application or expert in the assignment form (and the id of its input). */
export const applicationInput = (id: string) => `application.${id}`;
export const expertInput = (id: string) => `expert.${id}`;

/** `expertIds.1` is the second expert sent; `applicationIds.0` the first application. */
export function assignFieldToInput(field: string, sent: { applicationIds: readonly string[]; expertIds: readonly string[] }): string {
  const m = /^(applicationIds|expertIds)\.(\d+)$/.exec(field);
  if (!m) return field;
  const id = (m[1] === 'applicationIds' ? sent.applicationIds : sent.expertIds)[Number(m[2])];
  if (!id) return m[1]!;
  return m[1] === 'applicationIds' ? applicationInput(id) : expertInput(id);
}

/** The draw's inputs as the API takes them (the count checked by the API: 1–20). */
export function drawFromForm(get: Get): { expertise: string[]; count: number | null; values: Record<string, string> } {
  const expertise = get('draw.expertise').trim();
  const count = get('draw.count').trim();
  return { expertise: splitExpertise(expertise), count: wholeOrNull(count), values: { 'draw.expertise': expertise, 'draw.count': count } };
}

// ---- expert profile ------------------------------------------------------------------------------------

export function profileFromForm(get: Get): { input: { organizationId: string | null; affiliation: string | null; expertise: string[] }; values: Record<string, string> } {
  const organizationId = get('organizationId').trim();
  const affiliation = get('affiliation').trim();
  const expertise = get('expertise').trim();
  return {
    input: { organizationId: organizationId || null, affiliation: affiliation || null, expertise: splitExpertise(expertise) },
    values: { organizationId, affiliation, expertise },
  };
}

/**
 * The application form (揭榜, product.md step 5) as plain data: what the inputs of each step hold
 * (strings, as typed; amounts in yuan), how a step's inputs become the API's patch, and what still
 * blocks submission. Pure and shared: the server actions read posted steps with it, the browser
 * checks the same values live with the domain's own rules (applicationDraftIssues), so both sides
 * name the same fields the same way.
 */
import {
  APPLICATION_LIMITS,
  applicationDraftIssues,
  fenToYuanText,
  isCalendarDate,
  parseYuanToFen,
  type ApplicationContext,
  type ApplicationDraft,
} from '@challenge/domain';
import type { ApplicationContent, ApplicationPatch } from '$lib/apply';

export const STEPS = ['proposal', 'team', 'plan', 'prior', 'review'] as const;
export type StepName = (typeof STEPS)[number];
/** Steps are numbered 1 … 5, as the URL (`?step=2`) and the step indicator show them. */
export type StepNumber = 1 | 2 | 3 | 4 | 5;
export const LAST_STEP: StepNumber = 5;

export const parseStep = (v: string | null | undefined): StepNumber => {
  const n = Number.parseInt(v ?? '', 10);
  return n >= 1 && n <= LAST_STEP ? (n as StepNumber) : 1;
};

export interface MemberValues {
  name: string;
  role: string;
  lead: boolean;
}

export interface MilestoneValues {
  title: string;
  deliverables: string;
  /** YYYY-MM-DD as a date input gives it. */
  dueDate: string;
  /** Yuan, as typed. */
  amount: string;
}

/** Everything the form's inputs hold, over all steps. */
export interface ApplicationValues {
  /** One approach per indicator of the challenge, by position. */
  responses: string[];
  team: MemberValues[];
  /** Partner organisation ids, one per line (or separated by spaces or commas). */
  partners: string;
  requested: string;
  milestones: MilestoneValues[];
  priorResults: string;
}

/** One thing wrong with a field, named like the form's inputs (`team.1.role`, `requested`, `milestones.0.amount`). */
export interface FormFieldIssue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
  /** The API's localised message (server refusals), used when we have no words of our own. */
  message?: string;
}

export const emptyMember = (): MemberValues => ({ name: '', role: '', lead: false });
export const emptyMilestone = (): MilestoneValues => ({ title: '', deliverables: '', dueDate: '', amount: '' });

const orEmpty = (s: string | null | undefined): string => s ?? '';

/** What the saved draft puts in the inputs: one empty row in an empty list, so there is somewhere to type. */
export function valuesFromContent(content: ApplicationContent | null, indicatorCount: number): ApplicationValues {
  const c = content;
  const team = (c?.team ?? []).map((m) => ({ name: orEmpty(m.name), role: orEmpty(m.role), lead: m.lead }));
  const milestones = (c?.milestones ?? []).map((m) => ({
    title: orEmpty(m.title),
    deliverables: orEmpty(m.deliverables),
    dueDate: orEmpty(m.dueDate),
    amount: m.amountFen === null ? '' : fenToYuanText(m.amountFen),
  }));
  return {
    responses: Array.from({ length: indicatorCount }, (_, i) => orEmpty(c?.responses[String(i)])),
    team: team.length > 0 ? team : [{ ...emptyMember(), lead: true }],
    partners: (c?.partnerOrganizationIds ?? []).join('\n'),
    requested: c?.requestedFen === null || c?.requestedFen === undefined ? '' : fenToYuanText(c.requestedFen),
    milestones: milestones.length > 0 ? milestones : [emptyMilestone()],
    priorResults: orEmpty(c?.priorResults),
  };
}

/** The number of indicators: the challenge's, or (when its details are not visible) as many as were answered. */
export function indicatorCountOf(indicators: readonly unknown[] | null, content: ApplicationContent | null): number {
  if (indicators) return indicators.length;
  const keys = Object.keys(content?.responses ?? {}).map(Number).filter(Number.isInteger);
  return keys.length > 0 ? Math.max(...keys) + 1 : 0;
}

// ---- reading a posted step ---------------------------------------------------------------------------

const str = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
};

/** Row indices present in the posted names (`prefix.N.key`, or `prefix.N` with `whole`), in order. */
function rowIndices(data: FormData, prefix: string, whole = false): number[] {
  const found = new Set<number>();
  const re = new RegExp(`^${prefix}\\.(\\d{1,3})${whole ? '$' : '\\.'}`);
  for (const key of data.keys()) {
    const m = re.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** The inputs one step posts; the other steps' fields are absent. */
export type StepValues = Partial<ApplicationValues>;

/** The posted inputs of `step` (each step's form holds only its own inputs). */
export function stepValuesFromFormData(data: FormData, step: StepNumber): StepValues {
  switch (step) {
    case 1: {
      const posted = rowIndices(data, 'responses', true);
      const count = posted.length > 0 ? posted[posted.length - 1]! + 1 : 0;
      return { responses: Array.from({ length: count }, (_, i) => str(data, `responses.${i}`)) };
    }
    case 2: {
      const lead = str(data, 'teamLead');
      const team = rowIndices(data, 'team').map((i) => ({ name: str(data, `team.${i}.name`), role: str(data, `team.${i}.role`), lead: lead === String(i) }));
      return { team, partners: str(data, 'partners') };
    }
    case 3:
      return {
        requested: str(data, 'requested'),
        milestones: rowIndices(data, 'milestones').map((i) => ({
          title: str(data, `milestones.${i}.title`),
          deliverables: str(data, `milestones.${i}.deliverables`),
          dueDate: str(data, `milestones.${i}.dueDate`).trim(),
          amount: str(data, `milestones.${i}.amount`),
        })),
      };
    case 4:
      return { priorResults: str(data, 'priorResults') };
    default:
      return {};
  }
}

export const emptyValues = (): ApplicationValues => ({ responses: [], team: [], partners: '', requested: '', milestones: [], priorResults: '' });

/** `base` (the saved draft's values) with one step's inputs as posted. */
export const withStep = (base: ApplicationValues, posted: StepValues): ApplicationValues => cloneValues({ ...base, ...posted });

/** A deep copy (plain data in, plain data out: safe to hand a reactive proxy). */
export const cloneValues = (v: ApplicationValues): ApplicationValues => ({
  responses: [...v.responses],
  team: v.team.map((m) => ({ ...m })),
  partners: v.partners,
  requested: v.requested,
  milestones: v.milestones.map((m) => ({ ...m })),
  priorResults: v.priorResults,
});

// ---- row buttons -------------------------------------------------------------------------------------

export type RowOp = { kind: 'addMember' } | { kind: 'removeMember'; index: number } | { kind: 'addMilestone' } | { kind: 'removeMilestone'; index: number };

/** A row button's value (`addMember`, `removeMilestone:2`), as posted without JavaScript. */
export function parseRowOp(value: string | null): RowOp | null {
  const m = /^(addMember|addMilestone|removeMember|removeMilestone)(?::(\d{1,3}))?$/.exec(value ?? '');
  if (!m) return null;
  if (m[1] === 'addMember' || m[1] === 'addMilestone') return { kind: m[1] };
  if (m[2] === undefined) return null;
  return { kind: m[1] as 'removeMember' | 'removeMilestone', index: Number(m[2]) };
}

export const rowOpValue = (op: RowOp): string => ('index' in op ? `${op.kind}:${op.index}` : op.kind);

/** The lists after one row button; adding stops at the limit. */
export function applyRowOp(values: ApplicationValues, op: RowOp): ApplicationValues {
  const v = cloneValues(values);
  switch (op.kind) {
    case 'addMember':
      if (v.team.length < APPLICATION_LIMITS.teamMembers) v.team.push({ ...emptyMember(), lead: v.team.length === 0 });
      break;
    case 'removeMember':
      v.team.splice(op.index, 1);
      break;
    case 'addMilestone':
      if (v.milestones.length < APPLICATION_LIMITS.milestones) v.milestones.push(emptyMilestone());
      break;
    case 'removeMilestone':
      v.milestones.splice(op.index, 1);
      break;
  }
  return v;
}

// ---- to the API --------------------------------------------------------------------------------------

const blank = (s: string) => s.trim() === '';
const textOrNull = (s: string): string | null => (blank(s) ? null : s);
const lineOrNull = (s: string): string | null => (blank(s) ? null : s.trim());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isBlankMember = (m: MemberValues) => blank(m.name) && blank(m.role);
const isBlankMilestone = (m: MilestoneValues) => blank(m.title) && blank(m.deliverables) && blank(m.dueDate) && blank(m.amount);

/** Rows with anything in them (an untouched empty row is not a member or a milestone), and where each came from. */
function keptRows<T>(rows: readonly T[], isBlank: (row: T) => boolean): { rows: T[]; from: number[] } {
  const from: number[] = [];
  rows.forEach((row, i) => {
    if (!isBlank(row)) from.push(i);
  });
  return { rows: from.map((i) => rows[i]!), from };
}

export const parsePartners = (text: string): string[] => text.split(/[\s,，;；]+/).filter((s) => s !== '');

/** An amount in yuan as fen: null when empty, undefined when it is not an amount. */
function fenOf(text: string): number | null | undefined {
  if (blank(text)) return null;
  return parseYuanToFen(text) ?? undefined;
}

/**
 * What the inputs hold that cannot be sent at all (an amount that is not one, a date that is not
 * one, a partner id that is not an id): the step is not saved until they are corrected.
 */
export function inputIssues(values: ApplicationValues, step: StepNumber | 'all'): FormFieldIssue[] {
  const issues: FormFieldIssue[] = [];
  if (step === 2 || step === 'all') {
    const bad = parsePartners(values.partners).find((id) => !UUID.test(id));
    if (bad !== undefined) issues.push({ field: 'partners', code: 'invalid_partner_id', params: { value: bad } });
  }
  if (step === 3 || step === 'all') {
    if (fenOf(values.requested) === undefined) issues.push({ field: 'requested', code: 'invalid_yuan' });
    values.milestones.forEach((m, i) => {
      if (!blank(m.dueDate) && !isCalendarDate(m.dueDate.trim())) issues.push({ field: `milestones.${i}.dueDate`, code: 'invalid_date' });
      if (fenOf(m.amount) === undefined) issues.push({ field: `milestones.${i}.amount`, code: 'invalid_yuan' });
    });
  }
  return issues;
}

function teamOf(values: ApplicationValues) {
  const kept = keptRows(values.team, isBlankMember);
  return { team: kept.rows.map((m) => ({ name: lineOrNull(m.name), role: lineOrNull(m.role), lead: m.lead })), from: kept.from };
}

function milestonesOf(values: ApplicationValues) {
  const kept = keptRows(values.milestones, isBlankMilestone);
  const milestones = kept.rows.map((m) => ({
    title: lineOrNull(m.title),
    deliverables: textOrNull(m.deliverables),
    dueDate: blank(m.dueDate) ? null : m.dueDate.trim(),
    amountFen: fenOf(m.amount) ?? null,
  }));
  return { milestones, from: kept.from };
}

const responsesOf = (values: ApplicationValues): Record<string, string | null> =>
  Object.fromEntries(values.responses.map((r, i) => [String(i), textOrNull(r)]));

/** The patch that saves `step` (its fields only), or the input issues that keep it from being saved. */
export function toPatch(values: ApplicationValues, step: StepNumber): { patch: ApplicationPatch; issues: FormFieldIssue[] } {
  const issues = inputIssues(values, step);
  if (issues.length > 0) return { patch: {}, issues };
  switch (step) {
    case 1:
      return { patch: { responses: responsesOf(values) }, issues };
    case 2:
      return { patch: { team: teamOf(values).team, partnerOrganizationIds: parsePartners(values.partners) }, issues };
    case 3:
      return { patch: { requestedFen: fenOf(values.requested) ?? null, milestones: milestonesOf(values).milestones }, issues };
    case 4:
      return { patch: { priorResults: textOrNull(values.priorResults) }, issues };
    default:
      return { patch: {}, issues };
  }
}

// ---- what blocks submission --------------------------------------------------------------------------

/** The API's (and the domain's) field name as the form's input name. */
export function formField(apiField: string): string {
  if (apiField === 'requestedFen') return 'requested';
  if (apiField.startsWith('partnerOrganizationIds')) return 'partners';
  const m = /^milestones\.(\d+)\.amountFen$/.exec(apiField);
  if (m) return `milestones.${m[1]}.amount`;
  return apiField;
}

/** A domain issue's field on the inputs: rows renumbered back to where they are in the form. */
function onInputs(field: string, teamFrom: number[], milestonesFrom: number[]): string {
  const f = formField(field);
  const m = /^(team|milestones)\.(\d+)(\..+)?$/.exec(f);
  if (!m) return f;
  const from = m[1] === 'team' ? teamFrom : milestonesFrom;
  return `${m[1]}.${from[Number(m[2])] ?? m[2]}${m[3] ?? ''}`;
}

/**
 * Everything that still blocks submission, by the domain's own rules, named like the inputs: the
 * input issues first; a field whose text is not readable is not also reported as missing.
 */
export function submissionIssues(values: ApplicationValues, leadOrganizationId: string | null, context: ApplicationContext): FormFieldIssue[] {
  const input = inputIssues(values, 'all');
  const { team, from: teamFrom } = teamOf(values);
  const { milestones, from: milestonesFrom } = milestonesOf(values);
  const draft: ApplicationDraft = {
    responses: responsesOf(values) as ApplicationDraft['responses'],
    team,
    leadOrganizationId,
    partnerOrganizationIds: input.some((i) => i.field === 'partners') ? [] : parsePartners(values.partners),
    priorResults: textOrNull(values.priorResults),
    requestedFen: fenOf(values.requested) ?? null,
    milestones,
  };
  const unreadable = new Set(input.map((i) => i.field));
  const rules = applicationDraftIssues(draft, context)
    .map((i) => ({ field: onInputs(i.field, teamFrom, milestonesFrom), code: i.code, ...(i.params ? { params: i.params } : {}) }))
    .filter((i) => !unreadable.has(i.field));
  return [...input, ...rules];
}

/** The step a field is on. */
export function stepOfField(field: string): StepNumber {
  if (field.startsWith('responses')) return 1;
  if (field.startsWith('team') || field === 'partners' || field === 'leadOrganizationId') return 2;
  if (field === 'requested' || field.startsWith('milestones')) return 3;
  if (field === 'priorResults' || field === 'attachment') return 4;
  return LAST_STEP;
}

/** One step's part of the values (what a refused post of that step gives back to its inputs). */
export function stepPart(values: ApplicationValues, step: StepNumber): StepValues {
  switch (step) {
    case 1:
      return { responses: [...values.responses] };
    case 2:
      return { team: values.team.map((m) => ({ ...m })), partners: values.partners };
    case 3:
      return { requested: values.requested, milestones: values.milestones.map((m) => ({ ...m })) };
    case 4:
      return { priorResults: values.priorResults };
    default:
      return {};
  }
}

// ---- what the page's actions answer ------------------------------------------------------------------

export interface ApplicationProblem {
  title: string;
  detail: string;
  code?: string;
  fields: FormFieldIssue[];
}

/** A refused post (or a row button without JavaScript): which step, what was posted, what is wrong. */
export type ApplicationFormResult = {
  action: 'save' | 'rows' | 'autosave' | 'submit' | 'withdraw' | 'upload';
  step?: StepNumber;
  values?: StepValues;
  problem?: ApplicationProblem;
  /** Autosave: when the API stored it, and whether the draft now differs from the last submitted version. */
  savedAt?: string | null;
  unsubmittedChanges?: boolean | null;
};

import { AppError, type FieldIssue } from '../errors';
import { addMonths, beijingDate, isCalendarDate, type CalendarDate } from '../calendar/beijing-date';
import { isAmountFen, MAX_AMOUNT_FEN } from '../challenge/money';
import { isBlank, textIssue } from '../text';

/*
 * An application (揭榜, product.md step 5) as the solver edits it: a draft may be incomplete and is
 * saved as it is; submission freezes a version, and only a version that meets every rule below may
 * be frozen. The rules take the challenge's facts and `now` as a context, so they stay pure.
 */

/** Maximum lengths (characters) and counts; the API's schemas use the same numbers. */
export const APPLICATION_LIMITS = {
  indicatorResponse: 10_000,
  priorResults: 10_000,
  teamMembers: 50,
  memberName: 100,
  memberRole: 200,
  partners: 10,
  milestones: 12,
  milestoneTitle: 200,
  milestoneDeliverables: 2000,
} as const;

export interface TeamMember {
  readonly name: string | null;
  /** What the person does in the project (e.g. 项目负责人, metallurgist). */
  readonly role: string | null;
  /** The project leader (项目负责人); exactly one member is. */
  readonly lead: boolean;
}

export interface MilestonePlanItem {
  readonly title: string | null;
  readonly deliverables: string | null;
  /** A Beijing calendar date: a milestone is due by the end of a day, not at an instant. */
  readonly dueDate: CalendarDate | null;
  readonly amountFen: number | null;
}

export interface ApplicationDraft {
  /** The technical approach to each of the challenge's indicators, keyed by the indicator's index (0-based). */
  readonly responses: Readonly<Record<number, string | null>>;
  readonly team: readonly TeamMember[];
  /** The applying organisation, which signs and is paid; the service sets it from the solver's organisation. */
  readonly leadOrganizationId: string | null;
  /** Consortium partners (联合体成员), by organisation id. */
  readonly partnerOrganizationIds: readonly string[];
  /** Optional: a young team may have none; limited in length only. */
  readonly priorResults: string | null;
  readonly requestedFen: number | null;
  readonly milestones: readonly MilestonePlanItem[];
}

/** The facts of the challenge the draft is checked against, and the transaction's clock. */
export interface ApplicationContext {
  readonly indicatorCount: number;
  readonly bountyFen: number;
  readonly deadline: Date;
  readonly durationMonths: number;
  readonly ownerOrganizationId: string;
  readonly now: Date;
}

/** Every field code these rules produce, for the API's message table. */
export const APPLICATION_ISSUE_CODES = [
  'required', 'maxLength', 'maxItems', 'unknown_indicator', 'team_member_required', 'team_lead_required', 'team_lead_multiple',
  'duplicate', 'partner_is_lead', 'own_challenge', 'invalid_amount', 'not_positive', 'exceeds_bounty', 'milestone_required',
  'invalid_date', 'not_future', 'before_deadline', 'after_project_end', 'not_increasing', 'milestones_sum_mismatch',
] as const;
export type ApplicationIssueCode = (typeof APPLICATION_ISSUE_CODES)[number];

export type OwnerConflict = 'applicant_is_owner' | 'partner_is_owner';

/**
 * product.md "Money by funding source": an organisation, or any partner in its consortium, may not
 * apply to its own challenge — it would be paying (and judging) itself.
 */
export function ownerConflict(ownerOrgId: string, leadOrgId: string | null, partnerOrgIds: readonly string[]): OwnerConflict | null {
  if (leadOrgId === ownerOrgId) return 'applicant_is_owner';
  if (partnerOrgIds.includes(ownerOrgId)) return 'partner_is_owner';
  return null;
}

const L = APPLICATION_LIMITS;
const tooMany = (field: string, items: readonly unknown[], limit: number): FieldIssue | null =>
  items.length > limit ? { field, code: 'maxItems', params: { limit } } : null;
const INDEX = /^(0|[1-9]\d*)$/;

/**
 * The limits a saved draft must keep (lengths and counts) — nothing about completeness, so a draft
 * can be saved half-written but never grow beyond what submission accepts.
 */
export function applicationLimitIssues(draft: ApplicationDraft): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  for (const [key, text] of Object.entries(draft.responses)) issues.push(textIssue(`responses.${key}`, text, L.indicatorResponse, false));
  issues.push(tooMany('team', draft.team, L.teamMembers));
  draft.team.forEach((m, i) => {
    issues.push(textIssue(`team.${i}.name`, m.name, L.memberName, false), textIssue(`team.${i}.role`, m.role, L.memberRole, false));
  });
  issues.push(tooMany('partnerOrganizationIds', draft.partnerOrganizationIds, L.partners));
  issues.push(textIssue('priorResults', draft.priorResults, L.priorResults, false));
  issues.push(tooMany('milestones', draft.milestones, L.milestones));
  draft.milestones.forEach((m, i) => {
    issues.push(textIssue(`milestones.${i}.title`, m.title, L.milestoneTitle, false));
    issues.push(textIssue(`milestones.${i}.deliverables`, m.deliverables, L.milestoneDeliverables, false));
  });
  return issues.filter((i): i is FieldIssue => i !== null);
}

/** A positive whole amount of fen, or the issue: `required`, `invalid_amount` (not whole fen ≥ 0), `not_positive`. */
function positiveFenIssue(field: string, value: number | null): FieldIssue | null {
  if (value === null || value === undefined) return { field, code: 'required' };
  if (!isAmountFen(value)) return { field, code: 'invalid_amount', params: { max: MAX_AMOUNT_FEN } };
  return value === 0 ? { field, code: 'not_positive' } : null;
}

function proposalIssues(draft: ApplicationDraft, indicatorCount: number): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  for (let i = 0; i < indicatorCount; i++) {
    issues.push(textIssue(`responses.${i}`, draft.responses[i], L.indicatorResponse, true));
  }
  for (const key of Object.keys(draft.responses)) {
    if (!INDEX.test(key) || Number(key) >= indicatorCount) issues.push({ field: `responses.${key}`, code: 'unknown_indicator' });
  }
  return issues.filter((i): i is FieldIssue => i !== null);
}

function teamIssues(draft: ApplicationDraft, ownerOrganizationId: string): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  if (draft.team.length === 0) issues.push({ field: 'team', code: 'team_member_required' });
  issues.push(tooMany('team', draft.team, L.teamMembers));
  draft.team.forEach((m, i) => {
    issues.push(textIssue(`team.${i}.name`, m.name, L.memberName, true), textIssue(`team.${i}.role`, m.role, L.memberRole, true));
  });
  const leads = draft.team.filter((m) => m.lead).length;
  if (draft.team.length > 0 && leads === 0) issues.push({ field: 'team', code: 'team_lead_required' });
  if (leads > 1) issues.push({ field: 'team', code: 'team_lead_multiple' });

  const lead = isBlank(draft.leadOrganizationId) ? null : draft.leadOrganizationId;
  if (lead === null) issues.push({ field: 'leadOrganizationId', code: 'required' });
  else if (lead === ownerOrganizationId) issues.push({ field: 'leadOrganizationId', code: 'own_challenge' });

  issues.push(tooMany('partnerOrganizationIds', draft.partnerOrganizationIds, L.partners));
  const seen = new Set<string>();
  draft.partnerOrganizationIds.forEach((id, i) => {
    const field = `partnerOrganizationIds.${i}`;
    if (isBlank(id)) issues.push({ field, code: 'required' });
    else if (seen.has(id)) issues.push({ field, code: 'duplicate' });
    else if (id === lead) issues.push({ field, code: 'partner_is_lead' });
    else if (id === ownerOrganizationId) issues.push({ field, code: 'own_challenge' });
    seen.add(id);
  });
  return issues.filter((i): i is FieldIssue => i !== null);
}

/**
 * The milestone plan: due dates strictly increasing (a plan is a sequence), after today and after
 * the application deadline's date (no work starts before the award, which follows the deadline),
 * and no later than the deadline's date plus the challenge's duration — the latest the challenge
 * allows; amounts positive whole fen adding up exactly to the requested amount, because finalize
 * turns them into the project's milestones, whose amounts must add up to the award to the fen.
 */
function milestoneIssues(draft: ApplicationDraft, context: ApplicationContext, requestedOk: boolean): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  if (draft.milestones.length === 0) issues.push({ field: 'milestones', code: 'milestone_required' });
  issues.push(tooMany('milestones', draft.milestones, L.milestones));
  const today = beijingDate(context.now);
  const deadlineDay = beijingDate(context.deadline);
  const latest = addMonths(deadlineDay, context.durationMonths);
  let previous: CalendarDate | null = null;
  let amountsOk = true;
  let sum = 0;
  draft.milestones.forEach((m, i) => {
    const at = (key: string) => `milestones.${i}.${key}`;
    issues.push(textIssue(at('title'), m.title, L.milestoneTitle, true));
    issues.push(textIssue(at('deliverables'), m.deliverables, L.milestoneDeliverables, true));
    const due = m.dueDate;
    if (due === null || due === undefined || due === '') issues.push({ field: at('dueDate'), code: 'required' });
    else if (!isCalendarDate(due)) issues.push({ field: at('dueDate'), code: 'invalid_date' });
    else {
      if (due <= today) issues.push({ field: at('dueDate'), code: 'not_future' });
      else if (due <= deadlineDay) issues.push({ field: at('dueDate'), code: 'before_deadline', params: { deadline: deadlineDay } });
      else if (due > latest) issues.push({ field: at('dueDate'), code: 'after_project_end', params: { latest } });
      // Compared with the last valid date before it, so one bad date is reported once, not twice.
      if (previous !== null && due <= previous) issues.push({ field: at('dueDate'), code: 'not_increasing', params: { previous } });
      previous = due;
    }
    const amountIssue = positiveFenIssue(at('amountFen'), m.amountFen);
    issues.push(amountIssue);
    if (amountIssue) amountsOk = false;
    else sum += m.amountFen!;
  });
  // Only a sum of valid amounts against a valid request means anything; the other issues say what to
  // fix first. Within the milestone limit the sum stays a safe integer (12 × MAX_AMOUNT_FEN < 2^53).
  const countOk = draft.milestones.length > 0 && draft.milestones.length <= L.milestones;
  if (requestedOk && amountsOk && countOk && sum !== draft.requestedFen) {
    issues.push({ field: 'milestones', code: 'milestones_sum_mismatch', params: { expected: draft.requestedFen!, actual: sum } });
  }
  return issues.filter((i): i is FieldIssue => i !== null);
}

/**
 * Every rule an application must meet to be submitted, all problems at once (so the form can mark
 * every field): an approach for each indicator of the challenge and none for indicators it does not
 * have; a team with at least one member, each named with a role, exactly one of them the lead; a
 * lead organisation and distinct partners, none of them the lead or the challenge's owner; a
 * requested amount in positive whole fen not above the bounty; and a milestone plan (see
 * milestoneIssues). Also every limit of applicationLimitIssues.
 */
export function applicationDraftIssues(draft: ApplicationDraft, context: ApplicationContext): FieldIssue[] {
  const requestedIssue = positiveFenIssue('requestedFen', draft.requestedFen);
  const exceeds: FieldIssue | null =
    !requestedIssue && draft.requestedFen! > context.bountyFen ? { field: 'requestedFen', code: 'exceeds_bounty', params: { bounty: context.bountyFen } } : null;
  const all = [
    ...proposalIssues(draft, context.indicatorCount),
    ...teamIssues(draft, context.ownerOrganizationId),
    textIssue('priorResults', draft.priorResults, L.priorResults, false),
    requestedIssue,
    exceeds,
    ...milestoneIssues(draft, context, !requestedIssue),
  ];
  return all.filter((i): i is FieldIssue => i !== null);
}

/** Throws `validation_failed` with every issue, or returns when the application may be submitted. */
export function assertApplicationSubmittable(draft: ApplicationDraft, context: ApplicationContext): void {
  const issues = applicationDraftIssues(draft, context);
  if (issues.length > 0) throw AppError.invalid(issues);
}

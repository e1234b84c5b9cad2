/**
 * The bureau's decision form as posted (names of inputs) and as the API takes it, both ways: the
 * decision to send, every problem found before sending (by the domain's own rule, so the form names
 * them all at once, next to their inputs), and the API's field names mapped back onto the inputs.
 * Pure functions, shared by the form actions, the page and their tests.
 */
import { decisionIssues, parseYuanToFen } from '@challenge/domain';
import type { FormIssue } from '$lib/forms';
import type { Locale, Translate } from '$lib/i18n';
import type { RankingItem } from '$lib/review';
// Relative, not `$lib/…`: the unit tests run outside SvelteKit, where the alias is unknown.
import { DECISION_LIMITS, type DecisionInput } from '../../../../../../lib/decision';
import { formatMoney } from '../../../../../../lib/format';

type Get = (name: string) => string;

/** Checkboxes share the name `selected` (value: the application id); issues about a choice name `select.<id>`. */
export const SELECTED = 'selected';
export const selectName = (id: string) => `select.${id}`;
export const awardName = (id: string) => `award.${id}`;
export const feedbackName = (id: string) => `feedback.${id}`;

/** The decision settles every eligible application: those under review may win, the others get feedback. */
export const candidatesOf = (ranking: readonly RankingItem[]): RankingItem[] => ranking.filter((i) => i.state === 'under_review' || i.state === 'eligible');

/** A winner needs at least one finished expert review (the domain's `not_reviewed`). */
export const isSelectable = (c: Pick<RankingItem, 'state' | 'reviewCount'>): boolean => c.state === 'under_review' && c.reviewCount > 0;

export interface DecisionContext {
  bountyFen: number;
  maxWinners: number;
  candidates: readonly RankingItem[];
}

/**
 * The decision as posted. `noWinner` (the no-winner button) sends no selection whatever is ticked.
 * An award that is not an amount in yuan is reported here and sent to the rule as missing.
 */
export function decisionFromForm(get: Get, chosen: readonly string[], ctx: DecisionContext, noWinner: boolean) {
  const values: Record<string, string> = { [SELECTED]: chosen.join(','), reasons: get('reasons').trim() };
  const issues: FormIssue[] = [];
  const ids = new Set(ctx.candidates.map((c) => c.applicationId));
  const picked = noWinner ? [] : [...new Set(chosen)];
  const selections: { applicationId: string; awardFen: number | null }[] = [];
  for (const id of picked) {
    const text = get(awardName(id)).trim();
    const fen = parseYuanToFen(text);
    if (fen === null) issues.push({ field: awardName(id), code: text === '' ? 'required' : 'invalid_yuan', message: '' });
    selections.push({ applicationId: id, awardFen: fen });
  }
  const feedback: Record<string, string> = {};
  for (const c of ctx.candidates) {
    values[awardName(c.applicationId)] = get(awardName(c.applicationId)).trim();
    const text = get(feedbackName(c.applicationId)).trim();
    values[feedbackName(c.applicationId)] = text;
    if (text !== '') feedback[c.applicationId] = text;
  }
  if (!noWinner && picked.length === 0) issues.push({ field: 'selections', code: 'none_selected', message: '' });

  // The domain's rule over the whole decision; an award already reported above is not reported twice.
  const ruled = decisionIssues({
    bountyFen: ctx.bountyFen,
    maxWinners: ctx.maxWinners,
    applications: ctx.candidates.map((c) => ({ id: c.applicationId, state: c.state, requestedFen: c.requestedFen ?? 0, reviewCount: c.reviewCount })),
    selections,
    feedback,
    reasons: values.reasons || null,
  });
  const reported = new Set(issues.map((i) => i.field));
  for (const issue of ruled) {
    // Nothing ticked under "publish": that, not the reasons a no-winner decision needs, is the problem.
    if (!noWinner && picked.length === 0 && issue.field === 'reasons' && issue.code === 'required') continue;
    const field = decisionFieldToInput(issue.field, selections);
    if (reported.has(field)) continue;
    // The picked id is not among the candidates: named at the list, not at a checkbox that is not there.
    const onList = field.startsWith('select.') && !ids.has(field.slice('select.'.length)) ? 'selections' : field;
    issues.push({ field: onList, code: issue.code, message: '' });
  }
  const input: DecisionInput = {
    selections: selections.map((s) => ({ applicationId: s.applicationId, awardFen: s.awardFen ?? 0 })),
    feedback,
    ...(values.reasons ? { reasons: values.reasons } : {}),
  };
  return { input, values, issues };
}

/** An API (or rule) field as the input it belongs to: `selections.1.awardFen` → `award.<id of the second selection>`. */
export function decisionFieldToInput(field: string, selections: readonly { applicationId: string }[]): string {
  const m = /^selections\.(\d+)\.(applicationId|awardFen)$/.exec(field);
  if (m) {
    const s = selections[Number(m[1])];
    if (!s) return 'selections';
    return m[2] === 'awardFen' ? awardName(s.applicationId) : selectName(s.applicationId);
  }
  // Applications still awaiting their eligibility check are a problem of the whole list.
  if (field === 'selections' || field.startsWith('selections.') || field === 'applications') return 'selections';
  return field;
}

/** The posted ticks, as the form shows them again after a refusal. */
export const chosenFromValues = (values: Record<string, string> | undefined): string[] => (values?.[SELECTED] ? values[SELECTED].split(',').filter(Boolean) : []);

/** Where the decision stands as it is being filled in: how many winners, their awards together, against the bounty. */
export function tally(chosen: readonly string[], awardText: (id: string) => string, ctx: Pick<DecisionContext, 'bountyFen' | 'maxWinners'>) {
  let totalFen = 0;
  let invalid = 0;
  for (const id of chosen) {
    const fen = parseYuanToFen(awardText(id));
    if (fen === null) invalid++;
    else totalFen += fen;
  }
  return { count: chosen.length, totalFen, invalid, tooMany: chosen.length > ctx.maxWinners, overFen: Math.max(0, totalFen - ctx.bountyFen), leftFen: Math.max(0, ctx.bountyFen - totalFen) };
}

/** What the page needs to put a problem of the decision into words. */
export interface IssueContext {
  locale: Locale;
  bountyFen: number;
  maxWinners: number;
  /** Applicant names and requested amounts by application id. */
  names: Record<string, string>;
  requested: Record<string, number | null>;
}

/**
 * One problem of the decision form in a sentence: the API's own messages for these rules are
 * generic, and its parameters (the bounty, the requested amount) do not reach the web app.
 */
export function decisionIssueText(t: Translate, issue: Pick<FormIssue, 'field' | 'code' | 'message'>, ctx: IssueContext): string {
  const money = (fen: number) => formatMoney(fen, ctx.locale);
  const [kind, id = ''] = splitField(issue.field);
  const org = ctx.names[id] ?? t('decision.issues.anApplication');
  switch (`${kind}:${issue.code}`) {
    case 'selections:none_selected':
      return t('decision.issues.noneSelected');
    case 'selections:too_many_winners':
    case 'selections:maxItems':
      return t('decision.issues.tooManyWinners', { max: ctx.maxWinners });
    case 'selections:awards_exceed_bounty':
      return t('decision.issues.awardsExceedBounty', { bounty: money(ctx.bountyFen) });
    case 'selections:unknown_application':
    case 'select:unknown_application':
      return t('decision.issues.unknownApplication');
    case 'select:duplicate':
    case 'selections:duplicate':
      return t('decision.issues.duplicate', { org });
    case 'select:not_under_review':
      return t('decision.issues.notUnderReview', { org });
    case 'select:not_reviewed':
      return t('decision.issues.notReviewed', { org });
    case 'award:required':
      return t('decision.issues.awardRequired', { org });
    case 'award:invalid_yuan':
    case 'award:invalid_amount':
    case 'award:type':
    case 'award:maximum':
    case 'award:minimum':
      return t('decision.issues.awardInvalid', { org });
    case 'award:not_positive':
      return t('decision.issues.awardNotPositive', { org });
    case 'award:award_exceeds_request': {
      const requested = ctx.requested[id];
      return requested === null || requested === undefined
        ? t('decision.issues.awardExceedsRequestPlain', { org })
        : t('decision.issues.awardExceedsRequest', { org, requested: money(requested) });
    }
    case 'feedback:required':
      return t('decision.issues.feedbackRequired', { org });
    case 'feedback:maxLength':
      return t('decision.issues.feedbackTooLong', { org, limit: DECISION_LIMITS.feedback });
    case 'feedback:unknown_application':
      return t('decision.issues.unknownApplication');
    case 'reasons:required':
      return t('decision.issues.reasonsRequired');
    case 'selections:eligibility_pending':
      return t('decision.issues.eligibilityPending');
    case 'reasons:maxLength':
      return t('decision.issues.reasonsTooLong', { limit: DECISION_LIMITS.reasons });
    default:
      return issue.message || t('decision.issues.other');
  }
}

function splitField(field: string): [string, string?] {
  const dot = field.indexOf('.');
  return dot < 0 ? [field] : [field.slice(0, dot), field.slice(dot + 1)];
}

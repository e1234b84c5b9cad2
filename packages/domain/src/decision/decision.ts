import { AppError, type FieldIssue } from '../errors';
import { isAmountFen, MAX_AMOUNT_FEN } from '../challenge/money';
import type { ApplicationState } from '../states/application';
import { textIssue } from '../text';

/*
 * The bureau's decision (product.md step 7): up to `maxWinners` applications, each with an award,
 * or no winner at all (流标, the challenge fails). Every applicant who was reviewed and not chosen gets
 * written feedback: they put work into a proposal, and the notice period is theirs to object in, which
 * they can only do knowing why. The awards are money promised from the bounty, so the rules of
 * "Money by funding source" apply: awards never exceed the bounty.
 */

export const DECISION_LIMITS = { feedback: 5000, reasons: 5000 } as const;

export interface DecisionApplication {
  readonly id: string;
  readonly state: ApplicationState;
  readonly requestedFen: number;
  /** Completed expert reviews of the application. */
  readonly reviewCount: number;
}

export interface DecisionSelection {
  readonly applicationId: string;
  readonly awardFen: number | null;
}

export interface DecisionInput {
  readonly bountyFen: number;
  readonly maxWinners: number;
  /** The challenge's applications, in any state. */
  readonly applications: readonly DecisionApplication[];
  /** Empty: a no-winner decision. */
  readonly selections: readonly DecisionSelection[];
  /** Written feedback by application id; required for each reviewed application not selected. */
  readonly feedback: Readonly<Record<string, string | null | undefined>>;
  /** Why no application was selected; required for a no-winner decision, optional otherwise. */
  readonly reasons?: string | null;
}

export const DECISION_ISSUE_CODES = [
  'too_many_winners', 'unknown_application', 'duplicate', 'not_under_review', 'not_reviewed', 'required', 'invalid_amount', 'not_positive',
  'award_exceeds_request', 'awards_exceed_bounty', 'maxLength', 'eligibility_pending',
] as const;

/** The applications a decision settles: found eligible, whether or not experts were assigned. */
const DECIDED_ON: readonly ApplicationState[] = ['eligible', 'under_review'];

/**
 * Every problem of a decision at once: 0..maxWinners selections of distinct applications that are
 * under review (eligible, with experts assigned — product.md "States") and have at least one
 * finished review; each award positive whole
 * fen, no more than that application requested (an applicant's plan covers what it asked for, not
 * more); the awards together no more than the bounty (赛马制 shares one bounty); feedback for every
 * eligible application not selected, reviewed or not; reasons for a no-winner decision. No
 * application may still await its eligibility check: its applicant would hear nothing.
 */
export function decisionIssues(input: DecisionInput): FieldIssue[] {
  const issues: (FieldIssue | null)[] = [];
  const byId = new Map(input.applications.map((a) => [a.id, a]));
  if (input.selections.length > input.maxWinners) issues.push({ field: 'selections', code: 'too_many_winners', params: { max: input.maxWinners } });
  const pending = input.applications.filter((a) => a.state === 'submitted').length;
  if (pending > 0) issues.push({ field: 'applications', code: 'eligibility_pending', params: { count: pending } });

  const chosen = new Set<string>();
  let total = 0;
  input.selections.forEach((s, i) => {
    const field = (key: string) => `selections.${i}.${key}`;
    const app = byId.get(s.applicationId);
    if (!app) issues.push({ field: field('applicationId'), code: 'unknown_application' });
    else if (chosen.has(s.applicationId)) issues.push({ field: field('applicationId'), code: 'duplicate' });
    else if (app.state !== 'under_review') issues.push({ field: field('applicationId'), code: 'not_under_review', params: { state: app.state } });
    // Under review means experts are assigned; a winner also needs at least one finished review, or
    // the decision would skip the expert review it is meant to rest on.
    else if (app.reviewCount < 1) issues.push({ field: field('applicationId'), code: 'not_reviewed' });
    chosen.add(s.applicationId);

    if (s.awardFen === null || s.awardFen === undefined) issues.push({ field: field('awardFen'), code: 'required' });
    else if (!isAmountFen(s.awardFen)) issues.push({ field: field('awardFen'), code: 'invalid_amount', params: { max: MAX_AMOUNT_FEN } });
    else if (s.awardFen === 0) issues.push({ field: field('awardFen'), code: 'not_positive' });
    else {
      if (app && s.awardFen > app.requestedFen) issues.push({ field: field('awardFen'), code: 'award_exceeds_request', params: { requested: app.requestedFen } });
      total += s.awardFen;
    }
  });
  // Summed over the valid awards: if those alone exceed the bounty, fixing the others cannot help.
  if (total > input.bountyFen) issues.push({ field: 'selections', code: 'awards_exceed_bounty', params: { bounty: input.bountyFen, total } });

  for (const app of input.applications) {
    if (DECIDED_ON.includes(app.state) && !chosen.has(app.id)) issues.push(textIssue(`feedback.${app.id}`, input.feedback[app.id], DECISION_LIMITS.feedback, true));
  }
  for (const [id, text] of Object.entries(input.feedback)) {
    if (!byId.has(id)) issues.push({ field: `feedback.${id}`, code: 'unknown_application' });
    else if (chosen.has(id)) issues.push(textIssue(`feedback.${id}`, text, DECISION_LIMITS.feedback, false));
  }
  issues.push(textIssue('reasons', input.reasons, DECISION_LIMITS.reasons, input.selections.length === 0));
  return issues.filter((i): i is FieldIssue => i !== null);
}

export interface DecisionMoves {
  /** The challenge's move: `decide` (→ notice) with winners, `decide_none` (→ failed) without. */
  readonly challengeAction: 'decide' | 'decide_none';
  /** Applications to move with `select`. */
  readonly selected: readonly string[];
  /** Eligible applications, reviewed or not, to move with `not_select`. */
  readonly notSelected: readonly string[];
}

/** Checks the decision (throwing validation_failed with every issue) and says which moves carry it out. */
export function decisionMoves(input: DecisionInput): DecisionMoves {
  const issues = decisionIssues(input);
  if (issues.length > 0) throw AppError.invalid(issues);
  const selected = input.selections.map((s) => s.applicationId);
  const notSelected = input.applications.filter((a) => DECIDED_ON.includes(a.state) && !selected.includes(a.id)).map((a) => a.id);
  return { challengeAction: selected.length > 0 ? 'decide' : 'decide_none', selected, notSelected };
}

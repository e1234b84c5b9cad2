/**
 * Every move of the apply–review–decide–award part of the product, for every role and every state:
 * the EXPECTED outcome, written by hand from ../shared/design/product.md ("Who uses it", steps 4–8,
 * "States", "Rules that must always hold") and the machines in packages/domain/src/states. Nothing
 * here is computed by the code under test; transitions.test.ts generates one test per cell and
 * checks the table against the machines' rows (a new person's row without a cell here fails).
 *
 * How a refusal is answered, where product.md leaves it open (these are the conventions the cells
 * follow; where a route differs, the cell says why):
 * - anonymous: 401 `unauthenticated` on every route here (all need a signed-in user);
 * - who may not know the entity exists: 404 `not_found` (an application is seen by its applicant,
 *   by the bureau once submitted, by the owner once the deadline has passed — product.md "Each role
 *   sees and changes only what it is entitled to"; other solvers, other enterprises, finance never);
 * - a route reserved to one role (eligibility, assignment, objection resolution: bureau; scoring:
 *   expert; editing a draft: solver) refuses every other role with 403 `forbidden` before it looks
 *   anything up, so the refusal tells nothing about the entity;
 * - a machine move (submit, withdraw, close, decide, finalize) checks the state before the role,
 *   as the engine does (packages/domain/src/states/machine.ts `can`): no such move from this state
 *   at all → 409 `illegal_transition` whoever asks; the move exists but not for this mover → 403;
 * - rules of time come after the machine: 409 `deadline_passed`, `deadline_not_reached`,
 *   `notice_period_running`, `notice_period_over`, `objections_open`.
 */
import type { ApplicationState, ChallengeState, ObjectionState, Relation, Role } from '@challenge/domain';

// ---- roles ---------------------------------------------------------------------------------------

/** The columns of every row, in this order. */
export const ROLES = [
  'anonymous', 'owner', 'other_enterprise', 'applicant', 'other_solver', 'assigned_expert', 'unassigned_expert', 'bureau', 'finance',
] as const;
export type TableRole = (typeof ROLES)[number];

/** What each column is to the machines: its product role and the relations it holds to the entity. */
export const ROLE_AS_MOVER: Record<TableRole, { role: Role | null; relations: readonly Relation[]; who: string }> = {
  anonymous: { role: null, relations: [], who: 'not signed in' },
  owner: { role: 'enterprise', relations: ['owner'], who: 'an enterprise user of the challenge’s owner organisation' },
  other_enterprise: { role: 'enterprise', relations: [], who: 'an enterprise user of another verified organisation' },
  applicant: { role: 'solver', relations: ['applicant'], who: 'a solver of the organisation that made the application' },
  other_solver: { role: 'solver', relations: [], who: 'a solver of a verified organisation that did not apply' },
  assigned_expert: { role: 'expert', relations: [], who: 'the expert assigned to the application (where any is), declared free of conflict' },
  unassigned_expert: { role: 'expert', relations: [], who: 'an expert of the pool never assigned to this challenge' },
  bureau: { role: 'bureau', relations: [], who: 'a bureau officer' },
  finance: { role: 'finance', relations: [], who: 'a Finance Bureau officer' },
};

// ---- states: one fixture each, built through the API ---------------------------------------------

/**
 * The worlds the fixtures live in (one challenge each, owned by one enterprise; applications by the
 * solvers S1, S3, S4, S5; S2 is the "other solver"). `open` has its deadline 60 days ahead; every
 * other world had its deadline pass an hour after publication. Built in transitions.test.ts.
 */
export type WorldKind =
  | 'open' | 'late' | 'late_closed' | 'closed' | 'reviewing' | 'notice' | 'notice_over' | 'notice_over_objection' | 'awarded' | 'failed' | 'upheld' | 'dismissed';
export type Applicant = 'S1' | 'S3' | 'S4' | 'S5';

export interface States {
  readonly application: ApplicationState;
  readonly challenge: ChallengeState;
  readonly objection?: ObjectionState;
}

export interface Fixture {
  readonly world: WorldKind;
  /** The application the row is about; for challenge and objection rows, the applicant's application the decision concerns. */
  readonly app: Applicant;
  /** The states the fixture is in before any cell runs (checked before every cell). */
  readonly states: States;
  /**
   * The states the machines see where the clock has moved on from what is recorded: "Rules that
   * depend on a deadline compare the transaction's clock with the deadline instant, never whether
   * the background loop has already moved the state" — past its deadline a `published` challenge
   * is `closed`.
   */
  readonly byClock?: Partial<States>;
  readonly note: string;
}

export const APPLICATION_FIXTURES = {
  draft: { world: 'open', app: 'S1', states: { application: 'draft', challenge: 'published' }, note: 'saved, never submitted; before the deadline' },
  submitted: { world: 'open', app: 'S3', states: { application: 'submitted', challenge: 'published' }, note: 'submitted before the deadline' },
  draft_late: { world: 'closed', app: 'S4', states: { application: 'draft', challenge: 'closed' }, note: 'never submitted; the deadline has passed and the close is recorded' },
  submitted_late: { world: 'closed', app: 'S1', states: { application: 'submitted', challenge: 'closed' }, note: 'submitted; the deadline has passed, eligibility not checked yet' },
  withdrawn: { world: 'closed', app: 'S5', states: { application: 'withdrawn', challenge: 'closed' }, note: 'submitted, then withdrawn before the deadline' },
  eligible: { world: 'reviewing', app: 'S4', states: { application: 'eligible', challenge: 'reviewing' }, note: 'eligible, no expert assigned' },
  ineligible: { world: 'reviewing', app: 'S5', states: { application: 'ineligible', challenge: 'reviewing' }, note: 'found ineligible with a reason' },
  under_review: { world: 'reviewing', app: 'S1', states: { application: 'under_review', challenge: 'reviewing' }, note: 'the assigned expert declared no conflict and scored' },
  selected: { world: 'notice', app: 'S1', states: { application: 'selected', challenge: 'notice' }, note: 'a winner; the notice period runs' },
  not_selected: { world: 'notice', app: 'S3', states: { application: 'not_selected', challenge: 'notice' }, note: 'reviewed, not chosen; the notice period runs' },
  awarded: { world: 'awarded', app: 'S1', states: { application: 'awarded', challenge: 'awarded' }, note: 'finalized: a project awaits signature' },
} as const satisfies Record<string, Fixture>;

export const CHALLENGE_FIXTURES = {
  published: { world: 'open', app: 'S3', states: { application: 'submitted', challenge: 'published' }, note: 'published, before the deadline' },
  // Nobody submitted to the next two (S1's draft never was): a no-winner decision has no
  // eligibility check to wait for ("no eligible application").
  published_late: {
    world: 'late', app: 'S1', states: { application: 'draft', challenge: 'published' }, byClock: { challenge: 'closed' },
    note: 'the deadline has passed but the background loop has not recorded the close (readers already see `closed`); nothing submitted',
  },
  closed: { world: 'late_closed', app: 'S1', states: { application: 'draft', challenge: 'closed' }, note: 'close recorded; nothing submitted' },
  reviewing: { world: 'reviewing', app: 'S1', states: { application: 'under_review', challenge: 'reviewing' }, note: 'S1 and S3 under review and scored, S4 eligible, S5 ineligible' },
  notice: { world: 'notice', app: 'S1', states: { application: 'selected', challenge: 'notice' }, note: 'decided today: the notice period runs (one objection open)' },
  notice_over: { world: 'notice_over', app: 'S1', states: { application: 'selected', challenge: 'notice' }, note: 'the notice period is over, no objection' },
  notice_over_objection: {
    world: 'notice_over_objection', app: 'S1', states: { application: 'selected', challenge: 'notice', objection: 'open' },
    note: 'the notice period is over with an objection still open',
  },
  awarded: { world: 'awarded', app: 'S1', states: { application: 'awarded', challenge: 'awarded' }, note: 'finalized' },
  failed: { world: 'failed', app: 'S1', states: { application: 'not_selected', challenge: 'failed' }, note: 'decided with no winner (流标)' },
} as const satisfies Record<string, Fixture>;

export const OBJECTION_FIXTURES = {
  open: { world: 'notice', app: 'S1', states: { application: 'selected', challenge: 'notice', objection: 'open' }, note: 'filed by S3 during the notice period' },
  upheld: { world: 'upheld', app: 'S1', states: { application: 'under_review', challenge: 'reviewing', objection: 'upheld' }, note: 'upheld: the challenge is back in review' },
  dismissed: { world: 'dismissed', app: 'S1', states: { application: 'selected', challenge: 'notice', objection: 'dismissed' }, note: 'dismissed' },
} as const satisfies Record<string, Fixture>;

export const FIXTURES = { application: APPLICATION_FIXTURES, challenge: CHALLENGE_FIXTURES, objection: OBJECTION_FIXTURES } as const;
export type Target = keyof typeof FIXTURES;

// ---- actions --------------------------------------------------------------------------------------

export type MachineName = 'application' | 'challenge' | 'objection';

export interface ActionSpec {
  readonly target: Target;
  readonly route: string;
  /** The status of an allowed request. */
  readonly okStatus: 200 | 201;
  /** The machine moves the action makes (by machine: its action name), where it makes any. */
  readonly moves: Partial<Record<MachineName, string>>;
}

export const ACTIONS = {
  save: { target: 'application', route: 'PATCH /api/applications/:id', okStatus: 200, moves: {} },
  submit: { target: 'application', route: 'POST /api/applications/:id/submit', okStatus: 200, moves: { application: 'submit' } },
  withdraw: { target: 'application', route: 'POST /api/applications/:id/withdraw', okStatus: 200, moves: { application: 'withdraw' } },
  mark_eligible: {
    target: 'application', route: 'POST /api/applications/:id/eligibility {eligible: true}', okStatus: 200,
    // The first check starts the challenge's review: there is no route of its own for start_review.
    moves: { application: 'mark_eligible', challenge: 'start_review' },
  },
  mark_ineligible: {
    target: 'application', route: 'POST /api/applications/:id/eligibility {eligible: false, reason}', okStatus: 200,
    moves: { application: 'mark_ineligible', challenge: 'start_review' },
  },
  assign_reviewer: { target: 'application', route: 'POST /api/challenges/:id/reviewers {applicationIds: [it], expertIds: [a third expert]}', okStatus: 200, moves: { application: 'start_review' } },
  review: { target: 'application', route: 'PUT /api/applications/:id/review {scores}', okStatus: 200, moves: {} },
  close: { target: 'challenge', route: 'POST /api/challenges/:id/close', okStatus: 200, moves: { challenge: 'close' } },
  decide: { target: 'challenge', route: 'POST /api/challenges/:id/decision {selections: [S1], feedback}', okStatus: 200, moves: { challenge: 'decide', application: 'select' } },
  decide_none: {
    target: 'challenge', route: 'POST /api/challenges/:id/decision {selections: [], feedback, reasons}', okStatus: 200,
    moves: { challenge: 'decide_none', application: 'not_select' },
  },
  object: { target: 'challenge', route: 'POST /api/challenges/:id/objections', okStatus: 201, moves: {} },
  finalize: { target: 'challenge', route: 'POST /api/challenges/:id/finalize', okStatus: 200, moves: { challenge: 'finalize', application: 'award' } },
  uphold: {
    target: 'objection', route: 'POST /api/objections/:id/resolve {outcome: upheld}', okStatus: 200,
    moves: { objection: 'uphold', challenge: 'uphold_objection', application: 'reopen' },
  },
  dismiss: { target: 'objection', route: 'POST /api/objections/:id/resolve {outcome: dismissed}', okStatus: 200, moves: { objection: 'dismiss' } },
} as const satisfies Record<string, ActionSpec>;
export type ActionName = keyof typeof ACTIONS;

// ---- outcomes -------------------------------------------------------------------------------------

/** Refusals: the problem `code` and its HTTP status (written here, not read from the API's table). */
export const REFUSAL_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  deadline_passed: 409,
  deadline_not_reached: 409,
  notice_period_running: 409,
  notice_period_over: 409,
  objections_open: 409,
  validation_failed: 422,
} as const;
export type Refusal = keyof typeof REFUSAL_STATUS;

/** Allowed: the action's `okStatus`, and the states after it (those not named stay as they were). */
export interface Allowed {
  readonly ok: true;
  readonly application?: ApplicationState;
  readonly challenge?: ChallengeState;
  readonly objection?: ObjectionState;
}
export type Outcome = Refusal | Allowed;
export type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

/** Allowed, and nothing's state moves (saving, scoring, filing an objection, resubmitting). */
const ok: Allowed = { ok: true };
/** Allowed, with the states it moves to. */
const to = (states: Omit<Allowed, 'ok'>): Allowed => ({ ok: true, ...states });

const U = 'unauthenticated';
const F = 'forbidden';
const NF = 'not_found';
const IT = 'illegal_transition';
const DP = 'deadline_passed';
const DNR = 'deadline_not_reached';
const NPR = 'notice_period_running';
const NPO = 'notice_period_over';
const OO = 'objections_open';
const VF = 'validation_failed';

type Rows<T extends Target> = { readonly [K in keyof (typeof FIXTURES)[T]]: Row };

// Shorthands for rows that repeat.
/** A route reserved to the bureau, which refuses every other role up front. */
const bureauOnly = (bureau: Outcome): Row => [U, F, F, F, F, F, F, bureau, F];
/** A machine move checked state first: nobody signed in may make it from here. */
const noSuchMove: Row = [U, IT, IT, IT, IT, IT, IT, IT, IT];

/**
 * The expected outcome of every cell. Columns, in order:
 * anonymous, owner, other_enterprise, applicant, other_solver, assigned_expert, unassigned_expert, bureau, finance.
 */
export const EXPECTED: { readonly [A in ActionName]: Rows<(typeof ACTIONS)[A]['target']> } = {
  // product.md step 5: "Drafts can be saved … editable until the deadline". Only solvers edit
  // applications, so every other role is refused up front (403); another solver may not know the
  // application exists (404). A submitted application stays editable (its frozen version is what
  // reviewers read until it is submitted again).
  save: {
    draft: [U, F, F, ok, NF, F, F, F, F],
    submitted: [U, F, F, ok, NF, F, F, F, F],
    // "Rules that depend on a deadline compare the transaction's clock with the deadline instant,
    // never whether the background loop has already moved the state": `deadline_passed`, the same
    // answer as before the loop records the close (applications.test.ts checks that one).
    draft_late: [U, F, F, DP, NF, F, F, F, F],
    submitted_late: [U, F, F, DP, NF, F, F, F, F],
    withdrawn: [U, F, F, IT, NF, F, F, F, F],
    eligible: [U, F, F, IT, NF, F, F, F, F],
    ineligible: [U, F, F, IT, NF, F, F, F, F],
    under_review: [U, F, F, IT, NF, F, F, F, F],
    selected: [U, F, F, IT, NF, F, F, F, F],
    not_selected: [U, F, F, IT, NF, F, F, F, F],
    awarded: [U, F, F, IT, NF, F, F, F, F],
  },
  // Machine: draft|submitted →(solver, applicant) submitted, before the deadline. Who may see the
  // application answers first (404 otherwise): the bureau once it was submitted, the owner once the
  // deadline has passed. Then the machine: from `submitted` the move exists, for the applicant only
  // (403); from later states it does not (409). An assigned expert reads the application through the
  // review, not through the applicant's moves: 404, like any reader the move does not concern.
  submit: {
    draft: [U, NF, NF, to({ application: 'submitted' }), NF, NF, NF, NF, NF],
    // Resubmitting freezes a newer version: allowed, the state stays `submitted`.
    submitted: [U, NF, NF, ok, NF, NF, NF, F, NF],
    draft_late: [U, NF, NF, DP, NF, NF, NF, NF, NF],
    submitted_late: [U, F, NF, DP, NF, NF, NF, F, NF],
    withdrawn: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    eligible: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    ineligible: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    under_review: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    selected: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    not_selected: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    awarded: [U, IT, NF, IT, NF, NF, NF, IT, NF],
  },
  // Machine: draft|submitted →(solver, applicant) withdrawn, "by the solver before the deadline".
  withdraw: {
    draft: [U, NF, NF, to({ application: 'withdrawn' }), NF, NF, NF, NF, NF],
    submitted: [U, NF, NF, to({ application: 'withdrawn' }), NF, NF, NF, F, NF],
    draft_late: [U, NF, NF, DP, NF, NF, NF, NF, NF],
    submitted_late: [U, F, NF, DP, NF, NF, NF, F, NF],
    withdrawn: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    eligible: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    ineligible: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    under_review: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    selected: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    not_selected: [U, IT, NF, IT, NF, NF, NF, IT, NF],
    awarded: [U, IT, NF, IT, NF, NF, NF, IT, NF],
  },
  // Step 6: "After the deadline the bureau checks eligibility". Machine: submitted →(bureau)
  // eligible; the first check moves the challenge closed →(bureau, start_review) reviewing.
  // A draft never submitted is invisible to the bureau (404); before the deadline the check waits.
  mark_eligible: {
    draft: bureauOnly(NF),
    submitted: bureauOnly(DNR),
    draft_late: bureauOnly(NF),
    submitted_late: bureauOnly(to({ application: 'eligible', challenge: 'reviewing' })),
    withdrawn: bureauOnly(IT),
    eligible: bureauOnly(IT),
    ineligible: bureauOnly(IT),
    under_review: bureauOnly(IT),
    selected: bureauOnly(IT),
    not_selected: bureauOnly(IT),
    awarded: bureauOnly(IT),
  },
  mark_ineligible: {
    draft: bureauOnly(NF),
    submitted: bureauOnly(DNR),
    draft_late: bureauOnly(NF),
    submitted_late: bureauOnly(to({ application: 'ineligible', challenge: 'reviewing' })),
    withdrawn: bureauOnly(IT),
    eligible: bureauOnly(IT),
    ineligible: bureauOnly(IT),
    under_review: bureauOnly(IT),
    selected: bureauOnly(IT),
    not_selected: bureauOnly(IT),
    awarded: bureauOnly(IT),
  },
  // Step 6: the bureau assigns experts while the challenge is in review; the first assignment puts
  // an eligible application under review (machine: eligible → under_review, a 'system' move that
  // follows the assignment). Outside `reviewing` the challenge refuses (409).
  assign_reviewer: {
    draft: bureauOnly(IT),
    submitted: bureauOnly(IT),
    draft_late: bureauOnly(IT),
    submitted_late: bureauOnly(IT),
    withdrawn: bureauOnly(IT),
    eligible: bureauOnly(to({ application: 'under_review' })),
    // In a challenge in review, an application that is not eligible is a bad item of the request:
    // the route assigns to several applications at once and reports every unfit one as a field
    // error (`applicationIds.0: not_eligible`), so 422 rather than 409. Defensible: the request,
    // not the challenge's state, is what is wrong.
    ineligible: bureauOnly(VF),
    // More experts may be added to an application already under review.
    under_review: bureauOnly(ok),
    selected: bureauOnly(IT),
    not_selected: bureauOnly(IT),
    awarded: bureauOnly(IT),
  },
  // Step 6: the assigned expert scores (after declaring no conflict) while the challenge is in
  // review; scores may be revised until the decision. Experts only (403 for every other role); an
  // expert not assigned to the application is answered as if it did not exist (404).
  review: {
    draft: [U, F, F, F, F, NF, NF, F, F],
    submitted: [U, F, F, F, F, NF, NF, F, F],
    draft_late: [U, F, F, F, F, NF, NF, F, F],
    submitted_late: [U, F, F, F, F, NF, NF, F, F],
    withdrawn: [U, F, F, F, F, NF, NF, F, F],
    eligible: [U, F, F, F, F, NF, NF, F, F],
    ineligible: [U, F, F, F, F, NF, NF, F, F],
    under_review: [U, F, F, F, F, ok, NF, F, F],
    selected: [U, F, F, F, F, IT, NF, F, F],
    not_selected: [U, F, F, F, F, IT, NF, F, F],
    awarded: [U, F, F, F, F, IT, NF, F, F],
  },
  // Machine: published →(bureau; or the loop) closed, once the deadline instant has passed.
  close: {
    published: bureauOnly(DNR),
    published_late: bureauOnly(to({ challenge: 'closed' })),
    closed: noSuchMove,
    reviewing: noSuchMove,
    notice: noSuchMove,
    notice_over: noSuchMove,
    notice_over_objection: noSuchMove,
    awarded: noSuchMove,
    failed: noSuchMove,
  },
  // Step 7: the bureau decides. Machine: reviewing →(bureau) notice; the winner selected.
  decide: {
    published: noSuchMove,
    published_late: noSuchMove,
    closed: noSuchMove,
    reviewing: bureauOnly(to({ challenge: 'notice', application: 'selected' })),
    notice: noSuchMove,
    notice_over: noSuchMove,
    notice_over_objection: noSuchMove,
    awarded: noSuchMove,
    failed: noSuchMove,
  },
  // "A decision with no winner, or no eligible application, → failed (流标)". Machine:
  // closed|reviewing →(bureau) failed; the applications under review are not selected.
  decide_none: {
    published: noSuchMove,
    // Past the deadline the challenge is closed by the clock, whether or not the loop has recorded
    // it (product.md; readers see `closed` already): the bureau may fail it as from `closed`.
    published_late: bureauOnly(to({ challenge: 'failed' })),
    closed: bureauOnly(to({ challenge: 'failed' })),
    reviewing: bureauOnly(to({ challenge: 'failed', application: 'not_selected' })),
    notice: noSuchMove,
    notice_over: noSuchMove,
    notice_over_objection: noSuchMove,
    awarded: noSuchMove,
    failed: noSuchMove,
  },
  // Step 7: "signed-in users may file objections" during the notice period — any role but the
  // bureau, which resolves them and does not file them (a product decision recorded in
  // services/decisions/objections.ts; refused up front, whatever the state).
  object: {
    published: [U, IT, IT, IT, IT, IT, IT, F, IT],
    published_late: [U, IT, IT, IT, IT, IT, IT, F, IT],
    closed: [U, IT, IT, IT, IT, IT, IT, F, IT],
    reviewing: [U, IT, IT, IT, IT, IT, IT, F, IT],
    notice: [U, ok, ok, ok, ok, ok, ok, F, ok],
    notice_over: [U, NPO, NPO, NPO, NPO, NPO, NPO, F, NPO],
    notice_over_objection: [U, NPO, NPO, NPO, NPO, NPO, NPO, F, NPO],
    awarded: [U, IT, IT, IT, IT, IT, IT, F, IT],
    // A no-winner decision has no notice period: nothing to object to.
    failed: [U, IT, IT, IT, IT, IT, IT, F, IT],
  },
  // Machine: notice →(bureau) awarded, "notice period over, no open objection"; the winner awarded.
  finalize: {
    published: noSuchMove,
    published_late: noSuchMove,
    closed: noSuchMove,
    reviewing: noSuchMove,
    notice: bureauOnly(NPR),
    notice_over: bureauOnly(to({ challenge: 'awarded', application: 'awarded' })),
    notice_over_objection: bureauOnly(OO),
    awarded: noSuchMove,
    failed: noSuchMove,
  },
  // Objection: open →(bureau) upheld | dismissed. Upheld sends the challenge notice → reviewing and
  // reopens its decided applications (machine: reopen, 'system').
  uphold: {
    open: bureauOnly(to({ objection: 'upheld', challenge: 'reviewing', application: 'under_review' })),
    upheld: bureauOnly(IT),
    dismissed: bureauOnly(IT),
  },
  dismiss: {
    open: bureauOnly(to({ objection: 'dismissed' })),
    upheld: bureauOnly(IT),
    dismissed: bureauOnly(IT),
  },
};

/**
 * The machine rows the table must cover (product.md "States"): every row of the application and
 * objection machines a person may make, and the challenge's rows of the decision part.
 */
export const COVERED_CHALLENGE_ACTIONS = ['start_review', 'decide', 'decide_none', 'finalize', 'uphold_objection', 'close'] as const;

/**
 * Who may call which API route, kept by hand from product.md ("Who uses it", "Rules that must always
 * hold") and api.md, and checked against the app by access-matrix.test.ts: every route the app serves
 * must have an entry here and every entry must be a route, so no new route escapes the matrix.
 *
 * Each entry lists one or more cases: the object the route's parameter names (`on`, one of the
 * world's objects built by the test), who is served (`ok`, any 2xx), who is told the object does not
 * exist (`hidden`, 404: whoever may not know it exists, so a refusal tells a stranger no more than a
 * read would), and any other answer (`other`). Everyone else gets:
 * - `disabled`: 401 always — the token of a disabled account is refused on every route, public ones too;
 * - `anonymous`: 401 (sign in first);
 * - anyone else: 403.
 */

export const ROLES = [
  'anonymous',
  /** A member (the admin) of the enterprise that owns the world's challenges. */
  'owner',
  'otherEnterprise',
  /** A member (the admin) of the organisation that applied and won: applicant, project party, payee. */
  'solver',
  /** A member of an organisation named as consortium partner in the solver's applications. */
  'partner',
  'otherSolver',
  /** Assigned to the reviewed application, declared free of conflict, has scored it. */
  'expert',
  'expertUnassigned',
  /** Assigned to the reviewed application, declared a conflict (recused). */
  'expertConflicted',
  'bureau',
  'finance',
  /** A colleague of the solver (same organisation) whose account the bureau disabled. */
  'disabled',
] as const;
export type Role = (typeof ROLES)[number];
export type Outcome = 'ok' | 400 | 401 | 403 | 404 | 409;

/** The objects of the test's world a case may name, and the query variants of routes without one. */
export type Target =
  | 'draftChallenge' | 'pendingChallenge'
  /** Restricted, open; the solver accepted its terms and applied (with the partner and a file). */
  | 'openChallenge'
  /** Public, open; nobody has applied. */
  | 'publicChallenge'
  /** Restricted, open; only for accepting its terms. */
  | 'termsChallenge'
  /** Published, its deadline passed, the close not recorded yet. */
  | 'pastDeadlineChallenge'
  /** Restricted, in review: the solver's application assigned to `expert` and `expertConflicted`. */
  | 'reviewChallenge'
  | 'decideChallenge' | 'noticeChallenge'
  /** Its notice period is over, no objection open. */
  | 'finalizeChallenge'
  | 'openApplication' | 'reviewApplication' | 'eligibilityApplication'
  | 'restrictedAttachment' | 'applicationAttachment'
  /** Unanswered, asked by `otherSolver` on the public challenge. */
  | 'question'
  /** Open, filed by `otherSolver` on the challenge in notice. */
  | 'objection'
  | 'activeProject' | 'unsignedProject'
  /** Another winner's project of the same challenge: the solver is no party to it. */
  | 'stopProject'
  | 'submitMilestone' | 'reviewMilestone' | 'verifyMilestone'
  | 'ownerRelease' | 'fundRelease' | 'answerRelease' | 'disputedRelease'
  | 'changeRequest'
  | 'solverNotification' | 'solverSavedSearch'
  | 'ownerOrganization' | 'solverOrganization' | 'pendingOrganization' | 'joinRequest'
  | 'activeUser' | 'disabledUser' | 'spareExpert'
  | 'calendarYear' | 'budgetYear'
  | 'applicationsCsv' | 'releasesCsv'
  /** `?mine=1` */
  | 'mine'
  /** `?status=pending_review` (challenges) or `?status=pending` (organisations) */
  | 'pendingQueue';

export interface Access {
  on?: Target;
  ok: readonly Role[];
  hidden?: readonly Role[];
  other?: Partial<Record<Role, Outcome>>;
}

const all = ROLES.filter((r) => r !== 'disabled');
const but = (roles: readonly Role[], ...out: Role[]) => roles.filter((r) => !out.includes(r));
const EVERYONE: readonly Role[] = all;
const SIGNED_IN: readonly Role[] = but(all, 'anonymous');
const SOLVERS: readonly Role[] = ['solver', 'partner', 'otherSolver'];
const EXPERTS: readonly Role[] = ['expert', 'expertUnassigned', 'expertConflicted'];
/** Everyone signed in but the named: those a hidden object is hidden from. */
const othersThan = (...seen: Role[]) => but(SIGNED_IN, ...seen);
/** A project's object: its parties and staff know it; they may still not take this step (403). */
const projectStep = (on: Target, ok: Role[], parties: Role[] = ['solver', 'owner']): Access =>
  ({ on, ok, hidden: othersThan(...parties, 'bureau', 'finance') });

export const ACCESS: Record<string, readonly Access[]> = {
  // ---- system, accounts ------------------------------------------------------------------------
  'GET /api/health': [{ ok: EVERYONE }],
  // The account routes ignore who calls them; what they act on is in the body (a fresh one each time).
  'POST /api/auth/register': [{ ok: EVERYONE }],
  'POST /api/auth/login': [{ ok: EVERYONE }],
  'POST /api/auth/refresh': [{ ok: EVERYONE }],
  'POST /api/auth/logout': [{ ok: EVERYONE }],
  'POST /api/auth/verify-email': [{ ok: EVERYONE }],
  'POST /api/auth/verify-email/resend': [{ ok: SIGNED_IN }],
  'POST /api/auth/password-reset/request': [{ ok: EVERYONE }],
  'POST /api/auth/password-reset': [{ ok: EVERYONE }],
  // A signed link is the whole authority: anyone holding it may turn that one kind of mail off.
  'GET /api/unsubscribe': [{ ok: EVERYONE }],
  'POST /api/unsubscribe': [{ ok: EVERYONE }],
  'GET /api/me': [{ ok: SIGNED_IN }],
  'PATCH /api/me': [{ ok: SIGNED_IN }],
  'GET /api/me/email-preferences': [{ ok: SIGNED_IN }],
  'PUT /api/me/email-preferences': [{ ok: SIGNED_IN }],
  'GET /api/me/follows': [{ ok: SIGNED_IN }],
  'GET /api/me/saved-searches': [{ ok: SIGNED_IN }],
  'POST /api/me/saved-searches': [{ ok: SIGNED_IN }],
  'PATCH /api/me/saved-searches/:id': [{ on: 'solverSavedSearch', ok: ['solver'], hidden: othersThan('solver') }],
  'DELETE /api/me/saved-searches/:id': [{ on: 'solverSavedSearch', ok: ['solver'], hidden: othersThan('solver') }],
  'GET /api/notifications': [{ ok: SIGNED_IN }],
  'GET /api/notifications/unread-count': [{ ok: SIGNED_IN }],
  'POST /api/notifications/read-all': [{ ok: SIGNED_IN }],
  'POST /api/notifications/:id/read': [{ on: 'solverNotification', ok: ['solver'], hidden: othersThan('solver') }],
  'GET /api/users': [{ ok: ['bureau'] }],
  'POST /api/users': [{ ok: ['bureau'] }],
  'POST /api/users/:id/disable': [{ on: 'activeUser', ok: ['bureau'] }],
  'POST /api/users/:id/enable': [{ on: 'disabledUser', ok: ['bureau'] }],

  // ---- organisations ---------------------------------------------------------------------------
  'GET /api/organizations': [{ ok: EVERYONE }, { on: 'pendingQueue', ok: ['bureau'], other: { anonymous: 403 } }],
  'GET /api/organizations/:id': [
    { on: 'solverOrganization', ok: EVERYONE },
    // Unverified organisations are known to their members and the bureau only.
    { on: 'pendingOrganization', ok: ['bureau'], hidden: but(EVERYONE, 'bureau') },
  ],
  'POST /api/organizations/:id/verify': [{ on: 'pendingOrganization', ok: ['bureau'] }],
  'POST /api/organizations/:id/reject': [{ on: 'pendingOrganization', ok: ['bureau'] }],
  'GET /api/organizations/:id/join-requests': [{ on: 'ownerOrganization', ok: ['owner', 'bureau'] }],
  'POST /api/join-requests/:id/approve': [{ on: 'joinRequest', ok: ['owner', 'bureau'] }],
  'POST /api/join-requests/:id/reject': [{ on: 'joinRequest', ok: ['owner', 'bureau'] }],

  // ---- challenges ------------------------------------------------------------------------------
  'GET /api/challenges': [
    { ok: EVERYONE },
    { on: 'mine', ok: SIGNED_IN },
    { on: 'pendingQueue', ok: ['bureau'], other: { anonymous: 403 } },
  ],
  'POST /api/challenges': [{ ok: ['owner', 'otherEnterprise'] }],
  'GET /api/challenges/stats': [{ ok: EVERYONE }],
  'GET /api/challenges/:id': [
    { on: 'openChallenge', ok: EVERYONE },
    { on: 'reviewChallenge', ok: EVERYONE },
    { on: 'draftChallenge', ok: ['owner', 'bureau'], hidden: but(EVERYONE, 'owner', 'bureau') },
  ],
  'PATCH /api/challenges/:id': [{ on: 'draftChallenge', ok: ['owner'], hidden: othersThan('owner', 'bureau') }],
  'POST /api/challenges/:id/submit': [{ on: 'draftChallenge', ok: ['owner'], hidden: othersThan('owner', 'bureau') }],
  'POST /api/challenges/:id/approve': [{ on: 'pendingChallenge', ok: ['bureau'], hidden: othersThan('owner', 'bureau') }],
  'POST /api/challenges/:id/return': [{ on: 'pendingChallenge', ok: ['bureau'], hidden: othersThan('owner', 'bureau') }],
  'POST /api/challenges/:id/close': [{ on: 'pastDeadlineChallenge', ok: ['bureau'] }],
  'POST /api/challenges/:id/cancel': [{ on: 'draftChallenge', ok: ['owner', 'bureau'], hidden: othersThan('owner', 'bureau') }],
  'POST /api/challenges/:id/amendments': [{ on: 'openChallenge', ok: ['owner', 'bureau'] }],
  'POST /api/challenges/:id/confidentiality': [{ on: 'termsChallenge', ok: SOLVERS }],
  'GET /api/challenges/:id/deadline.ics': [
    { on: 'publicChallenge', ok: EVERYONE },
    { on: 'draftChallenge', ok: ['owner', 'bureau'], hidden: but(EVERYONE, 'owner', 'bureau') },
  ],
  'GET /api/challenges/:id/follow': [{ on: 'publicChallenge', ok: SIGNED_IN }],
  'PUT /api/challenges/:id/follow': [{ on: 'publicChallenge', ok: SIGNED_IN }],
  'DELETE /api/challenges/:id/follow': [{ on: 'publicChallenge', ok: SIGNED_IN }],
  'GET /api/challenges/:id/questions': [
    { on: 'publicChallenge', ok: EVERYONE },
    { on: 'draftChallenge', ok: ['owner', 'bureau'], hidden: but(EVERYONE, 'owner', 'bureau') },
  ],
  // Anyone signed in with the details asks; the owner and the bureau answer instead.
  'POST /api/challenges/:id/questions': [{ on: 'publicChallenge', ok: but(SIGNED_IN, 'owner', 'bureau') }],
  // An unanswered question is known to the owner, the bureau and its asker only.
  'POST /api/questions/:id/answer': [{ on: 'question', ok: ['owner', 'bureau'], hidden: othersThan('owner', 'bureau', 'otherSolver') }],

  // ---- applications ----------------------------------------------------------------------------
  'POST /api/challenges/:id/applications': [{ on: 'publicChallenge', ok: SOLVERS }],
  'GET /api/challenges/:id/applications': [
    // Experts get only what they may open (an unassigned or recused one: an empty list).
    { on: 'reviewChallenge', ok: ['owner', 'bureau', ...EXPERTS] },
    // product.md: the owner sees the applications to its challenge once the deadline has passed.
    { on: 'openChallenge', ok: ['bureau'], other: { owner: 409, expert: 409, expertUnassigned: 409, expertConflicted: 409 } },
  ],
  'GET /api/applications': [{ ok: SOLVERS }],
  'GET /api/applications/:id': [
    // Before the deadline the owner may not read it; the partner is named in it but it is the lead's.
    { on: 'openApplication', ok: ['solver', 'bureau'], hidden: othersThan('solver', 'bureau') },
    { on: 'reviewApplication', ok: ['solver', 'owner', 'bureau', 'expert'], hidden: othersThan('solver', 'owner', 'bureau', 'expert') },
  ],
  'PATCH /api/applications/:id': [{ on: 'openApplication', ok: ['solver'], hidden: ['partner', 'otherSolver'] }],
  'POST /api/applications/:id/submit': [{ on: 'openApplication', ok: ['solver'], hidden: othersThan('solver', 'bureau') }],
  'POST /api/applications/:id/withdraw': [{ on: 'openApplication', ok: ['solver'], hidden: othersThan('solver', 'bureau') }],
  'POST /api/applications/:id/eligibility': [{ on: 'eligibilityApplication', ok: ['bureau'] }],
  'GET /api/applications/:id/review': [{ on: 'reviewApplication', ok: ['expert'], hidden: ['expertUnassigned', 'expertConflicted'] }],
  'PUT /api/applications/:id/review': [{ on: 'reviewApplication', ok: ['expert'], hidden: ['expertUnassigned', 'expertConflicted'] }],
  'GET /api/reviews': [{ ok: EXPERTS }],
  'GET /api/experts': [{ ok: ['bureau'] }],
  'PUT /api/experts/:id/profile': [{ on: 'spareExpert', ok: ['bureau'] }],
  // The recused expert still reads the criteria: they are the challenge's, not an application's.
  'GET /api/challenges/:id/rubric': [{ on: 'reviewChallenge', ok: ['owner', 'bureau', 'expert', 'expertConflicted'] }],
  'PUT /api/challenges/:id/rubric': [{ on: 'openChallenge', ok: ['bureau'] }],
  'POST /api/challenges/:id/reviewers': [{ on: 'reviewChallenge', ok: ['bureau'] }],
  'GET /api/challenges/:id/reviewers': [{ on: 'reviewChallenge', ok: ['bureau'] }],
  'GET /api/challenges/:id/ranking': [{ on: 'reviewChallenge', ok: ['owner', 'bureau'] }],

  // ---- decision and notice ---------------------------------------------------------------------
  'POST /api/challenges/:id/decision': [{ on: 'decideChallenge', ok: ['bureau'] }],
  'GET /api/challenges/:id/decision': [{ on: 'noticeChallenge', ok: EVERYONE }],
  'POST /api/challenges/:id/objections': [{ on: 'noticeChallenge', ok: but(SIGNED_IN, 'bureau') }],
  // Everyone else lists their own objections only (none, or the one they filed).
  'GET /api/challenges/:id/objections': [{ on: 'noticeChallenge', ok: SIGNED_IN }],
  'POST /api/objections/:id/resolve': [{ on: 'objection', ok: ['bureau'] }],
  'POST /api/challenges/:id/finalize': [{ on: 'finalizeChallenge', ok: ['bureau'] }],
  'GET /api/results': [{ ok: EVERYONE }],

  // ---- attachments -----------------------------------------------------------------------------
  'POST /api/attachments': [
    { on: 'draftChallenge', ok: ['owner'], hidden: othersThan('owner', 'bureau') },
    { on: 'openApplication', ok: ['solver'], hidden: othersThan('solver', 'bureau') },
    projectStep('submitMilestone', ['solver']),
  ],
  'GET /api/attachments/:id': [
    // Readers of the summary are told to accept the terms (403), the anonymous to sign in.
    { on: 'restrictedAttachment', ok: ['owner', 'bureau', 'solver'] },
    { on: 'applicationAttachment', ok: ['solver', 'owner', 'bureau', 'expert'], hidden: but(EVERYONE, 'solver', 'owner', 'bureau', 'expert') },
  ],

  // ---- projects and money ----------------------------------------------------------------------
  'GET /api/projects': [{ ok: but(SIGNED_IN, ...EXPERTS) }],
  'GET /api/projects/:id': [projectStep('activeProject', ['solver', 'owner', 'bureau', 'finance'])],
  'POST /api/projects/:id/sign': [projectStep('unsignedProject', ['solver', 'owner'])],
  'POST /api/projects/:id/stop': [projectStep('stopProject', ['bureau'], ['owner'])],
  'POST /api/projects/:id/change-requests': [projectStep('activeProject', ['solver'])],
  'PUT /api/projects/:id/indicator-results': [projectStep('activeProject', ['owner'])],
  'POST /api/change-requests/:id/decide': [{ on: 'changeRequest', ok: ['bureau'] }],
  'POST /api/milestones/:id/submit': [projectStep('submitMilestone', ['solver'])],
  'POST /api/milestones/:id/review': [projectStep('reviewMilestone', ['owner'])],
  'POST /api/milestones/:id/verify': [projectStep('verifyMilestone', ['bureau'])],
  'GET /api/releases': [{ ok: ['bureau', 'finance'] }],
  'POST /api/releases/:id/disburse': [projectStep('ownerRelease', ['owner']), projectStep('fundRelease', ['finance'])],
  'POST /api/releases/:id/answer': [projectStep('answerRelease', ['solver'])],
  'POST /api/releases/:id/resolve': [projectStep('disputedRelease', ['bureau'])],
  'GET /api/budgets': [{ ok: ['bureau', 'finance'] }],
  'PUT /api/budgets/:year': [{ on: 'budgetYear', ok: ['finance'] }],
  'GET /api/ledger': [{ ok: ['bureau', 'finance'] }],
  'GET /api/ledger/check': [{ ok: ['bureau', 'finance'] }],
  'GET /api/calendar/:year': [{ on: 'calendarYear', ok: EVERYONE }],
  'PUT /api/calendar/:year': [{ on: 'calendarYear', ok: ['bureau'] }],

  // ---- oversight -------------------------------------------------------------------------------
  'GET /api/dashboard': [{ ok: ['bureau'] }],
  // Personal data (applicants' names and e-mails) is in the bureau's exports only; finance: money only.
  'GET /api/reports/:file': [{ on: 'applicationsCsv', ok: ['bureau'] }, { on: 'releasesCsv', ok: ['bureau', 'finance'] }],
  'GET /api/audit': [{ ok: ['bureau'] }],
  'GET /api/audit/facets': [{ ok: ['bureau'] }],
  'GET /api/audit/verify': [{ ok: ['bureau'] }],
};

/** Routes the app serves that are not in the matrix, and why. */
export const NOT_IN_TABLE: Record<string, string> = {
  'GET /api/docs': 'the OpenAPI document and its viewer are public by design (api.md)',
  'GET /api/docs/': 'the OpenAPI viewer',
  'GET /api/docs/*': "the OpenAPI viewer's static files",
  'GET /api/docs/static/index.html': 'the OpenAPI viewer',
  'GET /api/docs/static/swagger-initializer.js': 'the OpenAPI viewer',
  'GET /api/docs/json': 'the OpenAPI document',
  'GET /api/docs/yaml': 'the OpenAPI document',
  'POST /api/test/clock': 'registered only under NODE_ENV=test with the test clock (app.ts), never in production',
};

/** HEAD is Fastify's automatic twin of every GET (same hooks, same handler, no body): covered by the GET. */
export const IMPLICIT_METHODS = ['HEAD'];

/** The answer `role` should get in this case. */
export function expected(access: Access, role: Role): Outcome {
  if (role === 'disabled') return 401;
  if (access.ok.includes(role)) return 'ok';
  const other = access.other?.[role];
  if (other !== undefined) return other;
  if (access.hidden?.includes(role)) return 404;
  return role === 'anonymous' ? 401 : 403;
}

/**
 * What a notification is about (issues: apply–review–award; projects and the money; oversight adds more).
 * Each event names its subject; who receives it is decided when the outbox is processed
 * (apps/api jobs/notification-outbox.ts), by the same access rules as the pages it links to.
 */
export const NOTIFICATION_KINDS = [
  /** A question you asked was answered. */
  'question_answered',
  /** A challenge you applied to or asked about was amended or its deadline extended. */
  'challenge_amended',
  /** Your application was found eligible or ineligible. */
  'eligibility_result',
  /** You were assigned an application to review. */
  'review_assigned',
  /** The decision on a challenge you applied to or own was published for notice. */
  'decision_published',
  /** Your objection was upheld or dismissed. */
  'objection_resolved',
  /** Your application was awarded. */
  'awarded',
  // Projects (issue: projects, milestones and the money). Each names its project in `projectId`.
  /** The solver submitted a milestone's deliverables (to the owner, who accepts or returns them). */
  'milestone_submitted',
  /** The owner returned a milestone with feedback (to the solver). */
  'milestone_returned',
  /** The owner accepted a milestone (to the solver, and the bureau who verifies it). */
  'milestone_accepted',
  /** The bureau verified a milestone: its releases are created (to the solver and the owner). */
  'milestone_verified',
  /** A milestone is due within 7 days (to both parties). */
  'milestone_due_soon',
  /** A milestone's due date has passed unverified (to both parties and the bureau). */
  'milestone_overdue',
  /** A release was paid (to the solver, who confirms receipt). */
  'release_disbursed',
  /** The solver confirmed receiving a release (to whoever paid it). */
  'release_confirmed',
  /** The solver reported a release as not received (to the bureau, who resolves it). */
  'release_disputed',
  // Oversight and reach (issue: oversight and reach).
  /** A draft application's challenge closes in 3 days, then in 1 day (to the draft's author). */
  'application_deadline_soon',
  /** A saved search with alerts found newly published challenges (to its owner). */
  'saved_search_match',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

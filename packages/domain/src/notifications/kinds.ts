/**
 * What a notification is about (issue: apply–review–award; the money and oversight work adds more).
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
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

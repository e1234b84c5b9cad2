import { notificationEvents, type Db } from '@challenge/db';
import type { NotificationKind } from '@challenge/domain';

export interface NotificationEvent {
  kind: NotificationKind;
  challengeId: string | null;
  /** The question, application, objection … it is about. */
  subjectId: string | null;
  /**
   * Facts for choosing recipients and wording (ids, a state): internal, never shown as such. Whatever a
   * recipient reads is looked up when listed, through that recipient's access.
   */
  payload?: Record<string, unknown>;
  at: Date;
}

/** Writes the event in the caller's transaction: the notification exists exactly when the change does. */
export async function recordEvent(tx: Db, event: NotificationEvent): Promise<void> {
  await tx.insert(notificationEvents).values({
    kind: event.kind, challengeId: event.challengeId, subjectId: event.subjectId, payload: event.payload ?? {}, createdAt: event.at,
  });
}

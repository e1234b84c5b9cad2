import { notificationEvents, notifications, queryRows } from '@challenge/db';
import type { NotificationKind } from '@challenge/domain';
import { eq, sql } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { queueNotificationMails } from '../mail/outbox';
import { recipientsOf } from './recipients';

export const EVENT_BATCH_SIZE = 100;

/**
 * One batch of the notification outbox: pending events, oldest first, locked with SKIP LOCKED so
 * any number of app processes can work through it side by side; each becomes one notification per
 * recipient (the unique (event, user) key makes a retried batch harmless), the e-mail copies of the
 * notifications just written are queued, and the event is marked processed — all in one transaction.
 * Returns how many events were processed.
 */
export async function processNotificationEvents(ctx: ServiceContext, limit = EVENT_BATCH_SIZE): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const events = await queryRows<{ id: string; kind: NotificationKind; challenge_id: string | null; subject_id: string | null; payload: unknown; created_at: Date }>(
      tx,
      sql`select id, kind, challenge_id, subject_id, payload, created_at from ${notificationEvents}
          where processed_at is null order by created_at, id limit ${limit} for update skip locked`,
    );
    const now = ctx.clock.now();
    for (const e of events) {
      const recipients = await recipientsOf(tx, { kind: e.kind, challengeId: e.challenge_id, subjectId: e.subject_id, payload: e.payload });
      if (recipients.length > 0) {
        const facts = publicPayload(e.payload);
        const created = await tx
          .insert(notifications)
          .values(recipients.map((r) => ({
            userId: r.userId, eventId: e.id, kind: e.kind, challengeId: e.challenge_id, subjectId: e.subject_id,
            payload: r.via ? { ...facts, via: r.via } : facts, createdAt: new Date(e.created_at),
          })))
          .onConflictDoNothing()
          .returning({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, challengeId: notifications.challengeId, subjectId: notifications.subjectId, payload: notifications.payload });
        if (ctx.mail) {
          await queueNotificationMails(tx, ctx.mail, now, created.map((n) => ({ ...n, payload: (n.payload ?? {}) as Record<string, unknown> })));
        }
      }
      await tx.update(notificationEvents).set({ processedAt: now }).where(eq(notificationEvents.id, e.id));
    }
    return events.length;
  });
}

/** What a notification keeps of its event: the facts meant for the recipient, not how recipients were chosen. */
function publicPayload(payload: unknown): Record<string, unknown> {
  const { actorId: _a, recipientIds: _r, ...rest } = (payload ?? {}) as Record<string, unknown>;
  return rest;
}

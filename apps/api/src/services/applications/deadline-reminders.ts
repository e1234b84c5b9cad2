import { applications, challenges } from '@challenge/db';
import { and, asc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { recordEvent } from '../notifications/events';

export const DEADLINE_REMINDER_BATCH_SIZE = 100;
const DAY_MS = 24 * 3600_000;

/**
 * One batch of the draft reminders (issue: oversight and reach — "application deadline in 3 days and
 * 1 day (for drafts)"): a draft whose challenge is still open and closes within 3 days tells its author
 * once; within 1 day, once more. A draft first seen inside the last day gets only the 1-day reminder.
 * Returns how many drafts were handled.
 */
export async function remindDraftDeadlines(ctx: ServiceContext): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const in1d = new Date(now.getTime() + DAY_MS);
    const in3d = new Date(now.getTime() + 3 * DAY_MS);
    const rows = await tx
      .select({ id: applications.id, challengeId: applications.challengeId, createdBy: applications.createdBy, reminded3d: applications.remindedDeadline3dAt, deadline: challenges.deadline })
      .from(applications)
      .innerJoin(challenges, eq(challenges.id, applications.challengeId))
      .where(and(
        eq(applications.state, 'draft'), isNull(applications.remindedDeadline1dAt), eq(challenges.state, 'published'), gt(challenges.deadline, now),
        or(
          and(isNull(applications.remindedDeadline3dAt), lte(challenges.deadline, in3d)),
          lte(challenges.deadline, in1d),
        ),
      ))
      .orderBy(asc(challenges.deadline))
      .limit(DEADLINE_REMINDER_BATCH_SIZE)
      .for('update', { of: applications, skipLocked: true });
    for (const a of rows) {
      const lastDay = a.deadline!.getTime() <= in1d.getTime();
      await tx.update(applications)
        .set(lastDay ? { remindedDeadline1dAt: now, remindedDeadline3dAt: a.reminded3d ?? now } : { remindedDeadline3dAt: now })
        .where(eq(applications.id, a.id));
      await recordEvent(tx, {
        kind: 'application_deadline_soon', challengeId: a.challengeId, subjectId: a.id, at: now,
        payload: { recipientIds: [a.createdBy], days: lastDay ? 1 : 3, deadline: a.deadline!.toISOString() },
      });
    }
    return rows.length;
  });
}

import { appendAudit, challenges } from '@challenge/db';
import { challengeMachine, transition, type Actor } from '@challenge/domain';
import { and, asc, eq, lte } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { reindex } from '../search/engine';
import { challengeAuditSnapshot, isOwner, lockVisibleChallenge } from './records';
import { assertDeadlineReached } from './rules';

/**
 * The bureau records that a published challenge's deadline has passed: `published` → `closed`.
 * Readers already see it closed from the deadline instant on; this only records it.
 */
export async function closeChallenge(ctx: ServiceContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    const to = transition(challengeMachine, before.state, 'close', actor?.role ?? null, { isOwner: isOwner(actor, before) });
    const now = ctx.clock.now();
    assertDeadlineReached(before, now);
    const [after] = await tx.update(challenges).set({ state: to, closedAt: now, updatedAt: now }).where(eq(challenges.id, id)).returning();
    await reindex(ctx, tx, id);
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'challenge.close', entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before), after: challengeAuditSnapshot(after!),
    });
    return after!;
  });
}

export const CLOSE_BATCH_SIZE = 100;

/**
 * For the background loop: records `closed` for every published challenge whose deadline has
 * passed, as the system, up to `batchSize` per call (call again while it returns a full batch).
 * Rows another transaction holds are skipped (FOR UPDATE SKIP LOCKED) and picked up next time, so
 * the loop never waits on, nor fights with, a bureau officer amending or closing the same challenge.
 * Returns the ids closed.
 */
export async function closeDueChallenges(ctx: ServiceContext, batchSize = CLOSE_BATCH_SIZE): Promise<string[]> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const due = await tx
      .select()
      .from(challenges)
      .where(and(eq(challenges.state, 'published'), lte(challenges.deadline, now)))
      .orderBy(asc(challenges.deadline), asc(challenges.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    for (const before of due) {
      const to = transition(challengeMachine, before.state, 'close', 'system');
      const [after] = await tx.update(challenges).set({ state: to, closedAt: now, updatedAt: now }).where(eq(challenges.id, before.id)).returning();
      await reindex(ctx, tx, before.id);
      await appendAudit(tx, {
        at: now, actorId: null, actorRole: 'system', action: 'challenge.close', entityType: 'challenge', entityId: before.id,
        before: challengeAuditSnapshot(before), after: challengeAuditSnapshot(after!),
      });
    }
    return due.map((c) => c.id);
  });
}

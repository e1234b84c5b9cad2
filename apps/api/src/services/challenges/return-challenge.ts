import { appendAudit, challengeReviews, challenges } from '@challenge/db';
import { challengeMachine, transition, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { reindex } from '../search/engine';
import { challengeAuditSnapshot, isOwner, lockVisibleChallenge } from './records';

/** The bureau returns a challenge in review to its owner with reasons: `pending_review` → `draft`. */
export async function returnChallenge(ctx: ServiceContext, actor: Actor, id: string, reasons: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    const to = transition(challengeMachine, before.state, 'return', actor?.role ?? null, { isOwner: isOwner(actor, before) });
    const now = ctx.clock.now();
    const text = reasons.trim();
    const [after] = await tx.update(challenges).set({ state: to, reviewReasons: text, updatedAt: now }).where(eq(challenges.id, id)).returning();
    await reindex(ctx, tx, id);
    await tx.insert(challengeReviews).values({ challengeId: id, decision: 'returned', reasons: text, reviewedBy: actor!.userId, createdAt: now });
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'challenge.return', entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before), after: challengeAuditSnapshot(after!),
    });
    return after!;
  });
}

import { appendAudit, challenges } from '@challenge/db';
import { challengeMachine, transition, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { returnChallengeFunds } from '../ledger/challenge-money';
import { reindex } from '../search/engine';
import { challengeAuditSnapshot, isOwner, lockVisibleChallenge } from './records';

/**
 * Cancels with a reason (product.md: the owner in `draft`/`pending_review`, the bureau up to
 * `notice`). A published challenge's reservation goes back to its year's budget and the enterprise's
 * commitment ends, in the same transaction.
 */
export async function cancelChallenge(ctx: ServiceContext, actor: Actor, id: string, reason: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    const to = transition(challengeMachine, before.state, 'cancel', actor?.role ?? null, { isOwner: isOwner(actor, before) });
    const now = ctx.clock.now();
    if (before.fiscalYear !== null) await returnChallengeFunds(tx, actor, { challengeId: id, fiscalYear: before.fiscalYear }, now);
    const [after] = await tx
      .update(challenges)
      .set({ state: to, cancelledAt: now, cancelReason: reason.trim(), updatedAt: now })
      .where(eq(challenges.id, id))
      .returning();
    await reindex(ctx, tx, id);
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'challenge.cancel', entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before), after: challengeAuditSnapshot(after!),
    });
    return after!;
  });
}

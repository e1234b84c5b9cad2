import { appendAudit, challenges } from '@challenge/db';
import { assertReadyForSubmission, challengeMachine, transition, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { reindex } from '../search/engine';
import { challengeAuditSnapshot, draftOf, isOwner, loadIndicators, lockVisibleChallenge } from './records';

/** The owner submits a complete draft for the bureau's review: `draft` → `pending_review`. */
export async function submitChallenge(ctx: ServiceContext, actor: Actor, id: string) {
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    const to = transition(challengeMachine, before.state, 'submit', actor?.role ?? null, { isOwner: isOwner(actor, before) });
    const now = ctx.clock.now();
    const indicators = await loadIndicators(tx, id);
    assertReadyForSubmission(draftOf(before, indicators), now);
    const [after] = await tx.update(challenges).set({ state: to, submittedAt: now, updatedAt: now }).where(eq(challenges.id, id)).returning();
    await reindex(ctx, tx, id);
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'challenge.submit', entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before), after: challengeAuditSnapshot(after!),
    });
    return after!;
  });
}

import { appendAudit, confidentialityAcceptances, organizations } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { lockVisibleChallenge } from './records';

/**
 * A signed-in solver of a verified organisation accepts a restricted challenge's confidentiality
 * terms — the version the challenge carries, which must be the one the solver was shown. Accepting
 * again changes nothing.
 */
export async function acceptConfidentiality(ctx: ServiceContext, actor: Actor, id: string, termsVersion: string) {
  return inTransaction(ctx, async (tx) => {
    const challenge = await lockVisibleChallenge(tx, actor, id);
    if (actor?.role !== 'solver' || !actor.organizationId) throw new AppError('forbidden', { entity: 'challenge', action: 'accept_confidentiality' });
    const [org] = await tx.select({ status: organizations.status }).from(organizations).where(eq(organizations.id, actor.organizationId)).limit(1);
    if (org?.status !== 'verified') throw new AppError('organization_not_verified');
    if (challenge.visibility !== 'restricted') throw new AppError('confidentiality_not_required');
    if (termsVersion !== challenge.confidentialityTermsVersion) throw AppError.invalid([{ field: 'termsVersion', code: 'outdated' }]);
    const now = ctx.clock.now();
    const inserted = await tx
      .insert(confidentialityAcceptances)
      .values({ challengeId: id, userId: actor.userId, termsVersion, acceptedAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted.length > 0) {
      await appendAudit(tx, {
        at: now, actorId: actor.userId, actorRole: actor.role, action: 'challenge.accept_confidentiality', entityType: 'challenge', entityId: id,
        after: { userId: actor.userId, organizationId: actor.organizationId, termsVersion },
      });
    }
    return { firstTime: inserted.length > 0 };
  });
}

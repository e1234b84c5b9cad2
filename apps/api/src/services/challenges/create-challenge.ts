import { appendAudit, challenges, organizations } from '@challenge/db';
import { AppError, CURRENT_CONFIDENTIALITY_TERMS_VERSION, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import type { ChallengeCreateInput } from '../../schemas/challenges';
import { inTransaction, type ServiceContext } from '../context';
import { reindex } from '../search/engine';
import { draftBounty, draftColumns, replaceIndicators } from './draft-input';
import { challengeAuditSnapshot } from './records';

/** An enterprise of a verified organisation starts a draft (product.md step 2; only verified enterprises submit). */
export async function createChallenge(ctx: ServiceContext, actor: Actor, input: ChallengeCreateInput) {
  if (actor?.role !== 'enterprise' || !actor.organizationId) throw new AppError('forbidden', { entity: 'challenge', action: 'create' });
  const organizationId = actor.organizationId;
  const columns = draftColumns(input);
  return inTransaction(ctx, async (tx) => {
    // Locked so a decision on the organisation cannot interleave with this check.
    const [org] = await tx.select({ status: organizations.status, kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId)).for('share').limit(1);
    if (org?.status !== 'verified') throw new AppError('organization_not_verified');
    if (org.kind !== 'enterprise') throw new AppError('organization_kind_not_allowed');
    const now = ctx.clock.now();
    const enterpriseShareFen = columns.enterpriseShareFen ?? 0;
    const requestedSpecialFundFen = columns.requestedSpecialFundFen ?? 0;
    const [created] = await tx
      .insert(challenges)
      .values({
        ...columns,
        titleZh: columns.titleZh!,
        ownerOrganizationId: organizationId,
        createdBy: actor.userId,
        state: 'draft',
        enterpriseShareFen,
        requestedSpecialFundFen,
        bountyFen: draftBounty({ enterpriseShareFen, requestedSpecialFundFen }),
        confidentialityTermsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const indicators = await replaceIndicators(tx, created!.id, input.indicators ?? []);
    await reindex(ctx, tx, created!.id);
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: 'challenge.create', entityType: 'challenge', entityId: created!.id,
      after: challengeAuditSnapshot(created!, indicators),
    });
    return created!;
  });
}

import { appendAudit, challengeReviews, challenges } from '@challenge/db';
import {
  approveBounty, assertReadyForPublication, challengeMachine, CURRENT_CONFIDENTIALITY_TERMS_VERSION, transition, type Actor,
} from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { fiscalYearOf, reserveOnApproval } from '../ledger/challenge-money';
import { reindex } from '../search/engine';
import { challengeAuditSnapshot, draftOf, isOwner, loadIndicators, lockVisibleChallenge } from './records';

/**
 * The bureau publishes (发榜): `pending_review` → `published`, setting the special-fund match, which
 * may be less than requested; the bounty follows (product.md "Money by funding source"). The rules of
 * submission are checked again with this moment's clock (a deadline may have passed in review).
 * The match is reserved against this fiscal year's special-fund budget, refused when the year's
 * remainder is short, and the enterprise's share recorded as committed, in the same transaction.
 */
export async function approveChallenge(ctx: ServiceContext, actor: Actor, id: string, input: { specialFundFen: number; note?: string }) {
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    const to = transition(challengeMachine, before.state, 'approve', actor?.role ?? null, { isOwner: isOwner(actor, before) });
    const now = ctx.clock.now();
    const { specialFundFen, bountyFen } = approveBounty(before, input.specialFundFen);
    assertReadyForPublication(draftOf(before, await loadIndicators(tx, id)), now, specialFundFen);
    const fiscalYear = fiscalYearOf(now);
    await reserveOnApproval(tx, actor, { challengeId: id, fiscalYear }, { specialFundFen, enterpriseShareFen: before.enterpriseShareFen }, now);
    const [after] = await tx
      .update(challenges)
      .set({
        state: to, specialFundFen, bountyFen, fiscalYear, publishedAt: now, reviewReasons: null, updatedAt: now,
        // The terms in force when the challenge goes public are the ones solvers accept.
        confidentialityTermsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION,
      })
      .where(eq(challenges.id, id))
      .returning();
    await reindex(ctx, tx, id);
    await tx.insert(challengeReviews).values({ challengeId: id, decision: 'approved', reasons: input.note?.trim() || null, specialFundFen, reviewedBy: actor!.userId, createdAt: now });
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'challenge.approve', entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before), after: challengeAuditSnapshot(after!),
    });
    return after!;
  });
}

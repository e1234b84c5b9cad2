import { appendAudit, applications, challenges } from '@challenge/db';
import { AppError, applicationMachine, challengeMachine, transition, type Actor, type ChallengeState } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { challengeAuditSnapshot } from '../challenges/records';
import { inTransaction, type ServiceContext } from '../context';
import { recordEvent } from '../notifications/events';
import { reindex } from '../search/engine';
import { applicationAuditSnapshot, lockApplication, type ApplicationRow } from './records';

export interface EligibilityInput {
  eligible: boolean;
  /** Required when not eligible: the applicant is told why. */
  reason?: string;
}

/**
 * The bureau's eligibility check of a submitted application after the deadline (product.md step 6):
 * `submitted` → `eligible` or `ineligible` (with a reason the applicant sees). The first check starts
 * the challenge's review (`closed` → `reviewing`; a challenge past its deadline whose close the
 * background loop has not recorded yet is closed first). The applicant hears of the result.
 */
export async function decideEligibility(ctx: ServiceContext, actor: Actor, id: string, input: EligibilityInput): Promise<ApplicationRow> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    if (actor?.role !== 'bureau') throw new AppError(actor ? 'forbidden' : 'unauthenticated', { entity: 'application', action: 'mark_eligible' });
    const { application } = await lockApplication(tx, actor, id, now);
    const [challenge] = await tx.select().from(challenges).where(eq(challenges.id, application.challengeId)).for('update');
    if (!challenge!.deadline || now.getTime() < challenge!.deadline.getTime()) throw new AppError('deadline_not_reached');
    const reason = input.reason?.trim() ?? '';
    if (!input.eligible && reason.length < 2) throw AppError.invalid([{ field: 'reason', code: 'required' }]);
    const to = transition(applicationMachine, application.state, input.eligible ? 'mark_eligible' : 'mark_ineligible', 'bureau');

    let state: ChallengeState = challenge!.state;
    if (state === 'published') state = transition(challengeMachine, state, 'close', 'system');
    if (state === 'closed') state = transition(challengeMachine, state, 'start_review', 'bureau');
    if (state !== 'reviewing') throw new AppError('illegal_transition', { entity: 'challenge', from: challenge!.state, action: 'start_review' });
    if (state !== challenge!.state) {
      const [after] = await tx
        .update(challenges)
        .set({ state, closedAt: challenge!.closedAt ?? now, updatedAt: now })
        .where(eq(challenges.id, challenge!.id))
        .returning();
      await reindex(ctx, tx, challenge!.id);
      await appendAudit(tx, {
        at: now, actorId: actor.userId, actorRole: actor.role, action: 'challenge.start_review', entityType: 'challenge', entityId: challenge!.id,
        before: challengeAuditSnapshot(challenge!), after: challengeAuditSnapshot(after!),
      });
    }

    const [after] = await tx
      .update(applications)
      .set({ state: to, eligibilityReason: reason || null, updatedAt: now })
      .where(eq(applications.id, id))
      .returning();
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: `application.${input.eligible ? 'mark_eligible' : 'mark_ineligible'}`,
      entityType: 'application', entityId: id, before: applicationAuditSnapshot(application), after: { ...applicationAuditSnapshot(after!), reason: reason || null },
    });
    await recordEvent(tx, { kind: 'eligibility_result', challengeId: challenge!.id, subjectId: id, payload: { state: to }, at: now });
    return after!;
  });
}

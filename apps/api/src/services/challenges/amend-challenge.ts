import { appendAudit, challengeAmendments, challenges } from '@challenge/db';
import { AppError, deadlineTooFar, type Actor, type AmendmentKind } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { recordEvent } from '../notifications/events';
import { reindex } from '../search/engine';
import { challengeAuditSnapshot, lockVisibleChallenge } from './records';
import { assertAmendable } from './rules';

export interface AmendmentInput {
  kind: AmendmentKind;
  textZh: string;
  textEn?: string;
  newDeadline?: Date;
}

/**
 * Publishes a dated note on a published challenge before its deadline: a clarification (owner or
 * bureau) or a deadline extension (bureau only, to a later instant at most two years from now), recorded in the audit log.
 */
export async function amendChallenge(ctx: ServiceContext, actor: Actor, id: string, input: AmendmentInput) {
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    const now = ctx.clock.now();
    assertAmendable(actor, before, input.kind, now);
    const extension = input.kind === 'deadline_extension';
    if (extension) {
      if (!input.newDeadline) throw AppError.invalid([{ field: 'newDeadline', code: 'required' }]);
      if (!(input.newDeadline.getTime() > before.deadline!.getTime())) throw AppError.invalid([{ field: 'newDeadline', code: 'not_later' }]);
      const tooFar = deadlineTooFar('newDeadline', input.newDeadline, now);
      if (tooFar) throw AppError.invalid([tooFar]);
    } else if (input.newDeadline) {
      throw AppError.invalid([{ field: 'newDeadline', code: 'additionalProperties' }]);
    }
    const [amendment] = await tx
      .insert(challengeAmendments)
      .values({
        challengeId: id, kind: input.kind, textZh: input.textZh.trim(), textEn: input.textEn?.trim() || null,
        oldDeadline: extension ? before.deadline : null, newDeadline: extension ? input.newDeadline! : null, createdBy: actor!.userId, createdAt: now,
      })
      .returning();
    const [after] = await tx
      .update(challenges)
      .set({ ...(extension ? { deadline: input.newDeadline! } : {}), updatedAt: now })
      .where(eq(challenges.id, id))
      .returning();
    // A clarification changes nothing search holds; a new deadline changes the deadline filter and sort.
    if (extension) await reindex(ctx, tx, id);
    await recordEvent(tx, {
      kind: 'challenge_amended', challengeId: id, subjectId: amendment!.id, payload: { actorId: actor!.userId, amendmentKind: input.kind }, at: now,
    });
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: `challenge.amend.${input.kind}`, entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before),
      after: { ...challengeAuditSnapshot(after!), amendment: { id: amendment!.id, kind: amendment!.kind, textZh: amendment!.textZh, textEn: amendment!.textEn } },
    });
    return amendment!;
  });
}

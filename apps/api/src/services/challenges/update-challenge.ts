import { appendAudit, challenges } from '@challenge/db';
import type { Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import type { ChallengePatchInput } from '../../schemas/challenges';
import { inTransaction, type ServiceContext } from '../context';
import { reindex } from '../search/engine';
import { draftBounty, draftColumns, replaceIndicators } from './draft-input';
import { challengeAuditSnapshot, loadIndicators, lockVisibleChallenge } from './records';
import { assertDraftEditable } from './rules';

/** The owner edits a draft (including one the bureau returned); only the fields given change. */
export async function updateChallenge(ctx: ServiceContext, actor: Actor, id: string, input: ChallengePatchInput) {
  const columns = draftColumns(input);
  return inTransaction(ctx, async (tx) => {
    const before = await lockVisibleChallenge(tx, actor, id);
    assertDraftEditable(actor, before);
    const indicatorsBefore = await loadIndicators(tx, id);
    const now = ctx.clock.now();
    const shares = {
      enterpriseShareFen: columns.enterpriseShareFen ?? before.enterpriseShareFen,
      requestedSpecialFundFen: columns.requestedSpecialFundFen ?? before.requestedSpecialFundFen,
    };
    const [after] = await tx
      .update(challenges)
      .set({ ...columns, bountyFen: draftBounty(shares), updatedAt: now })
      .where(eq(challenges.id, id))
      .returning();
    const indicators = input.indicators ? await replaceIndicators(tx, id, input.indicators) : indicatorsBefore;
    await reindex(ctx, tx, id);
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'challenge.update', entityType: 'challenge', entityId: id,
      before: challengeAuditSnapshot(before, indicatorsBefore), after: challengeAuditSnapshot(after!, indicators),
    });
    return after!;
  });
}

import { appendAudit, challengeRubrics, challenges, reviewAssignments, type Db } from '@challenge/db';
import { AppError, DEFAULT_RUBRIC, rubricIssues, type Actor, type RubricCriterion } from '@challenge/domain';
import { and, eq, isNotNull } from 'drizzle-orm';
import { challengeAccess, isOwner, NO_FACTS } from '../challenges/access';
import { inTransaction, type ServiceContext } from '../context';
import { lockVisibleChallenge } from '../challenges/records';

/** The rubric a challenge is scored by: the bureau's, else the default (product.md step 6). */
export async function rubricOf(db: Db, challengeId: string): Promise<readonly RubricCriterion[]> {
  const [row] = await db.select({ criteria: challengeRubrics.criteria }).from(challengeRubrics).where(eq(challengeRubrics.challengeId, challengeId));
  return (row?.criteria as RubricCriterion[] | undefined) ?? DEFAULT_RUBRIC;
}

/** The bureau sets the criteria and weights until the first score is in (then they are what experts scored against). */
export async function setRubric(ctx: ServiceContext, actor: Actor, challengeId: string, criteria: RubricCriterion[]) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'rubric', action: 'update' });
  const issues = rubricIssues(criteria);
  if (issues.length > 0) throw AppError.invalid(issues);
  return inTransaction(ctx, async (tx) => {
    await lockVisibleChallenge(tx, actor, challengeId);
    const [scored] = await tx.select({ id: reviewAssignments.id }).from(reviewAssignments)
      .where(and(eq(reviewAssignments.challengeId, challengeId), isNotNull(reviewAssignments.scoredAt))).limit(1);
    if (scored) throw new AppError('review_started');
    const before = await rubricOf(tx, challengeId);
    const now = ctx.clock.now();
    const values = { criteria: criteria.map(({ key, weight }) => ({ key, weight })), updatedBy: actor.userId, updatedAt: now };
    await tx.insert(challengeRubrics).values({ challengeId, ...values }).onConflictDoUpdate({ target: challengeRubrics.challengeId, set: values });
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: 'challenge.rubric', entityType: 'challenge', entityId: challengeId,
      before: { rubric: before }, after: { rubric: values.criteria },
    });
    return values.criteria;
  });
}

/** The rubric for those who work with it: the bureau, the owner organisation, and the challenge's assigned experts. */
export async function readRubric(ctx: ServiceContext, actor: Actor, challengeId: string): Promise<readonly RubricCriterion[]> {
  if (!actor) throw new AppError('unauthenticated');
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!c || challengeAccess(actor, c, NO_FACTS) === 'none') throw new AppError('not_found');
  const assigned = actor.role === 'expert'
    && (await ctx.db.select({ id: reviewAssignments.id }).from(reviewAssignments).where(and(eq(reviewAssignments.challengeId, challengeId), eq(reviewAssignments.expertId, actor.userId))).limit(1)).length > 0;
  if (actor.role !== 'bureau' && !isOwner(actor, c) && !assigned) throw new AppError('forbidden', { entity: 'rubric', action: 'read' });
  return rubricOf(ctx.db, challengeId);
}

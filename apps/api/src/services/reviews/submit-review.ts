import { appendAudit, applications, challenges, organizations, reviewAssignments } from '@challenge/db';
import { AppError, scoreIssues, weightedTotalTenths, type Actor, type ScoreSheet } from '@challenge/domain';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { rubricOf } from './rubric';

export type ReviewInput = { conflict: true; reason: string } | { conflict: false } | { scores: ScoreSheet };

const requireExpert = (actor: Actor) => {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'expert') throw new AppError('forbidden', { entity: 'review', action: 'submit' });
  return actor;
};

/**
 * The assigned expert's work on one application, while the challenge is in review: first the
 * conflict declaration (final: a declared conflict recuses the expert, who then loses sight of the
 * application), then the rubric's scores, each with a comment, which may be revised until the
 * decision. Anyone not assigned is answered as if the application did not exist.
 */
export async function submitReview(ctx: ServiceContext, actor: Actor, applicationId: string, input: ReviewInput) {
  const expert = requireExpert(actor);
  return inTransaction(ctx, async (tx) => {
    const [assignment] = await tx.select().from(reviewAssignments)
      .where(and(eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.expertId, expert.userId))).for('update');
    if (!assignment || assignment.conflict === true) throw new AppError('not_found');
    const [challenge] = await tx.select({ state: challenges.state }).from(challenges).where(eq(challenges.id, assignment.challengeId));
    if (challenge!.state !== 'reviewing') throw new AppError('illegal_transition', { entity: 'review', from: challenge!.state, action: 'submit' });
    const now = ctx.clock.now();

    if ('conflict' in input) {
      if (assignment.conflict !== null) throw new AppError('illegal_transition', { entity: 'review', from: 'declared', action: 'declare' });
      const reason = input.conflict ? input.reason.trim() : null;
      if (input.conflict && !reason) throw AppError.invalid([{ field: 'reason', code: 'required' }]);
      if (input.conflict && reason!.length < 2) throw AppError.invalid([{ field: 'reason', code: 'minLength', params: { limit: 2 } }]);
      const [after] = await tx.update(reviewAssignments).set({ conflict: input.conflict, conflictReason: reason, declaredAt: now })
        .where(eq(reviewAssignments.id, assignment.id)).returning();
      await appendAudit(tx, {
        at: now, actorId: expert.userId, actorRole: expert.role, action: input.conflict ? 'review.recuse' : 'review.declare_no_conflict',
        entityType: 'application', entityId: applicationId, before: null, after: { assignmentId: assignment.id, conflict: input.conflict, reason },
      });
      return after!;
    }

    if (assignment.conflict === null) throw new AppError('conflict_declaration_required');
    const rubric = await rubricOf(tx, assignment.challengeId);
    const issues = scoreIssues(rubric, input.scores);
    if (issues.length > 0) throw AppError.invalid(issues);
    const totalTenths = weightedTotalTenths(rubric, input.scores);
    const scores = Object.fromEntries(rubric.map(({ key }) => [key, { score: input.scores[key]!.score, comment: input.scores[key]!.comment!.trim() }]));
    const [after] = await tx.update(reviewAssignments).set({ scores, totalTenths, scoredAt: now }).where(eq(reviewAssignments.id, assignment.id)).returning();
    await appendAudit(tx, {
      at: now, actorId: expert.userId, actorRole: expert.role, action: 'review.score', entityType: 'application', entityId: applicationId,
      before: assignment.totalTenths === null ? null : { totalTenths: assignment.totalTenths }, after: { assignmentId: assignment.id, totalTenths },
    });
    return after!;
  });
}

/** The expert's own assignment to one application, with the scores saved so far; a recused expert's is gone. */
export async function readMyReview(ctx: ServiceContext, actor: Actor, applicationId: string) {
  const expert = requireExpert(actor);
  const [assignment] = await ctx.db.select().from(reviewAssignments)
    .where(and(eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.expertId, expert.userId)));
  if (!assignment || assignment.conflict === true) throw new AppError('not_found');
  return assignment;
}

/**
 * The expert's assignments, newest first: which challenge, which organisation applied (and its
 * partners — what a conflict is declared about), the declaration and the total so far. Never another
 * expert's work.
 */
export async function listMyReviews(ctx: ServiceContext, actor: Actor) {
  const expert = requireExpert(actor);
  const rows = await ctx.db
    .select({
      r: reviewAssignments, titleZh: challenges.titleZh, titleEn: challenges.titleEn, challengeState: challenges.state,
      partners: applications.partnerOrganizationIds, orgNameZh: organizations.nameZh, orgNameEn: organizations.nameEn,
    })
    .from(reviewAssignments)
    .innerJoin(challenges, eq(challenges.id, reviewAssignments.challengeId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(reviewAssignments.expertId, expert.userId))
    .orderBy(desc(reviewAssignments.assignedAt), desc(reviewAssignments.id));
  const partnerIds = [...new Set(rows.flatMap((r) => r.partners))];
  const partnerNames = partnerIds.length === 0 ? [] : await ctx.db.select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations)
    .where(inArray(organizations.id, partnerIds));
  return rows.map((row) => ({
    assignmentId: row.r.id,
    applicationId: row.r.applicationId,
    challenge: { id: row.r.challengeId, titleZh: row.titleZh, titleEn: row.titleEn, state: row.challengeState },
    applicant: { nameZh: row.orgNameZh, nameEn: row.orgNameEn },
    partners: row.partners.map((id) => partnerNames.find((p) => p.id === id)).filter((p) => !!p).map((p) => ({ nameZh: p!.nameZh, nameEn: p!.nameEn })),
    assignedAt: row.r.assignedAt.toISOString(),
    conflict: row.r.conflict,
    declaredAt: row.r.declaredAt?.toISOString() ?? null,
    totalTenths: row.r.totalTenths,
    scoredAt: row.r.scoredAt?.toISOString() ?? null,
  }));
}

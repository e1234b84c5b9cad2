import { challenges, reviewAssignments, users } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';

/**
 * Every expert assigned to the challenge's applications, for the bureau: who has not declared yet,
 * who recused and why (to assign someone else), who has scored. Only the bureau: the names of the
 * reviewers are never shown to applicants or owners.
 */
export async function listAssignments(ctx: ServiceContext, actor: Actor, challengeId: string) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'review', action: 'list_assignments' });
  const [challenge] = await ctx.db.select({ id: challenges.id }).from(challenges).where(eq(challenges.id, challengeId));
  if (!challenge) throw new AppError('not_found');
  const rows = await ctx.db
    .select({ r: reviewAssignments, displayName: users.displayName })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.expertId))
    .where(eq(reviewAssignments.challengeId, challengeId))
    .orderBy(asc(reviewAssignments.applicationId), asc(reviewAssignments.assignedAt), asc(users.displayName));
  return rows.map(({ r, displayName }) => ({
    assignmentId: r.id,
    applicationId: r.applicationId,
    expert: { id: r.expertId, displayName },
    assignedAt: r.assignedAt.toISOString(),
    conflict: r.conflict,
    conflictReason: r.conflictReason,
    declaredAt: r.declaredAt?.toISOString() ?? null,
    totalTenths: r.totalTenths,
    scoredAt: r.scoredAt?.toISOString() ?? null,
  }));
}

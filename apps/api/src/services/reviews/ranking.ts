import { applications, applicationVersions, challenges, organizations, reviewAssignments } from '@challenge/db';
import { AppError, aggregateReviews, rankApplications, type Actor } from '@challenge/domain';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeAccess, isOwner, NO_FACTS } from '../challenges/access';
import { rubricOf } from './rubric';

const RANKED_STATES = ['eligible', 'under_review', 'selected', 'not_selected', 'awarded'] as const;

/**
 * The ranking of a challenge's eligible applications (product.md step 6): each application's scored
 * reviews aggregated by the domain rule (five or more: highest and lowest total dropped), with mean
 * and spread, ordered with the rule's tie-breaks. For the bureau and, once the deadline has passed,
 * the owner. Never who reviewed, nor any single expert's scores.
 */
export async function challengeRanking(ctx: ServiceContext, actor: Actor, challengeId: string) {
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!c || challengeAccess(actor, c, NO_FACTS) === 'none') throw new AppError('not_found');
  const bureau = actor?.role === 'bureau';
  if (!bureau && !isOwner(actor, c)) throw new AppError('forbidden', { entity: 'ranking', action: 'read' });
  const now = ctx.clock.now();
  if (!bureau && (!c.deadline || now.getTime() < c.deadline.getTime())) throw new AppError('deadline_not_reached');

  const apps = await ctx.db
    .select({ id: applications.id, state: applications.state, nameZh: organizations.nameZh, nameEn: organizations.nameEn, requestedFen: applications.requestedFen })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(and(eq(applications.challengeId, challengeId), inArray(applications.state, [...RANKED_STATES])));
  const ids = apps.map((a) => a.id);
  const [totals, versions] = ids.length === 0 ? [[], []] : await Promise.all([
    ctx.db.select({ applicationId: reviewAssignments.applicationId, totalTenths: reviewAssignments.totalTenths }).from(reviewAssignments)
      .where(and(inArray(reviewAssignments.applicationId, ids), eq(reviewAssignments.conflict, false), isNotNull(reviewAssignments.scoredAt))),
    ctx.db.selectDistinctOn([applicationVersions.applicationId], { applicationId: applicationVersions.applicationId, submittedAt: applicationVersions.submittedAt, receiptNumber: applicationVersions.receiptNumber, requestedFen: applicationVersions.requestedFen })
      .from(applicationVersions).where(inArray(applicationVersions.applicationId, ids))
      .orderBy(applicationVersions.applicationId, desc(applicationVersions.version)),
  ]);
  const entries = apps.map((a) => {
    const aggregate = aggregateReviews(totals.filter((t) => t.applicationId === a.id).map((t) => t.totalTenths! / 10));
    const v = versions.find((x) => x.applicationId === a.id);
    return {
      applicationId: a.id, state: a.state, organization: { nameZh: a.nameZh, nameEn: a.nameEn }, receiptNumber: v?.receiptNumber ?? null,
      requestedFen: v?.requestedFen ?? a.requestedFen, mean: aggregate.mean, reviewCount: aggregate.count, submittedAt: v?.submittedAt ?? new Date(0), aggregate,
    };
  });
  const ranked = rankApplications(entries).map(({ submittedAt, ...e }) => ({ ...e, submittedAt: submittedAt.toISOString() }));
  return { challengeId, rubric: await rubricOf(ctx.db, challengeId), items: ranked };
}

import { challenges, organizations, projectMilestones, projects, releases, type Db } from '@challenge/db';
import { AppError, type Actor, type TransitionContext } from '@challenge/domain';
import { asc, eq } from 'drizzle-orm';

export type ProjectRow = typeof projects.$inferSelect;
export type MilestoneRow = typeof projectMilestones.$inferSelect;
export type ReleaseRow = typeof releases.$inferSelect;

/** Who the actor is to a project: the solver's organisation, the owner's, or staff who see all. */
export interface ProjectRelation extends TransitionContext {
  readonly isApplicant: boolean;
  readonly isOwner: boolean;
}

/**
 * The project and the actor's relation to it; `not_found` for anyone who may not know it exists
 * (product.md: a solver sees its own projects, an enterprise those of its challenges; the bureau and
 * finance all of them; experts none).
 */
export async function projectFor(db: Db, actor: Actor, projectId: string, opts: { lock?: boolean } = {}) {
  if (!actor) throw new AppError('unauthenticated');
  const query = db.select({ p: projects, ownerOrganizationId: challenges.ownerOrganizationId, fiscalYear: challenges.fiscalYear, challengeState: challenges.state })
    .from(projects).innerJoin(challenges, eq(challenges.id, projects.challengeId)).where(eq(projects.id, projectId));
  const [found] = opts.lock ? await query.for('update', { of: projects }) : await query;
  if (!found) throw new AppError('not_found');
  const relation: ProjectRelation = {
    isApplicant: !!actor.organizationId && actor.organizationId === found.p.organizationId,
    isOwner: !!actor.organizationId && actor.organizationId === found.ownerOrganizationId,
  };
  const staff = actor.role === 'bureau' || actor.role === 'finance';
  if (!staff && !relation.isApplicant && !relation.isOwner) throw new AppError('not_found');
  return { project: found.p, ownerOrganizationId: found.ownerOrganizationId, fiscalYear: found.fiscalYear, challengeState: found.challengeState, relation };
}

export const milestonesOf = (db: Db, projectId: string) =>
  db.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.position));

export const releasesOf = (db: Db, projectId: string) =>
  db.select().from(releases).where(eq(releases.projectId, projectId)).orderBy(asc(releases.createdAt), asc(releases.source));

/** The milestone, locked, with its project and the actor's relation to it. */
export async function milestoneFor(db: Db, actor: Actor, milestoneId: string) {
  const [m] = await db.select().from(projectMilestones).where(eq(projectMilestones.id, milestoneId)).for('update');
  if (!m) throw new AppError('not_found');
  return { milestone: m, ...(await projectFor(db, actor, m.projectId, { lock: true })) };
}

/** The release, locked, with its project and the actor's relation to it. */
export async function releaseFor(db: Db, actor: Actor, releaseId: string) {
  const [r] = await db.select().from(releases).where(eq(releases.id, releaseId)).for('update');
  if (!r) throw new AppError('not_found');
  return { release: r, ...(await projectFor(db, actor, r.projectId)) };
}

export async function organizationNames(db: Db, id: string) {
  const [o] = await db.select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, id));
  return o!;
}

import { attachments, challenges, organizations, projectChangeRequests, projectIndicatorResults, projects } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, asc, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { attachmentView } from '../attachments/attachment-view';
import type { ServiceContext } from '../context';
import { milestonesOf, projectFor, releasesOf, type MilestoneRow, type ProjectRow, type ReleaseRow } from './records';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const milestoneView = (m: MilestoneRow) => ({
  id: m.id, position: m.position, title: m.title, deliverables: m.deliverables, dueDate: m.dueDate, state: m.state,
  amountFen: m.amountFen, enterpriseShareFen: m.enterpriseShareFen, specialFundFen: m.specialFundFen,
  report: m.report, submittedAt: iso(m.submittedAt), feedback: m.feedback, acceptedAt: iso(m.acceptedAt), verifiedAt: iso(m.verifiedAt),
});

export const releaseView = (r: ReleaseRow) => ({
  id: r.id, projectId: r.projectId, milestoneId: r.milestoneId, source: r.source, amountFen: r.amountFen, state: r.state, createdAt: r.createdAt.toISOString(),
  paymentReference: r.paymentReference, disbursedAt: iso(r.disbursedAt), confirmedAt: iso(r.confirmedAt), disputeReason: r.disputeReason, resolution: r.resolution,
});

type Payee = { accountName: string; bank: string; accountNumber: string };

function projectView(p: ProjectRow, challenge: { id: string; titleZh: string; titleEn: string | null }, org: { id: string; nameZh: string | null; nameEn: string | null }, showPayee: boolean) {
  return {
    id: p.id, challenge, organization: org, state: p.state, awardFen: p.awardFen, enterpriseShareFen: p.enterpriseShareFen, specialFundFen: p.specialFundFen,
    createdAt: p.createdAt.toISOString(), solverSignedAt: iso(p.solverSignedAt), ownerSignedAt: iso(p.ownerSignedAt),
    // The account the solver is paid to: for those who pay it, and the solver itself.
    payee: showPayee ? ((p.payee as Payee | null) ?? null) : null,
    stoppedAt: iso(p.stoppedAt), stopReason: p.stopReason, completedAt: iso(p.completedAt),
  };
}

/** One project with its milestones and releases, for those who may see it. */
export async function getProject(ctx: ServiceContext, actor: Actor, projectId: string) {
  const { project } = await projectFor(ctx.db, actor, projectId);
  const [row] = await ctx.db.select({ c: { id: challenges.id, titleZh: challenges.titleZh, titleEn: challenges.titleEn }, o: { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn } })
    .from(projects).innerJoin(challenges, eq(challenges.id, projects.challengeId)).innerJoin(organizations, eq(organizations.id, projects.organizationId)).where(eq(projects.id, projectId));
  const [milestones, releases, changes, results] = await Promise.all([
    milestonesOf(ctx.db, projectId),
    releasesOf(ctx.db, projectId),
    ctx.db.select().from(projectChangeRequests).where(eq(projectChangeRequests.projectId, projectId)).orderBy(asc(projectChangeRequests.requestedAt)),
    ctx.db.select().from(projectIndicatorResults).where(eq(projectIndicatorResults.projectId, projectId)).orderBy(asc(projectIndicatorResults.position)),
  ]);
  const files = milestones.length === 0 ? [] : await ctx.db.select().from(attachments)
    .where(and(eq(attachments.parentType, 'milestone'), inArray(attachments.parentId, milestones.map((m) => m.id)))).orderBy(asc(attachments.createdAt));
  return {
    ...projectView(project, row!.c, row!.o, true),
    milestones: milestones.map((m) => ({ ...milestoneView(m), attachments: files.filter((f) => f.parentId === m.id).map(attachmentView) })),
    releases: releases.map(releaseView),
    changeRequests: changes.map((r) => ({
      id: r.id, kind: r.kind, milestoneId: r.milestoneId, proposed: r.proposed as Record<string, string>, reason: r.reason, state: r.state,
      requestedAt: r.requestedAt.toISOString(), decidedAt: iso(r.decidedAt), decisionReason: r.decisionReason,
    })),
    indicatorResults: results.map((r) => ({ position: r.position, achieved: r.achieved, evidence: r.evidence, met: r.met, recordedAt: r.recordedAt.toISOString() })),
  };
}

/** The projects the actor takes part in (solver, owner), or all of them (bureau, finance), newest first. */
export async function listProjects(ctx: ServiceContext, actor: Actor) {
  if (!actor) throw new AppError('unauthenticated');
  let where: SQL | undefined;
  if (actor.role === 'solver' || actor.role === 'enterprise') {
    if (!actor.organizationId) return [];
    where = or(eq(projects.organizationId, actor.organizationId), eq(challenges.ownerOrganizationId, actor.organizationId));
  } else if (actor.role !== 'bureau' && actor.role !== 'finance') {
    throw new AppError('forbidden', { entity: 'project', action: 'list' });
  }
  const rows = await ctx.db.select({ p: projects, c: { id: challenges.id, titleZh: challenges.titleZh, titleEn: challenges.titleEn }, o: { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn } })
    .from(projects).innerJoin(challenges, eq(challenges.id, projects.challengeId)).innerJoin(organizations, eq(organizations.id, projects.organizationId))
    .where(where).orderBy(desc(projects.createdAt), desc(projects.id)).limit(200);
  return rows.map((r) => projectView(r.p, r.c, r.o, false));
}

import {
  appendAudit, applications, applicationVersions, challenges, decisionAwards, decisions, objections, projectMilestones, projects,
} from '@challenge/db';
import { AppError, applicationMachine, challengeMachine, splitByLargestRemainder, transition, type Actor, type ApplicationDraft, type ProjectAward } from '@challenge/domain';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { challengeAuditSnapshot, lockVisibleChallenge } from '../challenges/records';
import { inTransaction, type ServiceContext } from '../context';
import { fundsOf, moveAwardsToProjects } from '../ledger/challenge-money';
import { recordEvent } from '../notifications/events';
import { reindex } from '../search/engine';

/**
 * The bureau makes the award final once the notice period is over with no objection open (product.md
 * step 8): `notice` → `awarded`, each winner `awarded`, and a project per winner awaiting signature
 * with the milestones of its submitted plan. A milestone's amount is its share of the plan applied to
 * the award, and its split by source follows the award's — both by the largest-remainder method, so
 * every source adds up exactly to the award. The money follows in the same transaction: each award
 * leaves the challenge's reservation and commitment for its project, and the rest goes back.
 */
export async function finalizeChallenge(ctx: ServiceContext, actor: Actor, challengeId: string) {
  if (!actor) throw new AppError('unauthenticated');
  return inTransaction(ctx, async (tx) => {
    const challenge = await lockVisibleChallenge(tx, actor, challengeId);
    const to = transition(challengeMachine, challenge.state, 'finalize', actor.role);
    const now = ctx.clock.now();
    const [decision] = await tx.select().from(decisions).where(and(eq(decisions.challengeId, challengeId), isNull(decisions.supersededAt))).for('update');
    if (!decision?.noticeEndsAt || now.getTime() < decision.noticeEndsAt.getTime()) throw new AppError('notice_period_running');
    const [open] = await tx.select({ id: objections.id }).from(objections).where(and(eq(objections.decisionId, decision.id), eq(objections.state, 'open'))).limit(1);
    if (open) throw new AppError('objections_open');

    const awards = await tx.select().from(decisionAwards).where(eq(decisionAwards.decisionId, decision.id));
    const created: string[] = [];
    const moved: ProjectAward[] = [];
    for (const award of awards) {
      const [app] = await tx.select().from(applications).where(eq(applications.id, award.applicationId)).for('update');
      const [version] = await tx.select().from(applicationVersions).where(eq(applicationVersions.applicationId, award.applicationId)).orderBy(desc(applicationVersions.version)).limit(1);
      const plan = (version!.content as ApplicationDraft).milestones;
      const amounts = splitByLargestRemainder(award.awardFen, plan.map((m) => m.amountFen ?? 0));
      const enterprise = splitByLargestRemainder(award.enterpriseShareFen, amounts);
      const [project] = await tx.insert(projects).values({
        challengeId, applicationId: app!.id, organizationId: app!.organizationId, awardFen: award.awardFen,
        enterpriseShareFen: award.enterpriseShareFen, specialFundFen: award.specialFundFen, createdAt: now,
      }).returning();
      await tx.insert(projectMilestones).values(plan.map((m, i) => ({
        projectId: project!.id, position: i, title: m.title ?? '', deliverables: m.deliverables, dueDate: m.dueDate!,
        amountFen: amounts[i]!, enterpriseShareFen: enterprise[i]!, specialFundFen: amounts[i]! - enterprise[i]!,
      })));
      await tx.update(applications).set({ state: transition(applicationMachine, app!.state, 'award', 'system'), updatedAt: now }).where(eq(applications.id, app!.id));
      await appendAudit(tx, {
        at: now, actorId: actor.userId, actorRole: actor.role, action: 'project.create', entityType: 'project', entityId: project!.id,
        before: null, after: { challengeId, applicationId: app!.id, awardFen: award.awardFen, enterpriseShareFen: award.enterpriseShareFen, specialFundFen: award.specialFundFen, milestones: amounts },
      });
      await recordEvent(tx, { kind: 'awarded', challengeId, subjectId: app!.id, payload: { projectId: project!.id, awardFen: award.awardFen }, at: now });
      created.push(project!.id);
      moved.push({ projectId: project!.id, enterpriseShareFen: award.enterpriseShareFen, specialFundFen: award.specialFundFen });
    }
    // Each award into its project by source; what the awards leave of the bounty goes back.
    await moveAwardsToProjects(tx, actor, fundsOf(challenge), moved, now);
    await tx.update(decisions).set({ finalizedAt: now }).where(eq(decisions.id, decision.id));
    const [after] = await tx.update(challenges).set({ state: to, updatedAt: now }).where(eq(challenges.id, challengeId)).returning();
    await reindex(ctx, tx, challengeId);
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: 'challenge.finalize', entityType: 'challenge', entityId: challengeId,
      before: challengeAuditSnapshot(challenge), after: { ...challengeAuditSnapshot(after!), projects: created },
    });
    return { projects: created };
  });
}

import { challenges, projectMilestones, projects } from '@challenge/db';
import { addDays, beijingDate } from '@challenge/domain';
import { and, asc, eq, isNull, lt, lte, ne, or } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { recordProjectEvent } from './project-events';

export const REMINDER_BATCH_SIZE = 100;

/**
 * One batch of the milestone reminders (issue: projects — "overdue flags by the background loop"):
 * milestones of active projects that are not verified, due within 7 days (both parties told once) or
 * past their due date in Beijing (both parties and the bureau told once — a milestone first seen late
 * is only told as overdue). Rows are taken with SKIP LOCKED, so replicas and a slow officer never
 * wait on each other. Returns how many milestones were handled.
 */
export async function remindDueMilestones(ctx: ServiceContext): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const today = beijingDate(now);
    const rows = await tx
      .select({ m: projectMilestones, p: projects, ownerOrganizationId: challenges.ownerOrganizationId })
      .from(projectMilestones)
      .innerJoin(projects, eq(projects.id, projectMilestones.projectId))
      .innerJoin(challenges, eq(challenges.id, projects.challengeId))
      .where(and(
        eq(projects.state, 'active'), ne(projectMilestones.state, 'verified'),
        or(
          and(isNull(projectMilestones.dueSoonNotifiedAt), lte(projectMilestones.dueDate, addDays(today, 7))),
          and(isNull(projectMilestones.overdueNotifiedAt), lt(projectMilestones.dueDate, today)),
        ),
      ))
      .orderBy(asc(projectMilestones.dueDate))
      .limit(REMINDER_BATCH_SIZE)
      .for('update', { of: projectMilestones, skipLocked: true });
    for (const { m, p, ownerOrganizationId } of rows) {
      const overdue = m.dueDate < today;
      await tx.update(projectMilestones).set(overdue ? { overdueNotifiedAt: now, dueSoonNotifiedAt: m.dueSoonNotifiedAt ?? now } : { dueSoonNotifiedAt: now }).where(eq(projectMilestones.id, m.id));
      await recordProjectEvent(tx, {
        kind: overdue ? 'milestone_overdue' : 'milestone_due_soon', project: p, ownerOrganizationId, subjectId: m.id,
        parties: overdue ? ['solver', 'owner', 'bureau'] : ['solver', 'owner'], at: now, data: { dueDate: m.dueDate },
      });
    }
    return rows.length;
  });
}

import { appendAudit, applications, expertProfiles, reviewAssignments, users } from '@challenge/db';
import { AppError, applicationMachine, assignmentConflict, transition, type Actor, type FieldIssue } from '@challenge/domain';
import { and, arrayOverlaps, eq, inArray } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../context';
import { lockVisibleChallenge } from '../challenges/records';
import { recordEvent } from '../notifications/events';
import { normalizeExpertise } from './experts';

export interface AssignInput {
  applicationIds: string[];
  /** Experts chosen by name … */
  expertIds?: string[];
  /** … or drawn at random from the pool by field, `count` per application (the draw is audited). */
  draw?: { expertise: string[]; count: number };
}

/**
 * The bureau assigns experts to eligible applications while the challenge is in review (product.md
 * step 6). An expert employed by the applicant, one of its consortium partners or the challenge's
 * owner is refused (every such pairing reported at once); a random draw leaves them out of the pool.
 * The first assignment puts an application `under_review`. Each expert is notified.
 */
export async function assignReviewers(ctx: ServiceContext, actor: Actor, challengeId: string, input: AssignInput) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'review', action: 'assign' });
  // Exactly one way of choosing: by name or by draw.
  if (!!input.expertIds?.length === !!input.draw) throw AppError.invalid([{ field: 'expertIds', code: 'required' }]);
  return inTransaction(ctx, async (tx) => {
    const challenge = await lockVisibleChallenge(tx, actor, challengeId);
    if (challenge.state !== 'reviewing') throw new AppError('illegal_transition', { entity: 'challenge', from: challenge.state, action: 'assign_reviewers' });
    const now = ctx.clock.now();
    const ids = [...new Set(input.applicationIds)];
    const apps = await tx.select().from(applications).where(and(inArray(applications.id, ids), eq(applications.challengeId, challengeId))).for('update');
    const issues: FieldIssue[] = [];
    ids.forEach((id, i) => {
      const a = apps.find((x) => x.id === id);
      if (!a) issues.push({ field: `applicationIds.${i}`, code: 'not_found' });
      else if (a.state !== 'eligible' && a.state !== 'under_review') issues.push({ field: `applicationIds.${i}`, code: 'not_eligible' });
    });
    if (issues.length > 0) throw AppError.invalid(issues);

    const pool = await tx
      .select({ id: users.id, organizationId: expertProfiles.organizationId })
      .from(users)
      .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
      .where(and(
        eq(users.role, 'expert'), eq(users.status, 'active'),
        input.expertIds ? inArray(users.id, input.expertIds) : arrayOverlaps(expertProfiles.expertise, normalizeExpertise(input.draw!.expertise)),
      ));
    const existing = await tx.select({ applicationId: reviewAssignments.applicationId, expertId: reviewAssignments.expertId }).from(reviewAssignments)
      .where(inArray(reviewAssignments.applicationId, ids));
    const conflictOf = (a: (typeof apps)[number], expertOrgId: string | null) =>
      assignmentConflict({ expertOrgId, applicantLeadOrgId: a.organizationId, partnerOrgIds: a.partnerOrganizationIds, ownerOrgId: challenge.ownerOrganizationId });

    const chosen = new Map<string, string[]>();
    if (input.expertIds) {
      input.expertIds.forEach((expertId, j) => {
        const expert = pool.find((e) => e.id === expertId);
        if (!expert) return issues.push({ field: `expertIds.${j}`, code: 'not_expert' });
        for (const a of apps) {
          const conflict = conflictOf(a, expert.organizationId);
          if (conflict) issues.push({ field: `expertIds.${j}`, code: 'assignment_conflict', params: { reason: conflict, applicationId: a.id } });
        }
      });
      for (const a of apps) chosen.set(a.id, [...new Set(input.expertIds)]);
    } else {
      for (const a of apps) {
        const taken = new Set(existing.filter((x) => x.applicationId === a.id).map((x) => x.expertId));
        const candidates = pool.filter((e) => !taken.has(e.id) && !conflictOf(a, e.organizationId)).map((e) => e.id);
        if (candidates.length < input.draw!.count) {
          issues.push({ field: 'draw.count', code: 'not_enough_experts', params: { available: candidates.length, applicationId: a.id } });
          continue;
        }
        // A partial Fisher–Yates shuffle with the operating system's randomness: no one can steer the draw.
        for (let i = 0; i < input.draw!.count; i++) {
          const j = i + randomInt(candidates.length - i);
          [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
        }
        chosen.set(a.id, candidates.slice(0, input.draw!.count));
        await appendAudit(tx, {
          at: now, actorId: actor.userId, actorRole: actor.role, action: 'review.draw', entityType: 'application', entityId: a.id,
          before: null, after: { expertise: normalizeExpertise(input.draw!.expertise), pool: candidates.sort(), drawn: chosen.get(a.id) },
        });
      }
    }
    if (issues.length > 0) throw AppError.invalid(issues);

    const created: { applicationId: string; expertId: string }[] = [];
    for (const a of apps) {
      const fresh = chosen.get(a.id)!.filter((expertId) => !existing.some((x) => x.applicationId === a.id && x.expertId === expertId));
      if (fresh.length === 0) continue;
      await tx.insert(reviewAssignments).values(fresh.map((expertId) => ({ applicationId: a.id, challengeId, expertId, assignedBy: actor.userId, assignedAt: now })));
      if (a.state === 'eligible') {
        await tx.update(applications).set({ state: transition(applicationMachine, a.state, 'start_review', 'system'), updatedAt: now }).where(eq(applications.id, a.id));
      }
      for (const expertId of fresh) {
        created.push({ applicationId: a.id, expertId });
        await appendAudit(tx, {
          at: now, actorId: actor.userId, actorRole: actor.role, action: 'review.assign', entityType: 'application', entityId: a.id, before: null, after: { expertId },
        });
        await recordEvent(tx, { kind: 'review_assigned', challengeId, subjectId: a.id, payload: { recipientIds: [expertId] }, at: now });
      }
    }
    return created;
  });
}

import {
  appendAudit, applications, calendarDays, challenges, decisionAwards, decisionFeedback, decisions, reviewAssignments, users, type Db,
} from '@challenge/db';
import {
  AppError, applicationMachine, challengeMachine, decisionMoves, noticePeriodEnd, splitByLargestRemainder, transition, workingCalendar,
  type Actor, type WorkingCalendar,
} from '@challenge/domain';
import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { effectiveState } from '../challenges/access';
import { challengeAuditSnapshot, lockVisibleChallenge } from '../challenges/records';
import { inTransaction, type ServiceContext } from '../context';
import { fundsOf, returnChallengeFunds } from '../ledger/challenge-money';
import { recordEvent } from '../notifications/events';
import { reindex } from '../search/engine';

export interface DecisionBody {
  selections: { applicationId: string; awardFen: number }[];
  feedback: Record<string, string>;
  reasons?: string;
}

/** The bureau's calendar as the domain reads it (calendar_days, seeded from the State Council's notice). */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const rows = await db.select().from(calendarDays);
  return workingCalendar({ holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.day), workdays: rows.filter((r) => r.kind === 'workday').map((r) => r.day) });
}

/**
 * The bureau decides (product.md step 7): up to `maxWinners` reviewed applications with awards (sum
 * within the bounty, each split by source in the bounty's proportion), or none (流标 → `failed`).
 * An award decision is published for the notice period — 5 working days by the bureau's calendar,
 * ending 24:00 Beijing time. Every applicant found eligible gets the decision, with written feedback
 * when not selected.
 */
export async function decideChallenge(ctx: ServiceContext, actor: Actor, challengeId: string, body: DecisionBody) {
  if (!actor) throw new AppError('unauthenticated');
  return inTransaction(ctx, async (tx) => {
    const challenge = await lockVisibleChallenge(tx, actor, challengeId);
    const now = ctx.clock.now();
    // Who may decide, and in which state, before what is decided is looked at. Past its deadline a
    // published challenge is closed by the clock, whether or not the loop has recorded it (product.md).
    const to = transition(challengeMachine, effectiveState(challenge, now), body.selections.length > 0 ? 'decide' : 'decide_none', actor.role);
    const apps = await tx.select().from(applications).where(and(eq(applications.challengeId, challengeId), ne(applications.state, 'withdrawn'))).for('update');
    const scored = apps.length === 0 ? [] : await tx.select({ applicationId: reviewAssignments.applicationId }).from(reviewAssignments)
      .where(and(inArray(reviewAssignments.applicationId, apps.map((a) => a.id)), eq(reviewAssignments.conflict, false), isNotNull(reviewAssignments.scoredAt)));
    const moves = decisionMoves({
      bountyFen: challenge.bountyFen, maxWinners: challenge.maxWinners,
      applications: apps.map((a) => ({ id: a.id, state: a.state, requestedFen: a.requestedFen ?? 0, reviewCount: scored.filter((s) => s.applicationId === a.id).length })),
      selections: body.selections, feedback: body.feedback, reasons: body.reasons ?? null,
    });
    const noticeEndsAt = moves.challengeAction === 'decide' ? noticePeriodEnd(await loadCalendar(tx), now) : null;
    const [decision] = await tx.insert(decisions).values({
      challengeId, kind: moves.challengeAction === 'decide' ? 'award' : 'none', reasons: body.reasons?.trim() || null, decidedBy: actor.userId,
      publishedAt: now, noticeEndsAt,
    }).returning();
    for (const s of body.selections) {
      const [enterpriseShareFen, specialFundFen] = splitByLargestRemainder(s.awardFen, [challenge.enterpriseShareFen, challenge.specialFundFen ?? 0]);
      await tx.insert(decisionAwards).values({ decisionId: decision!.id, applicationId: s.applicationId, awardFen: s.awardFen, enterpriseShareFen: enterpriseShareFen!, specialFundFen: specialFundFen! });
    }
    const feedback = Object.entries(body.feedback).filter(([, text]) => text.trim() !== '');
    if (feedback.length > 0) await tx.insert(decisionFeedback).values(feedback.map(([applicationId, text]) => ({ decisionId: decision!.id, applicationId, text: text.trim() })));
    for (const id of moves.selected) await tx.update(applications).set({ state: transition(applicationMachine, 'under_review', 'select', 'system'), updatedAt: now }).where(eq(applications.id, id));
    for (const a of apps.filter((x) => moves.notSelected.includes(x.id))) {
      await tx.update(applications).set({ state: transition(applicationMachine, a.state, 'not_select', 'system'), updatedAt: now }).where(eq(applications.id, a.id));
    }
    // No winner (流标): the bounty goes back to where it came from.
    if (moves.challengeAction === 'decide_none') await returnChallengeFunds(tx, actor, fundsOf(challenge), now);
    const [after] = await tx.update(challenges).set({ state: to, closedAt: challenge.closedAt ?? now, updatedAt: now }).where(eq(challenges.id, challengeId)).returning();
    await reindex(ctx, tx, challengeId);
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: `challenge.${moves.challengeAction}`, entityType: 'challenge', entityId: challengeId,
      before: challengeAuditSnapshot(challenge), after: { ...challengeAuditSnapshot(after!), decisionId: decision!.id, awards: body.selections, noticeEndsAt },
    });
    // The applicants decided on and the owner organisation's members hear of it.
    const reviewed = apps.filter((a) => moves.selected.includes(a.id) || moves.notSelected.includes(a.id)).map((a) => a.createdBy);
    const ownerMembers = (await tx.select({ id: users.id }).from(users).where(eq(users.organizationId, challenge.ownerOrganizationId))).map((u) => u.id);
    await recordEvent(tx, {
      kind: 'decision_published', challengeId, subjectId: decision!.id, payload: { recipientIds: [...new Set([...reviewed, ...ownerMembers])], outcome: decision!.kind }, at: now,
    });
    return decision!;
  });
}

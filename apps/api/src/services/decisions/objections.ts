import { appendAudit, applications, challenges, decisions, objections } from '@challenge/db';
import { AppError, applicationMachine, challengeMachine, objectionMachine, transition, type Actor } from '@challenge/domain';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { challengeAccess, NO_FACTS } from '../challenges/access';
import { challengeAuditSnapshot } from '../challenges/records';
import { inTransaction, type ServiceContext } from '../context';
import { recordEvent } from '../notifications/events';
import { reindex } from '../search/engine';

/**
 * A signed-in user objects to a published decision during its notice period (product.md step 7),
 * with reasons and optional evidence. Objections are seen by the bureau and their filer only.
 */
export async function fileObjection(ctx: ServiceContext, actor: Actor, challengeId: string, input: { reasons: string; evidence?: string }) {
  if (!actor) throw new AppError('unauthenticated');
  // The bureau resolves objections; it does not file them.
  if (actor.role === 'bureau') throw new AppError('forbidden', { entity: 'objection', action: 'file' });
  const reasons = input.reasons.trim();
  if (reasons.length < 10) throw AppError.invalid([{ field: 'reasons', code: 'minLength', params: { limit: 10 } }]);
  return inTransaction(ctx, async (tx) => {
    const [c] = await tx.select().from(challenges).where(eq(challenges.id, challengeId)).for('share');
    if (!c || challengeAccess(actor, c, NO_FACTS) === 'none') throw new AppError('not_found');
    const [decision] = await tx.select().from(decisions).where(and(eq(decisions.challengeId, challengeId), isNull(decisions.supersededAt)));
    const now = ctx.clock.now();
    if (c.state !== 'notice' || !decision?.noticeEndsAt) throw new AppError('illegal_transition', { entity: 'challenge', from: c.state, action: 'object' });
    if (now.getTime() >= decision.noticeEndsAt.getTime()) throw new AppError('notice_period_over');
    const [row] = await tx.insert(objections).values({
      challengeId, decisionId: decision.id, filedBy: actor.userId, reasons, evidence: input.evidence?.trim() || null, createdAt: now,
    }).returning();
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: 'objection.file', entityType: 'objection', entityId: row!.id,
      before: null, after: { challengeId, decisionId: decision.id, state: 'open' },
    });
    return row!;
  });
}

/**
 * The bureau resolves an objection with reasons: dismissed, or upheld — which supersedes the decision
 * and sends the challenge back to review (its applications decidable again) for a new decision and a
 * new notice period. The filer is notified; the outcome is published without the filer's name.
 */
export async function resolveObjection(ctx: ServiceContext, actor: Actor, id: string, input: { outcome: 'upheld' | 'dismissed'; resolution: string }) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'objection', action: input.outcome === 'upheld' ? 'uphold' : 'dismiss' });
  const resolution = input.resolution.trim();
  if (resolution.length < 2) throw AppError.invalid([{ field: 'resolution', code: 'required' }]);
  return inTransaction(ctx, async (tx) => {
    const [o] = await tx.select().from(objections).where(eq(objections.id, id)).for('update');
    if (!o) throw new AppError('not_found');
    const state = transition(objectionMachine, o.state, input.outcome === 'upheld' ? 'uphold' : 'dismiss', actor.role);
    const now = ctx.clock.now();
    const [after] = await tx.update(objections).set({ state, resolution, resolvedBy: actor.userId, resolvedAt: now }).where(eq(objections.id, id)).returning();
    if (state === 'upheld') {
      const [c] = await tx.select().from(challenges).where(eq(challenges.id, o.challengeId)).for('update');
      const to = transition(challengeMachine, c!.state, 'uphold_objection', actor.role);
      await tx.update(decisions).set({ supersededAt: now }).where(and(eq(decisions.id, o.decisionId), isNull(decisions.supersededAt)));
      const decided = await tx.select().from(applications).where(and(eq(applications.challengeId, o.challengeId), inArray(applications.state, ['selected', 'not_selected']))).for('update');
      for (const a of decided) await tx.update(applications).set({ state: transition(applicationMachine, a.state, 'reopen', 'system'), updatedAt: now }).where(eq(applications.id, a.id));
      // Other objections to the superseded decision are moot: upheld with it.
      await tx.update(objections).set({ state: 'upheld', resolution, resolvedBy: actor.userId, resolvedAt: now })
        .where(and(eq(objections.decisionId, o.decisionId), eq(objections.state, 'open')));
      const [cAfter] = await tx.update(challenges).set({ state: to, updatedAt: now }).where(eq(challenges.id, o.challengeId)).returning();
      await reindex(ctx, tx, o.challengeId);
      await appendAudit(tx, {
        at: now, actorId: actor.userId, actorRole: actor.role, action: 'challenge.uphold_objection', entityType: 'challenge', entityId: o.challengeId,
        before: challengeAuditSnapshot(c!), after: { ...challengeAuditSnapshot(cAfter!), supersededDecisionId: o.decisionId },
      });
    }
    await appendAudit(tx, {
      at: now, actorId: actor.userId, actorRole: actor.role, action: `objection.${state === 'upheld' ? 'uphold' : 'dismiss'}`, entityType: 'objection', entityId: id,
      before: { state: o.state }, after: { state, resolution },
    });
    await recordEvent(tx, { kind: 'objection_resolved', challengeId: o.challengeId, subjectId: id, payload: { recipientIds: [o.filedBy], outcome: state }, at: now });
    return after!;
  });
}

/** Objections to a challenge: all of them for the bureau, one's own for anyone else. */
export async function listObjections(ctx: ServiceContext, actor: Actor, challengeId: string) {
  if (!actor) throw new AppError('unauthenticated');
  const where = actor.role === 'bureau' ? eq(objections.challengeId, challengeId) : and(eq(objections.challengeId, challengeId), eq(objections.filedBy, actor.userId));
  return ctx.db.select().from(objections).where(where).orderBy(objections.createdAt);
}

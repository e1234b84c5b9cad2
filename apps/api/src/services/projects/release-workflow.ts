import { appendAudit, ledgerTransfers, releases } from '@challenge/db';
import { AppError, assertMayTake, releaseMachine, transition, type Actor, type ReleaseAction } from '@challenge/domain';
import { and, asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inTransaction, type ServiceContext } from '../context';
import { postConfirmation, postDisbursement, postReversal } from '../ledger/project-money';
import { releaseView } from './read-projects';
import { recordProjectEvent } from './project-events';
import { releaseFor, type ReleaseRow } from './records';

const refOf = (r: ReleaseRow) => ({ releaseId: r.id, projectId: r.projectId, source: r.source });
const text = (value: string | undefined, field: string) => {
  const t = value?.trim() ?? '';
  if (t.length < 2) throw AppError.invalid([{ field, code: 'required' }]);
  return t;
};

/**
 * A release is paid (product.md step 10): finance disburses the special fund's with its payment
 * reference, the owner records paying its share. Public money follows private money: the special
 * fund's release waits for the same milestone's enterprise release to be confirmed. Any second
 * payment is refused — nothing is paid twice.
 */
export async function disburseRelease(ctx: ServiceContext, actor: Actor, releaseId: string, input: { paymentReference?: string }, idempotencyKey?: string) {
  return inTransaction(ctx, async (tx) => {
    const { release, project, ownerOrganizationId, relation } = await releaseFor(tx, actor, releaseId);
    assertMayTake(releaseMachine, 'disburse', actor!.role, { ...relation, fundingSource: release.source });
    // A retry with the same Idempotency-Key never gets here (plugins/idempotency.ts); the key names the payment.
    const transferId = `disburse:${releaseId}:${idempotencyKey ?? randomUUID()}`;
    const to = transition(releaseMachine, release.state, 'disburse', actor!.role, { ...relation, fundingSource: release.source });
    if (project.state === 'awaiting_signature') throw new AppError('illegal_transition', { entity: 'project', from: project.state, action: 'disburse' });
    const reference = input.paymentReference?.trim() || undefined;
    if (reference) {
      const [taken] = await tx.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(eq(ledgerTransfers.paymentReference, reference));
      if (taken) throw AppError.invalid([{ field: 'paymentReference', code: 'taken' }]);
    }
    const [enterprise] = release.source === 'special_fund'
      ? await tx.select({ state: releases.state }).from(releases).where(and(eq(releases.milestoneId, release.milestoneId), eq(releases.source, 'enterprise')))
      : [];
    const now = ctx.clock.now();
    await postDisbursement(tx, actor, transferId, refOf(release), { paymentReference: reference, enterpriseRelease: enterprise ?? null }, now);
    const [after] = await tx.update(releases).set({ state: to, paymentReference: reference ?? null, disbursedAt: now, disbursedBy: actor!.userId }).where(eq(releases.id, releaseId)).returning();
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'release.disburse', entityType: 'release', entityId: releaseId, before: { state: release.state }, after: { state: to, paymentReference: reference ?? null } });
    await recordProjectEvent(tx, { kind: 'release_disbursed', project, ownerOrganizationId, subjectId: releaseId, parties: ['solver'], actorId: actor!.userId, at: now, data: { source: release.source } });
    return releaseView(after!);
  });
}

/** The solver confirms the money arrived, or reports that it did not (the bureau then resolves). */
export async function answerRelease(ctx: ServiceContext, actor: Actor, releaseId: string, input: { received: true } | { received: false; reason: string }) {
  return inTransaction(ctx, async (tx) => {
    const { release, project, ownerOrganizationId, relation } = await releaseFor(tx, actor, releaseId);
    const action: ReleaseAction = input.received ? 'confirm' : 'dispute';
    assertMayTake(releaseMachine, action, actor!.role, { ...relation, fundingSource: release.source });
    const to = transition(releaseMachine, release.state, action, actor!.role, { ...relation, fundingSource: release.source });
    const now = ctx.clock.now();
    if (input.received) await postConfirmation(tx, actor, refOf(release), now);
    const [after] = await tx.update(releases)
      .set(input.received ? { state: to, confirmedAt: now } : { state: to, disputeReason: text(input.reason, 'reason') })
      .where(eq(releases.id, releaseId)).returning();
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: `release.${action}`, entityType: 'release', entityId: releaseId, before: { state: release.state }, after: { state: to } });
    // Whoever paid hears that it arrived; a reported non-receipt goes to the bureau, who resolves it.
    const parties = input.received ? [release.source === 'enterprise' ? ('owner' as const) : ('finance' as const)] : (['bureau'] as const);
    await recordProjectEvent(tx, { kind: input.received ? 'release_confirmed' : 'release_disputed', project, ownerOrganizationId, subjectId: releaseId, parties, actorId: actor!.userId, at: now, data: { source: release.source } });
    return releaseView(after!);
  });
}

/**
 * The bureau resolves a reported non-receipt: the money did arrive (confirmed), or the payment is
 * undone in the ledger and the release is owed again, to be paid once more.
 */
export async function resolveRelease(ctx: ServiceContext, actor: Actor, releaseId: string, input: { paid: boolean; resolution: string }) {
  return inTransaction(ctx, async (tx) => {
    const { release, relation } = await releaseFor(tx, actor, releaseId);
    const action: ReleaseAction = input.paid ? 'resolve_paid' : 'resolve_unpaid';
    assertMayTake(releaseMachine, action, actor!.role, { ...relation, fundingSource: release.source });
    const to = transition(releaseMachine, release.state, action, actor!.role, { ...relation, fundingSource: release.source });
    const resolution = text(input.resolution, 'resolution');
    const now = ctx.clock.now();
    if (input.paid) await postConfirmation(tx, actor, refOf(release), now);
    else await postReversal(tx, actor, `reverse:${releaseId}:${randomUUID()}`, refOf(release), now);
    const [after] = await tx.update(releases)
      .set(input.paid ? { state: to, resolution, confirmedAt: now } : { state: to, resolution, paymentReference: null, disbursedAt: null, disbursedBy: null })
      .where(eq(releases.id, releaseId)).returning();
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: `release.${action}`, entityType: 'release', entityId: releaseId, before: { state: release.state }, after: { state: to, resolution } });
    return releaseView(after!);
  });
}

/** Finance's queue: special-fund releases waiting to be disbursed, oldest first, with whether they may go yet. */
export async function disbursementQueue(ctx: ServiceContext, actor: Actor) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'finance' && actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'release', action: 'list' });
  const pending = await ctx.db.select().from(releases).where(and(eq(releases.source, 'special_fund'), eq(releases.state, 'pending'))).orderBy(asc(releases.createdAt));
  const enterprise = pending.length === 0 ? [] : await ctx.db.select({ milestoneId: releases.milestoneId, state: releases.state }).from(releases).where(eq(releases.source, 'enterprise'));
  return pending.map((r) => {
    const e = enterprise.find((x) => x.milestoneId === r.milestoneId);
    return { ...releaseView(r), ready: !e || e.state === 'confirmed' };
  });
}

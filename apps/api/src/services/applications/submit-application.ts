import { appendAudit, applications, applicationVersions, challengeIndicators, organizations, queryRows } from '@challenge/db';
import {
  AppError, applicationMachine, assertApplicationSubmittable, formatReceiptNumber, receiptYear, transition, type Actor, type ApplicationDraft,
} from '@challenge/domain';
import { count, eq, sql } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { applicationAuditSnapshot, assertOpen, lockApplication, type ApplicationRow } from './records';

const mover = (actor: Actor, a: ApplicationRow) => ({
  role: actor?.role ?? null,
  context: { isApplicant: actor?.role === 'solver' && actor.organizationId === a.organizationId },
});

/**
 * Freezes the draft as a new version with a receipt number (product.md States, application): every
 * rule of a complete application checked at once, before the deadline instant by the transaction's
 * clock. The application row is locked and the challenge row shared, so a submission racing the
 * deadline or an extension is decided against one deadline.
 */
export async function submitApplication(ctx: ServiceContext, actor: Actor, id: string): Promise<ApplicationRow> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const { application, challenge } = await lockApplication(tx, actor, id, now);
    const { role, context } = mover(actor, application);
    const to = transition(applicationMachine, application.state, 'submit', role, context);
    assertOpen(challenge, now);
    // Only organisations the bureau has verified may apply; a draft may be started while waiting.
    const [org] = await tx.select({ status: organizations.status }).from(organizations).where(eq(organizations.id, application.organizationId));
    if (org?.status !== 'verified') throw new AppError('organization_not_verified');
    const draft = application.content as ApplicationDraft;
    const [indicators] = await tx.select({ n: count() }).from(challengeIndicators).where(eq(challengeIndicators.challengeId, challenge.id));
    assertApplicationSubmittable(draft, {
      indicatorCount: Number(indicators?.n ?? 0), bountyFen: challenge.bountyFen, deadline: challenge.deadline!, durationMonths: challenge.durationMonths ?? 0,
      ownerOrganizationId: challenge.ownerOrganizationId, now,
    });
    let sequence = application.receiptSequence;
    if (sequence === null) {
      const [next] = await queryRows<{ n: number }>(tx, sql`select nextval('application_receipt_seq')::int as n`);
      sequence = Number(next!.n);
    }
    const version = application.version + 1;
    const firstSubmittedAt = application.submittedAt ?? now;
    const receiptNumber = formatReceiptNumber({ year: receiptYear(firstSubmittedAt), sequence, version });
    await tx.insert(applicationVersions).values({
      applicationId: id, version, receiptNumber, content: draft, requestedFen: draft.requestedFen!, submittedBy: actor!.userId, submittedAt: now,
    });
    const [after] = await tx
      .update(applications)
      .set({ state: to, version, receiptSequence: sequence, submittedAt: firstSubmittedAt, updatedAt: now })
      .where(eq(applications.id, id))
      .returning();
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'application.submit', entityType: 'application', entityId: id,
      before: applicationAuditSnapshot(application), after: { ...applicationAuditSnapshot(after!), receiptNumber },
    });
    return after!;
  });
}

/** The applicant withdraws before the deadline; the organisation may then apply afresh. */
export async function withdrawApplication(ctx: ServiceContext, actor: Actor, id: string): Promise<ApplicationRow> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const { application, challenge } = await lockApplication(tx, actor, id, now);
    const { role, context } = mover(actor, application);
    const to = transition(applicationMachine, application.state, 'withdraw', role, context);
    assertOpen(challenge, now);
    const [after] = await tx.update(applications).set({ state: to, withdrawnAt: now, updatedAt: now }).where(eq(applications.id, id)).returning();
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'application.withdraw', entityType: 'application', entityId: id,
      before: applicationAuditSnapshot(application), after: applicationAuditSnapshot(after!),
    });
    return after!;
  });
}

import { appendAudit, joinRequests, organizations, users } from '@challenge/db';
import { AppError, joinRequestMachine, transition, type Actor } from '@challenge/domain';
import { and, desc, eq } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { userAuditSnapshot } from '../views';

const isAdminOf = (actor: Actor, organizationId: string) => !!actor && actor.isOrgAdmin && actor.organizationId === organizationId;

export async function listJoinRequests(ctx: ServiceContext, actor: Actor, organizationId: string) {
  const [org] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!org) throw new AppError('not_found');
  if (actor?.role !== 'bureau' && !isAdminOf(actor, organizationId)) throw new AppError('forbidden', { entity: 'join_request', action: 'list' });
  const rows = await ctx.db
    .select({ jr: joinRequests, userDisplayName: users.displayName, userEmail: users.email })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(eq(joinRequests.organizationId, organizationId))
    .orderBy(desc(joinRequests.createdAt));
  return rows.map((r) => ({ ...r.jr, userDisplayName: r.userDisplayName, userEmail: r.userEmail }));
}

/** Approving attaches the user to the organisation; both happen in one transaction. */
export async function decideJoinRequest(ctx: ServiceContext, actor: Actor, id: string, action: 'approve' | 'reject', reason?: string) {
  return inTransaction(ctx, async (tx) => {
    const [jr] = await tx.select().from(joinRequests).where(eq(joinRequests.id, id)).for('update').limit(1);
    if (!jr) throw new AppError('not_found');
    const to = transition(joinRequestMachine, jr.status, action, actor?.role ?? null, { isOrgAdmin: isAdminOf(actor, jr.organizationId) }) as 'approved' | 'rejected';
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(joinRequests)
      .set({ status: to, reason: reason ?? null, decidedBy: actor!.userId, decidedAt: now })
      .where(and(eq(joinRequests.id, id), eq(joinRequests.status, jr.status)))
      .returning();
    const audit = { at: now, actorId: actor!.userId, actorRole: actor!.role };
    await appendAudit(tx, { ...audit, action: `join_request.${action}`, entityType: 'join_request', entityId: id, before: { status: jr.status }, after: { status: to, reason: reason ?? null } });
    if (to === 'approved') {
      const [before] = await tx.select().from(users).where(eq(users.id, jr.userId)).for('update').limit(1);
      const [after] = await tx.update(users).set({ organizationId: jr.organizationId }).where(eq(users.id, jr.userId)).returning();
      await appendAudit(tx, { ...audit, action: 'user.join_organization', entityType: 'user', entityId: jr.userId, before: userAuditSnapshot(before!), after: userAuditSnapshot(after!) });
    }
    return updated!;
  });
}

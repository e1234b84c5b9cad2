import { appendAudit, organizations } from '@challenge/db';
import { AppError, organizationMachine, transition, type Actor } from '@challenge/domain';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { organizationAuditSnapshot } from '../views';

type Status = 'pending' | 'verified' | 'rejected';

/** The bureau sees every organisation; anyone else only verified ones. */
export async function listOrganizations(ctx: ServiceContext, actor: Actor, q: { status?: Status; page: number; pageSize: number }) {
  const isBureau = actor?.role === 'bureau';
  if (!isBureau && q.status && q.status !== 'verified') throw new AppError('forbidden', { entity: 'organization', action: 'list' });
  const status = isBureau ? q.status : 'verified';
  const where: SQL | undefined = status ? eq(organizations.status, status) : undefined;
  const [items, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(organizations)
      .where(where)
      // The verification queue is worked oldest first; the public list newest first.
      .orderBy(status === 'pending' ? asc(organizations.createdAt) : desc(organizations.createdAt), asc(organizations.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, full: isBureau };
}

/** Returns the row and whether the reader may see its non-public fields; unverified ones are hidden from others. */
export async function getOrganization(ctx: ServiceContext, actor: Actor, id: string) {
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  const member = !!actor && actor.organizationId === id;
  const full = actor?.role === 'bureau' || member;
  if (!org || (!full && org.status !== 'verified')) throw new AppError('not_found');
  return { org, full };
}

async function decide(ctx: ServiceContext, actor: Actor, id: string, action: 'verify' | 'reject', reason: string | null) {
  return inTransaction(ctx, async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update').limit(1);
    if (!org) throw new AppError('not_found');
    const to = transition(organizationMachine, org.status, action, actor?.role ?? null, {}) as Status;
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(organizations)
      .set({ status: to, statusReason: reason, decidedBy: actor!.userId, decidedAt: now })
      .where(and(eq(organizations.id, id), eq(organizations.status, org.status)))
      .returning();
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: `organization.${action}`, entityType: 'organization', entityId: id,
      before: organizationAuditSnapshot(org), after: organizationAuditSnapshot(updated!),
    });
    return updated!;
  });
}

export const verifyOrganization = (ctx: ServiceContext, actor: Actor, id: string, reason?: string) => decide(ctx, actor, id, 'verify', reason ?? null);
export const rejectOrganization = (ctx: ServiceContext, actor: Actor, id: string, reason: string) => decide(ctx, actor, id, 'reject', reason);

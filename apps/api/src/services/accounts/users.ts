import { appendAudit, joinRequests, organizations, users } from '@challenge/db';
import { AppError, transition, userMachine, type Actor } from '@challenge/domain';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { hashPassword } from '../passwords';
import { userAuditSnapshot } from '../views';
import { sendAccountLink } from './account-links';
import { normalizeEmail } from './register';
import { revokeAllRefreshTokens } from './tokens';

const STAFF_ROLES = ['expert', 'bureau', 'finance'] as const;
type StaffRole = (typeof STAFF_ROLES)[number];

function requireBureau(actor: Actor, action: string) {
  if (actor?.role !== 'bureau') throw new AppError('forbidden', { entity: 'user', action });
}

/** The bureau creates expert, bureau and finance accounts; those roles cannot self-register. */
export async function createStaffUser(
  ctx: ServiceContext,
  actor: Actor,
  input: { email: string; password: string; displayName: string; role: string; locale?: 'zh-CN' | 'en' },
) {
  requireBureau(actor, 'create');
  if (!STAFF_ROLES.includes(input.role as StaffRole)) throw new AppError('role_not_allowed', { field: 'role' });
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (taken) throw new AppError('email_taken', { field: 'email' });
    const now = ctx.clock.now();
    const [user] = await tx
      .insert(users)
      .values({ email, passwordHash, displayName: input.displayName.trim(), role: input.role as StaffRole, locale: input.locale ?? 'zh-CN', createdAt: now })
      .returning();
    await appendAudit(tx, { at: now, actorId: actor!.userId, actorRole: actor!.role, action: 'user.create', entityType: 'user', entityId: user!.id, after: userAuditSnapshot(user!) });
    // The bureau typed the address: its owner proves it before any notification is mailed there.
    await sendAccountLink(tx, ctx, user!, 'verify_email');
    return user!;
  });
}

export async function listUsers(ctx: ServiceContext, actor: Actor, q: { role?: string; status?: 'active' | 'disabled'; q?: string; page: number; pageSize: number }) {
  requireBureau(actor, 'list');
  const conditions: SQL[] = [];
  if (q.role) conditions.push(eq(users.role, q.role as StaffRole));
  if (q.status) conditions.push(eq(users.status, q.status));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.email, like), ilike(users.displayName, like))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    ctx.db.select().from(users).where(where).orderBy(asc(users.role), asc(users.email)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Disabling takes effect at once: every request re-reads the user's status, and refresh tokens are revoked. */
export async function setUserStatus(ctx: ServiceContext, actor: Actor, id: string, action: 'disable' | 'enable', reason?: string) {
  if (actor && actor.userId === id && action === 'disable' && actor.role === 'bureau') throw new AppError('cannot_disable_self');
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
    if (!user) {
      requireBureau(actor, action);
      throw new AppError('not_found');
    }
    const to = transition(userMachine, user.status, action, actor?.role ?? null, {}) as 'active' | 'disabled';
    const now = ctx.clock.now();
    const [updated] = await tx.update(users).set({ status: to }).where(eq(users.id, id)).returning();
    if (to === 'disabled') await revokeAllRefreshTokens(tx, id, now);
    await appendAudit(tx, {
      at: now, actorId: actor!.userId, actorRole: actor!.role, action: `user.${action}`, entityType: 'user', entityId: id,
      before: { ...userAuditSnapshot(user), reason: null }, after: { ...userAuditSnapshot(updated!), reason: reason ?? null },
    });
    return updated!;
  });
}

export async function getMe(ctx: ServiceContext, userId: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('not_found');
  const [organization] = user.organizationId
    ? await ctx.db.select().from(organizations).where(eq(organizations.id, user.organizationId)).limit(1)
    : [];
  const [pending] = await ctx.db
    .select({ jr: joinRequests, org: organizations })
    .from(joinRequests)
    .innerJoin(organizations, eq(organizations.id, joinRequests.organizationId))
    .where(and(eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')))
    .limit(1);
  return { user, organization: organization ?? null, pendingJoinRequest: pending ?? null };
}

export async function updateMe(ctx: ServiceContext, actor: Actor, patch: { displayName?: string; locale?: 'zh-CN' | 'en' }) {
  if (!actor) throw new AppError('unauthenticated');
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update').limit(1);
    if (!before) throw new AppError('not_found');
    const [after] = await tx
      .update(users)
      .set({ ...(patch.displayName ? { displayName: patch.displayName.trim() } : {}), ...(patch.locale ? { locale: patch.locale } : {}) })
      .where(eq(users.id, actor.userId))
      .returning();
    await appendAudit(tx, { at: ctx.clock.now(), actorId: actor.userId, actorRole: actor.role, action: 'user.update_profile', entityType: 'user', entityId: actor.userId, before: userAuditSnapshot(before), after: userAuditSnapshot(after!) });
    return after!;
  });
}

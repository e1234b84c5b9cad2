import { appendAudit, expertProfiles, organizations, users } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, asc, arrayOverlaps, eq, type SQL } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';

export interface ExpertProfileInput {
  organizationId?: string | null;
  affiliation?: string | null;
  expertise: string[];
}

const requireBureau = (actor: Actor, action: string) => {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity: 'expert', action });
  return actor;
};

/** Fields of expertise are matched as written, once trimmed and lower-cased (冶金 / metallurgy …). */
export const normalizeExpertise = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()).filter((x) => x !== ''))];

/** The bureau records an expert's fields and employer (the employer decides automatic conflicts). */
export async function setExpertProfile(ctx: ServiceContext, actor: Actor, userId: string, input: ExpertProfileInput) {
  const bureau = requireBureau(actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('not_found');
    if (user.role !== 'expert') throw AppError.invalid([{ field: 'userId', code: 'not_expert' }]);
    if (input.organizationId) {
      const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
      if (!org) throw AppError.invalid([{ field: 'organizationId', code: 'unknown_organization' }]);
    }
    const now = ctx.clock.now();
    const values = { organizationId: input.organizationId ?? null, affiliation: input.affiliation?.trim() || null, expertise: normalizeExpertise(input.expertise), updatedAt: now };
    const [before] = await tx.select().from(expertProfiles).where(eq(expertProfiles.userId, userId)).for('update');
    const [after] = await tx.insert(expertProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: expertProfiles.userId, set: values }).returning();
    await appendAudit(tx, {
      at: now, actorId: bureau.userId, actorRole: bureau.role, action: 'expert.profile', entityType: 'user', entityId: userId,
      before: before ? { organizationId: before.organizationId, affiliation: before.affiliation, expertise: before.expertise } : null,
      after: { organizationId: after!.organizationId, affiliation: after!.affiliation, expertise: after!.expertise },
    });
    return after!;
  });
}

/** The pool for the bureau: active experts with their fields, optionally those with one of `expertise`. */
export async function listExperts(ctx: ServiceContext, actor: Actor, q: { expertise?: string[] } = {}) {
  requireBureau(actor, 'list');
  const conditions: SQL[] = [eq(users.role, 'expert'), eq(users.status, 'active')];
  const wanted = normalizeExpertise(q.expertise ?? []);
  if (wanted.length > 0) conditions.push(arrayOverlaps(expertProfiles.expertise, wanted));
  const rows = await ctx.db
    .select({ id: users.id, displayName: users.displayName, email: users.email, organizationId: expertProfiles.organizationId, affiliation: expertProfiles.affiliation, expertise: expertProfiles.expertise })
    .from(users)
    .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
    .where(and(...conditions))
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.map((r) => ({ ...r, expertise: r.expertise ?? [] }));
}

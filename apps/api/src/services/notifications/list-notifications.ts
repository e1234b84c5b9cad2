import { challenges, notifications } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';

export interface NotificationView {
  id: string;
  kind: string;
  createdAt: string;
  readAt: string | null;
  /** The challenge it concerns, by its public title (every recipient may see the challenge). */
  challenge: { id: string; titleZh: string; titleEn: string | null } | null;
  subjectId: string | null;
  /** Kind-specific facts: `state` for an eligibility result, `amendmentKind` for an amendment … */
  data: Record<string, unknown>;
}

const requireUser = (actor: Actor) => {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
};

/** The signed-in user's notifications, newest first, with the unread count. */
export async function listNotifications(ctx: ServiceContext, actor: Actor, page: number, pageSize: number) {
  const user = requireUser(actor);
  const mine = eq(notifications.userId, user.userId);
  const [rows, [total], unread] = await Promise.all([
    ctx.db
      .select({
        id: notifications.id, kind: notifications.kind, createdAt: notifications.createdAt, readAt: notifications.readAt, subjectId: notifications.subjectId,
        payload: notifications.payload, challengeId: challenges.id, titleZh: challenges.titleZh, titleEn: challenges.titleEn,
      })
      .from(notifications)
      .leftJoin(challenges, eq(challenges.id, notifications.challengeId))
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(notifications).where(mine),
    unreadCount(ctx, actor),
  ]);
  const items: NotificationView[] = rows.map((r) => ({
    id: r.id, kind: r.kind, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null, subjectId: r.subjectId,
    challenge: r.challengeId ? { id: r.challengeId, titleZh: r.titleZh!, titleEn: r.titleEn } : null,
    data: (r.payload ?? {}) as Record<string, unknown>,
  }));
  return { items, total: Number(total?.n ?? 0), page, pageSize, unread };
}

export async function unreadCount(ctx: ServiceContext, actor: Actor): Promise<number> {
  const user = requireUser(actor);
  const [row] = await ctx.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, user.userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one notification read (its recipient only; another user's reads as not found), or all of them. */
export async function markRead(ctx: ServiceContext, actor: Actor, id: string | 'all'): Promise<number> {
  const user = requireUser(actor);
  const now = ctx.clock.now();
  const where = id === 'all'
    ? and(eq(notifications.userId, user.userId), isNull(notifications.readAt))
    : and(eq(notifications.userId, user.userId), eq(notifications.id, id));
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(where)
    .returning({ id: notifications.id });
  if (id !== 'all' && updated.length === 0) throw new AppError('not_found');
  return unreadCount(ctx, actor);
}

import { savedSearches, users } from '@challenge/db';
import { AppError, type Actor, type ChallengeCategory, type ChallengeIndustry } from '@challenge/domain';
import { and, asc, count, desc, eq, lte, sql } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../context';
import { listChallenges } from '../challenges/list-challenges';
import { recordEvent } from '../notifications/events';

/** What a saved search keeps: the list page's filters (never a page or an order — alerts look at the newest). */
export interface SavedQuery {
  q?: string;
  industry?: ChallengeIndustry;
  category?: ChallengeCategory;
  minBountyFen?: number;
  maxBountyFen?: number;
}

export const MAX_SAVED_SEARCHES = 20;
/** How often one saved search is run for alerts. */
export const ALERT_INTERVAL_MS = 60 * 60_000;
export const ALERT_BATCH_SIZE = 50;

const signedIn = (actor: Actor) => {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
};

const view = (r: typeof savedSearches.$inferSelect) => ({
  id: r.id, name: r.name, query: r.query as SavedQuery, alerts: r.alerts, createdAt: r.createdAt.toISOString(), path: searchPath(r.query as SavedQuery),
});

/** The list page's address for a saved query (the web app's /challenges takes the same parameters). */
export function searchPath(q: SavedQuery): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.industry) params.set('industry', q.industry);
  if (q.category) params.set('category', q.category);
  if (q.minBountyFen !== undefined) params.set('minBounty', String(q.minBountyFen / 100));
  if (q.maxBountyFen !== undefined) params.set('maxBounty', String(q.maxBountyFen / 100));
  const s = params.toString();
  return s ? `/challenges?${s}` : '/challenges';
}

export async function listSavedSearches(ctx: ServiceContext, actor: Actor) {
  const user = signedIn(actor);
  const rows = await ctx.db.select().from(savedSearches).where(eq(savedSearches.userId, user.userId)).orderBy(desc(savedSearches.createdAt));
  return rows.map(view);
}

/** Keeps a search; alerts start from now (what is already published is not news). */
export async function createSavedSearch(ctx: ServiceContext, actor: Actor, input: { name: string; query: SavedQuery; alerts?: boolean }) {
  const user = signedIn(actor);
  const name = input.name.trim();
  if (!name) throw AppError.invalid([{ field: 'name', code: 'required' }]);
  if (input.query.minBountyFen !== undefined && input.query.maxBountyFen !== undefined && input.query.minBountyFen > input.query.maxBountyFen) {
    throw AppError.invalid([{ field: 'query.maxBountyFen', code: 'range_inverted' }]);
  }
  return inTransaction(ctx, async (tx) => {
    // Serialises one user's creations, so the cap holds under double submits.
    await tx.execute(sql`select 1 from ${users} where id = ${user.userId} for update`);
    const [n] = await tx.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, user.userId));
    if (Number(n?.n ?? 0) >= MAX_SAVED_SEARCHES) throw new AppError('saved_search_limit_reached', { limit: MAX_SAVED_SEARCHES });
    const now = ctx.clock.now();
    const query = Object.fromEntries(Object.entries(input.query).filter(([, v]) => v !== undefined && v !== '')) as SavedQuery;
    const [row] = await tx.insert(savedSearches).values({ userId: user.userId, name, query, alerts: input.alerts ?? true, checkedThrough: now, createdAt: now }).returning();
    return view(row!);
  });
}

export async function updateSavedSearch(ctx: ServiceContext, actor: Actor, id: string, patch: { name?: string; alerts?: boolean }) {
  const user = signedIn(actor);
  const set: Partial<typeof savedSearches.$inferInsert> = {};
  if (patch.name !== undefined) {
    if (!patch.name.trim()) throw AppError.invalid([{ field: 'name', code: 'required' }]);
    set.name = patch.name.trim();
  }
  // Turning alerts back on starts from now, not from when they were turned off.
  if (patch.alerts !== undefined) Object.assign(set, { alerts: patch.alerts }, patch.alerts ? { checkedThrough: ctx.clock.now() } : {});
  if (Object.keys(set).length === 0) throw AppError.invalid([{ field: 'name', code: 'required' }]);
  const [row] = await ctx.db.update(savedSearches).set(set).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, user.userId))).returning();
  if (!row) throw new AppError('not_found');
  return view(row);
}

export async function deleteSavedSearch(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const user = signedIn(actor);
  const deleted = await ctx.db.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, user.userId))).returning({ id: savedSearches.id });
  if (deleted.length === 0) throw new AppError('not_found');
}

/**
 * One batch of saved-search alerts: searches with alerts on that were last run an interval ago are run
 * again as their owner (so a restricted challenge matches only by what the owner may read), newest
 * first; challenges published since the last run become one `saved_search_match` notification. The
 * search's mark moves to now whether or not anything matched.
 */
export async function runSavedSearchAlerts(ctx: ServiceContext, limit = ALERT_BATCH_SIZE): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const due = await tx
      .select({ s: savedSearches, role: users.role, organizationId: users.organizationId, isOrgAdmin: users.isOrgAdmin })
      .from(savedSearches)
      .innerJoin(users, eq(users.id, savedSearches.userId))
      .where(and(eq(savedSearches.alerts, true), eq(users.status, 'active'), lte(savedSearches.checkedThrough, new Date(now.getTime() - ALERT_INTERVAL_MS))))
      .orderBy(asc(savedSearches.checkedThrough))
      .limit(limit)
      .for('update', { of: savedSearches, skipLocked: true });
    for (const { s, role, organizationId, isOrgAdmin } of due) {
      const actor = { userId: s.userId, role, organizationId, isOrgAdmin };
      const page = await listChallenges({ ...ctx, db: tx }, actor, { ...(s.query as SavedQuery), sort: 'newest', page: 1, pageSize: 50 });
      const fresh = page.items.filter((c) => c.publishedAt && new Date(c.publishedAt) > s.checkedThrough && new Date(c.publishedAt) <= now);
      if (fresh.length > 0) {
        await recordEvent(tx, {
          kind: 'saved_search_match', challengeId: fresh.length === 1 ? fresh[0]!.id : null, subjectId: s.id, at: now,
          payload: { recipientIds: [s.userId], name: s.name, count: fresh.length, challengeIds: fresh.map((c) => c.id), searchPath: searchPath(s.query as SavedQuery) },
        });
      }
      await tx.update(savedSearches).set({ checkedThrough: now }).where(eq(savedSearches.id, s.id));
    }
    return due.length;
  });
}

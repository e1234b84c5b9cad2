import { challengeFollows, challenges } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, desc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeAccess, loadReaderFacts } from '../challenges/access';

const signedIn = (actor: Actor) => {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
};

/** Follows a challenge the reader may see; following twice is the same as once. */
export async function followChallenge(ctx: ServiceContext, actor: Actor, challengeId: string): Promise<{ following: true }> {
  const user = signedIn(actor);
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId));
  const facts = c ? (await loadReaderFacts(ctx.db, actor, [c.id]))(c.id) : null;
  // Unpublished drafts are followed by no one: their owners see them anyway, others must not learn they exist.
  if (!c || !c.publishedAt || challengeAccess(actor, c, facts!) === 'none') throw new AppError('not_found');
  await ctx.db.insert(challengeFollows).values({ userId: user.userId, challengeId, createdAt: ctx.clock.now() }).onConflictDoNothing();
  return { following: true };
}

export async function unfollowChallenge(ctx: ServiceContext, actor: Actor, challengeId: string): Promise<{ following: false }> {
  const user = signedIn(actor);
  await ctx.db.delete(challengeFollows).where(and(eq(challengeFollows.userId, user.userId), eq(challengeFollows.challengeId, challengeId)));
  return { following: false };
}

export async function isFollowing(ctx: ServiceContext, actor: Actor, challengeId: string): Promise<boolean> {
  if (!actor) return false;
  const [row] = await ctx.db.select({ c: challengeFollows.challengeId }).from(challengeFollows)
    .where(and(eq(challengeFollows.userId, actor.userId), eq(challengeFollows.challengeId, challengeId)));
  return !!row;
}

/** The challenges the user follows, newest follow first, by their public titles. */
export async function listFollows(ctx: ServiceContext, actor: Actor) {
  const user = signedIn(actor);
  const rows = await ctx.db
    .select({ id: challenges.id, titleZh: challenges.titleZh, titleEn: challenges.titleEn, state: challenges.state, deadline: challenges.deadline, followedAt: challengeFollows.createdAt })
    .from(challengeFollows)
    .innerJoin(challenges, eq(challenges.id, challengeFollows.challengeId))
    .where(eq(challengeFollows.userId, user.userId))
    .orderBy(desc(challengeFollows.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, deadline: r.deadline?.toISOString() ?? null, followedAt: r.followedAt.toISOString() }));
}

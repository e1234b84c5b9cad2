import { applications, challenges, decisionAwards, decisionFeedback, decisions, objections, organizations } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { challengeAccess, loadReaderFacts } from '../challenges/access';
import type { ServiceContext } from '../context';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The published decision on a challenge (公示), for everyone who may see the challenge: winners with
 * their awards, the notice period, and the outcomes of resolved objections (never who filed them).
 * An applicant also reads the feedback written to its own organisation.
 */
export async function publicDecision(ctx: ServiceContext, actor: Actor, challengeId: string) {
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  const facts = await loadReaderFacts(ctx.db, actor, [challengeId]);
  if (!c || challengeAccess(actor, c, facts(challengeId)) === 'none') throw new AppError('not_found');
  const [d] = await ctx.db.select().from(decisions).where(eq(decisions.challengeId, challengeId)).orderBy(desc(decisions.publishedAt)).limit(1);
  if (!d) throw new AppError('not_found');
  // A superseded decision's winners are withdrawn: not published any more.
  const winners = d.supersededAt ? [] : await ctx.db
    .select({ applicationId: decisionAwards.applicationId, awardFen: decisionAwards.awardFen, enterpriseShareFen: decisionAwards.enterpriseShareFen, specialFundFen: decisionAwards.specialFundFen, nameZh: organizations.nameZh, nameEn: organizations.nameEn, country: organizations.country })
    .from(decisionAwards)
    .innerJoin(applications, eq(applications.id, decisionAwards.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(decisionAwards.decisionId, d.id));
  const outcomes = await ctx.db.select({ state: objections.state, resolution: objections.resolution, resolvedAt: objections.resolvedAt }).from(objections)
    .where(and(eq(objections.decisionId, d.id), ne(objections.state, 'open'))).orderBy(asc(objections.resolvedAt));
  const own = actor?.organizationId
    ? await ctx.db.select({ applicationId: decisionFeedback.applicationId, text: decisionFeedback.text }).from(decisionFeedback)
        .innerJoin(applications, eq(applications.id, decisionFeedback.applicationId))
        .where(and(eq(decisionFeedback.decisionId, d.id), eq(applications.organizationId, actor.organizationId)))
    : [];
  return {
    id: d.id, kind: d.kind, reasons: d.reasons, publishedAt: d.publishedAt.toISOString(), noticeEndsAt: iso(d.noticeEndsAt),
    // By the clock the rules use (not the reader's), so pages say what objecting and finalizing will find.
    noticeRunning: !d.supersededAt && !d.finalizedAt && !!d.noticeEndsAt && ctx.clock.now().getTime() < d.noticeEndsAt.getTime(),
    superseded: d.supersededAt !== null, finalizedAt: iso(d.finalizedAt),
    winners: winners.map((w) => ({ ...w, organization: { nameZh: w.nameZh, nameEn: w.nameEn, country: w.country } })).map(({ nameZh: _z, nameEn: _e, country: _c, ...w }) => w),
    objectionOutcomes: outcomes.map((o) => ({ state: o.state, resolution: o.resolution, resolvedAt: iso(o.resolvedAt) })),
    feedbackToMe: own,
  };
}

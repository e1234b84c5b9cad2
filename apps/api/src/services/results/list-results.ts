import { challenges, decisions, organizations, projectMilestones, projects, releases } from '@challenge/db';
import type { ChallengeState } from '@challenge/domain';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { ResultsPageView, ResultsQueryInput } from '../../schemas/results';
import type { ServiceContext } from '../context';

/**
 * The states of a challenge whose award is final: `awarded` (finalized), `in_progress` (a project
 * signed), `completed`, and `failed` — but a challenge fails either with no winner (流标, which has no
 * award decision, so the join below leaves it out) or when all its projects were stopped after the
 * award. The latter stays in the results: the award was made and public money may have been paid, so
 * the public record shows it with its state.
 */
const RESULT_STATES: ChallengeState[] = ['awarded', 'in_progress', 'completed', 'failed'];

/**
 * `GET /api/results`: the public results (product.md step 12, issue 7) — challenges with a final award,
 * newest award first, each with its winners' organisations, awards and the progress of their projects.
 *
 * Only what is already public elsewhere, picked field by field: a challenge's public-list fields
 * (title, industry, bounty, state, owner's public name — also of restricted challenges, whose details
 * stay hidden), the winners as the published decision names them, and of each project counts and
 * amounts only (no milestone content, no payee, no people). A decision still in its notice period,
 * or superseded by an upheld objection, is not final and never appears; non-winning applicants never
 * do, since winners are read from the projects that finalize created.
 */
export async function listResults(ctx: ServiceContext, query: ResultsQueryInput): Promise<ResultsPageView> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const finalAward = and(
    eq(decisions.kind, 'award'),
    isNotNull(decisions.finalizedAt),
    isNull(decisions.supersededAt),
    isNotNull(challenges.publishedAt),
    inArray(challenges.state, RESULT_STATES),
    query.industry ? eq(challenges.industry, query.industry) : undefined,
  )!;

  const [[count], [awarded], [money], rows] = await Promise.all([
    ctx.db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(decisions).innerJoin(challenges, eq(challenges.id, decisions.challengeId)).where(finalAward),
    ctx.db
      .select({ awardedFen: sumFen(sql`${projects.awardFen}`) })
      .from(projects)
      .innerJoin(challenges, eq(challenges.id, projects.challengeId))
      .innerJoin(decisions, eq(decisions.challengeId, challenges.id))
      .where(finalAward),
    ctx.db
      .select({ releasedFen: sumFen(sql`${releases.amountFen}`), paidFen: sumFen(sql`${releases.amountFen}`, sql`${releases.state} = 'confirmed'`) })
      .from(releases)
      .innerJoin(projects, eq(projects.id, releases.projectId))
      .innerJoin(challenges, eq(challenges.id, projects.challengeId))
      .innerJoin(decisions, eq(decisions.challengeId, challenges.id))
      .where(finalAward),
    ctx.db
      .select({
        id: challenges.id, titleZh: challenges.titleZh, titleEn: challenges.titleEn, industry: challenges.industry, state: challenges.state, bountyFen: challenges.bountyFen,
        ownerId: organizations.id, ownerNameZh: organizations.nameZh, ownerNameEn: organizations.nameEn, awardedAt: decisions.finalizedAt,
      })
      .from(decisions)
      .innerJoin(challenges, eq(challenges.id, decisions.challengeId))
      .innerJoin(organizations, eq(organizations.id, challenges.ownerOrganizationId))
      .where(finalAward)
      .orderBy(desc(decisions.finalizedAt), desc(challenges.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);

  const winners = await winnersOf(ctx, rows.map((r) => r.id));
  return {
    totals: { challengesAwarded: count?.n ?? 0, awardedFen: awarded?.awardedFen ?? 0, releasedFen: money?.releasedFen ?? 0, paidFen: money?.paidFen ?? 0 },
    items: rows.map((r) => {
      const own = winners.filter((w) => w.challengeId === r.id).map(({ challengeId: _c, ...w }) => w);
      return {
        challengeId: r.id, titleZh: r.titleZh, titleEn: r.titleEn, industry: r.industry, state: r.state, bountyFen: r.bountyFen,
        owner: { id: r.ownerId, nameZh: r.ownerNameZh, nameEn: r.ownerNameEn },
        awardedAt: r.awardedAt!.toISOString(),
        awardedFen: own.reduce((s, w) => s + w.awardFen, 0),
        winners: own,
      };
    }),
    total: count?.n ?? 0,
    page,
    pageSize,
  };
}

/** The projects of these challenges, largest award first, with their milestones' and releases' figures. */
async function winnersOf(ctx: ServiceContext, challengeIds: string[]) {
  if (challengeIds.length === 0) return [];
  const rows = await ctx.db
    .select({
      projectId: projects.id, challengeId: projects.challengeId, state: projects.state, awardFen: projects.awardFen,
      nameZh: organizations.nameZh, nameEn: organizations.nameEn, country: organizations.country,
    })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.organizationId))
    .where(inArray(projects.challengeId, challengeIds))
    .orderBy(desc(projects.awardFen), asc(organizations.nameEn), asc(projects.id));
  const projectIds = rows.map((r) => r.projectId);
  if (projectIds.length === 0) return [];
  const [milestones, released] = await Promise.all([
    ctx.db
      .select({ projectId: projectMilestones.projectId, total: sql<number>`count(*)::int`.mapWith(Number), verified: sql<number>`(count(*) filter (where ${projectMilestones.state} = 'verified'))::int`.mapWith(Number) })
      .from(projectMilestones)
      .where(inArray(projectMilestones.projectId, projectIds))
      .groupBy(projectMilestones.projectId),
    ctx.db
      .select({ projectId: releases.projectId, fen: sumFen(sql`${releases.amountFen}`) })
      .from(releases)
      .where(inArray(releases.projectId, projectIds))
      .groupBy(releases.projectId),
  ]);
  return rows.map((r) => {
    const m = milestones.find((x) => x.projectId === r.projectId);
    return {
      challengeId: r.challengeId,
      organization: { nameZh: r.nameZh, nameEn: r.nameEn, country: r.country },
      awardFen: r.awardFen,
      projectState: r.state,
      milestonesVerified: m?.verified ?? 0,
      milestonesTotal: m?.total ?? 0,
      releasedFen: released.find((x) => x.projectId === r.projectId)?.fen ?? 0,
    };
  });
}

/** A sum of a fen column, exact: PostgreSQL sums bigint as numeric (text on the wire), read back only when a safe integer. */
const sumFen = (column: SQL, condition?: SQL) =>
  (condition ? sql<string>`(coalesce(sum(${column}) filter (where ${condition}), 0))::text` : sql<string>`(coalesce(sum(${column}), 0))::text`).mapWith(toFen);

function toFen(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`a sum of amounts is not a safe integer: ${String(value)}`);
  return n;
}

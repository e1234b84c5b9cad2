import { challenges, organizations, publicFigures, queryRows, users } from '@challenge/db';
import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES, type ChallengeCategory, type ChallengeIndustry, type ChallengeState } from '@challenge/domain';
import { and, countDistinct, eq, gt, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ChallengeStatsView } from '../../schemas/challenges';
import type { ServiceContext } from '../context';

/**
 * The public headline figures of the home page. Only challenges published at some point count
 * (published, closed and every later state, also when cancelled after publication) — never drafts
 * or challenges in review, which the public may not know exist. Every figure is computed in SQL.
 *
 * - open: published and its deadline not yet reached by the clock (product.md: deadline rules
 *   compare the clock, not the recorded state), the same rule as `GET /api/challenges?status=published`;
 * - special fund committed: the approved special-fund match of challenges whose reservation still
 *   stands, i.e. not cancelled or failed (those return it to the fund);
 * - organisations: enterprises that have published a challenge, and verified organisations with
 *   at least one solver.
 *
 * Computed once for each minute of the clock and version of the data, then read by one key lookup
 * (schema/figures.ts): the home page waited for these aggregates on every request.
 */
export async function challengeStats(ctx: ServiceContext): Promise<ChallengeStatsView> {
  // To the minute: the figures are at least that fresh, and the answer (and the home page made
  // from it) stays the same bytes within the minute, so caches can revalidate it with a 304.
  const minute = new Date(Math.floor(ctx.clock.now().getTime() / 60_000) * 60_000);
  // The version is read before the figures are computed, so a write during the computation makes
  // what is stored outdated at once (schema/figures.ts).
  const [stored] = await queryRows<{ version: string; figures: ChallengeStatsView | null }>(ctx.db, sql`
    select v.last_value::text as version, f.figures
    from public_figures_version v left join ${publicFigures} f on f.minute = ${minute} and f.version = v.last_value`);
  if (stored?.figures) return stored.figures;
  const figures = await computeStats(ctx, minute);
  const version = Number(stored!.version);
  await ctx.db.insert(publicFigures).values({ minute, version, figures }).onConflictDoNothing();
  await ctx.db.delete(publicFigures).where(or(lt(publicFigures.minute, minute), lt(publicFigures.version, version)));
  return figures;
}

async function computeStats(ctx: ServiceContext, minute: Date): Promise<ChallengeStatsView> {
  const now = ctx.clock.now();
  const open = and(eq(challenges.state, 'published'), gt(challenges.deadline, now))!;
  const publishedOnce = isNotNull(challenges.publishedAt);
  const reservationStands = sql`${challenges.state} not in ('cancelled', 'failed')`;
  const passed = and(eq(challenges.state, 'published'), lte(challenges.deadline, now))!;
  const effectiveState = sql<string>`case when ${passed} then 'closed' else ${challenges.state}::text end`;

  // Each statement an index-only scan of challenges_stats_idx, run side by side. The owners are
  // counted apart: count(distinct …) in the totals sorts every row (105 ms at 100,000 challenges), a
  // distinct subquery hashes them (41 ms), and the totals alone then take 35 ms.
  const [[totals], [owners], byIndustry, byCategory, byState, [solvers]] = await Promise.all([
    ctx.db
      .select({
        openChallenges: countWhere(open),
        openBountyFen: sumFen(sql`${challenges.bountyFen}`, open),
        publishedChallenges: sql<number>`count(*)::int`.mapWith(Number),
        specialFundCommittedFen: sumFen(sql`${challenges.specialFundFen}`, reservationStands),
      })
      .from(challenges)
      .where(publishedOnce),
    ctx.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(ctx.db.selectDistinct({ id: challenges.ownerOrganizationId }).from(challenges).where(publishedOnce).as('owners')),
    ctx.db
      .select({ key: challenges.industry, count: sql<number>`count(*)::int`.mapWith(Number), bountyFen: sumFen(sql`${challenges.bountyFen}`) })
      .from(challenges)
      .where(and(open, isNotNull(challenges.industry)))
      .groupBy(challenges.industry),
    ctx.db
      .select({ key: challenges.category, count: sql<number>`count(*)::int`.mapWith(Number), bountyFen: sumFen(sql`${challenges.bountyFen}`) })
      .from(challenges)
      .where(and(open, isNotNull(challenges.category)))
      .groupBy(challenges.category),
    ctx.db
      .select({ key: effectiveState, count: sql<number>`count(*)::int`.mapWith(Number) })
      .from(challenges)
      .where(publishedOnce)
      // By position: the expression's parameters would be numbered anew in GROUP BY and not match.
      .groupBy(sql`1`),
    ctx.db
      .select({ n: countDistinct(organizations.id) })
      .from(organizations)
      .innerJoin(users, eq(users.organizationId, organizations.id))
      .where(and(eq(organizations.status, 'verified'), eq(users.role, 'solver'))),
  ]);

  return {
    openChallenges: totals?.openChallenges ?? 0,
    openBountyFen: totals?.openBountyFen ?? 0,
    publishedChallenges: totals?.publishedChallenges ?? 0,
    specialFundCommittedFen: totals?.specialFundCommittedFen ?? 0,
    ownerOrganizations: owners?.n ?? 0,
    solverOrganizations: solvers?.n ?? 0,
    // Every industry and category, in the domain's order, zeros included: a chart compares them all.
    byIndustry: CHALLENGE_INDUSTRIES.map((industry: ChallengeIndustry) => {
      const row = byIndustry.find((r) => r.key === industry);
      return { industry, openChallenges: row?.count ?? 0, openBountyFen: row?.bountyFen ?? 0 };
    }),
    byCategory: CHALLENGE_CATEGORIES.map((category: ChallengeCategory) => {
      const row = byCategory.find((r) => r.key === category);
      return { category, openChallenges: row?.count ?? 0, openBountyFen: row?.bountyFen ?? 0 };
    }),
    byState: CHALLENGE_STATES.filter((s) => s !== 'draft' && s !== 'pending_review').map((state: ChallengeState) => ({
      state,
      challenges: byState.find((r) => r.key === state)?.count ?? 0,
    })),
    asOf: minute.toISOString(),
  };
}

const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`.mapWith(Number);

/**
 * A sum of a fen column, exact: PostgreSQL sums bigint as numeric, which travels as text; it is
 * read back as a number only when it is a safe integer (amounts are capped so that sums stay safe).
 */
const sumFen = (column: SQL, condition?: SQL) =>
  (condition
    ? sql<string>`(coalesce(sum(${column}) filter (where ${condition}), 0))::text`
    : sql<string>`(coalesce(sum(${column}), 0))::text`
  ).mapWith(toFen);

function toFen(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`a sum of amounts is not a safe integer: ${String(value)}`);
  return n;
}

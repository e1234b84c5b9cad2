import { queryRows } from '@challenge/db';
import { beijingDate, CHALLENGE_INDUSTRIES, FUNDING_SOURCES, type Actor, type ChallengeIndustry, type FundingSource } from '@challenge/domain';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { requireBureau, scopeIds, toFen, type PortfolioFilter } from './scope';

/** How many leading enterprises and solver organisations the dashboard names. */
export const LEADERS = 10;
/** The buckets of the applications-per-challenge distribution: [from, to] (to null: and more). */
export const APPLICATION_BUCKETS: readonly (readonly [number, number | null])[] = [[0, 0], [1, 1], [2, 2], [3, 5], [6, 10], [11, null]];
/** The buckets of the days-from-publication-to-award distribution. */
export const AWARD_DAY_BUCKETS: readonly (readonly [number, number | null])[] = [[0, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, null]];
/**
 * How many overdue milestones (the oldest) and slowest awards the dashboard lists: the whole portfolio
 * has thousands of awards, and a page listing them all was 1.2 MB at 100,000 challenges (bench:dashboard);
 * the counts and the distribution cover them all, the exports list every row.
 */
export const OVERDUE_SHOWN = 50;
export const SLOWEST_SHOWN = 10;

/** Every figure of the bureau's dashboard (product.md step 12), computed in SQL over the challenges in scope (scope.ts). */
export async function readDashboard(ctx: ServiceContext, actor: Actor, filter: PortfolioFilter) {
  requireBureau(actor, 'dashboard');
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const [stages, money, overdue, awardTimes, apps, leaders] = await Promise.all([
    stageFigures(ctx, filter),
    moneyFigures(ctx, filter),
    overdueMilestones(ctx, filter, today),
    timeToAward(ctx, filter),
    applicationFigures(ctx, filter),
    leadingOrganizations(ctx, filter),
  ]);
  return { filter: { year: filter.year ?? null, industry: filter.industry ?? null }, asOf: now.toISOString(), today, stages, money, overdue, timeToAward: awardTimes, applications: apps, ...leaders };
}

const STAGES = ['published', 'closed', 'notice', 'awarded', 'in_progress', 'completed'] as const;

/**
 * The funnel counts every challenge that reached at least each stage, whatever became of it later
 * (a challenge cancelled in review still counts as published and closed), read from what each stage
 * leaves behind rather than the current state, which forgets the way it came:
 * - published: `published_at` is set (always, in scope);
 * - closed (or reviewing): `closed_at` is set — the deadline was recorded passing, or the bureau closed it;
 * - notice: a decision with winners was published (also one later superseded by an upheld objection);
 * - awarded: a decision was made final;
 * - in_progress: a project was signed by both parties;
 * - completed: the challenge is completed.
 * Failed (流标) and cancelled are counted by the current state.
 */
async function stageFigures(ctx: ServiceContext, f: PortfolioFilter) {
  const rows = await queryRows<Record<string, unknown>>(ctx.db, sql`
    with reached as (
      select c.industry::text as industry, c.state::text as state,
        c.closed_at is not null as closed,
        c.id in (select challenge_id from decisions where kind = 'award') as notice,
        c.id in (select challenge_id from decisions where finalized_at is not null) as awarded,
        c.id in (select challenge_id from projects where solver_signed_at is not null and owner_signed_at is not null) as in_progress
      from challenges c where c.id in ${scopeIds(f)}
    )
    select industry,
      count(*)::int as published,
      (count(*) filter (where closed))::int as closed,
      (count(*) filter (where notice))::int as notice,
      (count(*) filter (where awarded))::int as awarded,
      (count(*) filter (where in_progress))::int as in_progress,
      (count(*) filter (where state = 'completed'))::int as completed,
      (count(*) filter (where state = 'failed'))::int as failed,
      (count(*) filter (where state = 'cancelled'))::int as cancelled
    from reached group by industry`);
  const figures = (row: Record<string, unknown> | undefined) => ({
    funnel: STAGES.map((stage) => ({ stage, challenges: Number(row?.[stage] ?? 0) })),
    failed: Number(row?.failed ?? 0),
    cancelled: Number(row?.cancelled ?? 0),
  });
  const byIndustry = CHALLENGE_INDUSTRIES.map((industry: ChallengeIndustry) => ({ industry, ...figures(rows.find((r) => r.industry === industry)) }));
  const total = figures(undefined);
  for (const i of byIndustry) {
    i.funnel.forEach((s, n) => { total.funnel[n]!.challenges += s.challenges; });
    total.failed += i.failed;
    total.cancelled += i.cancelled;
  }
  return { ...total, byIndustry };
}

/**
 * Money per funding source, from the ledger (the same entries `GET /api/ledger` lists), in fen:
 * - budgeted: the special fund's budget of the year (of all years without a year) as the Finance
 *   Bureau set it; it belongs to no industry, so the industry filter leaves it as it is. The
 *   enterprise share has no budget: null.
 * - reserved: what approval reserved (special fund) or committed (enterprise share), less what went
 *   back unspent straight from there (cancelled, failed, or left over by the awards) — finalize's moves
 *   on to the projects stay counted;
 * - awarded: what finalize moved into the projects;
 * - released: what verified milestones made payable to the solvers;
 * - paid: what was disbursed (finance) or recorded paid (enterprise), reversals deducted —
 *   `confirmed` is the part of it the solver confirmed receiving.
 */
async function moneyFigures(ctx: ServiceContext, f: PortfolioFilter) {
  const [rows, [budget]] = await Promise.all([
    queryRows<Record<string, unknown>>(ctx.db, sql`
      select acct.source,
        coalesce(sum(e.amount_fen) filter (where acct.kind in ('fund_reserved', 'enterprise_committed') and t.kind <> 'finalize'), 0)::text as reserved,
        coalesce(sum(e.amount_fen) filter (where acct.kind = 'project_funds' and t.kind = 'finalize'), 0)::text as awarded,
        coalesce(sum(e.amount_fen) filter (where acct.kind = 'release_payable' and t.kind = 'release'), 0)::text as released,
        coalesce(sum(e.amount_fen) filter (where acct.kind in ('release_disbursed', 'paid_out')), 0)::text as paid,
        coalesce(sum(e.amount_fen) filter (where acct.kind = 'paid_out'), 0)::text as confirmed
      from ledger_accounts acct
      join ledger_entries e on e.account_key = acct.key
      join ledger_transfers t on t.id = e.transfer_id
      where acct.challenge_id in ${scopeIds(f)}
      group by acct.source`),
    queryRows<{ budget: string | null }>(ctx.db, sql`select sum(budget_fen)::text as budget from fiscal_budgets ${f.year === undefined ? sql`` : sql`where year = ${f.year}`}`),
  ]);
  return FUNDING_SOURCES.map((source: FundingSource) => {
    const r = rows.find((x) => x.source === source);
    return {
      source,
      budgetedFen: source === 'special_fund' ? toFen(budget?.budget) : null,
      reservedFen: toFen(r?.reserved), awardedFen: toFen(r?.awarded), releasedFen: toFen(r?.released), paidFen: toFen(r?.paid), confirmedFen: toFen(r?.confirmed),
    };
  });
}

/**
 * Milestones past their due date (a date in Beijing time, as the reminders read it) that are not yet
 * verified, in projects still running: how many, and the `OVERDUE_SHOWN` oldest; days overdue counted
 * from the due date to the API clock's today.
 */
async function overdueMilestones(ctx: ServiceContext, f: PortfolioFilter, today: string) {
  const rows = await queryRows<Record<string, unknown>>(ctx.db, sql`
    select m.id as milestone_id, m.title, m.position, m.due_date::text as due_date, m.state::text as state, (${today}::date - m.due_date)::int as days_overdue,
      p.id as project_id, c.id as challenge_id, c.title_zh, c.title_en,
      o.id as owner_id, o.name_zh as owner_zh, o.name_en as owner_en, s.id as solver_id, s.name_zh as solver_zh, s.name_en as solver_en,
      count(*) over ()::int as total
    from project_milestones m
    join projects p on p.id = m.project_id
    join challenges c on c.id = p.challenge_id
    join organizations o on o.id = c.owner_organization_id
    join organizations s on s.id = p.organization_id
    where p.state = 'active' and m.state <> 'verified' and m.due_date < ${today}::date and c.id in ${scopeIds(f)}
    order by m.due_date, c.title_zh, m.position
    limit ${OVERDUE_SHOWN}`);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      milestoneId: String(r.milestone_id), title: String(r.title), position: Number(r.position), dueDate: String(r.due_date), state: String(r.state), daysOverdue: Number(r.days_overdue),
      projectId: String(r.project_id),
      challenge: { id: String(r.challenge_id), titleZh: String(r.title_zh), titleEn: (r.title_en as string | null) ?? null },
      owner: org(r.owner_id, r.owner_zh, r.owner_en),
      solver: org(r.solver_id, r.solver_zh, r.solver_en),
    })),
  };
}
const org = (id: unknown, zh: unknown, en: unknown) => ({ id: String(id), nameZh: (zh as string | null) ?? null, nameEn: (en as string | null) ?? null });

/**
 * Days from publication to award: to the moment the decision was made final (the award), in whole
 * days (started days not counted). Median and mean over the challenges awarded, rounded to 0.1 day,
 * how many fall in each of `AWARD_DAY_BUCKETS`, and the `SLOWEST_SHOWN` that took longest.
 */
async function timeToAward(ctx: ServiceContext, f: PortfolioFilter) {
  const awarded = sql`
    select c.id, c.title_zh, c.title_en, c.published_at, d.finalized_at,
      floor(extract(epoch from (d.finalized_at - c.published_at)) / 86400)::int as days
    from challenges c join decisions d on d.challenge_id = c.id and d.finalized_at is not null
    where c.id in ${scopeIds(f)}`;
  const buckets = sql.join(
    AWARD_DAY_BUCKETS.map(([from, to]) => sql`(count(*) filter (where days >= ${from}${to === null ? sql`` : sql` and days <= ${to}`}))::int`),
    sql`, `,
  );
  const [[summary], slowest] = await Promise.all([
    queryRows<{ awarded: number; median: number | null; mean: number | null; buckets: number[] }>(ctx.db, sql`
      with awarded as (${awarded})
      select count(*)::int as awarded, percentile_cont(0.5) within group (order by days)::float8 as median, avg(days)::float8 as mean,
        array[${buckets}] as buckets
      from awarded`),
    queryRows<Record<string, unknown>>(ctx.db, sql`${awarded} order by days desc, c.title_zh, c.id limit ${SLOWEST_SHOWN}`),
  ]);
  const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return {
    awarded: Number(summary?.awarded ?? 0),
    medianDays: round(summary?.median),
    meanDays: round(summary?.mean),
    distribution: AWARD_DAY_BUCKETS.map(([from, to], i) => ({ from, to, challenges: Number(summary?.buckets[i] ?? 0) })),
    slowest: slowest.map((r) => ({
      challengeId: String(r.id), titleZh: String(r.title_zh), titleEn: (r.title_en as string | null) ?? null,
      publishedAt: new Date(r.published_at as string).toISOString(), awardedAt: new Date(r.finalized_at as string).toISOString(), days: Number(r.days),
    })),
  };
}

/**
 * Applications are counted when submitted and not withdrawn (any state but draft and withdrawn); where
 * applicants come from is counted by the applying (lead) organisation of those applications.
 */
const SUBMITTED = sql`a.state not in ('draft', 'withdrawn')`;

async function applicationFigures(ctx: ServiceContext, f: PortfolioFilter) {
  const bucketCase = sql.join(APPLICATION_BUCKETS.map(([from, to], i) => (to === null ? sql`when n >= ${from} then ${i}` : sql`when n between ${from} and ${to} then ${i}`)), sql` `);
  const [perChallenge, origins] = await Promise.all([
    queryRows<{ bucket: number; challenges: number; applications: number }>(ctx.db, sql`
      with counts as (
        select c.id, count(a.id)::int as n
        from challenges c left join applications a on a.challenge_id = c.id and ${SUBMITTED}
        where c.id in ${scopeIds(f)} group by c.id
      )
      select (case ${bucketCase} end)::int as bucket, count(*)::int as challenges, sum(n)::int as applications from counts group by 1`),
    queryRows<{ by: 'country' | 'kind'; key: string; applications: number; organizations: number }>(ctx.db, sql`
      select case when grouping(o.country) = 0 then 'country' else 'kind' end as by, coalesce(o.country, o.kind::text) as key,
        count(*)::int as applications, count(distinct o.id)::int as organizations
      from applications a join organizations o on o.id = a.organization_id
      where ${SUBMITTED} and a.challenge_id in ${scopeIds(f)}
      group by grouping sets ((o.country), (o.kind))`),
  ]);
  const challenges = perChallenge.reduce((s, r) => s + Number(r.challenges), 0);
  const total = perChallenge.reduce((s, r) => s + Number(r.applications), 0);
  // Most applications first, then by key.
  const origin = (by: 'country' | 'kind') => origins.filter((r) => r.by === by)
    .map((r) => ({ key: r.key, applications: Number(r.applications), organizations: Number(r.organizations) }))
    .sort((a, b) => b.applications - a.applications || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    total,
    perChallengeMean: challenges === 0 ? null : Math.round((total / challenges) * 10) / 10,
    distribution: APPLICATION_BUCKETS.map(([from, to], i) => ({ from, to, challenges: Number(perChallenge.find((r) => Number(r.bucket) === i)?.challenges ?? 0) })),
    byCountry: origin('country'),
    byKind: origin('kind'),
  };
}

/** Leading enterprises by the bounty of their challenges in scope; leading solver organisations by the awards they won (projects), then the amount. */
async function leadingOrganizations(ctx: ServiceContext, f: PortfolioFilter) {
  const [enterprises, solvers] = await Promise.all([
    queryRows<Record<string, unknown>>(ctx.db, sql`
      select o.id, o.name_zh, o.name_en, count(*)::int as challenges, sum(c.bounty_fen)::text as bounty
      from challenges c join organizations o on o.id = c.owner_organization_id
      where c.id in ${scopeIds(f)}
      group by o.id order by sum(c.bounty_fen) desc, count(*) desc, o.id limit ${LEADERS}`),
    queryRows<Record<string, unknown>>(ctx.db, sql`
      select o.id, o.name_zh, o.name_en, o.country, o.kind::text as kind, count(*)::int as awards, sum(p.award_fen)::text as awarded
      from projects p join organizations o on o.id = p.organization_id
      where p.challenge_id in ${scopeIds(f)}
      group by o.id order by count(*) desc, sum(p.award_fen) desc, o.id limit ${LEADERS}`),
  ]);
  return {
    leadingEnterprises: enterprises.map((r) => ({ ...org(r.id, r.name_zh, r.name_en), challenges: Number(r.challenges), bountyFen: toFen(r.bounty) })),
    leadingSolvers: solvers.map((r) => ({ ...org(r.id, r.name_zh, r.name_en), country: String(r.country), kind: String(r.kind), awards: Number(r.awards), awardedFen: toFen(r.awarded) })),
  };
}

export type DashboardData = Awaited<ReturnType<typeof readDashboard>>;

import { challenges } from '@challenge/db';
import { AppError, type Actor, type ChallengeIndustry } from '@challenge/domain';
import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';

/** The dashboard's and the exports' filters (`?year=&industry=`). */
export interface PortfolioFilter {
  year?: number;
  industry?: ChallengeIndustry;
}

/**
 * The challenges the bureau's portfolio figures and exports cover: those published at some point
 * (drafts and challenges in review are not yet part of the portfolio, as in the public stats).
 *
 * `year` is the fiscal year the challenge's special-fund match is charged to (`fiscal_year`, the year
 * of approval in Beijing time, product.md "Money by funding source"), so that the money figures and
 * the year's budget speak of the same year. Approval sets it together with the publication, so it is
 * never null for a published challenge; should it be, the year of publication (Beijing time) stands in.
 */
export function scopeCondition(f: PortfolioFilter): SQL {
  const publicationYear = sql`extract(year from ((${challenges.publishedAt} at time zone 'UTC') + interval '8 hours'))::int`;
  return and(
    isNotNull(challenges.publishedAt),
    f.year === undefined ? undefined : sql`coalesce(${challenges.fiscalYear}, ${publicationYear}) = ${f.year}`,
    f.industry === undefined ? undefined : eq(challenges.industry, f.industry),
  )!;
}

/** The ids of the challenges in scope, as a subquery for raw SQL. */
export const scopeIds = (f: PortfolioFilter): SQL => sql`(select ${challenges.id} from ${challenges} where ${scopeCondition(f)})`;

/**
 * Each ledger account of a challenge's money with the challenge it belongs to and its funding source:
 * the key names the challenge (reservation, commitment), the project (project funds, paid out) or the
 * release (payable, disbursed); packages/domain ledger/accounts.ts gives the key layouts. The outside
 * world and the yearly budgets belong to no challenge.
 */
export const challengeAccounts = sql`(
  select a.key, a.kind, coalesce(r.challenge_id, p.challenge_id::text, a.own_challenge) as challenge_id, coalesce(r.source, a.own_source) as source
  from (
    select key, kind,
      case kind when 'fund_reserved' then split_part(key, ':', 3) when 'enterprise_committed' then split_part(key, ':', 2) end as own_challenge,
      case kind when 'fund_reserved' then 'special_fund' when 'enterprise_committed' then 'enterprise'
        when 'project_funds' then split_part(key, ':', 3) when 'paid_out' then split_part(key, ':', 3) end as own_source,
      case when kind in ('project_funds', 'paid_out') then split_part(key, ':', 2) end as project_id,
      case when kind in ('release_payable', 'release_disbursed') then split_part(key, ':', 2) end as release_id
    from ledger_accounts where kind not in ('world', 'fund_available')
  ) a
  left join projects p on p.id::text = a.project_id
  left join (select rl.id::text as id, rl.source::text as source, pr.challenge_id::text as challenge_id from releases rl join projects pr on pr.id = rl.project_id) r on r.id = a.release_id
)`;

/** The bureau answers for the whole portfolio (api.md `GET /api/dashboard`). */
export function requireBureau(actor: Actor, entity: string) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role !== 'bureau') throw new AppError('forbidden', { entity, action: 'read' });
}

/**
 * A sum of fen read exactly: PostgreSQL sums bigint as numeric, sent as text; it becomes a number only
 * when it is a safe integer (amounts are capped so that sums stay safe).
 */
export function toFen(value: unknown): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new Error(`a sum of amounts is not a safe integer: ${String(value)}`);
  return n;
}

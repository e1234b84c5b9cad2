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

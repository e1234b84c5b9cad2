import { challenges, organizations } from '@challenge/db';
import { AppError, type Actor, type ChallengeCategory, type ChallengeIndustry, type ChallengeState } from '@challenge/domain';
import { and, asc, count, desc, eq, gt, gte, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ChallengeSummaryView } from '../../schemas/challenges';
import type { ServiceContext } from '../context';
import { challengeAccess, loadReaderFacts } from './access';
import { ownerNameColumns, summaryView } from './present';

export interface ChallengeListQuery {
  industry?: ChallengeIndustry;
  category?: ChallengeCategory;
  status?: ChallengeState;
  minBountyFen?: number;
  maxBountyFen?: number;
  deadlineBefore?: Date;
  sort?: 'newest' | 'deadline' | 'bounty';
  /** The actor's own organisation's challenges, drafts included. */
  mine?: boolean;
  page: number;
  pageSize: number;
}

/** States nobody outside the owner and the bureau may list. */
const UNPUBLISHED: readonly ChallengeState[] = ['draft', 'pending_review'];

/**
 * `status` as readers mean it: a published challenge past its deadline is closed (product.md: rules
 * compare the clock with the deadline, not with the recorded state).
 */
function statusCondition(status: ChallengeState, now: Date): SQL {
  if (status === 'published') return and(eq(challenges.state, 'published'), gt(challenges.deadline, now))!;
  if (status === 'closed') return or(eq(challenges.state, 'closed'), and(eq(challenges.state, 'published'), lte(challenges.deadline, now)))!;
  return eq(challenges.state, status);
}

/**
 * Browse challenges. The public (and every non-bureau reader) sees those published at some point —
 * published, closed and every later state, including ones cancelled after publication; `?mine=1`
 * adds the reader's own organisation's drafts and reviews; the bureau may list any state (its review
 * queue is `?status=pending_review`, oldest submission first). Items are the public summary shape,
 * whatever the reader's rights: details are for the detail route.
 */
export async function listChallenges(ctx: ServiceContext, actor: Actor, q: ChallengeListQuery) {
  const now = ctx.clock.now();
  const isBureau = actor?.role === 'bureau';
  const conditions: SQL[] = [];
  if (q.mine) {
    if (!actor) throw new AppError('unauthenticated');
    // Staff belong to no organisation: they own nothing.
    conditions.push(actor.organizationId ? eq(challenges.ownerOrganizationId, actor.organizationId) : sql`false`);
  } else if (!isBureau || !q.status) {
    if (q.status && UNPUBLISHED.includes(q.status)) throw new AppError('forbidden', { entity: 'challenge', action: 'list' });
    conditions.push(isNotNull(challenges.publishedAt));
  }
  if (q.status) conditions.push(statusCondition(q.status, now));
  if (q.industry) conditions.push(eq(challenges.industry, q.industry));
  if (q.category) conditions.push(eq(challenges.category, q.category));
  if (q.minBountyFen !== undefined) conditions.push(gte(challenges.bountyFen, q.minBountyFen));
  if (q.maxBountyFen !== undefined) conditions.push(lte(challenges.bountyFen, q.maxBountyFen));
  if (q.deadlineBefore) conditions.push(lt(challenges.deadline, q.deadlineBefore));
  const where = and(...conditions);

  const order =
    q.sort === 'deadline' ? [sql`${challenges.deadline} asc nulls last`]
    : q.sort === 'bounty' ? [desc(challenges.bountyFen)]
    : !q.sort && q.status === 'pending_review' ? [sql`${challenges.submittedAt} asc nulls last`]
    : [sql`${challenges.publishedAt} desc nulls last`, desc(challenges.createdAt)];

  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ challenge: challenges, owner: ownerNameColumns })
      .from(challenges)
      .innerJoin(organizations, eq(organizations.id, challenges.ownerOrganizationId))
      .where(where)
      .orderBy(...order, asc(challenges.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(challenges).where(where),
  ]);

  const facts = await loadReaderFacts(ctx.db, actor, rows.map((r) => r.challenge.id));
  const items: ChallengeSummaryView[] = [];
  for (const { challenge, owner } of rows) {
    const access = challengeAccess(actor, challenge, facts(challenge.id));
    // The query should only find what the reader may see; the access rule has the last word.
    if (access !== 'none') items.push(summaryView(challenge, owner, access, now));
  }
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

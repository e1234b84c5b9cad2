import { challenges, organizations } from '@challenge/db';
import { AppError, type Actor, type ChallengeCategory, type ChallengeIndustry, type ChallengeState } from '@challenge/domain';
import { PUBLIC_FIELDS, type SearchFilters, type SearchHit, type SearchQuery, type SearchScope } from '@challenge/search';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ChallengeListItemView, ChallengeListPageView } from '../../schemas/challenges';
import type { ServiceContext } from '../context';
import { searchEngineOf } from '../search/engine';
import { challengeAccess, loadReaderFacts, searchReader } from './access';
import { ownerNameColumns, summaryView } from './present';

export interface ChallengeListQuery {
  /** Search text; blank lists by the filters alone. */
  q?: string;
  /** The user is still typing: the last word also matches as a prefix. */
  typing?: boolean;
  industry?: ChallengeIndustry;
  category?: ChallengeCategory;
  status?: ChallengeState;
  minBountyFen?: number;
  maxBountyFen?: number;
  deadlineBefore?: Date;
  /** `relevance` is the default with text; without text it is the default order. */
  sort?: 'relevance' | 'newest' | 'deadline' | 'bounty';
  /** The actor's own organisation's challenges, drafts included. */
  mine?: boolean;
  page: number;
  pageSize: number;
}

/** States nobody outside the owner and the bureau may list. */
const UNPUBLISHED: readonly ChallengeState[] = ['draft', 'pending_review'];
const PUBLIC_HIGHLIGHT_FIELDS: readonly string[] = PUBLIC_FIELDS;

/**
 * Browse and search challenges. The public (and every non-bureau reader) sees those published at
 * some point — published, closed and every later state, including ones cancelled after publication;
 * `?mine=1` adds the reader's own organisation's drafts and reviews; the bureau may list any state
 * (its review queue is `?status=pending_review`, oldest submission first). Items are the public
 * summary shape, whatever the reader's rights; with search text they carry highlights, from the
 * details only where the reader may see them.
 *
 * With text the search engine finds, ranks and counts the matches. Without text the page comes from
 * the challenges table as before, and the total and facet counts from the engine, which counts a
 * large list on its 1% sample (flagged `countsExact: false`) instead of counting the whole table on
 * every page.
 */
export async function listChallenges(ctx: ServiceContext, actor: Actor, q: ChallengeListQuery): Promise<ChallengeListPageView> {
  const now = ctx.clock.now();
  const scope = listScope(actor, q);
  const engine = searchEngineOf(ctx);
  const text = q.q?.trim() ?? '';
  const search: SearchQuery = {
    filters: searchFilters(q), scope, page: q.page, pageSize: q.pageSize, now, reader: await searchReader(ctx.db, actor),
  };

  if (text) {
    const result = await engine.query(ctx.db, { ...search, text, typing: q.typing, sort: q.sort ?? 'relevance' });
    const { facets, countsExact, match, corrections, total } = result;
    return { items: await present(ctx, actor, result.items, now), total, page: q.page, pageSize: q.pageSize, facets, countsExact, match, corrections, engine: result.engine };
  }

  const [items, counted] = await Promise.all([listFromTable(ctx, actor, q, scope, now), engine.query(ctx.db, { ...search, page: 1, pageSize: 1 })]);
  return { items, total: counted.total, page: q.page, pageSize: q.pageSize, facets: counted.facets, countsExact: counted.countsExact, match: 'none', corrections: [], engine: counted.engine };
}

/** Which challenges the reader may list at all; refuses what they may not ask for. */
function listScope(actor: Actor, q: ChallengeListQuery): SearchScope {
  if (q.mine) {
    if (!actor) throw new AppError('unauthenticated');
    return 'mine';
  }
  if (actor?.role === 'bureau' && q.status) return 'all';
  if (q.status && UNPUBLISHED.includes(q.status)) throw new AppError('forbidden', { entity: 'challenge', action: 'list' });
  return 'published';
}

function searchFilters(q: ChallengeListQuery): SearchFilters {
  return {
    ...(q.industry ? { industry: [q.industry] } : {}),
    ...(q.category ? { category: [q.category] } : {}),
    ...(q.status ? { status: [q.status] } : {}),
    bountyFen: { min: q.minBountyFen, max: q.maxBountyFen },
    ...(q.deadlineBefore ? { deadline: { before: q.deadlineBefore } } : {}),
  };
}

/** The engine's hits as list items, in its order; the access rule has the last word on each. */
async function present(ctx: ServiceContext, actor: Actor, hits: readonly SearchHit[], now: Date): Promise<ChallengeListItemView[]> {
  if (hits.length === 0) return [];
  const ids = hits.map((h) => h.id);
  const rows = await ctx.db
    .select({ challenge: challenges, owner: ownerNameColumns })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.ownerOrganizationId))
    .where(inArray(challenges.id, ids));
  const byId = new Map(rows.map((r) => [r.challenge.id, r]));
  const facts = await loadReaderFacts(ctx.db, actor, ids);
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    if (!row) return [];
    const access = challengeAccess(actor, row.challenge, facts(hit.id));
    if (access === 'none') return [];
    // The engine neither matches nor reads the details for a reader not entitled to them; checked again here.
    const highlights = access === 'summary' ? hit.highlights.filter((h) => PUBLIC_HIGHLIGHT_FIELDS.includes(h.field)) : hit.highlights;
    return [{ highlights, ...summaryView(row.challenge, row.owner, access, now) }];
  });
}

/**
 * `status` as readers mean it: a published challenge past its deadline is closed (product.md: rules
 * compare the clock with the deadline, not with the recorded state).
 */
function statusCondition(status: ChallengeState, now: Date): SQL {
  if (status === 'published') return and(eq(challenges.state, 'published'), gt(challenges.deadline, now))!;
  if (status === 'closed') return or(eq(challenges.state, 'closed'), and(eq(challenges.state, 'published'), lte(challenges.deadline, now)))!;
  return eq(challenges.state, status);
}

/** A page of the list without search text, from the challenges table (the engine counts it). */
async function listFromTable(ctx: ServiceContext, actor: Actor, q: ChallengeListQuery, scope: SearchScope, now: Date) {
  const conditions: SQL[] = [];
  // Staff belong to no organisation: they own nothing.
  if (scope === 'mine') conditions.push(actor?.organizationId ? eq(challenges.ownerOrganizationId, actor.organizationId) : sql`false`);
  if (scope === 'published') conditions.push(isNotNull(challenges.publishedAt));
  if (q.status) conditions.push(statusCondition(q.status, now));
  if (q.industry) conditions.push(eq(challenges.industry, q.industry));
  if (q.category) conditions.push(eq(challenges.category, q.category));
  if (q.minBountyFen !== undefined) conditions.push(gte(challenges.bountyFen, q.minBountyFen));
  if (q.maxBountyFen !== undefined) conditions.push(lte(challenges.bountyFen, q.maxBountyFen));
  if (q.deadlineBefore) conditions.push(lt(challenges.deadline, q.deadlineBefore));
  const where = and(...conditions);

  const sort = q.sort === 'relevance' ? undefined : q.sort;
  const order =
    sort === 'deadline' ? [sql`${challenges.deadline} asc nulls last`]
    : sort === 'bounty' ? [desc(challenges.bountyFen)]
    : !sort && q.status === 'pending_review' ? [sql`${challenges.submittedAt} asc nulls last`]
    : [sql`${challenges.publishedAt} desc nulls last`, desc(challenges.createdAt)];

  const rows = await ctx.db
    .select({ challenge: challenges, owner: ownerNameColumns })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.ownerOrganizationId))
    .where(where)
    .orderBy(...order, asc(challenges.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);

  const facts = await loadReaderFacts(ctx.db, actor, rows.map((r) => r.challenge.id));
  const items: ChallengeListItemView[] = [];
  for (const { challenge, owner } of rows) {
    const access = challengeAccess(actor, challenge, facts(challenge.id));
    // The query should only find what the reader may see; the access rule has the last word.
    if (access !== 'none') items.push({ highlights: [], ...summaryView(challenge, owner, access, now) });
  }
  return items;
}

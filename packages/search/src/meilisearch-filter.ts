import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES, type ChallengeState } from '@challenge/domain';
import type { SearchQuery, SearchReader } from './engine';

/**
 * Meilisearch filter expressions are text, so nothing a user typed is ever written into one. A
 * value is one of:
 * - an enum code from packages/domain (`[a-z_]+`), checked against the list;
 * - a UUID (an organisation or challenge id), checked against the UUID pattern;
 * - a safe integer (fen, epoch milliseconds).
 * Anything else is refused with `MeilisearchFilterError` before a request is built, except ids in
 * `detailChallengeIds`, which are dropped as the PostgreSQL engine drops them (no entitlement).
 */
export class MeilisearchFilterError extends Error {
  override name = 'MeilisearchFilterError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** More entitled ids than this are not sent (a reader accepts terms for a handful of challenges). */
const MAX_DETAIL_IDS = 1000;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const quote = (value: string): string => `"${value}"`;

function enumList(attribute: string, values: readonly unknown[], allowed: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    // The value itself is left out of the message: it may be anything a client sent.
    if (typeof v !== 'string' || !allowed.includes(v)) throw new MeilisearchFilterError(`${attribute}: not a known value`);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

function integer(attribute: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new MeilisearchFilterError(`${attribute}: not a safe integer`);
  return value;
}

function instant(attribute: string, value: unknown): number {
  return integer(attribute, value instanceof Date ? value.getTime() : Number.NaN);
}

function uuid(attribute: string, value: unknown): string {
  if (!isUuid(value)) throw new MeilisearchFilterError(`${attribute}: not a UUID`);
  return value.toLowerCase();
}

/** product.md: a published challenge whose deadline has passed reads as closed. */
function statusClause(status: ChallengeState, nowMs: number): string {
  if (status === 'published') return `(state = "published" AND (deadline IS NULL OR deadline > ${nowMs}))`;
  if (status === 'closed') return `(state = "closed" OR (state = "published" AND deadline <= ${nowMs}))`;
  return `state = ${quote(status)}`;
}

/**
 * The clauses (ANDed, as Meilisearch reads an array) for a query's scope and filters; null when
 * the scope matches nothing (`mine` without an organisation).
 */
export function meilisearchFilter(q: Pick<SearchQuery, 'filters' | 'scope' | 'now' | 'reader'>): string[] | null {
  const out: string[] = [];
  const scope = q.scope ?? 'published';
  if (scope === 'mine') {
    if (q.reader.organizationId == null) return null;
    out.push(`ownerOrganizationId = ${quote(uuid('organizationId', q.reader.organizationId))}`);
  } else if (!(scope === 'all' && q.reader.seesEverything)) {
    out.push('publishedAt IS NOT NULL');
  }

  const f = q.filters ?? {};
  const nowMs = instant('now', q.now);
  if (f.industry?.length) out.push(`industry IN [${enumList('industry', f.industry, CHALLENGE_INDUSTRIES).map(quote).join(', ')}]`);
  if (f.category?.length) out.push(`category IN [${enumList('category', f.category, CHALLENGE_CATEGORIES).map(quote).join(', ')}]`);
  if (f.status?.length) {
    const states = enumList('status', f.status, CHALLENGE_STATES) as ChallengeState[];
    out.push(states.length === 1 ? statusClause(states[0]!, nowMs) : `(${states.map((s) => statusClause(s, nowMs)).join(' OR ')})`);
  }
  if (f.bountyFen?.min !== undefined) out.push(`bounty >= ${integer('bountyFen.min', f.bountyFen.min)}`);
  if (f.bountyFen?.max !== undefined) out.push(`bounty <= ${integer('bountyFen.max', f.bountyFen.max)}`);
  if (f.deadline?.from) out.push(`deadline >= ${instant('deadline.from', f.deadline.from)}`);
  if (f.deadline?.before) out.push(`deadline < ${instant('deadline.before', f.deadline.before)}`);
  return out;
}

/** Published challenges of the query's clauses that read as closed at `now` (for the status facet). */
export function pastDeadlineClauses(nowMs: number): string[] {
  return ['state = "published"', `deadline <= ${integer('now', nowMs)}`];
}

function entitlement(reader: SearchReader): { organizationId: string | null; ids: string[] } {
  const organizationId = reader.organizationId != null && isUuid(reader.organizationId) ? reader.organizationId.toLowerCase() : null;
  const ids = [...new Set(reader.detailChallengeIds.filter(isUuid).map((id) => id.toLowerCase()))].slice(0, MAX_DETAIL_IDS);
  return { organizationId, ids };
}

/**
 * The challenges whose details this reader may see, and so be matched on: public ones, the
 * reader's organisation's, and those in `detailChallengeIds`. Null for the bureau (every one).
 */
export function detailFilter(reader: SearchReader): string | null {
  if (reader.seesEverything) return null;
  const { organizationId, ids } = entitlement(reader);
  const parts = ['visibility = "public"'];
  if (organizationId) parts.push(`ownerOrganizationId = ${quote(organizationId)}`);
  if (ids.length > 0) parts.push(`id IN [${ids.map(quote).join(', ')}]`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** The complement of `detailFilter`: restricted challenges this reader may list but not read in detail. */
export function publicOnlyFilter(reader: SearchReader): string {
  const { organizationId, ids } = entitlement(reader);
  const parts = ['visibility = "restricted"'];
  if (organizationId) parts.push(`ownerOrganizationId != ${quote(organizationId)}`);
  if (ids.length > 0) parts.push(`id NOT IN [${ids.map(quote).join(', ')}]`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

/** The same decision for one hit, in Node: a second check before a detail field is read for a snippet. */
export function mayReadDetails(reader: SearchReader, hit: { id: string; visibility: string; ownerOrganizationId: string }): boolean {
  if (reader.seesEverything || hit.visibility === 'public') return true;
  const { organizationId, ids } = entitlement(reader);
  return (organizationId !== null && hit.ownerOrganizationId.toLowerCase() === organizationId) || ids.includes(hit.id.toLowerCase());
}

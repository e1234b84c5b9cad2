import { challenges, confidentialityAcceptances, organizations, reviewAssignments, type Db } from '@challenge/db';
import type { Actor, ChallengeState } from '@challenge/domain';
import type { SearchReader } from '@challenge/search';
import { and, eq, inArray } from 'drizzle-orm';
import type { ChallengeRow } from './records';

/**
 * What a reader may see of one challenge — the one rule every read path applies (the list, the
 * detail, attachments) and every write path uses to hide what the actor may not know exists:
 * - `manage`: the owner organisation's members and the bureau, in every state;
 * - `detail`: anyone once published, when details are public; for `restricted` challenges only
 *   signed-in solvers of verified organisations who accepted the challenge's terms version, and the
 *   experts reviewing one of its applications (assigned, and declared free of conflict: they judge
 *   proposals against the indicators, under the review's own duty of confidence);
 * - `summary`: everyone else, once published (title, summary, industry, category, bounty, deadline,
 *   state, owner's public name);
 * - `none`: not published yet (draft, in review, or cancelled before publication).
 */
/** The relation the state machine needs: the actor belongs to the organisation that owns the challenge. */
export const isOwner = (actor: Actor, c: Pick<ChallengeRow, 'ownerOrganizationId'>): boolean =>
  !!actor?.organizationId && actor.organizationId === c.ownerOrganizationId;

export type ChallengeAccess = 'none' | 'summary' | 'detail' | 'manage';

export interface ReaderFacts {
  /** The reader's organisation has been verified by the bureau. */
  readonly organizationVerified: boolean;
  /** Terms versions the reader accepted for this challenge. */
  readonly acceptedTermsVersions: readonly string[];
  /** The reader is an expert reviewing an application to this challenge, declared free of conflict. */
  readonly reviewing?: boolean;
}

export const NO_FACTS: ReaderFacts = { organizationVerified: false, acceptedTermsVersions: [] };

export function challengeAccess(
  actor: Actor,
  c: Pick<ChallengeRow, 'ownerOrganizationId' | 'publishedAt' | 'visibility' | 'confidentialityTermsVersion'>,
  facts: ReaderFacts,
): ChallengeAccess {
  if (actor?.role === 'bureau' || isOwner(actor, c)) return 'manage';
  if (!c.publishedAt) return 'none';
  if (c.visibility === 'public') return 'detail';
  const entitled = actor?.role === 'solver' && facts.organizationVerified && facts.acceptedTermsVersions.includes(c.confidentialityTermsVersion);
  return entitled || (actor?.role === 'expert' && facts.reviewing) ? 'detail' : 'summary';
}

/** The facts about the reader `challengeAccess` needs, for several challenges in two queries. */
export async function loadReaderFacts(db: Db, actor: Actor, challengeIds: readonly string[]): Promise<(id: string) => ReaderFacts> {
  if (actor?.role === 'expert' && challengeIds.length > 0) {
    const reviewing = new Set(await reviewedChallengeIds(db, actor.userId, challengeIds));
    return (id) => ({ ...NO_FACTS, reviewing: reviewing.has(id) });
  }
  if (actor?.role !== 'solver' || !actor.organizationId || challengeIds.length === 0) return () => NO_FACTS;
  const organizationVerified = await isVerified(db, actor.organizationId);
  if (!organizationVerified) return () => NO_FACTS;
  const rows = await db
    .select({ challengeId: confidentialityAcceptances.challengeId, termsVersion: confidentialityAcceptances.termsVersion })
    .from(confidentialityAcceptances)
    .where(and(eq(confidentialityAcceptances.userId, actor.userId), inArray(confidentialityAcceptances.challengeId, [...challengeIds])));
  return (id) => ({ organizationVerified, acceptedTermsVersions: rows.filter((r) => r.challengeId === id).map((r) => r.termsVersion) });
}

/**
 * The reader as the search engine needs it, built from the facts `challengeAccess` decides on, so
 * search matches and highlights a challenge's details exactly where the detail page would show them:
 * the bureau every challenge's; a member their own organisation's; a solver of a verified
 * organisation the restricted challenges whose current terms version they accepted; an expert those
 * they review. The list still
 * applies `challengeAccess` to every item the engine returns.
 */
export async function searchReader(db: Db, actor: Actor): Promise<SearchReader> {
  if (actor?.role === 'bureau') return { seesEverything: true, organizationId: actor.organizationId, detailChallengeIds: [] };
  const organizationId = actor?.organizationId ?? null;
  const reader: SearchReader = { seesEverything: false, organizationId, detailChallengeIds: [] };
  if (actor?.role === 'expert') return { ...reader, detailChallengeIds: await reviewedChallengeIds(db, actor.userId) };
  if (actor?.role !== 'solver' || !organizationId || !(await isVerified(db, organizationId))) return reader;
  const accepted = await db
    .selectDistinct({ id: confidentialityAcceptances.challengeId })
    .from(confidentialityAcceptances)
    .innerJoin(challenges, and(eq(challenges.id, confidentialityAcceptances.challengeId), eq(challenges.confidentialityTermsVersion, confidentialityAcceptances.termsVersion)))
    .where(eq(confidentialityAcceptances.userId, actor.userId));
  return { ...reader, detailChallengeIds: accepted.map((r) => r.id) };
}

async function isVerified(db: Db, organizationId: string): Promise<boolean> {
  const [org] = await db.select({ status: organizations.status }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return org?.status === 'verified';
}

/**
 * product.md: rules that depend on a deadline compare the clock with the deadline instant, never the
 * recorded state. A published challenge whose deadline has passed is closed, whether or not the
 * background loop has recorded it yet.
 */
export const deadlinePassed = (c: Pick<ChallengeRow, 'deadline'>, now: Date): boolean => !!c.deadline && c.deadline.getTime() <= now.getTime();

export const effectiveState = (c: Pick<ChallengeRow, 'state' | 'deadline'>, now: Date): ChallengeState =>
  c.state === 'published' && deadlinePassed(c, now) ? 'closed' : c.state;

/** The challenges (of those given, or all) with an application the expert reviews, declared free of conflict. */
async function reviewedChallengeIds(db: Db, expertId: string, among?: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: reviewAssignments.challengeId })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.expertId, expertId), eq(reviewAssignments.conflict, false), among ? inArray(reviewAssignments.challengeId, [...among]) : undefined));
  return rows.map((r) => r.id);
}

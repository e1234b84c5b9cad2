import { challengeIndicators, challenges, type Db } from '@challenge/db';
import { asc, eq } from 'drizzle-orm';
import type { SearchDocument } from './document';
import type { SearchEngine } from './engine';

export type ChallengeRow = typeof challenges.$inferSelect;
export type IndicatorRow = typeof challengeIndicators.$inferSelect;

/** A challenge and its indicators (in the owner's order) as a search document. */
export function challengeSearchDocument(c: ChallengeRow, indicators: readonly IndicatorRow[]): SearchDocument {
  return {
    id: c.id,
    ownerOrganizationId: c.ownerOrganizationId,
    state: c.state,
    visibility: c.visibility,
    industry: c.industry,
    category: c.category,
    bountyFen: c.bountyFen,
    deadline: c.deadline,
    publishedAt: c.publishedAt,
    createdAt: c.createdAt,
    title: { zh: c.titleZh, en: c.titleEn },
    summary: { zh: c.summaryZh, en: c.summaryEn },
    indicators: [...indicators]
      .sort((a, b) => a.position - b.position)
      .map((i) => ({ nameZh: i.nameZh, nameEn: i.nameEn, target: i.target, unit: i.unit, method: i.method })),
    description: { zh: c.descriptionZh, en: c.descriptionEn },
    eligibility: { zh: c.eligibilityZh, en: c.eligibilityEn },
  };
}

export async function loadChallengeSearchDocument(db: Db, challengeId: string): Promise<SearchDocument | null> {
  const [c] = await db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!c) return null;
  const indicators = await db.select().from(challengeIndicators).where(eq(challengeIndicators.challengeId, challengeId)).orderBy(asc(challengeIndicators.position));
  return challengeSearchDocument(c, indicators);
}

/**
 * What a use case calls, in its transaction, after any write to a challenge or its indicators
 * (create, edit, submit, approve, close, amend a deadline, cancel …): the index row follows the
 * challenge as it now is, or goes when the challenge is gone.
 */
export async function reindexChallenge(db: Db, engine: SearchEngine, challengeId: string): Promise<void> {
  const doc = await loadChallengeSearchDocument(db, challengeId);
  if (doc) await engine.index(db, doc);
  else await engine.remove(db, challengeId);
}

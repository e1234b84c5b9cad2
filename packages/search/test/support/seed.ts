import { challengeIndicators, challenges, organizations, users, type Db } from '@challenge/db';
import { CURRENT_CONFIDENTIALITY_TERMS_VERSION } from '@challenge/domain';
import { loadChallengeSearchDocument, type SearchEngine } from '../../src/index';
import { CORPUS_NOW, type CorpusChallenge } from '../fixtures/corpus-types';

const DAY = 86_400_000;

/** An enterprise organisation and one of its users, to own challenges. */
export async function seedOwner(db: Db, name: string): Promise<{ organizationId: string; userId: string }> {
  const [org] = await db
    .insert(organizations)
    .values({ kind: 'enterprise', country: 'CN', nameZh: name, status: 'verified', createdAt: CORPUS_NOW })
    .returning({ id: organizations.id });
  const [user] = await db
    .insert(users)
    .values({ email: `${org!.id}@example.test`, passwordHash: 'x', displayName: name, role: 'enterprise', organizationId: org!.id, createdAt: CORPUS_NOW })
    .returning({ id: users.id });
  return { organizationId: org!.id, userId: user!.id };
}

/** Deterministic ids, so failures name the same challenge on every run. */
export const corpusId = (index: number): string => `00000000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;

/** Writes a challenge row (and its indicators) as the services would leave it, then indexes it from the database. */
export async function insertChallenge(
  db: Db, engine: SearchEngine, owner: { organizationId: string; userId: string }, c: CorpusChallenge, id: string,
): Promise<void> {
  const state = c.state ?? 'published';
  const published = state !== 'draft' && state !== 'pending_review';
  const bountyFen = c.bountyWan * 10_000 * 100;
  const enterpriseShareFen = Math.floor(bountyFen / 2);
  const at = (days: number) => new Date(CORPUS_NOW.getTime() + days * DAY);
  await db.insert(challenges).values({
    id,
    ownerOrganizationId: owner.organizationId,
    createdBy: owner.userId,
    state,
    titleZh: c.titleZh,
    titleEn: c.titleEn ?? null,
    summaryZh: c.summaryZh,
    summaryEn: c.summaryEn ?? null,
    descriptionZh: c.descriptionZh,
    descriptionEn: c.descriptionEn ?? null,
    industry: c.industry,
    category: c.category,
    eligibilityZh: c.eligibilityZh ?? null,
    enterpriseShareFen,
    requestedSpecialFundFen: bountyFen - enterpriseShareFen,
    specialFundFen: published ? bountyFen - enterpriseShareFen : null,
    bountyFen,
    deadline: at(c.deadlineDays),
    visibility: c.visibility ?? 'public',
    confidentialityTermsVersion: CURRENT_CONFIDENTIALITY_TERMS_VERSION,
    publishedAt: published ? at(-c.publishedDaysAgo) : null,
    createdAt: at(-c.publishedDaysAgo - 10),
    updatedAt: at(-c.publishedDaysAgo),
  });
  if (c.indicators?.length) {
    await db.insert(challengeIndicators).values(
      c.indicators.map(([nameZh, nameEn, target, unit], position) => ({ challengeId: id, position, nameZh, nameEn, target, unit })),
    );
  }
  await engine.index(db, (await loadChallengeSearchDocument(db, id))!);
}

/** The whole corpus, in one transaction; returns key → id. */
export async function loadCorpus(db: Db, engine: SearchEngine, corpus: readonly CorpusChallenge[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await db.transaction(async (tx) => {
    const owner = await seedOwner(tx as unknown as Db, '语料企业');
    for (const [i, c] of corpus.entries()) {
      ids.set(c.key, corpusId(i));
      await insertChallenge(tx as unknown as Db, engine, owner, c, corpusId(i));
    }
  });
  return ids;
}

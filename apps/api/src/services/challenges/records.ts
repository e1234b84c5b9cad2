import { challengeIndicators, challenges, type Db } from '@challenge/db';
import { AppError, type Actor, type ChallengeDraft } from '@challenge/domain';
import { asc, eq } from 'drizzle-orm';
import { challengeAccess, NO_FACTS } from './access';

export { isOwner } from './access';

export type ChallengeRow = typeof challenges.$inferSelect;
export type IndicatorRow = typeof challengeIndicators.$inferSelect;

/** Locks the challenge for the rest of the transaction; `not_found` when there is none. */
export async function lockChallenge(tx: Db, id: string): Promise<ChallengeRow> {
  const [row] = await tx.select().from(challenges).where(eq(challenges.id, id)).for('update').limit(1);
  if (!row) throw new AppError('not_found');
  return row;
}

export const loadIndicators = (db: Db, challengeId: string): Promise<IndicatorRow[]> =>
  db.select().from(challengeIndicators).where(eq(challengeIndicators.challengeId, challengeId)).orderBy(asc(challengeIndicators.position));

/**
 * Locks the challenge and hides it (`not_found`) from an actor who may not know it exists, so a
 * refused write tells a stranger nothing more than a read would.
 */
export async function lockVisibleChallenge(tx: Db, actor: Actor, id: string): Promise<ChallengeRow> {
  const row = await lockChallenge(tx, id);
  if (challengeAccess(actor, row, NO_FACTS) === 'none') throw new AppError('not_found');
  return row;
}

export const draftOf = (c: ChallengeRow, indicators: readonly IndicatorRow[]): ChallengeDraft => ({ ...c, indicators });

/** What the audit log keeps of a challenge: every field (none is personal) but the bookkeeping timestamps. */
export function challengeAuditSnapshot(c: ChallengeRow, indicators?: readonly IndicatorRow[]) {
  const { createdAt: _c, updatedAt: _u, ...fields } = c;
  return {
    ...fields,
    ...(indicators ? { indicators: indicators.map(({ position, nameZh, nameEn, target, unit, method }) => ({ position, nameZh, nameEn, target, unit, method })) } : {}),
  };
}

import { challengeIndicators, challenges, type Db } from '@challenge/db';
import { AppError, requestedBountyFen } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import type { ChallengePatchInput } from '../../schemas/challenges';

type Columns = Partial<typeof challenges.$inferInsert>;

/** Trimmed; an empty text is no text. */
const clean = (s: string | null | undefined) => {
  const t = s?.trim();
  return t ? t : null;
};

const TEXT_FIELDS = [
  'titleEn', 'summaryZh', 'summaryEn', 'descriptionZh', 'descriptionEn', 'eligibilityZh', 'eligibilityEn', 'ipTermsZh', 'ipTermsEn',
] as const;

/** The columns an owner's input sets (only those given); the bounty is derived by the caller. */
export function draftColumns(input: ChallengePatchInput): Columns {
  const out: Columns = {};
  if (input.titleZh !== undefined) {
    const title = clean(input.titleZh);
    if (!title) throw AppError.invalid([{ field: 'titleZh', code: 'required' }]);
    out.titleZh = title;
  }
  for (const f of TEXT_FIELDS) if (input[f] !== undefined) out[f] = clean(input[f]);
  for (const f of ['industry', 'category', 'enterpriseShareFen', 'requestedSpecialFundFen', 'durationMonths', 'maxWinners', 'visibility', 'domesticOnly'] as const) {
    if (input[f] !== undefined) (out as Record<string, unknown>)[f] = input[f];
  }
  if (input.deadline !== undefined) out.deadline = input.deadline === null ? null : new Date(input.deadline);
  return out;
}

/** The bounty a draft announces: both shares as requested (the bureau's approval may lower it). */
export const draftBounty = (shares: { enterpriseShareFen: number; requestedSpecialFundFen: number }) => requestedBountyFen(shares);

/** Replaces the draft's indicators with `list`, in its order. */
export async function replaceIndicators(tx: Db, challengeId: string, list: NonNullable<ChallengePatchInput['indicators']>) {
  await tx.delete(challengeIndicators).where(eq(challengeIndicators.challengeId, challengeId));
  if (list.length === 0) return [];
  return tx
    .insert(challengeIndicators)
    .values(list.map((i, position) => ({ challengeId, position, nameZh: clean(i.nameZh), nameEn: clean(i.nameEn), target: clean(i.target), unit: clean(i.unit), method: clean(i.method) })))
    .returning();
}

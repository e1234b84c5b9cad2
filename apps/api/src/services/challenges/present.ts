import { attachments, challengeAmendments, challengeReviews, organizations, type Db } from '@challenge/db';
import { confidentialityTerms, type Actor } from '@challenge/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { ChallengeDetailView, ChallengeManageView, ChallengeSummaryView, ChallengeView } from '../../schemas/challenges';
import { attachmentView } from '../attachments/attachment-view';
import { effectiveState, type ChallengeAccess } from './access';
import { loadIndicators, type ChallengeRow } from './records';
import { viewActions } from './rules';

export interface OwnerName {
  id: string;
  nameZh: string | null;
  nameEn: string | null;
}

/** The columns to select alongside a challenge for its owner's public name. */
export const ownerNameColumns = { id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public fields, picked one by one: nothing restricted can slip in through a spread. */
export function summaryView(c: ChallengeRow, owner: OwnerName, access: Exclude<ChallengeAccess, 'none'>, now: Date): ChallengeSummaryView {
  const terms = c.visibility === 'restricted' ? confidentialityTerms(c.confidentialityTermsVersion) : null;
  return {
    view: 'summary',
    id: c.id,
    state: effectiveState(c, now),
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    summaryZh: c.summaryZh,
    summaryEn: c.summaryEn,
    industry: c.industry,
    category: c.category,
    bountyFen: c.bountyFen,
    deadline: iso(c.deadline),
    visibility: c.visibility,
    domesticOnly: c.domesticOnly,
    publishedAt: iso(c.publishedAt),
    owner: { id: owner.id, nameZh: owner.nameZh, nameEn: owner.nameEn },
    detailsAvailable: access !== 'summary',
    confidentiality: terms ? { version: terms.version, textZh: terms.zh, textEn: terms.en } : null,
  };
}

async function detailView(db: Db, c: ChallengeRow, owner: OwnerName, access: 'detail' | 'manage', now: Date): Promise<ChallengeDetailView> {
  const [indicators, amendments, files] = await Promise.all([
    loadIndicators(db, c.id),
    db.select().from(challengeAmendments).where(eq(challengeAmendments.challengeId, c.id)).orderBy(asc(challengeAmendments.createdAt), asc(challengeAmendments.id)),
    db.select().from(attachments).where(and(eq(attachments.parentType, 'challenge'), eq(attachments.parentId, c.id))).orderBy(asc(attachments.createdAt), asc(attachments.id)),
  ]);
  return {
    ...summaryView(c, owner, access, now),
    view: 'detail',
    descriptionZh: c.descriptionZh,
    descriptionEn: c.descriptionEn,
    indicators: indicators.map((i) => ({ position: i.position, nameZh: i.nameZh, nameEn: i.nameEn, target: i.target, unit: i.unit, method: i.method })),
    eligibilityZh: c.eligibilityZh,
    eligibilityEn: c.eligibilityEn,
    ipTermsZh: c.ipTermsZh,
    ipTermsEn: c.ipTermsEn,
    enterpriseShareFen: c.enterpriseShareFen,
    specialFundFen: c.specialFundFen,
    durationMonths: c.durationMonths,
    maxWinners: c.maxWinners,
    amendments: amendments.map((a) => ({
      id: a.id, kind: a.kind, textZh: a.textZh, textEn: a.textEn, oldDeadline: iso(a.oldDeadline), newDeadline: iso(a.newDeadline), createdAt: a.createdAt.toISOString(),
    })),
    attachments: files.map(attachmentView),
    closedAt: iso(c.closedAt),
    cancelledAt: iso(c.cancelledAt),
    cancelReason: c.cancelReason,
  };
}

async function manageView(db: Db, actor: Actor, c: ChallengeRow, owner: OwnerName, now: Date): Promise<ChallengeManageView> {
  const [detail, reviews] = await Promise.all([
    detailView(db, c, owner, 'manage', now),
    db.select().from(challengeReviews).where(eq(challengeReviews.challengeId, c.id)).orderBy(asc(challengeReviews.createdAt), asc(challengeReviews.id)),
  ]);
  return {
    ...detail,
    view: 'manage',
    requestedSpecialFundFen: c.requestedSpecialFundFen,
    reviewReasons: c.reviewReasons,
    reviews: reviews.map((r) => ({ decision: r.decision, reasons: r.reasons, specialFundFen: r.specialFundFen, createdAt: r.createdAt.toISOString() })),
    submittedAt: iso(c.submittedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    actions: viewActions(actor, c, now),
  };
}

/** The view of one challenge for a reader with the given access (decided by `challengeAccess`). */
export function presentChallenge(db: Db, actor: Actor, c: ChallengeRow, owner: OwnerName, access: Exclude<ChallengeAccess, 'none'>, now: Date): Promise<ChallengeView> | ChallengeView {
  if (access === 'manage') return manageView(db, actor, c, owner, now);
  if (access === 'detail') return detailView(db, c, owner, access, now);
  return summaryView(c, owner, access, now);
}

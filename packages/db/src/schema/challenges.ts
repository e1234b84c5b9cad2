import {
  AMENDMENT_KINDS, CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES, CHALLENGE_VISIBILITIES, REVIEW_DECISIONS,
} from '@challenge/domain';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';

// Values come from packages/domain, so the database, the rules and the API name the same codes.
export const challengeStateEnum = pgEnum('challenge_state', CHALLENGE_STATES);
export const challengeCategoryEnum = pgEnum('challenge_category', CHALLENGE_CATEGORIES);
export const challengeIndustryEnum = pgEnum('challenge_industry', CHALLENGE_INDUSTRIES);
export const challengeVisibilityEnum = pgEnum('challenge_visibility', CHALLENGE_VISIBILITIES);
export const amendmentKindEnum = pgEnum('challenge_amendment_kind', AMENDMENT_KINDS);
export const reviewDecisionEnum = pgEnum('challenge_review_decision', REVIEW_DECISIONS);

// Amounts: bigint in the database, JS numbers in TypeScript (`mode: 'number'`); packages/domain
// challenge/money.ts says why and keeps every value a safe integer.
const fen = (name: string) => bigint(name, { mode: 'number' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * 榜单. A draft may be incomplete (most fields nullable); packages/domain's rules decide when it is
 * complete enough to submit and publish. `state` changes only through the challenge state machine.
 * `bountyFen` is the enterprise share plus the requested special fund until approval, then plus the
 * approved `specialFundFen` (product.md "Money by funding source").
 */
export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganizationId: uuid('owner_organization_id').notNull().references(() => organizations.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    state: challengeStateEnum('state').notNull().default('draft'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    summaryZh: text('summary_zh'),
    summaryEn: text('summary_en'),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    industry: challengeIndustryEnum('industry'),
    category: challengeCategoryEnum('category'),
    eligibilityZh: text('eligibility_zh'),
    eligibilityEn: text('eligibility_en'),
    enterpriseShareFen: fen('enterprise_share_fen').notNull().default(0),
    requestedSpecialFundFen: fen('requested_special_fund_fen').notNull().default(0),
    specialFundFen: fen('special_fund_fen'),
    /** The fiscal year the special-fund match is charged to: the year (Beijing time) of approval. */
    fiscalYear: integer('fiscal_year'),
    bountyFen: fen('bounty_fen').notNull().default(0),
    deadline: instant('deadline'),
    durationMonths: integer('duration_months'),
    maxWinners: integer('max_winners').notNull().default(1),
    ipTermsZh: text('ip_terms_zh'),
    ipTermsEn: text('ip_terms_en'),
    visibility: challengeVisibilityEnum('visibility').notNull().default('public'),
    domesticOnly: boolean('domestic_only').notNull().default(false),
    confidentialityTermsVersion: text('confidentiality_terms_version').notNull(),
    /** The bureau's latest return reasons (the history is in challenge_reviews). */
    reviewReasons: text('review_reasons'),
    submittedAt: instant('submitted_at'),
    publishedAt: instant('published_at'),
    closedAt: instant('closed_at'),
    cancelledAt: instant('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('challenges_owner_idx').on(t.ownerOrganizationId, t.createdAt),
    index('challenges_created_by_idx').on(t.createdBy),
    // The public list: every filter and sort runs on publicly visible rows (published at some point).
    index('challenges_state_deadline_idx').on(t.state, t.deadline),
    // In the list's own order (newest first, then created, then id), so a page is read off the index.
    index('challenges_newest_idx').on(t.publishedAt.desc().nullsLast(), t.createdAt.desc().nullsFirst(), t.id).where(sql`${t.publishedAt} is not null`),
    // Every column the public figures (home page) read, for challenges ever published: they count
    // and sum the whole portfolio, which an index-only scan of this does without the wide rows.
    index('challenges_stats_idx').on(t.state, t.deadline, t.industry, t.category, t.bountyFen, t.specialFundFen, t.ownerOrganizationId).where(sql`${t.publishedAt} is not null`),
    index('challenges_industry_idx').on(t.industry, t.publishedAt),
    index('challenges_category_idx').on(t.category, t.publishedAt),
    index('challenges_bounty_idx').on(t.bountyFen),
    index('challenges_deadline_idx').on(t.deadline),
    index('challenges_review_queue_idx').on(t.submittedAt).where(sql`${t.state} = 'pending_review'`),
    check('challenges_shares_nonnegative', sql`${t.enterpriseShareFen} >= 0 and ${t.requestedSpecialFundFen} >= 0`),
    check(
      'challenges_special_fund_within_request',
      sql`${t.specialFundFen} is null or (${t.specialFundFen} >= 0 and ${t.specialFundFen} <= ${t.requestedSpecialFundFen})`,
    ),
    check(
      'challenges_bounty_by_source',
      sql`${t.bountyFen} = ${t.enterpriseShareFen} + coalesce(${t.specialFundFen}, ${t.requestedSpecialFundFen})`,
    ),
    check('challenges_duration_range', sql`${t.durationMonths} is null or ${t.durationMonths} between 1 and 60`),
    check('challenges_max_winners_range', sql`${t.maxWinners} between 1 and 10`),
    check('challenges_published_has_fund', sql`${t.publishedAt} is null or ${t.specialFundFen} is not null`),
  ],
);

/** 技术指标: measurable targets, in the owner's order. Replaced as a whole when a draft is edited. */
export const challengeIndicators = pgTable(
  'challenge_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    position: integer('position').notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    target: text('target'),
    unit: text('unit'),
    method: text('method'),
  },
  (t) => [uniqueIndex('challenge_indicators_position_key').on(t.challengeId, t.position)],
);

/** Dated notes on a published challenge: clarifications (owner or bureau), deadline extensions (bureau). */
export const challengeAmendments = pgTable(
  'challenge_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    kind: amendmentKindEnum('kind').notNull(),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en'),
    oldDeadline: instant('old_deadline'),
    newDeadline: instant('new_deadline'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('challenge_amendments_challenge_idx').on(t.challengeId, t.createdAt),
    index('challenge_amendments_created_by_idx').on(t.createdBy),
    check('challenge_amendments_extension_later', sql`${t.kind} <> 'deadline_extension' or ${t.newDeadline} > ${t.oldDeadline}`),
  ],
);

/** A solver's acceptance of the confidentiality terms of a restricted challenge, per terms version. */
export const confidentialityAcceptances = pgTable(
  'confidentiality_acceptances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    termsVersion: text('terms_version').notNull(),
    acceptedAt: instant('accepted_at').notNull(),
  },
  (t) => [
    uniqueIndex('confidentiality_acceptances_key').on(t.challengeId, t.userId, t.termsVersion),
    index('confidentiality_acceptances_user_idx').on(t.userId),
  ],
);

/** The bureau's review decisions: every approval (with the special fund set) and return (with reasons). */
export const challengeReviews = pgTable(
  'challenge_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    decision: reviewDecisionEnum('decision').notNull(),
    reasons: text('reasons'),
    specialFundFen: fen('special_fund_fen'),
    reviewedBy: uuid('reviewed_by').notNull().references(() => users.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('challenge_reviews_challenge_idx').on(t.challengeId, t.createdAt),
    index('challenge_reviews_reviewed_by_idx').on(t.reviewedBy),
    check('challenge_reviews_return_has_reasons', sql`${t.decision} <> 'returned' or ${t.reasons} is not null`),
  ],
);

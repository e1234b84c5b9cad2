// product.md step 2 and glossary.md: the codes of a challenge's classifying fields, and the limits of
// its fields, shared by the database enums, the API schemas, the validation rules and the web forms.

/** glossary.md categories: 企业技术难题/卡脖子技术, 关键共性技术, 紧迫需求, 成果转化需求, 人才引进需求. */
export const CHALLENGE_CATEGORIES = ['bottleneck', 'common_key_technology', 'urgent_need', 'tech_transfer', 'talent'] as const;
export type ChallengeCategory = (typeof CHALLENGE_CATEGORIES)[number];

/** The district's two leading industries: 冶金新材料, 高端装备制造. */
export const CHALLENGE_INDUSTRIES = ['metallurgy_new_materials', 'high_end_equipment'] as const;
export type ChallengeIndustry = (typeof CHALLENGE_INDUSTRIES)[number];

/** `public`: details for everyone; `restricted`: details only for entitled readers (see the API's access rule). */
export const CHALLENGE_VISIBILITIES = ['public', 'restricted'] as const;
export type ChallengeVisibility = (typeof CHALLENGE_VISIBILITIES)[number];

/** Dated notes on a published challenge; only the bureau may extend a deadline. */
export const AMENDMENT_KINDS = ['clarification', 'deadline_extension'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** The bureau's review decisions, kept as a history (the reasons of every return). */
export const REVIEW_DECISIONS = ['approved', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Maximum lengths (characters) and ranges; the API's schemas and the rules below use the same numbers. */
export const CHALLENGE_LIMITS = {
  title: 200,
  summary: 1000,
  description: 20_000,
  eligibility: 5000,
  ipTerms: 5000,
  indicators: 30,
  indicatorName: 200,
  indicatorTarget: 200,
  indicatorUnit: 50,
  indicatorMethod: 2000,
  amendmentText: 5000,
  durationMonths: { min: 1, max: 60 },
  maxWinners: { min: 1, max: 10 },
  /** A deadline (or an extended one) at most this many years ahead: a later one is a typo, and past 9999 no date can be written. */
  deadlineYearsAhead: 2,
} as const;

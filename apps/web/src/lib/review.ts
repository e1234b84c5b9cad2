/** Expert review (专家评审, product.md step 6) as the API answers it (apps/api/src/schemas/reviews.ts); no server code here. */
import { DEFAULT_RUBRIC, RUBRIC_LIMITS, type ApplicationState, type ChallengeState, type RubricCriterion, type ScoreSheet } from '@challenge/domain';
import type { Translate } from '$lib/i18n';

export { DEFAULT_RUBRIC, RUBRIC_LIMITS, type RubricCriterion, type ScoreSheet };

/** An organisation's names as the review endpoints give them (either may be missing). */
export interface OrgNames {
  nameZh: string | null;
  nameEn: string | null;
}

/** One expert of the pool (`GET /api/experts`, bureau only). */
export interface Expert {
  id: string;
  displayName: string;
  email: string;
  /** The employer, when registered here: it decides the automatic conflicts. */
  organizationId: string | null;
  affiliation: string | null;
  /** Fields of expertise, trimmed and lower-cased by the API. */
  expertise: string[];
}

/** `PUT /api/experts/:id/profile`. */
export interface ExpertProfileInput {
  organizationId: string | null;
  affiliation: string | null;
  expertise: string[];
}

/** `POST /api/challenges/:id/reviewers`: experts by name or drawn at random by field, never both. */
export type AssignInput =
  | { applicationIds: string[]; expertIds: string[] }
  | { applicationIds: string[]; draw: { expertise: string[]; count: number } };

export interface AssignResult {
  assigned: { applicationId: string; expertId: string }[];
}

export interface Rubric {
  criteria: RubricCriterion[];
}

/** What the expert sends: first the declaration (final), then the rubric's scores. */
export type ReviewInput = { conflict: false } | { conflict: true; reason: string } | { scores: ScoreSheet };

/** The expert's assignment after a declaration or a score (`PUT /api/applications/:id/review`). */
export interface ReviewState {
  assignmentId: string;
  applicationId: string;
  /** null: not declared yet; true: recused (final); false: declared free of conflict. */
  conflict: boolean | null;
  declaredAt: string | null;
  /** The weighted total × 10 (0–1000); null until scored. */
  totalTenths: number | null;
  scoredAt: string | null;
}

/** The expert's own assignment with the scores saved so far (`GET`/`PUT /api/applications/:id/review`). */
export interface MyReviewSheet extends ReviewState {
  scores: Record<string, { score: number; comment: string }> | null;
}

/** One assignment as the bureau sees it (`GET /api/challenges/:id/reviewers`). */
export interface AssignmentRow extends ReviewState {
  expert: { id: string; displayName: string };
  assignedAt: string;
  conflictReason: string | null;
}

/** One of the expert's assignments (`GET /api/reviews`). */
export interface MyReview extends ReviewState {
  challenge: { id: string; titleZh: string; titleEn: string | null; state: ChallengeState };
  applicant: OrgNames;
  partners: OrgNames[];
  assignedAt: string;
}

export interface ReviewAggregate {
  count: number;
  used: number;
  dropped: number;
  mean: number | null;
  standardDeviation: number | null;
  min: number | null;
  max: number | null;
}

export interface RankingItem {
  applicationId: string;
  state: ApplicationState;
  organization: OrgNames;
  receiptNumber: string | null;
  requestedFen: number | null;
  mean: number | null;
  reviewCount: number;
  aggregate: ReviewAggregate;
  rank: number;
  /** The mean equals the one above: the tie-break rule decided the order. */
  tieBreak: boolean;
  submittedAt: string;
}

/** `GET /api/challenges/:id/ranking`: the bureau, and the owner after the deadline; never who reviewed. */
export interface Ranking {
  challengeId: string;
  rubric: RubricCriterion[];
  items: RankingItem[];
}

/** Where an assignment stands, for the expert's list and page. */
export type AssignmentStatus = 'to_declare' | 'recused' | 'to_score' | 'scored';

export function assignmentStatus(r: Pick<ReviewState, 'conflict' | 'scoredAt'>): AssignmentStatus {
  if (r.conflict === null) return 'to_declare';
  if (r.conflict) return 'recused';
  return r.scoredAt ? 'scored' : 'to_score';
}

export const assignmentTone = (s: AssignmentStatus): 'pending' | 'ok' | 'bad' | 'neutral' =>
  s === 'to_declare' || s === 'to_score' ? 'pending' : s === 'scored' ? 'ok' : 'neutral';

/** Scores are taken and revised only while the challenge is in review (the API refuses otherwise). */
export const scoringOpen = (state: ChallengeState) => state === 'reviewing';

const DEFAULT_KEYS = ['technical_approach', 'team', 'budget', 'schedule', 'prior_results'] as const;
type DefaultKey = (typeof DEFAULT_KEYS)[number];
const isDefaultKey = (key: string): key is DefaultKey => (DEFAULT_KEYS as readonly string[]).includes(key);

/** A criterion's name: the default ones in the reader's language, any other key as the bureau wrote it. */
export const criterionLabel = (t: Translate, key: string): string => (isDefaultKey(key) ? t(`review.criteria.${key}`) : key);

/** What a default criterion asks the expert to judge; null for the bureau's own criteria. */
export const criterionHint = (t: Translate, key: string): string | null => (isDefaultKey(key) ? t(`review.criteriaHints.${key}`) : null);

/** A score 0–100 as shown everywhere (at most two decimals; the API's means are rounded to two). */
export function formatScore(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value);
}

/** A stored total (tenths) as a score 0–100. */
export const totalFromTenths = (tenths: number | null): number | null => (tenths === null ? null : tenths / 10);

/** Fields of expertise as typed: separated by commas (either width), semicolons or new lines. */
export const splitExpertise = (text: string): string[] =>
  [...new Set(text.split(/[,，;；、\n]/).map((x) => x.trim().toLowerCase()).filter((x) => x !== ''))];

/** The weights' sum, counting what is not a whole number as nothing (the live check names it). */
export const weightSum = (weights: readonly (number | null)[]): number => weights.reduce<number>((s, w) => s + (w !== null && Number.isInteger(w) ? w : 0), 0);

/** The reasons an assignment conflict (`assignment_conflict`) names in its `params.reason`. */
export const CONFLICT_REASONS = ['applicant_organization', 'partner_organization', 'owner_organization'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

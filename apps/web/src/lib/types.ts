/** What the API answers (apps/api/src/schemas); shared by server code and components. */
import type { AmendmentKind, ChallengeCategory, ChallengeIndustry, ChallengeState, ChallengeVisibility } from '@challenge/domain';
import type { Locale } from '$lib/i18n';

export type { AmendmentKind, ChallengeCategory, ChallengeIndustry, ChallengeState, ChallengeVisibility };

export type Role = 'enterprise' | 'solver' | 'expert' | 'bureau' | 'finance';
export type StaffRole = 'expert' | 'bureau' | 'finance';
export type UserStatus = 'active' | 'disabled';
export type OrganizationKind = 'enterprise' | 'university' | 'institute' | 'company' | 'team';
export type OrganizationStatus = 'pending' | 'verified' | 'rejected';
export type JoinRequestStatus = 'pending' | 'approved' | 'rejected';

export const ROLES: readonly Role[] = ['enterprise', 'solver', 'expert', 'bureau', 'finance'];
export const STAFF_ROLES: readonly StaffRole[] = ['expert', 'bureau', 'finance'];
export const USER_STATUSES: readonly UserStatus[] = ['active', 'disabled'];
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = ['enterprise', 'university', 'institute', 'company', 'team'];
export const ORGANIZATION_STATUSES: readonly OrganizationStatus[] = ['pending', 'verified', 'rejected'];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  locale: Locale;
  organizationId: string | null;
  isOrgAdmin: boolean;
  createdAt: string;
}

export interface OrganizationPublic {
  id: string;
  kind: OrganizationKind;
  country: string;
  nameZh: string | null;
  nameEn: string | null;
  website: string | null;
  status: OrganizationStatus;
}

export interface Organization extends OrganizationPublic {
  uscc: string | null;
  emailDomain: string | null;
  statusReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface Me {
  user: User;
  organization: Organization | null;
  pendingJoinRequest: { id: string; organization: OrganizationPublic; createdAt: string } | null;
}

export interface JoinRequest {
  id: string;
  organizationId: string;
  userId: string;
  userDisplayName: string;
  userEmail: string;
  status: JoinRequestStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  tokenType: 'Bearer';
}

export interface OrganizationInput {
  kind: OrganizationKind;
  country: string;
  nameZh?: string;
  nameEn?: string;
  uscc?: string;
  website?: string;
  emailDomain?: string;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
  role: 'enterprise' | 'solver';
  locale?: Locale;
  organization: OrganizationInput;
}

export interface RegisterResult {
  user: User;
  organization: Organization;
  joinRequest: { id: string; status: string } | null;
}

export interface CreateUserInput {
  email: string;
  password: string;
  displayName: string;
  role: StaffRole;
  locale?: Locale;
}

export interface JoinDecision {
  id: string;
  status: string;
  reason: string | null;
}

// ---- challenges (apps/api/src/schemas/challenges.ts) -----------------------------------------------


/** `relevance` ranks search matches (the default with `q`); without `q` the API lists newest first. */
export type ChallengeSort = 'relevance' | 'newest' | 'deadline' | 'bounty';
/** What the reader may do now, as the API reports it (`actions` of the manage view). */
export type ChallengeViewAction = 'edit' | 'attach' | 'submit' | 'approve' | 'return' | 'close' | 'cancel' | 'amend' | 'extend_deadline';

/** The public fields: what anyone who may know the challenge exists sees. */
export interface ChallengeSummary {
  view: 'summary';
  id: string;
  state: ChallengeState;
  titleZh: string;
  titleEn: string | null;
  summaryZh: string | null;
  summaryEn: string | null;
  industry: ChallengeIndustry | null;
  category: ChallengeCategory | null;
  /** Integer fen (1/100 yuan). */
  bountyFen: number;
  deadline: string | null;
  visibility: ChallengeVisibility;
  domesticOnly: boolean;
  publishedAt: string | null;
  owner: { id: string; nameZh: string | null; nameEn: string | null };
  detailsAvailable: boolean;
  /** The terms a reader accepts to see a restricted challenge's details; null for public ones. */
  confidentiality: { version: string; textZh: string; textEn: string } | null;
}

export interface Indicator {
  position: number;
  nameZh: string | null;
  nameEn: string | null;
  target: string | null;
  unit: string | null;
  method: string | null;
}

export interface Amendment {
  id: string;
  kind: AmendmentKind;
  textZh: string;
  textEn: string | null;
  oldDeadline: string | null;
  newDeadline: string | null;
  createdAt: string;
}

export interface Attachment {
  id: string;
  parentType: 'challenge';
  parentId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface ChallengeDetail extends Omit<ChallengeSummary, 'view'> {
  view: 'detail';
  descriptionZh: string | null;
  descriptionEn: string | null;
  indicators: Indicator[];
  eligibilityZh: string | null;
  eligibilityEn: string | null;
  ipTermsZh: string | null;
  ipTermsEn: string | null;
  enterpriseShareFen: number;
  specialFundFen: number | null;
  durationMonths: number | null;
  maxWinners: number;
  amendments: Amendment[];
  attachments: Attachment[];
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

/** The owner organisation and the bureau: everything, with the review history and allowed actions. */
export interface ChallengeManage extends Omit<ChallengeDetail, 'view'> {
  view: 'manage';
  requestedSpecialFundFen: number;
  reviewReasons: string | null;
  reviews: { decision: 'approved' | 'returned'; reasons: string | null; specialFundFen: number | null; createdAt: string }[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  actions: ChallengeViewAction[];
}

export type Challenge = ChallengeSummary | ChallengeDetail | ChallengeManage;

export interface IndicatorInput {
  nameZh: string;
  nameEn?: string | null;
  target: string;
  unit: string;
  method: string;
}

/** The editable fields of a draft (PATCH sends only what changed; `indicators` replaces the list). */
export interface ChallengeInput {
  titleZh?: string;
  titleEn?: string | null;
  summaryZh?: string | null;
  summaryEn?: string | null;
  descriptionZh?: string | null;
  descriptionEn?: string | null;
  industry?: ChallengeIndustry | null;
  category?: ChallengeCategory | null;
  indicators?: IndicatorInput[];
  eligibilityZh?: string | null;
  eligibilityEn?: string | null;
  enterpriseShareFen?: number;
  requestedSpecialFundFen?: number;
  deadline?: string | null;
  durationMonths?: number | null;
  maxWinners?: number;
  ipTermsZh?: string | null;
  ipTermsEn?: string | null;
  visibility?: ChallengeVisibility;
  domesticOnly?: boolean;
}

export interface ChallengeListQuery {
  /** Search text, at most 200 characters; blank lists by the filters alone. */
  q?: string;
  /** The user is still typing: the last word also matches as a prefix. */
  typing?: '1';
  industry?: ChallengeIndustry;
  category?: ChallengeCategory;
  status?: ChallengeState;
  minBountyFen?: number;
  maxBountyFen?: number;
  deadlineBefore?: string;
  sort?: ChallengeSort;
  mine?: '1';
  page?: number;
  pageSize?: number;
}

export type SearchField = 'title' | 'summary' | 'indicators' | 'description' | 'eligibility';

/** Where the search text matched in one field: plain text and `[start, end)` ranges (UTF-16), never markup. */
export interface SearchHighlight {
  field: SearchField;
  lang: 'zh' | 'en';
  text: string;
  ranges: [number, number][];
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

/** A listed challenge: the public fields, with highlights when the list was searched. */
export interface ChallengeListItem extends ChallengeSummary {
  highlights: SearchHighlight[];
}

/** Matching challenges per value, every filter applied; values with none are absent. */
export interface ChallengeFacets {
  industry: Partial<Record<ChallengeIndustry, number>>;
  category: Partial<Record<ChallengeCategory, number>>;
  status: Partial<Record<ChallengeState, number>>;
}

/** `GET /api/challenges` (apps/api/src/schemas/challenges.ts ChallengeListPage). */
export interface ChallengeListPage extends Paged<ChallengeListItem> {
  facets: ChallengeFacets;
  /** False when the total and facet counts are estimates from a sample: show them as approximate. */
  countsExact: boolean;
  /** `all` every term matched; `corrected` after reading misspellings; `any` only some terms; `none` no text. */
  match: 'all' | 'corrected' | 'any' | 'none';
  /** What typed text was read as (高问合金 → 高温合金). */
  corrections: { from: string; to: string }[];
  engine: 'postgres' | 'meilisearch';
}

/** `GET /api/challenges/stats` (apps/api/src/schemas/challenges.ts ChallengeStats): published challenges only. */
export interface ChallengeStats {
  openChallenges: number;
  /** Integer fen. */
  openBountyFen: number;
  publishedChallenges: number;
  /** Integer fen: the approved match of published challenges not cancelled or failed. */
  specialFundCommittedFen: number;
  ownerOrganizations: number;
  solverOrganizations: number;
  byIndustry: { industry: ChallengeIndustry; openChallenges: number; openBountyFen: number }[];
  byCategory: { category: ChallengeCategory; openChallenges: number; openBountyFen: number }[];
  byState: { state: ChallengeState; challenges: number }[];
  asOf: string;
}

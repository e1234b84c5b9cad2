import {
  AMENDMENT_KINDS, CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_LIMITS, CHALLENGE_STATES, CHALLENGE_VISIBILITIES,
  MAX_AMOUNT_FEN, REVIEW_DECISIONS,
} from '@challenge/domain';
import { Type, type Static, type TInteger, type TOptional } from '@sinclair/typebox';
import { Instant, Literals, PageQuery, Reason, Uuid } from './common';

const L = CHALLENGE_LIMITS;
const Text = (maxLength: number) => Type.String({ maxLength });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableText = (maxLength: number) => Nullable(Text(maxLength));
const Fen = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT_FEN, description: 'integer fen (1/100 yuan)' });

// ---- input ---------------------------------------------------------------------------------------

export const IndicatorInput = Type.Object(
  {
    nameZh: Text(L.indicatorName),
    nameEn: Type.Optional(NullableText(L.indicatorName)),
    target: Text(L.indicatorTarget),
    unit: Text(L.indicatorUnit),
    method: Type.String({ maxLength: L.indicatorMethod, description: 'how the indicator is measured' }),
  },
  { additionalProperties: false },
);

/**
 * The editable fields of a draft. Everything but the Chinese title may stay empty while drafting;
 * completeness is checked at submission (packages/domain challenge/draft.ts), all fields at once.
 */
const editable = {
  titleEn: Type.Optional(NullableText(L.title)),
  summaryZh: Type.Optional(NullableText(L.summary)),
  summaryEn: Type.Optional(NullableText(L.summary)),
  descriptionZh: Type.Optional(NullableText(L.description)),
  descriptionEn: Type.Optional(NullableText(L.description)),
  industry: Type.Optional(Type.Union([Literals(CHALLENGE_INDUSTRIES), Type.Null()])),
  category: Type.Optional(Type.Union([Literals(CHALLENGE_CATEGORIES), Type.Null()])),
  indicators: Type.Optional(Type.Array(IndicatorInput, { maxItems: L.indicators })),
  eligibilityZh: Type.Optional(NullableText(L.eligibility)),
  eligibilityEn: Type.Optional(NullableText(L.eligibility)),
  enterpriseShareFen: Type.Optional(Fen),
  requestedSpecialFundFen: Type.Optional(Fen),
  deadline: Type.Optional(Type.Union([Instant, Type.Null()])),
  durationMonths: Type.Optional(Type.Union([Type.Integer({ minimum: L.durationMonths.min, maximum: L.durationMonths.max }), Type.Null()])),
  maxWinners: Type.Optional(Type.Integer({ minimum: L.maxWinners.min, maximum: L.maxWinners.max })),
  ipTermsZh: Type.Optional(NullableText(L.ipTerms)),
  ipTermsEn: Type.Optional(NullableText(L.ipTerms)),
  visibility: Type.Optional(Literals(CHALLENGE_VISIBILITIES)),
  domesticOnly: Type.Optional(Type.Boolean()),
};

export const ChallengeCreateBody = Type.Object({ titleZh: Type.String({ minLength: 1, maxLength: L.title }), ...editable }, { additionalProperties: false });
export const ChallengePatchBody = Type.Object(
  { titleZh: Type.Optional(Type.String({ minLength: 1, maxLength: L.title })), ...editable },
  { additionalProperties: false, minProperties: 1 },
);
export type ChallengeCreateInput = Static<typeof ChallengeCreateBody>;
export type ChallengePatchInput = Static<typeof ChallengePatchBody>;

export const ApproveBody = Type.Object(
  {
    specialFundFen: Type.Integer({ minimum: 0, maximum: MAX_AMOUNT_FEN, description: 'the special-fund match approved; at most the requested amount' }),
    note: Type.Optional(Reason),
  },
  { additionalProperties: false },
);

export const AmendmentBody = Type.Object(
  {
    kind: Literals(AMENDMENT_KINDS),
    textZh: Type.String({ minLength: 2, maxLength: L.amendmentText }),
    textEn: Type.Optional(Type.String({ minLength: 2, maxLength: L.amendmentText })),
    newDeadline: Type.Optional(Type.String({ format: 'date-time', description: 'required for deadline_extension: later than the current deadline' })),
  },
  { additionalProperties: false },
);

export const ConfidentialityBody = Type.Object(
  { termsVersion: Type.String({ minLength: 1, maxLength: 40, description: 'the version of the terms the reader was shown' }) },
  { additionalProperties: false },
);

export const CHALLENGE_SORTS = ['relevance', 'newest', 'deadline', 'bounty'] as const;
/** Longer text is not a query (packages/search query.ts reads at most this much). */
export const MAX_QUERY_LENGTH = 200;
export const ChallengeListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH, description: 'search text, Chinese or English; empty or blank lists by the filters alone' })),
    typing: Type.Optional(Literals(['1', 'true'] as const, { description: 'the user is still typing: the last word also matches as a prefix' })),
    industry: Type.Optional(Literals(CHALLENGE_INDUSTRIES)),
    category: Type.Optional(Literals(CHALLENGE_CATEGORIES)),
    status: Type.Optional(Literals(CHALLENGE_STATES)),
    minBountyFen: Type.Optional(Fen),
    maxBountyFen: Type.Optional(Fen),
    deadlineBefore: Type.Optional(Instant),
    sort: Type.Optional(Literals(CHALLENGE_SORTS, { description: '`relevance` is the default with `q`; without `q` it lists newest first' })),
    mine: Type.Optional(Literals(['1', 'true'] as const)),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/**
 * `approve` and `cancel` will move money (reservations, issue 6). The header is accepted and checked
 * for shape now so clients can send it from the start; replay protection (same key and body → the
 * first answer, different body → 422) is implemented with the ledger in issue 6, not here.
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Per user: a repeat of the same request returns the first answer and moves nothing; the same key with another request is refused (422)' })),
});

// ---- output --------------------------------------------------------------------------------------
// Three shapes, one per access level decided by services/challenges/access.ts. The public shape
// (`ChallengeSummary`) has no restricted property at all, so its serializer cannot emit one; a
// `view` literal makes the union unambiguous for fast-json-stringify.

const OwnerView = Type.Object({ id: Uuid, nameZh: Type.Union([Type.String(), Type.Null()]), nameEn: Type.Union([Type.String(), Type.Null()]) });
const TermsView = Type.Object({ version: Type.String(), textZh: Type.String(), textEn: Type.String() });

const summaryProps = {
  id: Uuid,
  state: Literals(CHALLENGE_STATES),
  titleZh: Type.String(),
  titleEn: Type.Union([Type.String(), Type.Null()]),
  summaryZh: Type.Union([Type.String(), Type.Null()]),
  summaryEn: Type.Union([Type.String(), Type.Null()]),
  industry: Type.Union([Literals(CHALLENGE_INDUSTRIES), Type.Null()]),
  category: Type.Union([Literals(CHALLENGE_CATEGORIES), Type.Null()]),
  bountyFen: Type.Integer(),
  deadline: Type.Union([Instant, Type.Null()]),
  visibility: Literals(CHALLENGE_VISIBILITIES),
  domesticOnly: Type.Boolean(),
  publishedAt: Type.Union([Instant, Type.Null()]),
  owner: OwnerView,
  /** Whether this reader may see the details (always for public challenges once published). */
  detailsAvailable: Type.Boolean(),
  /** The terms to accept for a restricted challenge; null for public ones. */
  confidentiality: Type.Union([TermsView, Type.Null()]),
};

const IndicatorView = Type.Object({
  position: Type.Integer(),
  nameZh: Type.Union([Type.String(), Type.Null()]),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  target: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([Type.String(), Type.Null()]),
  method: Type.Union([Type.String(), Type.Null()]),
});

const AmendmentView = Type.Object({
  id: Uuid,
  kind: Literals(AMENDMENT_KINDS),
  textZh: Type.String(),
  textEn: Type.Union([Type.String(), Type.Null()]),
  oldDeadline: Type.Union([Instant, Type.Null()]),
  newDeadline: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});

export const AttachmentView = Type.Object({
  id: Uuid,
  parentType: Literals(['challenge', 'application', 'milestone'] as const),
  parentId: Uuid,
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: Instant,
});

const detailProps = {
  descriptionZh: Type.Union([Type.String(), Type.Null()]),
  descriptionEn: Type.Union([Type.String(), Type.Null()]),
  indicators: Type.Array(IndicatorView),
  eligibilityZh: Type.Union([Type.String(), Type.Null()]),
  eligibilityEn: Type.Union([Type.String(), Type.Null()]),
  ipTermsZh: Type.Union([Type.String(), Type.Null()]),
  ipTermsEn: Type.Union([Type.String(), Type.Null()]),
  enterpriseShareFen: Type.Integer(),
  specialFundFen: Type.Union([Type.Integer(), Type.Null()]),
  durationMonths: Type.Union([Type.Integer(), Type.Null()]),
  maxWinners: Type.Integer(),
  amendments: Type.Array(AmendmentView),
  attachments: Type.Array(AttachmentView),
  closedAt: Type.Union([Instant, Type.Null()]),
  cancelledAt: Type.Union([Instant, Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
};

const ReviewView = Type.Object({
  decision: Literals(REVIEW_DECISIONS),
  reasons: Type.Union([Type.String(), Type.Null()]),
  specialFundFen: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Instant,
});

export const CHALLENGE_VIEW_ACTIONS = ['edit', 'attach', 'submit', 'approve', 'return', 'close', 'cancel', 'amend', 'extend_deadline'] as const;

const manageProps = {
  requestedSpecialFundFen: Type.Integer(),
  reviewReasons: Type.Union([Type.String(), Type.Null()]),
  reviews: Type.Array(ReviewView),
  submittedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
  /** What this reader may do now (the same rules the services apply), for the pages' buttons. */
  actions: Type.Array(Literals(CHALLENGE_VIEW_ACTIONS)),
};

/** Anyone who may see that the challenge exists: the public fields only. */
export const ChallengeSummary = Type.Object({ view: Type.Literal('summary'), ...summaryProps }, { description: 'public fields of a challenge' });
/** Public challenges, and restricted ones for verified solvers who accepted the terms. */
export const ChallengeDetail = Type.Object({ view: Type.Literal('detail'), ...summaryProps, ...detailProps }, { description: 'a challenge with its details' });
/** The owner organisation and the bureau. */
export const ChallengeManage = Type.Object(
  { view: Type.Literal('manage'), ...summaryProps, ...detailProps, ...manageProps },
  { description: "a challenge as its owner and the bureau see it, with the bureau's review history" },
);
export const ChallengeAny = Type.Union([ChallengeManage, ChallengeDetail, ChallengeSummary]);

// ---- search results ------------------------------------------------------------------------------

const SEARCH_FIELDS = ['title', 'summary', 'indicators', 'description', 'eligibility'] as const;

/** packages/search Highlight: ranges over the item's own text, never markup. */
export const SearchHighlight = Type.Object(
  {
    field: Literals(SEARCH_FIELDS, { description: 'indicators, description and eligibility only for readers who may see the details' }),
    lang: Literals(['zh', 'en'] as const),
    text: Type.String({ description: "the field's text, or a window of it around the matches" }),
    ranges: Type.Array(Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]), {
      description: '[start, end) of each match in `text`, UTF-16 code units, ascending and apart',
    }),
    truncatedStart: Type.Boolean({ description: 'text was cut before the window' }),
    truncatedEnd: Type.Boolean({ description: 'text was cut after the window' }),
  },
  { additionalProperties: false },
);

/** A listed challenge: the public fields, plus where the search text matched (empty without `q`). */
export const ChallengeListItem = Type.Object(
  { view: Type.Literal('summary'), ...summaryProps, highlights: Type.Array(SearchHighlight) },
  { additionalProperties: false, description: 'public fields of a challenge, with search highlights' },
);

const counts = <T extends readonly string[]>(values: T) =>
  Type.Object(Object.fromEntries(values.map((v) => [v, Type.Optional(Type.Integer({ minimum: 0 }))])) as Record<T[number], TOptional<TInteger>>, {
    additionalProperties: false,
  });

export const ChallengeFacets = Type.Object(
  { industry: counts(CHALLENGE_INDUSTRIES), category: counts(CHALLENGE_CATEGORIES), status: counts(CHALLENGE_STATES) },
  {
    additionalProperties: false,
    description: 'how many matching challenges have each value, with every filter applied; values with none are absent; status as readers see it (published past its deadline counts as closed)',
  },
);

export const SEARCH_MATCHES = ['all', 'corrected', 'any', 'none'] as const;

export const ChallengeListPage = Type.Object(
  {
    items: Type.Array(ChallengeListItem),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
    facets: ChallengeFacets,
    countsExact: Type.Boolean({ description: 'false when the total and the facet counts were estimated from a sample of a broad match: show them as approximate' }),
    match: Literals(SEARCH_MATCHES, {
      description: '`all`: every term matched; `corrected`: after reading misspellings as the words they resemble; `any`: nothing matched every term, so some of them; `none`: no search text',
    }),
    corrections: Type.Array(Type.Object({ from: Type.String(), to: Type.String() }, { additionalProperties: false }), {
      description: 'what the search read typed text as (高问合金 → 高温合金, hydralic → hydraulic)',
    }),
    engine: Literals(['postgres', 'meilisearch'] as const, { description: 'the search engine that answered (the matches with `q`, the facets always)' }),
  },
  { additionalProperties: false },
);
export type ChallengeListItemView = Static<typeof ChallengeListItem>;
export type ChallengeListPageView = Static<typeof ChallengeListPage>;

export type ChallengeSummaryView = Static<typeof ChallengeSummary>;
export type ChallengeDetailView = Static<typeof ChallengeDetail>;
export type ChallengeManageView = Static<typeof ChallengeManage>;
export type ChallengeView = ChallengeSummaryView | ChallengeDetailView | ChallengeManageView;
export type AttachmentViewType = Static<typeof AttachmentView>;

export const AttachmentUploadQuery = Type.Object(
  {
    parentType: Literals(['challenge', 'application', 'milestone'] as const, { description: 'a draft challenge (its owner), an application while it may be edited (its applicant), or a milestone’s deliverables while it may be submitted (the project’s solver)' }),
    parentId: Uuid,
    filename: Type.String({ minLength: 1, maxLength: 255 }),
  },
  { additionalProperties: false },
);

// ---- statistics ----------------------------------------------------------------------------------

const FenTotal = Type.Integer({ minimum: 0, description: 'integer fen (1/100 yuan), summed exactly in SQL' });

/** `GET /api/challenges/stats`: the public headline figures (services/challenges/challenge-stats.ts). */
export const ChallengeStats = Type.Object(
  {
    openChallenges: Type.Integer({ minimum: 0, description: 'published, deadline not passed' }),
    openBountyFen: FenTotal,
    publishedChallenges: Type.Integer({ minimum: 0, description: 'published at some point: published, closed and every later state' }),
    specialFundCommittedFen: Type.Integer({ minimum: 0, description: 'approved special-fund match of published challenges not cancelled or failed, in fen' }),
    ownerOrganizations: Type.Integer({ minimum: 0, description: 'enterprises with at least one published challenge' }),
    solverOrganizations: Type.Integer({ minimum: 0, description: 'verified organisations with at least one solver' }),
    byIndustry: Type.Array(Type.Object({ industry: Literals(CHALLENGE_INDUSTRIES), openChallenges: Type.Integer({ minimum: 0 }), openBountyFen: FenTotal })),
    byCategory: Type.Array(Type.Object({ category: Literals(CHALLENGE_CATEGORIES), openChallenges: Type.Integer({ minimum: 0 }), openBountyFen: FenTotal })),
    byState: Type.Array(Type.Object({ state: Literals(CHALLENGE_STATES), challenges: Type.Integer({ minimum: 0 }) }), {
      description: 'published challenges by state as readers see it (a published one past its deadline counts as closed)',
    }),
    asOf: Instant,
  },
  { description: 'public figures over published challenges only; drafts and challenges in review never count' },
);
export type ChallengeStatsView = Static<typeof ChallengeStats>;

import { APPLICATION_STATES, CHALLENGE_STATES, RUBRIC_LIMITS } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { Instant, Literals, OrNull, Uuid } from './common';

const Name = Type.Union([Type.Null(), Type.String()]);
const Expertise = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 });

export const ExpertProfileBody = Type.Object(
  { organizationId: Type.Optional(Type.Union([Type.Null(), Uuid])), affiliation: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])), expertise: Expertise },
  { additionalProperties: false },
);
export const ExpertView = Type.Object({
  id: Uuid, displayName: Type.String(), email: Type.String(), organizationId: Type.Union([Uuid, Type.Null()]), affiliation: Name, expertise: Type.Array(Type.String()),
});
export const ExpertListQuery = Type.Object({ expertise: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated fields; experts with any of them' })) }, { additionalProperties: false });

export const Criterion = Type.Object({ key: Type.String({ maxLength: 40 }), weight: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false });
export const RubricBody = Type.Object({ criteria: Type.Array(Criterion, { maxItems: RUBRIC_LIMITS.criteria.max }) }, { additionalProperties: false });
export const RubricView = Type.Object({ criteria: Type.Array(Criterion) });

export const AssignBody = Type.Object(
  {
    applicationIds: Type.Array(Uuid, { minItems: 1, maxItems: 200 }),
    expertIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 20 })),
    draw: Type.Optional(Type.Object({ expertise: Expertise, count: Type.Integer({ minimum: 1, maximum: 20 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false, description: 'experts by name (`expertIds`) or drawn at random from the pool by field (`draw`), not both' },
);
export const AssignResult = Type.Object({ assigned: Type.Array(Type.Object({ applicationId: Uuid, expertId: Uuid })) });

const Score = Type.Object({ score: OrNull(Type.Integer()), comment: OrNull(Type.String({ maxLength: RUBRIC_LIMITS.comment })) }, { additionalProperties: false });
export const ReviewBody = Type.Union([
  Type.Object({ conflict: Type.Literal(true), reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
  Type.Object({ conflict: Type.Literal(false) }, { additionalProperties: false }),
  Type.Object({ scores: Type.Record(Type.String({ maxLength: 40 }), Score, { maxProperties: RUBRIC_LIMITS.criteria.max }) }, { additionalProperties: false }),
], { description: 'first the conflict declaration (final), then the rubric’s scores (0–10 each, with a comment; may be revised until the decision)' });
const ReviewState = Type.Object({
  assignmentId: Uuid, applicationId: Uuid, conflict: Type.Union([Type.Boolean(), Type.Null()]), declaredAt: Type.Union([Instant, Type.Null()]),
  totalTenths: Type.Union([Type.Integer(), Type.Null()], { description: 'weighted total × 10 (0–1000)' }), scoredAt: Type.Union([Instant, Type.Null()]),
});
export const ReviewView = Type.Intersect([ReviewState, Type.Object({
  scores: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Object({ score: Type.Integer(), comment: Type.String() }))], { description: 'the expert’s own saved scores, by criterion; null until scored' }),
})]);
export const MyReview = Type.Intersect([ReviewState, Type.Object({
  challenge: Type.Object({ id: Uuid, titleZh: Type.String(), titleEn: Name, state: Literals(CHALLENGE_STATES) }),
  applicant: Type.Object({ nameZh: Name, nameEn: Name }),
  partners: Type.Array(Type.Object({ nameZh: Name, nameEn: Name })),
  assignedAt: Instant,
})]);
export const MyReviews = Type.Object({ items: Type.Array(MyReview) });
export const AssignmentList = Type.Object({
  items: Type.Array(Type.Intersect([ReviewState, Type.Object({ expert: Type.Object({ id: Uuid, displayName: Type.String() }), assignedAt: Instant, conflictReason: Name })])),
});

const Aggregate = Type.Object({
  count: Type.Integer(), used: Type.Integer(), dropped: Type.Integer(),
  mean: Type.Union([Type.Number(), Type.Null()]), standardDeviation: Type.Union([Type.Number(), Type.Null()]), min: Type.Union([Type.Number(), Type.Null()]), max: Type.Union([Type.Number(), Type.Null()]),
});
export const RankingView = Type.Object({
  challengeId: Uuid,
  rubric: Type.Array(Criterion),
  items: Type.Array(Type.Object({
    applicationId: Uuid, state: Literals(APPLICATION_STATES), organization: Type.Object({ nameZh: Name, nameEn: Name }), receiptNumber: Name,
    requestedFen: Type.Union([Type.Integer(), Type.Null()]), mean: Type.Union([Type.Number(), Type.Null()]), reviewCount: Type.Integer(), aggregate: Aggregate,
    rank: Type.Integer(), tieBreak: Type.Boolean(), submittedAt: Instant,
  })),
});

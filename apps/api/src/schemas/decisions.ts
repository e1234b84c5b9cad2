import { DECISION_LIMITS, MAX_AMOUNT_FEN, OBJECTION_STATES } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { Instant, Literals, Uuid } from './common';

const Fen = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT_FEN });
const Name = Type.Union([Type.String(), Type.Null()]);

export const DecisionBody = Type.Object(
  {
    selections: Type.Array(Type.Object({ applicationId: Uuid, awardFen: Fen }, { additionalProperties: false }), { maxItems: 10, description: 'empty: no application qualifies (流标)' }),
    feedback: Type.Record(Type.String({ format: 'uuid' }), Type.String({ maxLength: DECISION_LIMITS.feedback }), { description: 'written feedback by application id; required for each reviewed application not selected' }),
    reasons: Type.Optional(Type.String({ maxLength: DECISION_LIMITS.reasons })),
  },
  { additionalProperties: false },
);

export const DecisionView = Type.Object({
  id: Uuid,
  kind: Literals(['award', 'none'] as const),
  reasons: Name,
  publishedAt: Instant,
  noticeEndsAt: Type.Union([Instant, Type.Null()], { description: '24:00 Beijing time of the fifth working day after publication' }),
  noticeRunning: Type.Boolean({ description: "the notice period is running by the server's clock: objections may be filed and the result cannot be made final yet" }),
  superseded: Type.Boolean(),
  finalizedAt: Type.Union([Instant, Type.Null()]),
  winners: Type.Array(Type.Object({
    applicationId: Uuid, awardFen: Fen, enterpriseShareFen: Fen, specialFundFen: Fen,
    organization: Type.Object({ nameZh: Name, nameEn: Name, country: Type.String() }),
  })),
  objectionOutcomes: Type.Array(Type.Object({ state: Literals(OBJECTION_STATES), resolution: Name, resolvedAt: Type.Union([Instant, Type.Null()]) })),
  feedbackToMe: Type.Array(Type.Object({ applicationId: Uuid, text: Type.String() })),
});

export const ObjectionBody = Type.Object({ reasons: Type.String({ maxLength: 5000 }), evidence: Type.Optional(Type.String({ maxLength: 10000 })) }, { additionalProperties: false });
export const ResolveBody = Type.Object({ outcome: Literals(['upheld', 'dismissed'] as const), resolution: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
export const ObjectionView = Type.Object({
  id: Uuid, challengeId: Uuid, decisionId: Uuid, reasons: Type.String(), evidence: Name, state: Literals(OBJECTION_STATES), resolution: Name,
  resolvedAt: Type.Union([Instant, Type.Null()]), createdAt: Instant,
});
export const FinalizeResult = Type.Object({ projects: Type.Array(Uuid) });

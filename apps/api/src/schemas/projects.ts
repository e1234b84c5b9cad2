import { FUNDING_SOURCES, MILESTONE_STATES, PROJECT_STATES, RELEASE_STATES } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { AttachmentView } from './challenges';
import { Instant, Literals, Uuid } from './common';

const Name = Type.Union([Type.Null(), Type.String()]);
const When = Type.Union([Instant, Type.Null()]);
const Fen = Type.Integer();

export const Payee = Type.Object(
  { accountName: Type.String({ maxLength: 200 }), bank: Type.String({ maxLength: 200 }), accountNumber: Type.String({ maxLength: 64 }) },
  { additionalProperties: false, description: 'the account the solver is paid to; fixed once signed' },
);
export const SignBody = Type.Object({ payee: Type.Optional(Payee) }, { additionalProperties: false, description: 'the solver gives its payee account; the owner signs with an empty body' });
export const SubmitMilestoneBody = Type.Object({ report: Type.String({ maxLength: 20000 }) }, { additionalProperties: false });
export const ReviewMilestoneBody = Type.Union([
  Type.Object({ accept: Type.Literal(true) }, { additionalProperties: false }),
  Type.Object({ accept: Type.Literal(false), feedback: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }),
]);
export const StopBody = Type.Object({ reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
export const DisburseBody = Type.Object({ paymentReference: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export const AnswerReleaseBody = Type.Union([
  Type.Object({ received: Type.Literal(true) }, { additionalProperties: false }),
  Type.Object({ received: Type.Literal(false), reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }),
]);
export const ResolveReleaseBody = Type.Object({ paid: Type.Boolean(), resolution: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });

export const MilestoneView = Type.Object({
  id: Uuid, position: Type.Integer(), title: Type.String(), deliverables: Name, dueDate: Type.String(), state: Literals(MILESTONE_STATES),
  amountFen: Fen, enterpriseShareFen: Fen, specialFundFen: Fen, report: Name, submittedAt: When, feedback: Name, acceptedAt: When, verifiedAt: When,
});
const MilestoneWithFiles = Type.Intersect([MilestoneView, Type.Object({ attachments: Type.Array(AttachmentView, { description: 'the deliverables the solver attached' }) })]);
export const ReleaseView = Type.Object({
  id: Uuid, projectId: Uuid, milestoneId: Uuid, source: Literals(FUNDING_SOURCES), amountFen: Fen, state: Literals(RELEASE_STATES), createdAt: Instant,
  paymentReference: Name, disbursedAt: When, confirmedAt: When, disputeReason: Name, resolution: Name,
});
const ProjectSummary = Type.Object({
  id: Uuid,
  challenge: Type.Object({ id: Uuid, titleZh: Type.String(), titleEn: Name }),
  organization: Type.Object({ id: Uuid, nameZh: Name, nameEn: Name }),
  state: Literals(PROJECT_STATES), awardFen: Fen, enterpriseShareFen: Fen, specialFundFen: Fen, createdAt: Instant,
  solverSignedAt: When, ownerSignedAt: When, payee: Type.Union([Payee, Type.Null()]), stoppedAt: When, stopReason: Name, completedAt: When,
});
export const ProjectList = Type.Object({ items: Type.Array(ProjectSummary) });
const ChangeRequestView = Type.Object({
  id: Uuid, kind: Literals(['due_date', 'payee'] as const), milestoneId: Type.Union([Uuid, Type.Null()]),
  proposed: Type.Record(Type.String(), Type.String(), { description: '{ dueDate } or the new payee account' }), reason: Type.String(),
  state: Literals(['pending', 'approved', 'rejected'] as const), requestedAt: Instant, decidedAt: When, decisionReason: Name,
});
const IndicatorResultView = Type.Object({ position: Type.Integer(), achieved: Type.String(), evidence: Type.String(), met: Type.Boolean(), recordedAt: Instant });
export const ProjectView = Type.Intersect([ProjectSummary, Type.Object({
  milestones: Type.Array(MilestoneWithFiles), releases: Type.Array(ReleaseView), changeRequests: Type.Array(ChangeRequestView), indicatorResults: Type.Array(IndicatorResultView),
})]);
export const ChangeRequestBody = Type.Union([
  Type.Object({ kind: Type.Literal('due_date'), milestoneId: Uuid, dueDate: Type.String({ maxLength: 10 }), reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('payee'), payee: Payee, reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false }),
]);
export const DecideChangeBody = Type.Object({ approve: Type.Boolean(), reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });
export const IndicatorResultsBody = Type.Object({
  results: Type.Array(Type.Object({ position: Type.Integer({ minimum: 0, maximum: 999 }), achieved: Type.String({ maxLength: 500 }), evidence: Type.String({ maxLength: 5000 }), met: Type.Boolean() }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false });
export const ReleaseQueue = Type.Object({ items: Type.Array(Type.Intersect([ReleaseView, Type.Object({ ready: Type.Boolean({ description: 'the same milestone’s enterprise share is confirmed (or there is none)' }) })])) });

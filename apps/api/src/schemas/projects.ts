import { FUNDING_SOURCES, MILESTONE_STATES, PROJECT_STATES, RELEASE_STATES } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
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
export const ProjectView = Type.Intersect([ProjectSummary, Type.Object({ milestones: Type.Array(MilestoneView), releases: Type.Array(ReleaseView) })]);
export const ReleaseQueue = Type.Object({ items: Type.Array(Type.Intersect([ReleaseView, Type.Object({ ready: Type.Boolean({ description: 'the same milestone’s enterprise share is confirmed (or there is none)' }) })])) });

import { APPLICATION_LIMITS as L, APPLICATION_STATES, CHALLENGE_STATES, MAX_AMOUNT_FEN } from '@challenge/domain';
import { Type, type Static } from '@sinclair/typebox';
import { AttachmentView } from './challenges';
import { Instant, Literals, OrNull, Page, PageQuery, Uuid } from './common';

const Text = (maxLength: number) => OrNull(Type.String({ maxLength }));
const Fen = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT_FEN, description: 'integer fen (1/100 yuan)' });

const TeamMember = Type.Object({ name: Text(L.memberName), role: Text(L.memberRole), lead: Type.Boolean() }, { additionalProperties: false });
const Milestone = Type.Object(
  {
    title: Text(L.milestoneTitle),
    deliverables: Text(L.milestoneDeliverables),
    dueDate: OrNull(Type.String({ format: 'date', description: 'a Beijing calendar date, YYYY-MM-DD' })),
    amountFen: OrNull(Fen),
  },
  { additionalProperties: false },
);

const contentFields = {
  responses: Type.Record(Type.String({ pattern: '^(0|[1-9][0-9]{0,2})$' }), Text(L.indicatorResponse), {
    additionalProperties: false,
    description: 'the technical approach to each indicator of the challenge, keyed by the indicator’s position (0-based)',
  }),
  team: Type.Array(TeamMember, { maxItems: L.teamMembers }),
  partnerOrganizationIds: Type.Array(Uuid, { maxItems: L.partners, description: 'consortium partners (联合体成员)' }),
  priorResults: Text(L.priorResults),
  requestedFen: OrNull(Fen),
  milestones: Type.Array(Milestone, { maxItems: L.milestones }),
};

/** A draft as saved: any field may be left out (autosave sends what changed); completeness is checked at submission. */
export const ApplicationPatchBody = Type.Partial(Type.Object(contentFields, { additionalProperties: false }));
export type ApplicationPatchBody = Static<typeof ApplicationPatchBody>;

export const ApplicationContent = Type.Object({ ...contentFields, leadOrganizationId: Type.Union([Uuid, Type.Null()]) });

const OrgName = Type.Object({ id: Uuid, nameZh: Type.Union([Type.String(), Type.Null()]), nameEn: Type.Union([Type.String(), Type.Null()]) });

export const ApplicationView = Type.Object({
  id: Uuid,
  challenge: Type.Object({
    id: Uuid, titleZh: Type.String(), titleEn: Type.Union([Type.String(), Type.Null()]), deadline: Type.Union([Instant, Type.Null()]),
    state: Literals(CHALLENGE_STATES), bountyFen: Fen,
  }),
  organization: OrgName,
  partners: Type.Array(OrgName, { description: 'the consortium partners of the content shown, by name' }),
  attachments: Type.Array(AttachmentView, { description: 'the applicant sees all its files; others those of the latest submitted version' }),
  state: Literals(APPLICATION_STATES),
  version: Type.Integer({ minimum: 0, description: 'the latest frozen version (0: never submitted)' }),
  receiptNumber: Type.Union([Type.String(), Type.Null()], { description: 'of the latest frozen version, e.g. JB-2026-000123-v2' }),
  requestedFen: Type.Union([Fen, Type.Null()]),
  content: Type.Union([ApplicationContent, Type.Null()], { description: 'the draft for the applicant; the latest submitted version for the owner and the bureau' }),
  submittedAt: Type.Union([Instant, Type.Null()], { description: 'first submission' }),
  lastSubmittedAt: Type.Union([Instant, Type.Null()]),
  withdrawnAt: Type.Union([Instant, Type.Null()]),
  eligibilityReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Type.Union([Instant, Type.Null()]),
  versions: Type.Union([Type.Array(Type.Object({ version: Type.Integer(), receiptNumber: Type.String(), submittedAt: Instant })), Type.Null()]),
  unsubmittedChanges: Type.Union([Type.Boolean(), Type.Null()]),
  actions: Type.Array(Literals(['edit', 'submit', 'withdraw'] as const)),
});

export const ApplicationPage = Page(ApplicationView);
export const ApplicationListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const ChallengeApplicationsQuery = Type.Object(
  { ...PageQuery, state: Type.Optional(Literals(APPLICATION_STATES, { description: 'only applications in this state (e.g. `submitted`: awaiting the eligibility check)' })) },
  { additionalProperties: false },
);

export const EligibilityBody = Type.Object(
  { eligible: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 2000, description: 'required when not eligible; the applicant reads it' })) },
  { additionalProperties: false },
);

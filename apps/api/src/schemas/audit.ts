import { Type } from '@sinclair/typebox';
import { Email, Instant, OrNull, Page, PageQuery, Uuid } from './common';

/** Codes as the services write them: `challenge`, `challenge.approve`, `project.request_due_date`. */
const Code = (maxLength: number, description: string) => Type.String({ pattern: '^[a-z][a-z0-9_.]*$', minLength: 1, maxLength, description });

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Code(40, 'records about this kind of entity (see `/audit/facets`)')),
    entityId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]+$', minLength: 1, maxLength: 100, description: 'records about this entity (a uuid, or a year for the calendar)' })),
    actorId: Type.Optional(Uuid),
    actorEmail: Type.Optional(Email),
    action: Type.Optional(Code(80, 'records of this action (see `/audit/facets`)')),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Snapshot = OrNull(Type.Record(Type.String(), Type.Unknown()));

export const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: Instant,
  actor: OrNull(Type.Object({
    id: Uuid,
    role: OrNull(Type.String()),
    displayName: OrNull(Type.String({ description: 'null when the account no longer resolves' })),
  })),
  action: Type.String(),
  entity: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Snapshot,
  after: Snapshot,
  changedPersonalFields: Type.Array(Type.String(), { description: 'personal fields that changed; their values never enter the log' }),
  hash: Type.String(),
  prevHash: Type.String(),
});

export const AuditPage = Page(AuditRecord);

export const AuditFacets = Type.Object({
  entityTypes: Type.Array(Type.String()),
  actions: Type.Array(Type.String()),
});

export const AuditVerification = Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenIds: Type.Array(Type.Integer()) });

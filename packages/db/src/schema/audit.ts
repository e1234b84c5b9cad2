import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained log of every state change. `hash` = SHA-256 over the previous row's hash
 * and this row's canonical content (packages/db/src/audit.ts). A trigger (migration 0001) refuses
 * UPDATE, DELETE and TRUNCATE; appends are serialised with an advisory lock.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    // Personal fields are never copied into the log: only their names.
    changedPersonalFields: text('changed_personal_fields').array().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
    // The audit viewer filters by action alone, newest first.
    index('audit_log_action_idx').on(t.action, t.id),
  ],
);

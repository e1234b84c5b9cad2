import { APPLICATION_STATES } from '@challenge/domain';
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { challenges } from './challenges';

export const applicationStateEnum = pgEnum('application_state', APPLICATION_STATES);

const fen = (name: string) => bigint(name, { mode: 'number' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

/** Receipt numbers (packages/domain application/receipt.ts) count applications across all challenges. */
export const applicationReceiptSequence = pgSequence('application_receipt_seq', { startWith: 1 });

/**
 * 揭榜: one organisation's application to one challenge. `content` is the draft as the solver last
 * saved it (packages/domain `ApplicationDraft`, checked there); submitting freezes it into
 * `application_versions`, and reviewers read the latest frozen version, never the draft. One active
 * application per organisation per challenge: a withdrawn one does not count.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    /** The applying (lead) organisation: the solver's own. */
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    state: applicationStateEnum('state').notNull().default('draft'),
    content: jsonb('content').notNull(),
    /** Copied from `content` so conflicts (own challenge, expert assignment) are checked in SQL. */
    partnerOrganizationIds: uuid('partner_organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    requestedFen: fen('requested_fen'),
    /** The latest frozen version (0: never submitted). */
    version: integer('version').notNull().default(0),
    /** Taken from the sequence at the first submission; every version's receipt shares it. */
    receiptSequence: integer('receipt_sequence'),
    submittedAt: instant('submitted_at'),
    withdrawnAt: instant('withdrawn_at'),
    /** The bureau's reason when found ineligible. */
    eligibilityReason: text('eligibility_reason'),
    /** When a draft's author was told the deadline is 3 days away, and 1 day away: each reminder once. */
    remindedDeadline3dAt: instant('reminded_deadline_3d_at'),
    remindedDeadline1dAt: instant('reminded_deadline_1d_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('applications_active_key').on(t.challengeId, t.organizationId).where(sql`${t.state} <> 'withdrawn'`),
    index('applications_challenge_idx').on(t.challengeId, t.state),
    index('applications_organization_idx').on(t.organizationId, t.updatedAt),
    index('applications_created_by_idx').on(t.createdBy),
    // The reminder loop looks only at drafts not yet told of the 1-day mark.
    index('applications_draft_reminder_idx').on(t.challengeId).where(sql`${t.state} = 'draft' and ${t.remindedDeadline1dAt} is null`),
    check('applications_requested_not_negative', sql`${t.requestedFen} is null or ${t.requestedFen} >= 0`),
  ],
);

/** A submitted, frozen application: what reviewers read. Never updated. */
export const applicationVersions = pgTable(
  'application_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    version: integer('version').notNull(),
    receiptNumber: text('receipt_number').notNull(),
    content: jsonb('content').notNull(),
    requestedFen: fen('requested_fen').notNull(),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    submittedAt: instant('submitted_at').notNull(),
  },
  (t) => [
    uniqueIndex('application_versions_key').on(t.applicationId, t.version),
    uniqueIndex('application_versions_receipt_key').on(t.receiptNumber),
    index('application_versions_submitted_by_idx').on(t.submittedBy),
  ],
);

/**
 * Public Q&A per challenge. The asker is recorded but never shown to others; an answer (by the owner
 * or the bureau) publishes the question with it.
 */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    askedBy: uuid('asked_by').notNull().references(() => users.id),
    body: text('body').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: instant('answered_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('questions_challenge_idx').on(t.challengeId, t.createdAt),
    index('questions_asked_by_idx').on(t.askedBy),
    index('questions_answered_by_idx').on(t.answeredBy),
    check('questions_answer_complete', sql`(${t.answer} is null) = (${t.answeredAt} is null) and (${t.answer} is null) = (${t.answeredBy} is null)`),
  ],
);

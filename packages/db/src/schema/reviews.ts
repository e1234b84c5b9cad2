import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { applications } from './applications';
import { challenges } from './challenges';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An expert's place in the pool (专家库): the fields they review and where they work. The employer is
 * what conflicts are checked against: an organisation registered here (`organizationId`), else only
 * named (`affiliation`), when no automatic conflict can be found and the expert's own declaration
 * has to do.
 */
export const expertProfiles = pgTable(
  'expert_profiles',
  {
    userId: uuid('user_id').primaryKey().references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    affiliation: text('affiliation'),
    expertise: text('expertise').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('expert_profiles_expertise_idx').using('gin', t.expertise), index('expert_profiles_organization_idx').on(t.organizationId)],
);

/** A challenge's scoring rubric when the bureau changed it from the default (packages/domain review/rubric.ts). */
export const challengeRubrics = pgTable(
  'challenge_rubrics',
  {
    challengeId: uuid('challenge_id').primaryKey().references(() => challenges.id),
    criteria: jsonb('criteria').notNull(),
    updatedBy: uuid('updated_by').notNull().references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('challenge_rubrics_updated_by_idx').on(t.updatedBy)],
);

/**
 * One expert assigned to one application. The expert first declares whether they have a conflict
 * (`conflict` null until then, and the application stays closed to them); a declared conflict recuses
 * them for good. Scores are the expert's sheet and its weighted total in tenths (0–1000).
 */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    expertId: uuid('expert_id').notNull().references(() => users.id),
    assignedBy: uuid('assigned_by').notNull().references(() => users.id),
    assignedAt: instant('assigned_at').notNull(),
    conflict: boolean('conflict'),
    conflictReason: text('conflict_reason'),
    declaredAt: instant('declared_at'),
    scores: jsonb('scores'),
    totalTenths: integer('total_tenths'),
    scoredAt: instant('scored_at'),
  },
  (t) => [
    uniqueIndex('review_assignments_key').on(t.applicationId, t.expertId),
    index('review_assignments_expert_idx').on(t.expertId, t.assignedAt),
    index('review_assignments_challenge_idx').on(t.challengeId),
    index('review_assignments_assigned_by_idx').on(t.assignedBy),
    check('review_assignments_total_range', sql`${t.totalTenths} is null or ${t.totalTenths} between 0 and 1000`),
    check('review_assignments_scores_need_no_conflict', sql`${t.scores} is null or ${t.conflict} = false`),
    check('review_assignments_declared', sql`(${t.conflict} is null) = (${t.declaredAt} is null)`),
  ],
);

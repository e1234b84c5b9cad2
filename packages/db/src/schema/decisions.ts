import { FUNDING_SOURCES, MILESTONE_STATES, OBJECTION_STATES, PROJECT_STATES, RELEASE_STATES } from '@challenge/domain';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { applications } from './applications';
import { challenges } from './challenges';

const fen = (name: string) => bigint(name, { mode: 'number' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The bureau's working-day calendar (architecture.md "Time"): the days that differ from "Monday to
 * Friday work": public holidays, and weekend days worked (调休). Seeded from the State Council's notice
 * (migration 0008); the bureau adds the next year when it is published.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    note: text('note'),
  },
  (t) => [check('calendar_days_kind', sql`${t.kind} in ('holiday', 'workday')`)],
);

export const decisionKindEnum = pgEnum('decision_kind', ['award', 'none']);

/**
 * A decision on a challenge, published for the notice period (公示). An upheld objection supersedes it
 * (the challenge goes back to review and a new decision follows); the current one has no `supersededAt`.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    kind: decisionKindEnum('kind').notNull(),
    reasons: text('reasons'),
    decidedBy: uuid('decided_by').notNull().references(() => users.id),
    publishedAt: instant('published_at').notNull(),
    /** 24:00 Beijing time of the last working day of the notice period (null for a no-winner decision). */
    noticeEndsAt: instant('notice_ends_at'),
    supersededAt: instant('superseded_at'),
    finalizedAt: instant('finalized_at'),
  },
  (t) => [
    index('decisions_challenge_idx').on(t.challengeId, t.publishedAt),
    uniqueIndex('decisions_current_key').on(t.challengeId).where(sql`${t.supersededAt} is null`),
    index('decisions_decided_by_idx').on(t.decidedBy),
  ],
);

/** The winners of a decision and their awards, split by funding source as the challenge's bounty is. */
export const decisionAwards = pgTable(
  'decision_awards',
  {
    decisionId: uuid('decision_id').notNull().references(() => decisions.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    awardFen: fen('award_fen').notNull(),
    enterpriseShareFen: fen('enterprise_share_fen').notNull(),
    specialFundFen: fen('special_fund_fen').notNull(),
  },
  (t) => [
    uniqueIndex('decision_awards_key').on(t.decisionId, t.applicationId),
    index('decision_awards_application_idx').on(t.applicationId),
    check('decision_awards_split', sql`${t.enterpriseShareFen} >= 0 and ${t.specialFundFen} >= 0 and ${t.enterpriseShareFen} + ${t.specialFundFen} = ${t.awardFen} and ${t.awardFen} > 0`),
  ],
);

/** Written feedback to each reviewed applicant not selected (and optionally to winners). */
export const decisionFeedback = pgTable(
  'decision_feedback',
  {
    decisionId: uuid('decision_id').notNull().references(() => decisions.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('decision_feedback_key').on(t.decisionId, t.applicationId), index('decision_feedback_application_idx').on(t.applicationId)],
);

export const objectionStateEnum = pgEnum('objection_state', OBJECTION_STATES);

/** 异议: filed during the notice period; seen by the bureau (and its filer); outcomes are published without the filer. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    decisionId: uuid('decision_id').notNull().references(() => decisions.id),
    filedBy: uuid('filed_by').notNull().references(() => users.id),
    reasons: text('reasons').notNull(),
    evidence: text('evidence'),
    state: objectionStateEnum('state').notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: instant('resolved_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('objections_challenge_idx').on(t.challengeId, t.state),
    index('objections_decision_idx').on(t.decisionId),
    index('objections_filed_by_idx').on(t.filedBy),
    index('objections_resolved_by_idx').on(t.resolvedBy),
    check('objections_resolution', sql`(${t.state} = 'open') = (${t.resolvedAt} is null)`),
  ],
);

export const projectStateEnum = pgEnum('project_state', PROJECT_STATES);
export const milestoneStateEnum = pgEnum('milestone_state', MILESTONE_STATES);

/** 任务书: one per winner, created at finalize with the milestones of the winner's plan. */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id').notNull().references(() => challenges.id),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    state: projectStateEnum('state').notNull().default('awaiting_signature'),
    awardFen: fen('award_fen').notNull(),
    enterpriseShareFen: fen('enterprise_share_fen').notNull(),
    specialFundFen: fen('special_fund_fen').notNull(),
    createdAt: instant('created_at').notNull(),
    /** Each party's signature of the 任务书; the project starts when both have signed. */
    solverSignedAt: instant('solver_signed_at'),
    solverSignedBy: uuid('solver_signed_by').references(() => users.id),
    ownerSignedAt: instant('owner_signed_at'),
    ownerSignedBy: uuid('owner_signed_by').references(() => users.id),
    /** Where the solver is paid, given when it signs and fixed from then on: { accountName, bank, accountNumber }. */
    payee: jsonb('payee'),
    stoppedAt: instant('stopped_at'),
    stopReason: text('stop_reason'),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('projects_application_key').on(t.applicationId),
    index('projects_solver_signed_by_idx').on(t.solverSignedBy),
    index('projects_owner_signed_by_idx').on(t.ownerSignedBy),
    index('projects_challenge_idx').on(t.challengeId),
    index('projects_organization_idx').on(t.organizationId),
    check('projects_split', sql`${t.enterpriseShareFen} + ${t.specialFundFen} = ${t.awardFen}`),
  ],
);

/** A project's milestones: each amount split by source so that each source adds up exactly to the project's share. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    deliverables: text('deliverables'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    amountFen: fen('amount_fen').notNull(),
    enterpriseShareFen: fen('enterprise_share_fen').notNull(),
    specialFundFen: fen('special_fund_fen').notNull(),
    state: milestoneStateEnum('state').notNull().default('pending'),
    /** The solver's report with the deliverables, as last submitted. */
    report: text('report'),
    submittedAt: instant('submitted_at'),
    /** The owner's reasons when it returned the milestone (the latest). */
    feedback: text('feedback'),
    acceptedAt: instant('accepted_at'),
    verifiedAt: instant('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    /** When the parties were told the milestone is due within 7 days, and that it is overdue (each once). */
    dueSoonNotifiedAt: instant('due_soon_notified_at'),
    overdueNotifiedAt: instant('overdue_notified_at'),
  },
  (t) => [
    index('project_milestones_verified_by_idx').on(t.verifiedBy),
    uniqueIndex('project_milestones_key').on(t.projectId, t.position),
    check('project_milestones_split', sql`${t.enterpriseShareFen} >= 0 and ${t.specialFundFen} >= 0 and ${t.enterpriseShareFen} + ${t.specialFundFen} = ${t.amountFen}`),
  ],
);

export const releaseStateEnum = pgEnum('release_state', RELEASE_STATES);
export const fundingSourceEnum = pgEnum('funding_source', FUNDING_SOURCES);

/**
 * 资金拨付: one per funding source of a verified milestone. Finance disburses the special fund's with a
 * payment reference, only after the same milestone's enterprise-share release is confirmed; the owner
 * records paying its share; the solver confirms receipt or disputes it, and the bureau resolves.
 */
export const releases = pgTable(
  'releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    milestoneId: uuid('milestone_id').notNull().references(() => projectMilestones.id),
    source: fundingSourceEnum('source').notNull(),
    amountFen: fen('amount_fen').notNull(),
    state: releaseStateEnum('state').notNull().default('pending'),
    createdAt: instant('created_at').notNull(),
    paymentReference: text('payment_reference'),
    disbursedAt: instant('disbursed_at'),
    disbursedBy: uuid('disbursed_by').references(() => users.id),
    confirmedAt: instant('confirmed_at'),
    disputeReason: text('dispute_reason'),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('releases_milestone_source_key').on(t.milestoneId, t.source),
    index('releases_project_idx').on(t.projectId),
    index('releases_state_idx').on(t.state, t.source),
    index('releases_disbursed_by_idx').on(t.disbursedBy),
    check('releases_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

export const changeRequestStateEnum = pgEnum('change_request_state', ['pending', 'approved', 'rejected']);

/**
 * What only the bureau may change once a project is signed, asked for by the solver: a milestone's
 * due date, or the payee account. The request keeps what was asked and why; the bureau's answer
 * applies it (approved) or leaves things as they were (rejected), with its reasons.
 */
export const projectChangeRequests = pgTable(
  'project_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    /** The milestone whose due date is to move; null for a payee change. */
    milestoneId: uuid('milestone_id').references(() => projectMilestones.id),
    kind: text('kind', { enum: ['due_date', 'payee'] }).notNull(),
    /** The new due date ('YYYY-MM-DD') or the new payee account. */
    proposed: jsonb('proposed').notNull(),
    reason: text('reason').notNull(),
    state: changeRequestStateEnum('state').notNull().default('pending'),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    requestedAt: instant('requested_at').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: instant('decided_at'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('project_change_requests_project_idx').on(t.projectId, t.state),
    index('project_change_requests_milestone_idx').on(t.milestoneId),
    index('project_change_requests_requested_by_idx').on(t.requestedBy),
    index('project_change_requests_decided_by_idx').on(t.decidedBy),
    check('project_change_requests_kind', sql`${t.kind} in ('due_date', 'payee') and (${t.kind} = 'payee') = (${t.milestoneId} is null)`),
  ],
);

/** Final acceptance: the value each technical indicator reached, with its evidence, recorded by the owner. */
export const projectIndicatorResults = pgTable(
  'project_indicator_results',
  {
    projectId: uuid('project_id').notNull().references(() => projects.id),
    position: integer('position').notNull(),
    achieved: text('achieved').notNull(),
    evidence: text('evidence').notNull(),
    met: boolean('met').notNull(),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.position] }),
    index('project_indicator_results_recorded_by_idx').on(t.recordedBy),
  ],
);

CREATE TYPE "public"."decision_kind" AS ENUM('award', 'none');--> statement-breakpoint
CREATE TYPE "public"."milestone_state" AS ENUM('pending', 'submitted', 'accepted', 'returned', 'verified');--> statement-breakpoint
CREATE TYPE "public"."objection_state" AS ENUM('open', 'upheld', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."project_state" AS ENUM('awaiting_signature', 'active', 'completed', 'stopped');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	CONSTRAINT "calendar_days_kind" CHECK ("calendar_days"."kind" in ('holiday', 'workday'))
);
--> statement-breakpoint
CREATE TABLE "decision_awards" (
	"decision_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"award_fen" bigint NOT NULL,
	"enterprise_share_fen" bigint NOT NULL,
	"special_fund_fen" bigint NOT NULL,
	CONSTRAINT "decision_awards_split" CHECK ("decision_awards"."enterprise_share_fen" >= 0 and "decision_awards"."special_fund_fen" >= 0 and "decision_awards"."enterprise_share_fen" + "decision_awards"."special_fund_fen" = "decision_awards"."award_fen" and "decision_awards"."award_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "decision_feedback" (
	"decision_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"kind" "decision_kind" NOT NULL,
	"reasons" text,
	"decided_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"notice_ends_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"finalized_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"reasons" text NOT NULL,
	"evidence" text,
	"state" "objection_state" DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "objections_resolution" CHECK (("objections"."state" = 'open') = ("objections"."resolved_at" is null))
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"deliverables" text,
	"due_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"enterprise_share_fen" bigint NOT NULL,
	"special_fund_fen" bigint NOT NULL,
	"state" "milestone_state" DEFAULT 'pending' NOT NULL,
	CONSTRAINT "project_milestones_split" CHECK ("project_milestones"."enterprise_share_fen" >= 0 and "project_milestones"."special_fund_fen" >= 0 and "project_milestones"."enterprise_share_fen" + "project_milestones"."special_fund_fen" = "project_milestones"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"state" "project_state" DEFAULT 'awaiting_signature' NOT NULL,
	"award_fen" bigint NOT NULL,
	"enterprise_share_fen" bigint NOT NULL,
	"special_fund_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "projects_split" CHECK ("projects"."enterprise_share_fen" + "projects"."special_fund_fen" = "projects"."award_fen")
);
--> statement-breakpoint
ALTER TABLE "decision_awards" ADD CONSTRAINT "decision_awards_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_awards" ADD CONSTRAINT "decision_awards_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_feedback" ADD CONSTRAINT "decision_feedback_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_feedback" ADD CONSTRAINT "decision_feedback_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_awards_key" ON "decision_awards" USING btree ("decision_id","application_id");--> statement-breakpoint
CREATE INDEX "decision_awards_application_idx" ON "decision_awards" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_feedback_key" ON "decision_feedback" USING btree ("decision_id","application_id");--> statement-breakpoint
CREATE INDEX "decision_feedback_application_idx" ON "decision_feedback" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "decisions_challenge_idx" ON "decisions" USING btree ("challenge_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_current_key" ON "decisions" USING btree ("challenge_id") WHERE "decisions"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "decisions_decided_by_idx" ON "decisions" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "objections_challenge_idx" ON "objections" USING btree ("challenge_id","state");--> statement-breakpoint
CREATE INDEX "objections_decision_idx" ON "objections" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "objections_filed_by_idx" ON "objections" USING btree ("filed_by");--> statement-breakpoint
CREATE INDEX "objections_resolved_by_idx" ON "objections" USING btree ("resolved_by");--> statement-breakpoint
CREATE UNIQUE INDEX "project_milestones_key" ON "project_milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_application_key" ON "projects" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "projects_challenge_idx" ON "projects" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "projects_organization_idx" ON "projects" USING btree ("organization_id");--> statement-breakpoint
-- The State Council's holiday notice (packages/domain calendar/china-seed.ts), the bureau's calendar to start with.
INSERT INTO "calendar_days" ("day", "kind", "note") VALUES
  ('2026-01-01', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-01-02', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-01-03', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-15', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-16', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-17', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-18', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-19', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-20', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-21', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-22', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-23', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-04-04', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-04-05', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-04-06', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-05-01', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-05-02', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-05-03', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-05-04', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-05-05', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-06-19', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-06-20', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-06-21', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-09-25', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-09-26', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-09-27', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-01', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-02', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-03', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-04', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-05', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-06', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-07', 'holiday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-01-04', 'workday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-14', 'workday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-02-28', 'workday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-05-09', 'workday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-09-20', 'workday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）'),
  ('2026-10-10', 'workday', '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）');

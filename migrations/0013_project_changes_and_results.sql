CREATE TYPE "public"."change_request_state" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "project_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_id" uuid,
	"kind" text NOT NULL,
	"proposed" jsonb NOT NULL,
	"reason" text NOT NULL,
	"state" "change_request_state" DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	CONSTRAINT "project_change_requests_kind" CHECK ("project_change_requests"."kind" in ('due_date', 'payee') and ("project_change_requests"."kind" = 'payee') = ("project_change_requests"."milestone_id" is null))
);
--> statement-breakpoint
CREATE TABLE "project_indicator_results" (
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"achieved" text NOT NULL,
	"evidence" text NOT NULL,
	"met" boolean NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_indicator_results_project_id_position_pk" PRIMARY KEY("project_id","position")
);
--> statement-breakpoint
ALTER TABLE "project_change_requests" ADD CONSTRAINT "project_change_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_change_requests" ADD CONSTRAINT "project_change_requests_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_change_requests" ADD CONSTRAINT "project_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_change_requests" ADD CONSTRAINT "project_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_results" ADD CONSTRAINT "project_indicator_results_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicator_results" ADD CONSTRAINT "project_indicator_results_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_change_requests_project_idx" ON "project_change_requests" USING btree ("project_id","state");--> statement-breakpoint
CREATE INDEX "project_change_requests_milestone_idx" ON "project_change_requests" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "project_change_requests_requested_by_idx" ON "project_change_requests" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "project_change_requests_decided_by_idx" ON "project_change_requests" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "project_indicator_results_recorded_by_idx" ON "project_indicator_results" USING btree ("recorded_by");
CREATE TYPE "public"."funding_source" AS ENUM('enterprise', 'special_fund');--> statement-breakpoint
CREATE TYPE "public"."release_state" AS ENUM('pending', 'disbursed', 'confirmed', 'disputed');--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"source" "funding_source" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"state" "release_state" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"payment_reference" text,
	"disbursed_at" timestamp with time zone,
	"disbursed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"dispute_reason" text,
	"resolution" text,
	CONSTRAINT "releases_amount_positive" CHECK ("releases"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "report" text;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "feedback" text;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "verified_by" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "solver_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "solver_signed_by" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "owner_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "owner_signed_by" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "payee" jsonb;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "stop_reason" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_disbursed_by_users_id_fk" FOREIGN KEY ("disbursed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "releases_milestone_source_key" ON "releases" USING btree ("milestone_id","source");--> statement-breakpoint
CREATE INDEX "releases_project_idx" ON "releases" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "releases_state_idx" ON "releases" USING btree ("state","source");--> statement-breakpoint
CREATE INDEX "releases_disbursed_by_idx" ON "releases" USING btree ("disbursed_by");--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_solver_signed_by_users_id_fk" FOREIGN KEY ("solver_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_signed_by_users_id_fk" FOREIGN KEY ("owner_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_milestones_verified_by_idx" ON "project_milestones" USING btree ("verified_by");--> statement-breakpoint
CREATE INDEX "projects_solver_signed_by_idx" ON "projects" USING btree ("solver_signed_by");--> statement-breakpoint
CREATE INDEX "projects_owner_signed_by_idx" ON "projects" USING btree ("owner_signed_by");
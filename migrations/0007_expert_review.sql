CREATE TABLE "challenge_rubrics" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"criteria" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"affiliation" text,
	"expertise" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"challenge_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"conflict" boolean,
	"conflict_reason" text,
	"declared_at" timestamp with time zone,
	"scores" jsonb,
	"total_tenths" integer,
	"scored_at" timestamp with time zone,
	CONSTRAINT "review_assignments_total_range" CHECK ("review_assignments"."total_tenths" is null or "review_assignments"."total_tenths" between 0 and 1000),
	CONSTRAINT "review_assignments_scores_need_no_conflict" CHECK ("review_assignments"."scores" is null or "review_assignments"."conflict" = false),
	CONSTRAINT "review_assignments_declared" CHECK (("review_assignments"."conflict" is null) = ("review_assignments"."declared_at" is null))
);
--> statement-breakpoint
ALTER TABLE "challenge_rubrics" ADD CONSTRAINT "challenge_rubrics_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_rubrics" ADD CONSTRAINT "challenge_rubrics_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_profiles_expertise_idx" ON "expert_profiles" USING gin ("expertise");--> statement-breakpoint
CREATE INDEX "expert_profiles_organization_idx" ON "expert_profiles" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_key" ON "review_assignments" USING btree ("application_id","expert_id");--> statement-breakpoint
CREATE INDEX "review_assignments_expert_idx" ON "review_assignments" USING btree ("expert_id","assigned_at");--> statement-breakpoint
CREATE INDEX "review_assignments_challenge_idx" ON "review_assignments" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "review_assignments_assigned_by_idx" ON "review_assignments" USING btree ("assigned_by");
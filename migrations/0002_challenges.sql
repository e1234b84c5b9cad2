CREATE TYPE "public"."challenge_amendment_kind" AS ENUM('clarification', 'deadline_extension');--> statement-breakpoint
CREATE TYPE "public"."challenge_category" AS ENUM('bottleneck', 'common_key_technology', 'urgent_need', 'tech_transfer', 'talent');--> statement-breakpoint
CREATE TYPE "public"."challenge_industry" AS ENUM('metallurgy_new_materials', 'high_end_equipment');--> statement-breakpoint
CREATE TYPE "public"."challenge_state" AS ENUM('draft', 'pending_review', 'published', 'closed', 'reviewing', 'notice', 'awarded', 'in_progress', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."challenge_visibility" AS ENUM('public', 'restricted');--> statement-breakpoint
CREATE TYPE "public"."challenge_review_decision" AS ENUM('approved', 'returned');--> statement-breakpoint
CREATE TYPE "public"."attachment_parent_type" AS ENUM('challenge');--> statement-breakpoint
CREATE TABLE "challenge_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"kind" "challenge_amendment_kind" NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text,
	"old_deadline" timestamp with time zone,
	"new_deadline" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_amendments_extension_later" CHECK ("challenge_amendments"."kind" <> 'deadline_extension' or "challenge_amendments"."new_deadline" > "challenge_amendments"."old_deadline")
);
--> statement-breakpoint
CREATE TABLE "challenge_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name_zh" text,
	"name_en" text,
	"target" text,
	"unit" text,
	"method" text
);
--> statement-breakpoint
CREATE TABLE "challenge_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"decision" "challenge_review_decision" NOT NULL,
	"reasons" text,
	"special_fund_fen" bigint,
	"reviewed_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_reviews_return_has_reasons" CHECK ("challenge_reviews"."decision" <> 'returned' or "challenge_reviews"."reasons" is not null)
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"state" "challenge_state" DEFAULT 'draft' NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"summary_zh" text,
	"summary_en" text,
	"description_zh" text,
	"description_en" text,
	"industry" "challenge_industry",
	"category" "challenge_category",
	"eligibility_zh" text,
	"eligibility_en" text,
	"enterprise_share_fen" bigint DEFAULT 0 NOT NULL,
	"requested_special_fund_fen" bigint DEFAULT 0 NOT NULL,
	"special_fund_fen" bigint,
	"bounty_fen" bigint DEFAULT 0 NOT NULL,
	"deadline" timestamp with time zone,
	"duration_months" integer,
	"max_winners" integer DEFAULT 1 NOT NULL,
	"ip_terms_zh" text,
	"ip_terms_en" text,
	"visibility" "challenge_visibility" DEFAULT 'public' NOT NULL,
	"domestic_only" boolean DEFAULT false NOT NULL,
	"confidentiality_terms_version" text NOT NULL,
	"review_reasons" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenges_shares_nonnegative" CHECK ("challenges"."enterprise_share_fen" >= 0 and "challenges"."requested_special_fund_fen" >= 0),
	CONSTRAINT "challenges_special_fund_within_request" CHECK ("challenges"."special_fund_fen" is null or ("challenges"."special_fund_fen" >= 0 and "challenges"."special_fund_fen" <= "challenges"."requested_special_fund_fen")),
	CONSTRAINT "challenges_bounty_by_source" CHECK ("challenges"."bounty_fen" = "challenges"."enterprise_share_fen" + coalesce("challenges"."special_fund_fen", "challenges"."requested_special_fund_fen")),
	CONSTRAINT "challenges_duration_range" CHECK ("challenges"."duration_months" is null or "challenges"."duration_months" between 1 and 60),
	CONSTRAINT "challenges_max_winners_range" CHECK ("challenges"."max_winners" between 1 and 10),
	CONSTRAINT "challenges_published_has_fund" CHECK ("challenges"."published_at" is null or "challenges"."special_fund_fen" is not null)
);
--> statement-breakpoint
CREATE TABLE "confidentiality_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"terms_version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_type" "attachment_parent_type" NOT NULL,
	"parent_id" uuid NOT NULL,
	"original_filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_name" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attachments_size_positive" CHECK ("attachments"."size_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "challenge_amendments" ADD CONSTRAINT "challenge_amendments_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_amendments" ADD CONSTRAINT "challenge_amendments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_indicators" ADD CONSTRAINT "challenge_indicators_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_reviews" ADD CONSTRAINT "challenge_reviews_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_reviews" ADD CONSTRAINT "challenge_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_acceptances" ADD CONSTRAINT "confidentiality_acceptances_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_acceptances" ADD CONSTRAINT "confidentiality_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_amendments_challenge_idx" ON "challenge_amendments" USING btree ("challenge_id","created_at");--> statement-breakpoint
CREATE INDEX "challenge_amendments_created_by_idx" ON "challenge_amendments" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_indicators_position_key" ON "challenge_indicators" USING btree ("challenge_id","position");--> statement-breakpoint
CREATE INDEX "challenge_reviews_challenge_idx" ON "challenge_reviews" USING btree ("challenge_id","created_at");--> statement-breakpoint
CREATE INDEX "challenge_reviews_reviewed_by_idx" ON "challenge_reviews" USING btree ("reviewed_by");--> statement-breakpoint
CREATE INDEX "challenges_owner_idx" ON "challenges" USING btree ("owner_organization_id","created_at");--> statement-breakpoint
CREATE INDEX "challenges_created_by_idx" ON "challenges" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "challenges_state_deadline_idx" ON "challenges" USING btree ("state","deadline");--> statement-breakpoint
CREATE INDEX "challenges_published_idx" ON "challenges" USING btree ("published_at") WHERE "challenges"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "challenges_industry_idx" ON "challenges" USING btree ("industry","published_at");--> statement-breakpoint
CREATE INDEX "challenges_category_idx" ON "challenges" USING btree ("category","published_at");--> statement-breakpoint
CREATE INDEX "challenges_bounty_idx" ON "challenges" USING btree ("bounty_fen");--> statement-breakpoint
CREATE INDEX "challenges_deadline_idx" ON "challenges" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "challenges_review_queue_idx" ON "challenges" USING btree ("submitted_at") WHERE "challenges"."state" = 'pending_review';--> statement-breakpoint
CREATE UNIQUE INDEX "confidentiality_acceptances_key" ON "confidentiality_acceptances" USING btree ("challenge_id","user_id","terms_version");--> statement-breakpoint
CREATE INDEX "confidentiality_acceptances_user_idx" ON "confidentiality_acceptances" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "attachments_parent_idx" ON "attachments" USING btree ("parent_type","parent_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_idx" ON "attachments" USING btree ("uploaded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_storage_name_key" ON "attachments" USING btree ("storage_name");
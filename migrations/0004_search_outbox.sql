CREATE TYPE "public"."search_outbox_operation" AS ENUM('upsert', 'remove');--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"operation" "search_outbox_operation" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_outbox_due_idx" ON "search_outbox" USING btree ("next_attempt_at" NULLS FIRST,"changed_at");
-- pg_trgm: typo lookups on search_documents.title_words. Built into PostgreSQL; PGlite must be opened
-- with its pg_trgm extension (packages/db/src/client.ts) for this statement to work.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "search_document_texts" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"public_texts" jsonb NOT NULL,
	"detail_texts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"state" "challenge_state" NOT NULL,
	"visibility" "challenge_visibility" NOT NULL,
	"industry" "challenge_industry",
	"category" "challenge_category",
	"bounty_fen" bigint NOT NULL,
	"deadline" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"public_vector" "tsvector" NOT NULL,
	"full_vector" "tsvector" NOT NULL,
	"title_words" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_document_texts" ADD CONSTRAINT "search_document_texts_challenge_id_search_documents_challenge_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."search_documents"("challenge_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_documents_full_vector_idx" ON "search_documents" USING gin ("full_vector");--> statement-breakpoint
CREATE INDEX "search_documents_public_vector_idx" ON "search_documents" USING gin ("public_vector") WHERE "search_documents"."visibility" = 'restricted';--> statement-breakpoint
CREATE INDEX "search_documents_title_words_idx" ON "search_documents" USING gin ("title_words" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_documents_published_idx" ON "search_documents" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "search_documents_deadline_idx" ON "search_documents" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "search_documents_bounty_idx" ON "search_documents" USING btree ("bounty_fen");--> statement-breakpoint
CREATE INDEX "search_documents_owner_idx" ON "search_documents" USING btree ("owner_organization_id");
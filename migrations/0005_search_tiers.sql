-- Search tiers (packages/search postgres-engine.ts). The vectors move out of line and the rows
-- stay narrow, so counting matches never reads a vector: toast_tuple_target 128 makes PostgreSQL
-- move a row's long values out until the row is under 128 bytes; EXTERNAL stores them uncompressed
-- (cheaper to read back for the few documents ranked on them); title_vector, small and read for
-- every match ranked, stays in the row (PLAIN). One ALTER TABLE: the storage settings are in place
-- before the table is rewritten for the new generated columns, so existing rows are laid out anew.
ALTER TABLE "search_documents" SET (toast_tuple_target = 128),
  ALTER COLUMN "full_vector" SET STORAGE EXTERNAL,
  ALTER COLUMN "public_vector" SET STORAGE EXTERNAL,
  ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (ts_filter(public_vector, '{a}')) STORED NOT NULL,
  ALTER COLUMN "title_vector" SET STORAGE PLAIN,
  ADD COLUMN "bucket" smallint GENERATED ALWAYS AS ((('x' || substr(md5(challenge_id::text), 1, 8))::bit(32)::bigint % 100)::smallint) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_title_vector_idx" ON "search_documents" USING gin ("title_vector");--> statement-breakpoint
CREATE INDEX "search_documents_full_vector_1pct_idx" ON "search_documents" USING gin ("full_vector") WHERE "search_documents"."bucket" = 0;--> statement-breakpoint
CREATE INDEX "search_documents_full_vector_10pct_idx" ON "search_documents" USING gin ("full_vector") WHERE "search_documents"."bucket" < 10;--> statement-breakpoint
CREATE INDEX "search_documents_public_vector_1pct_idx" ON "search_documents" USING gin ("public_vector") WHERE "search_documents"."visibility" = 'restricted' and "search_documents"."bucket" = 0;--> statement-breakpoint
CREATE INDEX "search_documents_public_vector_10pct_idx" ON "search_documents" USING gin ("public_vector") WHERE "search_documents"."visibility" = 'restricted' and "search_documents"."bucket" < 10;--> statement-breakpoint
CREATE INDEX "search_documents_bucket_idx" ON "search_documents" USING btree ("bucket");
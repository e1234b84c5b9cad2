DROP INDEX "challenges_published_idx";--> statement-breakpoint
DROP INDEX "search_documents_published_idx";--> statement-breakpoint
CREATE INDEX "join_requests_user_idx" ON "join_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "join_requests_decided_by_idx" ON "join_requests" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "challenges_newest_idx" ON "challenges" USING btree ("published_at" DESC NULLS LAST,"created_at" DESC NULLS FIRST,"id") WHERE "challenges"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "search_documents_newest_idx" ON "search_documents" USING btree ("published_at" DESC NULLS LAST,"created_at" DESC NULLS FIRST,"challenge_id");--> statement-breakpoint
CREATE INDEX "challenge_rubrics_updated_by_idx" ON "challenge_rubrics" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "fiscal_budgets_set_by_idx" ON "fiscal_budgets" USING btree ("set_by");
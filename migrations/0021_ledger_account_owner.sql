ALTER TABLE "ledger_accounts" ADD COLUMN "challenge_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "source" text;--> statement-breakpoint
-- The accounts opened before: their challenge and source as the keys and the projects and releases say.
UPDATE "ledger_accounts" SET "challenge_id" = split_part("key", ':', 3)::uuid, "source" = 'special_fund' WHERE "kind" = 'fund_reserved';--> statement-breakpoint
UPDATE "ledger_accounts" SET "challenge_id" = split_part("key", ':', 2)::uuid, "source" = 'enterprise' WHERE "kind" = 'enterprise_committed';--> statement-breakpoint
UPDATE "ledger_accounts" a SET "challenge_id" = p."challenge_id", "source" = split_part(a."key", ':', 3)
  FROM "projects" p WHERE a."kind" IN ('project_funds', 'paid_out') AND p."id"::text = split_part(a."key", ':', 2);--> statement-breakpoint
UPDATE "ledger_accounts" a SET "challenge_id" = p."challenge_id", "source" = r."source"::text
  FROM "releases" r JOIN "projects" p ON p."id" = r."project_id" WHERE a."kind" IN ('release_payable', 'release_disbursed') AND r."id"::text = split_part(a."key", ':', 2);--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_accounts_challenge_idx" ON "ledger_accounts" USING btree ("challenge_id");
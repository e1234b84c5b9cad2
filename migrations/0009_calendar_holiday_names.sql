-- The seeded 2026 days named by their holiday rather than by the notice's title, which the bureau's
-- calendar page lists once per day (the notice stays cited in packages/domain calendar/china-seed.ts).
UPDATE "calendar_days" SET "note" = '元旦' WHERE "day" BETWEEN '2026-01-01' AND '2026-01-03' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '春节' WHERE "day" BETWEEN '2026-02-15' AND '2026-02-23' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '清明节' WHERE "day" BETWEEN '2026-04-04' AND '2026-04-06' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '劳动节' WHERE "day" BETWEEN '2026-05-01' AND '2026-05-05' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '端午节' WHERE "day" BETWEEN '2026-06-19' AND '2026-06-21' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '中秋节' WHERE "day" BETWEEN '2026-09-25' AND '2026-09-27' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '国庆节' WHERE "day" BETWEEN '2026-10-01' AND '2026-10-07' AND "kind" = 'holiday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '元旦调休' WHERE "day" = '2026-01-04' AND "kind" = 'workday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '春节调休' WHERE "day" IN ('2026-02-14', '2026-02-28') AND "kind" = 'workday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '劳动节调休' WHERE "day" = '2026-05-09' AND "kind" = 'workday';--> statement-breakpoint
UPDATE "calendar_days" SET "note" = '中秋节、国庆节调休' WHERE "day" IN ('2026-09-20', '2026-10-10') AND "kind" = 'workday';

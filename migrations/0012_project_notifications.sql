ALTER TYPE "public"."notification_kind" ADD VALUE 'milestone_submitted';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'milestone_returned';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'milestone_accepted';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'milestone_verified';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'milestone_due_soon';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'milestone_overdue';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'release_disbursed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'release_confirmed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'release_disputed';--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "due_soon_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "overdue_notified_at" timestamp with time zone;
-- Notifications (issue 15): each person's language as a choice they made, and how they want to be told;
-- the outbox learns whom a message is for (a daily digest gathers by person), and retries with back-off.
ALTER TABLE "users" ADD COLUMN "language_chosen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notification_preference" text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_notification_preference_check" CHECK ("notification_preference" IN ('immediate', 'digest', 'required'));--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "recipient_user_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivery" text DEFAULT 'now' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_delivery_check" CHECK ("delivery" IN ('now', 'digest'));--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "digested_into" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
-- A message that failed before this migration is tried again on the old rule (a quarter of an hour on).
UPDATE "outbox" SET "attempts" = 1, "next_attempt_at" = "failed_at" + interval '15 minutes' WHERE "failed_at" IS NOT NULL AND "sent_at" IS NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "outbox_unsent_idx";--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at", "created_at") WHERE "outbox"."sent_at" IS NULL AND "outbox"."delivery" = 'now';--> statement-breakpoint
CREATE INDEX "outbox_digest_idx" ON "outbox" USING btree ("recipient_user_id", "created_at") WHERE "outbox"."delivery" = 'digest' AND "outbox"."digested_into" IS NULL;

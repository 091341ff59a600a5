-- The agency's training settings (how many days before a session a booked place is reminded), one
-- row per version like the children's settings: the server's TRAINING_REMINDER_DAYS is only the
-- default for an agency that has saved none.
CREATE TABLE "training_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"change_reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_settings" ADD CONSTRAINT "training_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "training_settings" ADD CONSTRAINT "training_settings_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "training_settings_version_idx" ON "training_settings" USING btree ("organisation_id","version");
--> statement-breakpoint
GRANT SELECT, INSERT ON training_settings TO together_app;
--> statement-breakpoint
ALTER TABLE training_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE training_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The agency's own people read and add versions; the hourly reminder job (the platform) reads every agency's.
CREATE POLICY training_settings_scope ON training_settings USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
) WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
-- Versions are never changed or removed: the history says who changed the reminders, when and why.
REVOKE UPDATE, DELETE, TRUNCATE ON training_settings FROM together_app;

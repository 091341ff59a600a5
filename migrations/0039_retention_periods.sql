-- Records kept for their time, part two (issue 17): the remaining classes, and each agency's own
-- periods as a versioned setting (one row per version, like the training settings of 0036).
INSERT INTO retention_classes (code, record_kind, period_months, runs_from, disposal, covered, basis) VALUES
  ('approved_family_record', 'household', 1200, 'adoption_order', 'review', true, 'Kept with the adopted child''s case record: 100 years from the latest adoption order of a child placed with the family'),
  ('leaver_account', 'user_account', 24, 'left', 'review', true, 'Agency policy: the account of a member of staff who has left'),
  ('staff_training_record', 'staff_training', 24, 'left', 'review', true, 'Agency policy: the training record of a member of staff who has left');
--> statement-breakpoint
UPDATE retention_classes SET covered = true WHERE code IN ('adoption_case_record', 'adoption_support_record');
--> statement-breakpoint
CREATE TABLE "retention_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"change_reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "retention_settings_version_idx" ON "retention_settings" USING btree ("organisation_id","version");
--> statement-breakpoint
GRANT SELECT, INSERT ON retention_settings TO together_app;
--> statement-breakpoint
ALTER TABLE retention_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The agency's own people read and add versions; the retention job (the platform) reads them for the review list.
CREATE POLICY retention_settings_scope ON retention_settings USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
) WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
-- Versions are never changed or removed: the history says who changed the periods, when and why.
REVOKE UPDATE, DELETE, TRUNCATE ON retention_settings FROM together_app;

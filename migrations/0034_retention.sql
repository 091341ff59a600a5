-- Records kept for their time (issue 17): the retention classes as data, legal holds, and the
-- tombstones destruction leaves. A tombstone says what was destroyed, under which rule, when and by
-- whom, and holds no personal data.
CREATE TABLE "retention_classes" (
	"code" text PRIMARY KEY NOT NULL,
	"record_kind" text NOT NULL,
	"period_months" integer,
	"runs_from" text NOT NULL,
	"disposal" text NOT NULL,
	"covered" boolean DEFAULT false NOT NULL,
	"basis" text NOT NULL,
	CONSTRAINT "retention_classes_disposal_check" CHECK ("disposal" IN ('review', 'keep')),
	CONSTRAINT "retention_classes_period_check" CHECK (("disposal" = 'keep') = ("period_months" IS NULL) AND ("period_months" IS NULL OR "period_months" > 0))
);
--> statement-breakpoint
CREATE TABLE "retention_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	"lift_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_tombstones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"retention_class" text NOT NULL,
	"rule" text NOT NULL,
	"event_date" date NOT NULL,
	"due_date" date NOT NULL,
	"destroyed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"destroyed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "retention_tombstones" ADD CONSTRAINT "retention_tombstones_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "retention_tombstones" ADD CONSTRAINT "retention_tombstones_retention_class_retention_classes_code_fk" FOREIGN KEY ("retention_class") REFERENCES "public"."retention_classes"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "retention_tombstones" ADD CONSTRAINT "retention_tombstones_destroyed_by_users_id_fk" FOREIGN KEY ("destroyed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- One hold in force per record; lifted holds stay as history.
CREATE UNIQUE INDEX "retention_holds_in_force_idx" ON "retention_holds" USING btree ("record_kind","record_id") WHERE "lifted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "retention_holds_organisation_idx" ON "retention_holds" USING btree ("organisation_id","placed_at");
--> statement-breakpoint
CREATE INDEX "retention_tombstones_organisation_idx" ON "retention_tombstones" USING btree ("organisation_id","destroyed_at");
--> statement-breakpoint
-- The classes (domain.md, "Data"; issue 17). Periods the law sets are fixed here; the others are the
-- agency's policy, set to common practice until an agency configures its own. `covered` says whether
-- the platform finds records of the class yet (src/modules/retention/README.md).
INSERT INTO retention_classes (code, record_kind, period_months, runs_from, disposal, covered, basis) VALUES
  ('adoption_case_record', 'child', 1200, 'adoption_order', 'review', false, 'Adoption Agencies Regulations: 100 years from the adoption order'),
  ('adoption_support_record', 'support', 900, 'support_ended', 'review', false, 'Adoption support records: 75 years'),
  ('enquiry_not_proceeded', 'household', 24, 'closure', 'review', true, 'Agency policy: an enquiry that went no further'),
  ('household_withdrawn_before_approval', 'household', 72, 'closure', 'review', true, 'Agency policy: an application withdrawn or not approved'),
  ('portal_messages_closed_case', 'portal_thread', 24, 'closure', 'review', true, 'Agency policy: a closed case''s portal conversation'),
  ('audit_log', 'audit_entry', NULL, 'never', 'keep', true, 'Kept: the audit log is the record of who did what');
--> statement-breakpoint
ALTER TABLE retention_classes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_classes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The classes hold no personal data: everyone may read them; nobody changes them through the app.
CREATE POLICY retention_classes_read ON retention_classes FOR SELECT USING (true);
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON retention_classes FROM together_app;
--> statement-breakpoint
ALTER TABLE retention_holds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_holds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY retention_holds_scope ON retention_holds USING (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_has_role('administrator')))
);
--> statement-breakpoint
-- A hold is lifted, never deleted: its history is the reason a record was kept.
REVOKE DELETE, TRUNCATE ON retention_holds FROM together_app;
--> statement-breakpoint
ALTER TABLE retention_tombstones ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_tombstones FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY retention_tombstones_scope ON retention_tombstones USING (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_has_role('administrator')))
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON retention_tombstones FROM together_app;
--> statement-breakpoint
-- Destroying a closed case's conversation and files is a retention decision: the app role still may
-- not delete them; only the platform's retention job (the system role) may, once an administrator
-- has confirmed it (src/modules/retention).
GRANT DELETE ON portal_messages, portal_threads, portal_documents, documents, document_versions, document_parts TO together_system;

CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"version" integer NOT NULL,
	"reference" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"language" text NOT NULL,
	"document" jsonb NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_language_check" CHECK ("language" IN ('en', 'cy')),
	CONSTRAINT "reports_period_check" CHECK ("period_from" <= "period_to")
);
--> statement-breakpoint
CREATE TABLE "report_files" (
	"report_id" uuid NOT NULL,
	"format" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" bytea NOT NULL,
	CONSTRAINT "report_files_report_id_format_pk" PRIMARY KEY("report_id","format"),
	CONSTRAINT "report_files_format_check" CHECK ("format" IN ('pdf', 'xlsx', 'csv'))
);
--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_number_version_idx" ON "reports" USING btree ("organisation_id","number","version");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_series_version_idx" ON "reports" USING btree ("organisation_id","recipient_organisation_id","period_from","period_to","language","version");--> statement-breakpoint
CREATE INDEX "reports_recipient_idx" ON "reports" USING btree ("recipient_organisation_id","issued_at");--> statement-breakpoint
-- Issued reports and their files never change, whoever asks, the owner included: issuing again makes a new version.
CREATE OR REPLACE FUNCTION reports_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an issued % row cannot be changed or removed: issue the report again for a new version', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_never_change BEFORE UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_refuse_change();
--> statement-breakpoint
CREATE TRIGGER reports_never_truncated BEFORE TRUNCATE ON reports FOR EACH STATEMENT EXECUTE FUNCTION reports_refuse_change();
--> statement-breakpoint
CREATE TRIGGER report_files_never_change BEFORE UPDATE OR DELETE ON report_files FOR EACH ROW EXECUTE FUNCTION reports_refuse_change();
--> statement-breakpoint
CREATE TRIGGER report_files_never_truncated BEFORE TRUNCATE ON report_files FOR EACH STATEMENT EXECUTE FUNCTION reports_refuse_change();
--> statement-breakpoint
-- The issuing agency writes and reads its reports; the organisation a report is issued to reads it.
ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reports_read ON reports FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR recipient_organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY reports_insert ON reports FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON reports FROM together_app;
--> statement-breakpoint
ALTER TABLE report_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_files FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_files_read ON report_files FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR recipient_organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY report_files_insert ON report_files FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON report_files FROM together_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON reports, report_files TO together_app;

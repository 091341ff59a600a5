CREATE TABLE "research_agreement_versions" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"terms" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "research_agreement_versions_agreement_id_version_pk" PRIMARY KEY("agreement_id","version")
);
--> statement-breakpoint
CREATE TABLE "research_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"lawful_basis" text NOT NULL,
	"fields" text[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_by_role" text NOT NULL,
	"signed_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_extract_parts" (
	"extract_id" uuid NOT NULL,
	"part" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "research_extract_parts_extract_id_part_pk" PRIMARY KEY("extract_id","part")
);
--> statement-breakpoint
CREATE TABLE "research_extracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"agreement_version" integer NOT NULL,
	"fields" text[] NOT NULL,
	"as_of" date NOT NULL,
	"children" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "research_agreement_versions" ADD CONSTRAINT "research_agreement_versions_agreement_id_research_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."research_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_agreement_versions" ADD CONSTRAINT "research_agreement_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_agreement_versions" ADD CONSTRAINT "research_agreement_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_agreements" ADD CONSTRAINT "research_agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_agreements" ADD CONSTRAINT "research_agreements_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_agreements" ADD CONSTRAINT "research_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Deferred: the zip is written part by part before the extract row that records its checksum.
ALTER TABLE "research_extract_parts" ADD CONSTRAINT "research_extract_parts_extract_id_research_extracts_id_fk" FOREIGN KEY ("extract_id") REFERENCES "public"."research_extracts"("id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "research_extract_parts" ADD CONSTRAINT "research_extract_parts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_extracts" ADD CONSTRAINT "research_extracts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_extracts" ADD CONSTRAINT "research_extracts_agreement_id_research_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."research_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_extracts" ADD CONSTRAINT "research_extracts_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "research_agreements_partner_idx" ON "research_agreements" USING btree ("partner_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "research_agreements_organisation_idx" ON "research_agreements" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "research_extracts_agreement_idx" ON "research_extracts" USING btree ("agreement_id","created_at");--> statement-breakpoint
-- Research agreements: the sharing agency owns and writes them; its research partner reads those naming it.
ALTER TABLE research_agreements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE research_agreements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY research_agreements_read ON research_agreements FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR partner_organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY research_agreements_insert ON research_agreements FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY research_agreements_update ON research_agreements FOR UPDATE USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON research_agreements FROM together_app;
--> statement-breakpoint
ALTER TABLE research_agreement_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE research_agreement_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY research_agreement_versions_scope ON research_agreement_versions USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON research_agreement_versions FROM together_app;
--> statement-breakpoint
ALTER TABLE research_extracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE research_extracts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY research_extracts_scope ON research_extracts USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON research_extracts FROM together_app;
--> statement-breakpoint
ALTER TABLE research_extract_parts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE research_extract_parts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY research_extract_parts_scope ON research_extract_parts USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON research_extract_parts FROM together_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON research_agreement_versions, research_extracts, research_extract_parts TO together_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON research_agreements TO together_app;

CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"document_date" date NOT NULL,
	"visibility" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"retention_class" text DEFAULT 'adoption_case_record' NOT NULL,
	CONSTRAINT "case_documents_document_id_unique" UNIQUE("document_id"),
	CONSTRAINT "case_documents_owner_kind_check" CHECK ("owner_kind" IN ('child', 'sibling_group', 'household', 'match')),
	CONSTRAINT "case_documents_visibility_check" CHECK ("visibility" IN ('case', 'agency', 'clinical'))
);
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "case_documents_owner_idx" ON "case_documents" USING btree ("owner_kind","owner_id","document_date");
--> statement-breakpoint
-- A sibling group is visible when one of its members is (its own policy says so).
CREATE OR REPLACE FUNCTION app_can_see_sibling_group(grp uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM sibling_groups WHERE id = grp)
$$;
--> statement-breakpoint
-- Documents now belong to sibling groups and matches too (case documents).
CREATE OR REPLACE FUNCTION app_can_see_document_owner(kind text, owner uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE kind
    WHEN 'household' THEN app_can_see_household(owner)
    WHEN 'child' THEN app_can_see_child(owner)
    WHEN 'sibling_group' THEN app_can_see_sibling_group(owner)
    WHEN 'match' THEN app_can_see_match(owner)
    ELSE false END
$$;
--> statement-breakpoint
-- A case document's visibility, as src/platform/policy/document-visibility.ts decides it: 'case' for
-- everyone who sees the record; 'agency' for the agency and its clinical partner; 'clinical' for
-- their psychologists and therapeutic social workers only.
CREATE OR REPLACE FUNCTION app_may_read_visibility(visibility text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT visibility = 'case' OR (
    EXISTS (SELECT 1 FROM organisations WHERE id = app_org_id() AND type IN ('agency', 'clinical_partner'))
    AND (visibility = 'agency' OR (visibility = 'clinical' AND (app_has_role('clinical_psychologist') OR app_has_role('therapeutic_social_worker'))))
  )
$$;
--> statement-breakpoint
ALTER TABLE case_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_documents_scope ON case_documents USING (
  (SELECT app_is_system()) OR (
    app_may_read_visibility(visibility)
    AND (((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_document_owner(owner_kind, owner_id))
  )
);
--> statement-breakpoint
-- Deleting a case document is a retention decision, not something the app does.
REVOKE DELETE, TRUNCATE ON case_documents FROM together_app;

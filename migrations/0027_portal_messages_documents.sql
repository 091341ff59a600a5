CREATE TABLE "document_parts" (
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"part" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "document_parts_document_id_version_part_pk" PRIMARY KEY("document_id","version","part")
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_versions_document_id_version_pk" PRIMARY KEY("document_id","version")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"current_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retention_class" text DEFAULT 'adoption_case_record' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_family" boolean NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"reason" text,
	"due_on" date,
	"document_id" uuid,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"author_id" uuid,
	"from_family" boolean NOT NULL,
	"body" text NOT NULL,
	"document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid
);
--> statement-breakpoint
CREATE TABLE "portal_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"worker_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retention_class" text DEFAULT 'adoption_case_record' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_parts" ADD CONSTRAINT "document_parts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_documents" ADD CONSTRAINT "portal_documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_documents" ADD CONSTRAINT "portal_documents_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_documents" ADD CONSTRAINT "portal_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_documents" ADD CONSTRAINT "portal_documents_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_messages" ADD CONSTRAINT "portal_messages_thread_id_portal_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."portal_threads"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_messages" ADD CONSTRAINT "portal_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_messages" ADD CONSTRAINT "portal_messages_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_messages" ADD CONSTRAINT "portal_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_messages" ADD CONSTRAINT "portal_messages_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_messages" ADD CONSTRAINT "portal_messages_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_threads" ADD CONSTRAINT "portal_threads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_threads" ADD CONSTRAINT "portal_threads_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_threads" ADD CONSTRAINT "portal_threads_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_threads" ADD CONSTRAINT "portal_threads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "documents_owner_idx" ON "documents" USING btree ("owner_kind","owner_id");
--> statement-breakpoint
CREATE INDEX "portal_documents_household_idx" ON "portal_documents" USING btree ("household_id","created_at");
--> statement-breakpoint
CREATE INDEX "portal_messages_thread_idx" ON "portal_messages" USING btree ("thread_id","created_at");
--> statement-breakpoint
CREATE INDEX "portal_threads_household_idx" ON "portal_threads" USING btree ("household_id","last_message_at");
--> statement-breakpoint
CREATE INDEX "portal_threads_worker_idx" ON "portal_threads" USING btree ("worker_id","last_message_at");
--> statement-breakpoint
-- A document is seen by whoever may see the record it belongs to: the owning organisation's
-- practitioners, an adopter for their own household's, a child's local authority for the child's.
CREATE OR REPLACE FUNCTION app_can_see_document_owner(kind text, owner uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE kind WHEN 'household' THEN app_can_see_household(owner) WHEN 'child' THEN app_can_see_child(owner) ELSE false END
$$;
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY documents_scope ON documents USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_document_owner(owner_kind, owner_id)
);
--> statement-breakpoint
ALTER TABLE document_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY document_versions_scope ON document_versions USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_document_owner(owner_kind, owner_id)
);
--> statement-breakpoint
ALTER TABLE document_parts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_parts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY document_parts_scope ON document_parts USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_document_owner(owner_kind, owner_id)
);
--> statement-breakpoint
-- A version once stored is never changed: a new upload is a new version.
REVOKE UPDATE, DELETE, TRUNCATE ON document_versions FROM together_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON document_parts FROM together_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON documents FROM together_app;
--> statement-breakpoint
ALTER TABLE portal_threads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE portal_threads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portal_threads_scope ON portal_threads USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE portal_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE portal_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portal_messages_scope ON portal_messages USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE portal_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE portal_documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portal_documents_scope ON portal_documents USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
-- A message once sent stays as written (only its read receipt is set); nothing of the conversation is deleted.
REVOKE DELETE, TRUNCATE ON portal_messages FROM together_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON portal_threads FROM together_app;

-- Each `audit verify` (the command line and the administrator's page) leaves its result here, so the
-- administrator's home page can say when the chain was last checked and whether it held without
-- reading the whole log. Kept as history; the newest row is the last result.
CREATE TABLE "audit_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"passed" boolean NOT NULL,
	"rows_checked" bigint NOT NULL,
	"anchor" text NOT NULL,
	"broken_at" bigint,
	"channel" text NOT NULL,
	"user_id" uuid,
	CONSTRAINT "audit_verifications_channel_check" CHECK ("channel" IN ('web', 'api', 'cli', 'system'))
);
--> statement-breakpoint
CREATE INDEX "audit_verifications_at_idx" ON "audit_verifications" USING btree ("verified_at");
--> statement-breakpoint
ALTER TABLE audit_verifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_verifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The administrators check the chain and read the results; the operator's command line runs as the platform.
CREATE POLICY audit_verifications_scope ON audit_verifications USING (
  (SELECT app_is_system()) OR (SELECT app_has_role('administrator'))
);
--> statement-breakpoint
-- A result once written is history: nobody edits or removes it.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_verifications FROM together_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_verifications TO together_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE audit_verifications_id_seq TO together_app;
--> statement-breakpoint
-- Administrators see which accounts failed sign-ins have locked for now (the keys are hashes, no person's data).
CREATE POLICY sign_in_failures_administrators ON sign_in_failures FOR SELECT USING ((SELECT app_has_role('administrator')));

-- Back and Reload after a form error (issue 16): a browser's form sent back with its mistakes is
-- answered with a redirect to the form's address, and the page (its error messages and what was
-- typed) waits here for that GET, a few minutes at most, shown once and deleted
-- (src/platform/forms/README.md). It holds personal data: only the platform's own job
-- (together_system) reads or writes it; the app role has no grant at all.
CREATE TABLE "kept_form_pages" (
	"key" text PRIMARY KEY NOT NULL,
	"status" integer NOT NULL,
	"html" text NOT NULL,
	"nonce" text,
	"kept_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "kept_form_pages_kept_at_idx" ON "kept_form_pages" USING btree ("kept_at");
--> statement-breakpoint
ALTER TABLE kept_form_pages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE kept_form_pages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY kept_form_pages_scope ON kept_form_pages USING (
  (SELECT app_is_system())
);
--> statement-breakpoint
REVOKE ALL ON kept_form_pages FROM together_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON kept_form_pages TO together_system;

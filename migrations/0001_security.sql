-- The application works as together_app: it owns nothing and cannot bypass row-level security.
-- Roles are cluster-wide, so creation tolerates another database of the same cluster having made it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'together_app') THEN
    CREATE ROLE together_app NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT together_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO together_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO together_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO together_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO together_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO together_app;
--> statement-breakpoint
-- Who is asking, as set per transaction by the platform (set_config(..., true)).
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_has_role(wanted text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT wanted = ANY (string_to_array(coalesce(current_setting('app.roles', true), ''), ',')) $$;
--> statement-breakpoint
-- The platform itself (sign-in before anyone is known, the CLI, scheduled work).
CREATE OR REPLACE FUNCTION app_is_system() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.system', true), '') = 'on' $$;
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_scope ON users USING (
  app_is_system() OR app_has_role('administrator') OR id = app_user_id() OR organisation_id = app_org_id()
);
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_scope ON sessions USING (
  app_is_system() OR app_has_role('administrator') OR user_id = app_user_id()
);
--> statement-breakpoint
ALTER TABLE access_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE access_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_tokens_scope ON access_tokens USING (
  app_is_system() OR app_has_role('administrator') OR user_id = app_user_id()
);
--> statement-breakpoint
ALTER TABLE sign_in_failures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sign_in_failures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sign_in_failures_scope ON sign_in_failures USING (app_is_system());
--> statement-breakpoint
-- Audit: everyone appends, only administrators and the platform read; nobody edits.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (app_is_system() OR app_has_role('administrator'));
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM together_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM together_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
INSERT INTO audit_chain_head (id, last_id, hash) VALUES (1, 0, repeat('0', 64));

-- The application's pool logs in as together_app itself: no superuser stands behind it, so a
-- statement smuggled into a request can neither RESET ROLE to one nor switch on system mode.
-- (The password is set at start-up by the migrator from configuration, never in a migration.)
-- Roles belong to the whole server, so each change is made only when it is still needed: databases
-- of one server migrated at the same moment would otherwise race on the same catalogue rows.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'together_app'
             AND (NOT rolcanlogin OR rolsuper OR rolbypassrls OR rolcreatedb OR rolcreaterole)) THEN
    ALTER ROLE together_app LOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;--> statement-breakpoint
-- System mode is a role of its own, not a setting: the platform's few named functions (public
-- enquiries, invitations, sessions) reach it from the owner's connection with SET LOCAL ROLE.
-- together_app is not a member of it and cannot become it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'together_system') THEN
    CREATE ROLE together_system NOLOGIN NOBYPASSRLS;
  END IF;
  -- A superuser needs no membership to take the role.
  IF NOT pg_has_role(current_user, 'together_system', 'MEMBER') THEN
    EXECUTE format('GRANT together_system TO %I', current_user);
  END IF;
  -- The system role does what the app role may do (and no more at the table level): the policies
  -- below let it see across organisations.
  IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles s ON s.oid = m.member
                 WHERE r.rolname = 'together_app' AND s.rolname = 'together_system') THEN
    GRANT together_app TO together_system;
  END IF;
END $$;--> statement-breakpoint
-- System mode: the together_system role, or the owner (inside a SECURITY DEFINER function such as
-- relinquish_child_access, where current_user is the owner). The setting app.system means nothing now.
DO $$
BEGIN
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION app_is_system() RETURNS boolean LANGUAGE sql STABLE AS %L',
    format('SELECT current_user IN (%L, %L)', 'together_system', current_user)
  );
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION relinquish_child_access(child uuid, org uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT (app_is_system() OR org = app_org_id()) THEN
    RAISE EXCEPTION 'only the organisation itself may give up its access' USING ERRCODE = '42501';
  END IF;
  UPDATE children SET shared_with = array_remove(shared_with, org) WHERE id = child;
  UPDATE sharing_grants SET revoked_at = now() WHERE child_id = child AND organisation_id = org AND revoked_at IS NULL;
END $$;--> statement-breakpoint
-- The chain head and sealed rows are the owner's alone: the sealer runs as the owner. Neither the
-- app role nor the system role may move the head or touch a row once written.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM together_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM together_app;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM together_system;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM together_system;

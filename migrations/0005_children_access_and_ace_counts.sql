ALTER TABLE "children" ADD COLUMN "shared_with" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "ace_known" integer;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "ace_known_or_suspected" integer;--> statement-breakpoint
-- Carry existing grants and counts over before the old table goes.
UPDATE children c SET shared_with = coalesce((
  SELECT array_agg(DISTINCT g.organisation_id) FROM sharing_grants g WHERE g.child_id = c.id AND g.revoked_at IS NULL
), '{}'::uuid[]);--> statement-breakpoint
UPDATE children c SET ace_known = a.known, ace_known_or_suspected = a.known_or_suspected FROM child_ace_counts a WHERE a.child_id = c.id;--> statement-breakpoint
DROP TABLE "child_ace_counts" CASCADE;--> statement-breakpoint
-- The same wall as before, without a subquery per row (the array is maintained with the grants).
DROP POLICY children_scope ON children;--> statement-breakpoint
CREATE POLICY children_scope ON children USING (
  app_is_system() OR (app_is_practitioner() AND (
    organisation_id = app_org_id()
    OR app_org_id() = ANY (shared_with)
    OR family_finder_id = app_user_id()
    OR social_worker_id = app_user_id()
  ))
);--> statement-breakpoint
CREATE INDEX children_ace_known_idx ON children (ace_known) WHERE ace_known IS NOT NULL;
--> statement-breakpoint
-- The practitioners' directory is for reading only: changing an account stays within scope.
DROP POLICY users_scope ON users;--> statement-breakpoint
CREATE POLICY users_read ON users FOR SELECT USING (
  app_is_system() OR app_has_role('administrator') OR id = app_user_id() OR organisation_id = app_org_id()
  OR (app_is_practitioner() AND roles && ARRAY['family_finder','social_worker','therapeutic_social_worker','clinical_psychologist','service_manager','la_referrer'])
);--> statement-breakpoint
CREATE POLICY users_change ON users FOR ALL USING (
  app_is_system() OR app_has_role('administrator') OR id = app_user_id() OR organisation_id = app_org_id()
);
--> statement-breakpoint
-- An organisation giving up its own access (a declined referral) makes the row invisible to it, which
-- row-level security would refuse as an update; this function does exactly that one change and no more.
CREATE OR REPLACE FUNCTION relinquish_child_access(child uuid, org uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  was_system text := coalesce(current_setting('app.system', true), 'off');
BEGIN
  IF NOT (app_is_system() OR org = app_org_id()) THEN
    RAISE EXCEPTION 'only the organisation itself may give up its access' USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('app.system', 'on', true);
  UPDATE children SET shared_with = array_remove(shared_with, org) WHERE id = child;
  UPDATE sharing_grants SET revoked_at = now() WHERE child_id = child AND organisation_id = org AND revoked_at IS NULL;
  PERFORM set_config('app.system', was_system, true);
END $$;

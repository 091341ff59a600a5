-- Matching, therapeutic preparation, support and workforce records. The same walls as before:
-- practitioners of the organisations a record is shared with, adopters only for their own household,
-- and records about children exactly when one of the children is visible.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO together_app;
--> statement-breakpoint
-- The grant above reaches the audit tables too: take back again what the app role must never do to them.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM together_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM together_app;
--> statement-breakpoint
ALTER TABLE matching_configs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE matching_configs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY matching_configs_scope ON matching_configs USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE postcode_centroids ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE postcode_centroids FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Reference data anyone signed in may read; only the platform loads it.
CREATE POLICY postcode_centroids_read ON postcode_centroids FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY postcode_centroids_load ON postcode_centroids FOR ALL USING ((SELECT app_is_system())) WITH CHECK ((SELECT app_is_system()));
--> statement-breakpoint
ALTER TABLE matches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE matches FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY matches_scope ON matches USING (
  (SELECT app_is_system())
  OR ((SELECT app_is_practitioner()) AND (SELECT app_org_id()) = ANY (shared_with))
  OR ((SELECT app_has_role('adopter')) AND app_can_see_household(household_id))
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_can_see_match(match uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM matches WHERE id = match)
$$;
--> statement-breakpoint
ALTER TABLE match_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE match_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY match_events_scope ON match_events USING (
  (SELECT app_is_system()) OR app_can_see_match(match_id)
);
--> statement-breakpoint
ALTER TABLE transition_steps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE transition_steps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY transition_steps_scope ON transition_steps USING (
  (SELECT app_is_system()) OR app_can_see_match(match_id)
);
--> statement-breakpoint
-- A record about children is visible when one of its children is (the children's policy applies inside).
CREATE OR REPLACE FUNCTION app_can_see_any_child(ids uuid[]) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM children WHERE id = ANY (ids))
$$;
--> statement-breakpoint
ALTER TABLE tac_meetings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tac_meetings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tac_meetings_scope ON tac_meetings USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND app_can_see_any_child(child_ids))
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_can_see_meeting(meeting uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM tac_meetings WHERE id = meeting)
$$;
--> statement-breakpoint
ALTER TABLE tac_attendees ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tac_attendees FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tac_attendees_scope ON tac_attendees USING (
  (SELECT app_is_system()) OR app_can_see_meeting(meeting_id)
);
--> statement-breakpoint
ALTER TABLE tac_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tac_actions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tac_actions_scope ON tac_actions USING (
  (SELECT app_is_system()) OR owner_id = (SELECT app_user_id()) OR app_can_see_meeting(meeting_id)
);
--> statement-breakpoint
ALTER TABLE consultations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consultations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY consultations_scope ON consultations USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND app_can_see_any_child(child_ids))
);
--> statement-breakpoint
ALTER TABLE formulations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE formulations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY formulations_scope ON formulations USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND app_can_see_any_child(child_ids))
  -- An adopter household reads a formulation only through a match of its own (the policy module says which step).
  OR ((SELECT app_has_role('adopter')) AND EXISTS (SELECT 1 FROM matches m WHERE m.child_ids && formulations.child_ids))
);
--> statement-breakpoint
ALTER TABLE adopter_preparation_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE adopter_preparation_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY adopter_preparation_sessions_scope ON adopter_preparation_sessions USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE support_plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_plans FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY support_plans_scope ON support_plans USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE support_plan_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_plan_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY support_plan_items_scope ON support_plan_items USING (
  (SELECT app_is_system()) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE support_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY support_sessions_scope ON support_sessions USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE support_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY support_requests_scope ON support_requests USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE support_event_attendance ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_event_attendance FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY support_event_attendance_scope ON support_event_attendance USING (
  (SELECT app_is_system()) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE support_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY support_events_scope ON support_events USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE staff_training ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE staff_training FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY staff_training_scope ON staff_training USING (
  (SELECT app_is_system()) OR user_id = (SELECT app_user_id()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR ((SELECT app_has_role('administrator')) AND organisation_id = (SELECT app_org_id()))
);
--> statement-breakpoint
ALTER TABLE supervision_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE supervision_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY supervision_sessions_scope ON supervision_sessions USING (
  (SELECT app_is_system()) OR supervisee_id = (SELECT app_user_id()) OR supervisor_id = (SELECT app_user_id()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id()))
);
--> statement-breakpoint
ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calendar_feeds_scope ON calendar_feeds USING (
  (SELECT app_is_system()) OR user_id = (SELECT app_user_id())
);

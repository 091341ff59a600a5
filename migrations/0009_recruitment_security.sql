-- Adopter households belong to the agency assessing them: its practitioners see them, and an adopter
-- sees only the household they are an applicant of. No one else, whatever the policy module says.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO together_app;
--> statement-breakpoint
-- The grant above reaches the audit tables too: take back again what the app role must never do to them.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM together_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM together_app;
--> statement-breakpoint
ALTER TABLE households ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE households FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY households_scope ON households USING (
  (SELECT app_is_system())
  OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id()))
  OR ((SELECT app_has_role('adopter')) AND (SELECT app_user_id()) = ANY (adopter_user_ids))
);
--> statement-breakpoint
-- Records hanging off a household are visible exactly when the household is (its policy applies inside).
CREATE OR REPLACE FUNCTION app_can_see_household(household uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM households WHERE id = household)
$$;
--> statement-breakpoint
-- The organisation test comes first so an agency-wide query never runs the per-row lookup.
CREATE POLICY applicants_scope ON applicants USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE applicants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE applicants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY household_members_scope ON household_members USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE household_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE household_members FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY household_checks_scope ON household_checks USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE household_checks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE household_checks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY home_study_visits_scope ON home_study_visits USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE home_study_visits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE home_study_visits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY household_stage_events_scope ON household_stage_events USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE household_stage_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE household_stage_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY consideration_profiles_scope ON consideration_profiles USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE consideration_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consideration_profiles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY course_bookings_scope ON course_bookings USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
ALTER TABLE course_bookings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE course_bookings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- What people sent through the public form: the agency's practitioners only (the form writes as the platform).
ALTER TABLE enquiries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE enquiries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY enquiries_scope ON enquiries USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id()))
);
--> statement-breakpoint
-- Campaigns, courses and sessions are the agency's own business, not personal records: anyone of the
-- organisation may read them (adopters see the sessions they are booked on); the policy module decides writes.
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY campaigns_scope ON campaigns USING ((SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()));
--> statement-breakpoint
ALTER TABLE campaign_costs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE campaign_costs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY campaign_costs_scope ON campaign_costs USING ((SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()));
--> statement-breakpoint
ALTER TABLE courses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE courses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY courses_scope ON courses USING ((SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()));
--> statement-breakpoint
ALTER TABLE course_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE course_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY course_sessions_scope ON course_sessions USING ((SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()));
--> statement-breakpoint
-- E-mails waiting to be sent: written by the change that caused them, read and sent by the platform.
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outbox_write ON outbox FOR INSERT WITH CHECK ((SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()));
--> statement-breakpoint
CREATE POLICY outbox_read ON outbox FOR SELECT USING ((SELECT app_is_system()) OR (SELECT app_has_role('administrator')));
--> statement-breakpoint
CREATE POLICY outbox_send ON outbox FOR UPDATE USING ((SELECT app_is_system()));
--> statement-breakpoint
-- Invitations: made by a practitioner for a person of their organisation, accepted through the platform.
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_scope ON invitations USING (
  (SELECT app_is_system())
  OR ((SELECT app_is_practitioner()) AND EXISTS (SELECT 1 FROM users u WHERE u.id = invitations.user_id AND u.organisation_id = (SELECT app_org_id())))
);
--> statement-breakpoint
ALTER TABLE rate_limit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE rate_limit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rate_limit_events_platform ON rate_limit_events USING ((SELECT app_is_system()));
--> statement-breakpoint
-- Household references people can say on the phone: AT-2026-00042.
CREATE SEQUENCE household_reference_seq;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE household_reference_seq TO together_app;

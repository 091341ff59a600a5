-- People who work with children's records. Administrators, funders, researchers and adopters
-- are not among them: whatever the policy module says, the database will not show them a child.
CREATE OR REPLACE FUNCTION app_is_practitioner() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT string_to_array(coalesce(current_setting('app.roles', true), ''), ',') &&
    ARRAY['family_finder','social_worker','therapeutic_social_worker','clinical_psychologist','service_manager','la_referrer']
$$;
--> statement-breakpoint
ALTER TABLE sharing_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sharing_grants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sharing_grants_scope ON sharing_grants USING (
  app_is_system() OR (app_is_practitioner() AND (organisation_id = app_org_id() OR owner_organisation_id = app_org_id()))
);
--> statement-breakpoint
ALTER TABLE children ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE children FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The owner (referring authority), an organisation holding a live sharing grant, or the allocated workers.
CREATE POLICY children_scope ON children USING (
  app_is_system() OR (app_is_practitioner() AND (
    organisation_id = app_org_id()
    OR family_finder_id = app_user_id()
    OR social_worker_id = app_user_id()
    OR EXISTS (SELECT 1 FROM sharing_grants g WHERE g.child_id = children.id AND g.organisation_id = app_org_id() AND g.revoked_at IS NULL)
  ))
);
--> statement-breakpoint
-- Records hanging off a child are visible exactly when the child is (children's policy applies inside).
CREATE OR REPLACE FUNCTION app_can_see_child(child uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM children WHERE id = child)
$$;
--> statement-breakpoint
ALTER TABLE child_needs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE child_needs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY child_needs_scope ON child_needs USING (app_is_system() OR app_can_see_child(child_id));
--> statement-breakpoint
ALTER TABLE child_aces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE child_aces FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY child_aces_scope ON child_aces USING (app_is_system() OR app_can_see_child(child_id));
--> statement-breakpoint
ALTER TABLE child_ace_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE child_ace_counts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY child_ace_counts_scope ON child_ace_counts USING (app_is_system() OR app_can_see_child(child_id));
--> statement-breakpoint
ALTER TABLE child_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE child_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY child_events_scope ON child_events USING (app_is_system() OR app_can_see_child(child_id));
--> statement-breakpoint
ALTER TABLE sibling_group_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sibling_group_members FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sibling_group_members_scope ON sibling_group_members USING (app_is_system() OR app_can_see_child(child_id));
--> statement-breakpoint
ALTER TABLE sibling_relationships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sibling_relationships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sibling_relationships_scope ON sibling_relationships USING (app_is_system() OR app_can_see_child(child_id));
--> statement-breakpoint
-- A group is visible when one of its members is.
ALTER TABLE sibling_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sibling_groups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sibling_groups_scope ON sibling_groups USING (
  app_is_system() OR (app_is_practitioner() AND (organisation_id = app_org_id()
    OR EXISTS (SELECT 1 FROM sibling_group_members m WHERE m.group_id = sibling_groups.id)))
);
--> statement-breakpoint
ALTER TABLE sibling_group_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sibling_group_history FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sibling_group_history_scope ON sibling_group_history USING (
  app_is_system() OR EXISTS (SELECT 1 FROM sibling_groups g WHERE g.id = sibling_group_history.group_id)
);
--> statement-breakpoint
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The referring authority sees its referrals, drafts included; the agency sees those submitted to it.
CREATE POLICY referrals_scope ON referrals USING (
  app_is_system() OR (app_is_practitioner() AND (organisation_id = app_org_id() OR (agency_id = app_org_id() AND status <> 'draft')))
);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO together_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM together_app;
--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM together_app;
--> statement-breakpoint
-- Configuration, not personal data: extended ACE categories the agency records.
INSERT INTO ace_categories (code, name_en, name_cy) VALUES
  ('bereavement', 'Bereavement of a parent or carer', 'Profedigaeth rhiant neu ofalwr'),
  ('multiple_placement_moves', 'Several moves of placement in care', 'Sawl symudiad lleoliad mewn gofal'),
  ('community_violence', 'Violence in the community', 'Trais yn y gymuned')
ON CONFLICT (code) DO NOTHING;

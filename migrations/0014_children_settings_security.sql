-- The agency's settings for children who wait are configuration, not personal data: everyone who
-- works with the children reads the thresholds they are measured against (a local authority's
-- clocks, a funder's suppressed figures), but only the agency's own people add a version.
-- Versions are never changed or removed: the history is the record of who changed what and why.
ALTER TABLE children_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE children_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY children_settings_read ON children_settings FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY children_settings_add ON children_settings FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON children_settings FROM together_app;
--> statement-breakpoint
-- Extended ACE categories: read by everyone who records or reads ACEs; added and renamed only by
-- the people who manage them; never deleted, because children's recorded ACEs refer to their code.
ALTER TABLE ace_categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ace_categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ace_categories_read ON ace_categories FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY ace_categories_add ON ace_categories FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (SELECT app_has_role('service_manager')) OR (SELECT app_has_role('administrator'))
);
--> statement-breakpoint
CREATE POLICY ace_categories_change ON ace_categories FOR UPDATE USING (
  (SELECT app_is_system()) OR (SELECT app_has_role('service_manager')) OR (SELECT app_has_role('administrator'))
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON ace_categories FROM together_app;

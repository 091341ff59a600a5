-- Practitioners work across the partnership: a family finder needs to know which local authority
-- worker referred a child. They may see other practitioners' accounts, never adopters' or funders'.
DROP POLICY users_scope ON users;
--> statement-breakpoint
CREATE POLICY users_scope ON users USING (
  app_is_system() OR app_has_role('administrator') OR id = app_user_id() OR organisation_id = app_org_id()
  OR (app_is_practitioner() AND roles && ARRAY['family_finder','social_worker','therapeutic_social_worker','clinical_psychologist','service_manager','la_referrer'])
);

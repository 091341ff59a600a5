-- Finance (issue 13): what happens to the placement fees when a placement disrupts, chosen by the
-- agency. One row per agency; no row means the platform's default (the fees are reversed).
CREATE TABLE "finance_billing_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"reverse_placement_fees_on_disruption" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finance_billing_settings" ADD CONSTRAINT "finance_billing_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "finance_billing_settings" ADD CONSTRAINT "finance_billing_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON finance_billing_settings TO together_app;
--> statement-breakpoint
ALTER TABLE finance_billing_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_billing_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Read by the agency's own people (the step that disrupts a placement reads it, in its transaction)
-- and by each authority party to one of the agency's agreements (its agreement page says what was chosen).
CREATE POLICY finance_billing_settings_read ON finance_billing_settings FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
  OR EXISTS (SELECT 1 FROM agreements a WHERE a.organisation_id = finance_billing_settings.organisation_id AND (SELECT app_org_id()) = ANY (a.authority_ids))
);
--> statement-breakpoint
CREATE POLICY finance_billing_settings_add ON finance_billing_settings FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
CREATE POLICY finance_billing_settings_change ON finance_billing_settings FOR UPDATE USING (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON finance_billing_settings FROM together_app;

-- The cost side of finance: what the work costs (activity settings, hourly rates by role and year,
-- direct costs entered by hand), the register of surplus reinvested, and the financial return's
-- assumptions (dated unit costs of care, a price index, the discount rate, each placed child's
-- alternative care). All of it is the agency's own: row-level security keeps it to the agency.
CREATE TABLE "finance_activity_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"activity" text NOT NULL,
	"default_minutes" integer NOT NULL CHECK ("default_minutes" BETWEEN 1 AND 1440),
	"roles" text[] NOT NULL,
	"updated_by" uuid REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "finance_activity_settings_idx" ON "finance_activity_settings" ("organisation_id", "activity");
--> statement-breakpoint
CREATE TABLE "finance_hourly_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"role" text NOT NULL,
	"financial_year" integer NOT NULL CHECK ("financial_year" BETWEEN 2000 AND 2100),
	"pence_per_hour" integer NOT NULL CHECK ("pence_per_hour" >= 0),
	"updated_by" uuid REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "finance_hourly_rates_idx" ON "finance_hourly_rates" ("organisation_id", "role", "financial_year");
--> statement-breakpoint
CREATE TABLE "finance_direct_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"incurred_on" date NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"amount_pence" integer NOT NULL CHECK ("amount_pence" <> 0),
	"local_authority_id" uuid REFERENCES "organisations"("id"),
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "finance_direct_costs_incurred_idx" ON "finance_direct_costs" ("organisation_id", "incurred_on", "id");
--> statement-breakpoint
CREATE TABLE "finance_reinvestments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"reinvested_on" date NOT NULL,
	"amount_pence" integer NOT NULL CHECK ("amount_pence" <> 0),
	"purpose" text NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "finance_reinvestments_date_idx" ON "finance_reinvestments" ("organisation_id", "reinvested_on", "id");
--> statement-breakpoint
CREATE TABLE "finance_unit_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"care_kind" text NOT NULL,
	"price_year" integer NOT NULL CHECK ("price_year" BETWEEN 2000 AND 2100),
	"weekly_pence" integer NOT NULL CHECK ("weekly_pence" >= 0),
	"source" text NOT NULL,
	"updated_by" uuid REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "finance_unit_costs_idx" ON "finance_unit_costs" ("organisation_id", "care_kind", "price_year");
--> statement-breakpoint
CREATE TABLE "finance_price_index" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"financial_year" integer NOT NULL CHECK ("financial_year" BETWEEN 2000 AND 2100),
	"index_thousandths" integer NOT NULL CHECK ("index_thousandths" > 0),
	"updated_by" uuid REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "finance_price_index_idx" ON "finance_price_index" ("organisation_id", "financial_year");
--> statement-breakpoint
CREATE TABLE "finance_return_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL REFERENCES "organisations"("id"),
	"discount_basis_points" integer NOT NULL CHECK ("discount_basis_points" BETWEEN 0 AND 2000),
	"default_route_fee_pence" integer NOT NULL CHECK ("default_route_fee_pence" >= 0),
	"updated_by" uuid REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance_care_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"child_id" uuid NOT NULL REFERENCES "children"("id"),
	"care_kind" text NOT NULL,
	"reason" text NOT NULL,
	"updated_by" uuid REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "finance_care_choices_idx" ON "finance_care_choices" ("organisation_id", "child_id");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON finance_activity_settings, finance_hourly_rates, finance_unit_costs, finance_price_index, finance_return_settings, finance_care_choices TO together_app;
--> statement-breakpoint
-- The two registers of money are kept as entered: a mistake is put right by a correcting entry.
GRANT SELECT, INSERT ON finance_direct_costs, finance_reinvestments TO together_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON finance_direct_costs, finance_reinvestments FROM together_app;
--> statement-breakpoint
ALTER TABLE finance_activity_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_activity_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_activity_settings_scope ON finance_activity_settings USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_hourly_rates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_hourly_rates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_hourly_rates_scope ON finance_hourly_rates USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_direct_costs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_direct_costs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_direct_costs_scope ON finance_direct_costs USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_reinvestments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_reinvestments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_reinvestments_scope ON finance_reinvestments USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_unit_costs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_unit_costs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_unit_costs_scope ON finance_unit_costs USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_price_index ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_price_index FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_price_index_scope ON finance_price_index USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_return_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_return_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_return_settings_scope ON finance_return_settings USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
ALTER TABLE finance_care_choices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE finance_care_choices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY finance_care_choices_scope ON finance_care_choices USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);

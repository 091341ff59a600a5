-- Family finding in the open (src/modules/matching/README.md, "Expressions of interest"): a child's
-- worker may show the child's profile, anonymised, to the agency's approved families; a family may
-- express interest in a child (or a sibling group placed together), and every interest gets an
-- answer: a link explored, or "not taken forward" with the reason the agency gave.
-- Who chose to show the profile, and when; null = not shown (turning it off clears both at once).
ALTER TABLE "children" ADD COLUMN "profile_shared_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "profile_shared_by" uuid;
--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_profile_shared_by_users_id_fk" FOREIGN KEY ("profile_shared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "expressions_of_interest" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"unit_key" uuid NOT NULL,
	"child_ids" uuid[] NOT NULL,
	"message" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"reason" text,
	"reason_language" text,
	"match_id" uuid,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "expressions_of_interest_status_check" CHECK ("status" IN ('waiting', 'exploring', 'not_taken_forward', 'withdrawn')),
	-- Every answer "not taken forward" carries its reason: a family is never turned down for an unstated one.
	CONSTRAINT "expressions_of_interest_reason_check" CHECK ("status" <> 'not_taken_forward' OR ("reason" IS NOT NULL AND length(btrim("reason")) > 0 AND "reason_language" IN ('en', 'cy')))
);
--> statement-breakpoint
ALTER TABLE "expressions_of_interest" ADD CONSTRAINT "expressions_of_interest_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- A household's or a child's record destroyed at the end of its retention period takes its interests with it.
ALTER TABLE "expressions_of_interest" ADD CONSTRAINT "expressions_of_interest_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "expressions_of_interest" ADD CONSTRAINT "expressions_of_interest_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "expressions_of_interest" ADD CONSTRAINT "expressions_of_interest_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "expressions_of_interest" ADD CONSTRAINT "expressions_of_interest_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "expressions_of_interest" ADD CONSTRAINT "expressions_of_interest_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "expressions_of_interest_household_idx" ON "expressions_of_interest" USING btree ("household_id","created_at");
--> statement-breakpoint
CREATE INDEX "expressions_of_interest_unit_idx" ON "expressions_of_interest" USING btree ("unit_key","created_at");
--> statement-breakpoint
-- One open interest of a family in the same children at a time.
CREATE UNIQUE INDEX "expressions_of_interest_one_open_idx" ON "expressions_of_interest" USING btree ("household_id","unit_key") WHERE "status" IN ('waiting', 'exploring');
--> statement-breakpoint
ALTER TABLE expressions_of_interest ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE expressions_of_interest FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY expressions_of_interest_scope ON expressions_of_interest USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
-- An interest is answered or withdrawn, never deleted by the app (only with its household's or child's record).
REVOKE DELETE, TRUNCATE ON expressions_of_interest FROM together_app;

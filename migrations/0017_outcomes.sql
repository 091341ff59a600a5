CREATE TABLE "outcome_administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"entered_by_organisation_id" uuid NOT NULL,
	"instrument_code" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"completed_on" date NOT NULL,
	"respondent" text NOT NULL,
	"scores" jsonb NOT NULL,
	"entered_by" uuid,
	"retention_class" text DEFAULT 'adoption_support_record' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_trajectories" (
	"child_id" uuid NOT NULL,
	"instrument_code" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"placement_date" date,
	"shared_with" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"family_finder_id" uuid,
	"social_worker_id" uuid,
	"administrations" integer NOT NULL,
	"first_on" date NOT NULL,
	"latest_on" date NOT NULL,
	"changes" jsonb NOT NULL,
	"changes_key" text GENERATED ALWAYS AS (changes::text) STORED,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_trajectories_child_id_instrument_code_pk" PRIMARY KEY("child_id","instrument_code")
);
--> statement-breakpoint
CREATE TABLE "questionnaire_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"match_id" uuid,
	"instrument_code" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"due_months" integer NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scores" jsonb,
	"language" text,
	"submitted_on" date,
	"reminded_at" timestamp with time zone,
	"retention_class" text DEFAULT 'adoption_support_record' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_entered_by_organisation_id_organisations_id_fk" FOREIGN KEY ("entered_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_instruments" ADD CONSTRAINT "outcome_instruments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_trajectories" ADD CONSTRAINT "outcome_trajectories_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_trajectories" ADD CONSTRAINT "outcome_trajectories_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_administrations_child_idx" ON "outcome_administrations" USING btree ("child_id","instrument_code","completed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_instruments_code_version_key" ON "outcome_instruments" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "outcome_trajectories_instrument_idx" ON "outcome_trajectories" USING btree ("instrument_code","placement_date");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_responses_due_key" ON "questionnaire_responses" USING btree ("household_id","instrument_code","due_on");--> statement-breakpoint
CREATE INDEX "questionnaire_responses_org_idx" ON "questionnaire_responses" USING btree ("organisation_id","status");--> statement-breakpoint
-- Scores and changes are about a child: visible exactly when the child is (its authority, organisations it is shared with, its workers).
ALTER TABLE outcome_administrations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outcome_administrations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outcome_administrations_scope ON outcome_administrations USING (
  (SELECT app_is_system()) OR app_can_see_child(child_id)
);
--> statement-breakpoint
ALTER TABLE outcome_trajectories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outcome_trajectories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The cohort report reads every row of the reader's cohort (100,000 children). A lookup of the child
-- per row costs more than the report itself, so the rows carry the child's own wall (its authority,
-- the organisations it is shared with, its workers), kept in step with the child by the trigger below,
-- and the policy is the children's policy on those columns.
CREATE POLICY outcome_trajectories_scope ON outcome_trajectories USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND (
    organisation_id = (SELECT app_org_id())
    OR (SELECT app_org_id()) = ANY (shared_with)
    OR family_finder_id = (SELECT app_user_id())
    OR social_worker_id = (SELECT app_user_id())
  ))
);
--> statement-breakpoint
-- Whoever changes who may see a child (a grant revoked, a worker allocated) may bring the child's rows here along.
CREATE POLICY outcome_trajectories_follow_child ON outcome_trajectories FOR UPDATE USING (app_can_see_child(child_id)) WITH CHECK (app_can_see_child(child_id));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outcome_trajectories_follow_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE outcome_trajectories
     SET organisation_id = NEW.organisation_id, shared_with = NEW.shared_with, family_finder_id = NEW.family_finder_id, social_worker_id = NEW.social_worker_id
   WHERE child_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outcome_trajectories_follow_child AFTER UPDATE OF organisation_id, shared_with, family_finder_id, social_worker_id ON children
  FOR EACH ROW WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.shared_with IS DISTINCT FROM NEW.shared_with
    OR OLD.family_finder_id IS DISTINCT FROM NEW.family_finder_id OR OLD.social_worker_id IS DISTINCT FROM NEW.social_worker_id)
  EXECUTE FUNCTION outcome_trajectories_follow_child();
--> statement-breakpoint
-- A family's questionnaire: the agency's practitioners and the family itself.
ALTER TABLE questionnaire_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE questionnaire_responses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY questionnaire_responses_scope ON questionnaire_responses USING (
  (SELECT app_is_system()) OR ((SELECT app_is_practitioner()) AND organisation_id = (SELECT app_org_id())) OR app_can_see_household(household_id)
);
--> statement-breakpoint
-- Instruments are reference data: everyone signed in reads them, administrators add them, and a
-- version once added is never changed or removed (scores were scored against it).
ALTER TABLE outcome_instruments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outcome_instruments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outcome_instruments_read ON outcome_instruments FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY outcome_instruments_add ON outcome_instruments FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (SELECT app_has_role('administrator'))
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON outcome_instruments FROM together_app;

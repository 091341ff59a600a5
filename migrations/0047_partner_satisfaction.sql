-- The satisfaction of local authorities and of workers beside the families' (domain.md, "Evaluation";
-- src/modules/outcomes/README.md). A local authority's answer about the service for one child it
-- placed with the agency (one per child per due point: the unique index), and a worker's anonymous
-- answer about the training, supervision and support they receive (one per person per financial
-- year: the receipt, which never says which answer was theirs). Answers are final: the app role may
-- add them, never change or remove them.
-- The families' questionnaire takes a comment too, for the service manager's report (saved with the
-- draft like the answers; the table's grants and row-level security cover the new column).
ALTER TABLE "questionnaire_responses" ADD COLUMN "comment" text;
--> statement-breakpoint
CREATE TABLE "partner_satisfaction_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"respondent_group" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"child_id" uuid,
	"instrument_code" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"due_on" date NOT NULL,
	"due_months" integer,
	"period" text NOT NULL,
	"answers" jsonb NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text,
	"language" text NOT NULL,
	"submitted_on" date,
	"respondent_user_id" uuid,
	CONSTRAINT "partner_satisfaction_group_check" CHECK ("respondent_group" IN ('local_authority', 'worker')),
	-- A worker's answer names nobody and no day; an authority's names its child and who answered.
	CONSTRAINT "partner_satisfaction_anonymous_check" CHECK (
		("respondent_group" = 'worker' AND "respondent_user_id" IS NULL AND "submitted_on" IS NULL AND "child_id" IS NULL)
		OR ("respondent_group" = 'local_authority' AND "child_id" IS NOT NULL)
	)
);
--> statement-breakpoint
ALTER TABLE "partner_satisfaction_responses" ADD CONSTRAINT "partner_satisfaction_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_satisfaction_responses" ADD CONSTRAINT "partner_satisfaction_responses_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_satisfaction_responses" ADD CONSTRAINT "partner_satisfaction_responses_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_satisfaction_responses" ADD CONSTRAINT "partner_satisfaction_responses_respondent_user_id_users_id_fk" FOREIGN KEY ("respondent_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "partner_satisfaction_child_due_key" ON "partner_satisfaction_responses" USING btree ("instrument_code","child_id","due_on") WHERE child_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "partner_satisfaction_agency_idx" ON "partner_satisfaction_responses" USING btree ("agency_id","instrument_code");
--> statement-breakpoint
CREATE TABLE "worker_questionnaire_receipts" (
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"instrument_code" text NOT NULL,
	"period" text NOT NULL,
	CONSTRAINT "worker_questionnaire_receipts_user_id_instrument_code_period_pk" PRIMARY KEY("user_id","instrument_code","period")
);
--> statement-breakpoint
ALTER TABLE "worker_questionnaire_receipts" ADD CONSTRAINT "worker_questionnaire_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "worker_questionnaire_receipts" ADD CONSTRAINT "worker_questionnaire_receipts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE partner_satisfaction_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE partner_satisfaction_responses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Read by the respondent's organisation and by the agency rated; written only as one's own organisation.
CREATE POLICY partner_satisfaction_responses_scope ON partner_satisfaction_responses USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR agency_id = (SELECT app_org_id())
) WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON partner_satisfaction_responses FROM together_app;
--> statement-breakpoint
ALTER TABLE worker_questionnaire_receipts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE worker_questionnaire_receipts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY worker_questionnaire_receipts_scope ON worker_questionnaire_receipts USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON worker_questionnaire_receipts FROM together_app;

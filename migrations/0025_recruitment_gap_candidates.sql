CREATE TABLE "matching_gap_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"profile" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matching_gap_candidates" ADD CONSTRAINT "matching_gap_candidates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "matching_gap_candidates" ADD CONSTRAINT "matching_gap_candidates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "matching_gap_candidates_organisation_idx" ON "matching_gap_candidates" USING btree ("organisation_id","created_at");
--> statement-breakpoint
ALTER TABLE matching_gap_candidates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE matching_gap_candidates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY matching_gap_candidates_scope ON matching_gap_candidates USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);

CREATE TABLE "ace_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_cy" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "child_ace_counts" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"known" integer NOT NULL,
	"known_or_suspected" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "child_aces" (
	"child_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"source" text,
	"recorded_on" date,
	"recorded_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_aces_child_id_category_pk" PRIMARY KEY("child_id","category")
);
--> statement-breakpoint
CREATE TABLE "child_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"event" text NOT NULL,
	"changes" jsonb,
	"version" integer
);
--> statement-breakpoint
CREATE TABLE "child_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"referral_id" uuid,
	"status" text DEFAULT 'referred' NOT NULL,
	"legal_given_names" text NOT NULL,
	"legal_family_name" text NOT NULL,
	"preferred_name" text,
	"date_of_birth" date NOT NULL,
	"sex" text NOT NULL,
	"gender" text,
	"ethnicity" text NOT NULL,
	"religion" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"preferred_language" text,
	"developmental_uncertainty" boolean DEFAULT false NOT NULL,
	"health_summary" text,
	"education_summary" text,
	"additional_learning_needs" boolean DEFAULT false NOT NULL,
	"legal_status" text NOT NULL,
	"entered_care_date" date,
	"care_order_date" date,
	"placement_order_date" date,
	"adoption_plan_date" date,
	"referral_date" date NOT NULL,
	"current_placement" text,
	"contact_birth_family" text,
	"contact_siblings" text,
	"profile_en" text,
	"profile_cy" text,
	"region" text,
	"priority_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"need_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"family_finder_id" uuid,
	"social_worker_id" uuid,
	"outcome" text,
	"outcome_reason" text,
	"outcome_date" date,
	"retention_class" text DEFAULT 'adoption_case_record' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"referred_by" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"legal_basis" text,
	"legal_basis_notes" text,
	"draft" jsonb,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sibling_group_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" uuid,
	"assessment" text NOT NULL,
	"reasons" text,
	"assessment_date" date,
	"event" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sibling_group_members" (
	"group_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "sibling_group_members_group_id_child_id_pk" PRIMARY KEY("group_id","child_id")
);
--> statement-breakpoint
CREATE TABLE "sibling_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"referral_id" uuid,
	"assessment" text DEFAULT 'not_yet_assessed' NOT NULL,
	"assessment_reasons" text,
	"assessment_date" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sibling_relationships" (
	"group_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"sibling_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	CONSTRAINT "sibling_relationships_group_id_child_id_sibling_id_pk" PRIMARY KEY("group_id","child_id","sibling_id")
);
--> statement-breakpoint
ALTER TABLE "child_ace_counts" ADD CONSTRAINT "child_ace_counts_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_ace_counts" ADD CONSTRAINT "child_ace_counts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_aces" ADD CONSTRAINT "child_aces_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_aces" ADD CONSTRAINT "child_aces_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_aces" ADD CONSTRAINT "child_aces_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_events" ADD CONSTRAINT "child_events_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_events" ADD CONSTRAINT "child_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_events" ADD CONSTRAINT "child_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_needs" ADD CONSTRAINT "child_needs_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_needs" ADD CONSTRAINT "child_needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_family_finder_id_users_id_fk" FOREIGN KEY ("family_finder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_social_worker_id_users_id_fk" FOREIGN KEY ("social_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_by_users_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_group_history" ADD CONSTRAINT "sibling_group_history_group_id_sibling_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."sibling_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_group_history" ADD CONSTRAINT "sibling_group_history_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_group_history" ADD CONSTRAINT "sibling_group_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_group_members" ADD CONSTRAINT "sibling_group_members_group_id_sibling_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."sibling_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_group_members" ADD CONSTRAINT "sibling_group_members_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_group_members" ADD CONSTRAINT "sibling_group_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_groups" ADD CONSTRAINT "sibling_groups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_groups" ADD CONSTRAINT "sibling_groups_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_relationships" ADD CONSTRAINT "sibling_relationships_group_id_sibling_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."sibling_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_relationships" ADD CONSTRAINT "sibling_relationships_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_relationships" ADD CONSTRAINT "sibling_relationships_sibling_id_children_id_fk" FOREIGN KEY ("sibling_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sibling_relationships" ADD CONSTRAINT "sibling_relationships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_events_child_idx" ON "child_events" USING btree ("child_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "child_needs_child_category_key" ON "child_needs" USING btree ("child_id","category");--> statement-breakpoint
CREATE INDEX "children_organisation_idx" ON "children" USING btree ("organisation_id","referral_date","id");--> statement-breakpoint
CREATE INDEX "children_referral_date_idx" ON "children" USING btree ("referral_date","id");--> statement-breakpoint
CREATE INDEX "children_dob_idx" ON "children" USING btree ("date_of_birth","id");--> statement-breakpoint
CREATE INDEX "children_placement_order_idx" ON "children" USING btree ("placement_order_date","id");--> statement-breakpoint
CREATE INDEX "children_priority_gin" ON "children" USING gin ("priority_reasons");--> statement-breakpoint
CREATE INDEX "children_needs_gin" ON "children" USING gin ("need_categories");--> statement-breakpoint
CREATE INDEX "children_region_idx" ON "children" USING btree ("region");--> statement-breakpoint
CREATE INDEX "children_family_finder_idx" ON "children" USING btree ("family_finder_id");--> statement-breakpoint
CREATE INDEX "referrals_organisation_idx" ON "referrals" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "referrals_agency_idx" ON "referrals" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "sharing_grants_org_idx" ON "sharing_grants" USING btree ("organisation_id","child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sibling_group_members_one_active" ON "sibling_group_members" USING btree ("child_id") WHERE "sibling_group_members"."active";
CREATE TABLE "match_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"effective_date" date NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"child_organisation_id" uuid NOT NULL,
	"shared_with" uuid[] NOT NULL,
	"household_id" uuid NOT NULL,
	"sibling_group_id" uuid,
	"child_ids" uuid[] NOT NULL,
	"unit_key" uuid NOT NULL,
	"stage" text DEFAULT 'linked' NOT NULL,
	"stage_since" date NOT NULL,
	"source" text NOT NULL,
	"score" real,
	"score_reasons" jsonb,
	"config_version" integer,
	"profile_version" integer,
	"linked_date" date NOT NULL,
	"shortlisted_date" date,
	"visits_date" date,
	"matching_meeting_date" date,
	"panel_date" date,
	"panel_recommendation" text,
	"decision_date" date,
	"decision" text,
	"decision_maker" text,
	"introductions_date" date,
	"placement_date" date,
	"adoption_order_date" date,
	"local_authority_agreed_at" timestamp with time zone,
	"local_authority_agreed_by" uuid,
	"closed_date" date,
	"declined_by" text,
	"close_reason" text,
	"disruption_date" date,
	"disruption_reasons" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"config_version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"change_reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postcode_centroids" (
	"postcode" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"source" text,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transition_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"planned_date" date NOT NULL,
	"description" text,
	"attendees" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text,
	"change_reason" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adopter_preparation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"session_date" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"attendance" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"readiness_reflection" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"child_ids" uuid[] NOT NULL,
	"psychologist_id" uuid NOT NULL,
	"consultation_date" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"consultees" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "formulations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"child_ids" uuid[] NOT NULL,
	"unit_key" uuid NOT NULL,
	"formulation_version" integer NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"history" text,
	"presenting_needs" text NOT NULL,
	"what_helps" text,
	"strategies_for_parents" text,
	"recommended_support" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tac_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tac_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"organisation_name" text,
	"role_description" text,
	"attended" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tac_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"child_ids" uuid[] NOT NULL,
	"sibling_group_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text,
	"agenda" text,
	"minutes" text,
	"decisions" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_event_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"attended" boolean,
	"adults" integer DEFAULT 1 NOT NULL,
	"children" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"title_cy" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text NOT NULL,
	"facilitator_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"need" text NOT NULL,
	"support" text NOT NULL,
	"provider" text NOT NULL,
	"frequency" text
);
--> statement-breakpoint
CREATE TABLE "support_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"match_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"needs_summary" text NOT NULL,
	"agreed_date" date NOT NULL,
	"next_review_date" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"source" text NOT NULL,
	"requested_by" uuid,
	"need" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"allocated_to" uuid,
	"allocated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"match_id" uuid,
	"kind" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "staff_training" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"course" text NOT NULL,
	"completed_date" date NOT NULL,
	"hours" numeric(5, 1) NOT NULL,
	"provider" text NOT NULL,
	"certificate_reference" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"supervisee_id" uuid NOT NULL,
	"session_date" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"case_references" text[] NOT NULL,
	"themes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "required_contact" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "identity_considerations" jsonb;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "birth_family_postcodes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "children" ADD COLUMN "important_contact_postcodes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_child_organisation_id_organisations_id_fk" FOREIGN KEY ("child_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_sibling_group_id_sibling_groups_id_fk" FOREIGN KEY ("sibling_group_id") REFERENCES "public"."sibling_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_local_authority_agreed_by_users_id_fk" FOREIGN KEY ("local_authority_agreed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_configs" ADD CONSTRAINT "matching_configs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_configs" ADD CONSTRAINT "matching_configs_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_steps" ADD CONSTRAINT "transition_steps_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_steps" ADD CONSTRAINT "transition_steps_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adopter_preparation_sessions" ADD CONSTRAINT "adopter_preparation_sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adopter_preparation_sessions" ADD CONSTRAINT "adopter_preparation_sessions_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adopter_preparation_sessions" ADD CONSTRAINT "adopter_preparation_sessions_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_psychologist_id_users_id_fk" FOREIGN KEY ("psychologist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formulations" ADD CONSTRAINT "formulations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formulations" ADD CONSTRAINT "formulations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_actions" ADD CONSTRAINT "tac_actions_meeting_id_tac_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."tac_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_actions" ADD CONSTRAINT "tac_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_actions" ADD CONSTRAINT "tac_actions_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_attendees" ADD CONSTRAINT "tac_attendees_meeting_id_tac_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."tac_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_attendees" ADD CONSTRAINT "tac_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_meetings" ADD CONSTRAINT "tac_meetings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_meetings" ADD CONSTRAINT "tac_meetings_sibling_group_id_sibling_groups_id_fk" FOREIGN KEY ("sibling_group_id") REFERENCES "public"."sibling_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tac_meetings" ADD CONSTRAINT "tac_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_event_attendance" ADD CONSTRAINT "support_event_attendance_event_id_support_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."support_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_event_attendance" ADD CONSTRAINT "support_event_attendance_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_events" ADD CONSTRAINT "support_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_events" ADD CONSTRAINT "support_events_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_items" ADD CONSTRAINT "support_plan_items_plan_id_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."support_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plan_items" ADD CONSTRAINT "support_plan_items_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_plans" ADD CONSTRAINT "support_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_allocated_to_users_id_fk" FOREIGN KEY ("allocated_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_training" ADD CONSTRAINT "staff_training_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_training" ADD CONSTRAINT "staff_training_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_training" ADD CONSTRAINT "staff_training_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_supervisee_id_users_id_fk" FOREIGN KEY ("supervisee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_events_match_idx" ON "match_events" USING btree ("match_id","at");--> statement-breakpoint
CREATE INDEX "matches_household_idx" ON "matches" USING btree ("household_id","stage");--> statement-breakpoint
CREATE INDEX "matches_unit_idx" ON "matches" USING btree ("unit_key","stage");--> statement-breakpoint
CREATE INDEX "matches_organisation_idx" ON "matches" USING btree ("organisation_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_one_active_per_unit_idx" ON "matches" USING btree ("unit_key") WHERE "matches"."stage" IN ('matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed');--> statement-breakpoint
CREATE UNIQUE INDEX "matches_one_open_per_pair_idx" ON "matches" USING btree ("unit_key","household_id") WHERE "matches"."stage" NOT IN ('adoption_order', 'declined', 'ended', 'disrupted');--> statement-breakpoint
CREATE UNIQUE INDEX "matching_configs_version_idx" ON "matching_configs" USING btree ("organisation_id","config_version");--> statement-breakpoint
CREATE INDEX "transition_steps_match_idx" ON "transition_steps" USING btree ("match_id","planned_date");--> statement-breakpoint
CREATE INDEX "adopter_preparation_sessions_household_idx" ON "adopter_preparation_sessions" USING btree ("household_id","session_date");--> statement-breakpoint
CREATE INDEX "consultations_date_idx" ON "consultations" USING btree ("consultation_date");--> statement-breakpoint
CREATE UNIQUE INDEX "formulations_version_idx" ON "formulations" USING btree ("unit_key","formulation_version");--> statement-breakpoint
CREATE UNIQUE INDEX "formulations_current_idx" ON "formulations" USING btree ("unit_key") WHERE "formulations"."is_current";--> statement-breakpoint
CREATE INDEX "tac_actions_owner_idx" ON "tac_actions" USING btree ("owner_id","due_date");--> statement-breakpoint
CREATE INDEX "tac_attendees_meeting_idx" ON "tac_attendees" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "tac_meetings_starts_idx" ON "tac_meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "support_event_attendance_idx" ON "support_event_attendance" USING btree ("event_id","household_id");--> statement-breakpoint
CREATE INDEX "support_plan_items_plan_idx" ON "support_plan_items" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_plans_match_idx" ON "support_plans" USING btree ("match_id");--> statement-breakpoint
CREATE INDEX "support_requests_status_idx" ON "support_requests" USING btree ("organisation_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "support_sessions_household_idx" ON "support_sessions" USING btree ("household_id","starts_at");--> statement-breakpoint
CREATE INDEX "support_sessions_worker_idx" ON "support_sessions" USING btree ("worker_id","starts_at");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "staff_training_user_idx" ON "staff_training" USING btree ("user_id","completed_date");--> statement-breakpoint
CREATE INDEX "supervision_sessions_supervisee_idx" ON "supervision_sessions" USING btree ("supervisee_id","session_date");--> statement-breakpoint
CREATE UNIQUE INDEX "course_bookings_certificate_idx" ON "course_bookings" USING btree ("organisation_id","certificate_number") WHERE "course_bookings"."certificate_number" IS NOT NULL;
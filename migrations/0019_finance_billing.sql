CREATE TABLE "agreement_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"authority_ids" uuid[] NOT NULL,
	"version_number" integer NOT NULL,
	"effective_from" date NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"fee_schedule" jsonb NOT NULL,
	"uplift" jsonb NOT NULL,
	"child_cap_per_year" integer,
	"support_hourly_pence" integer,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"signatories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"party" text NOT NULL,
	"name" text NOT NULL,
	"reference" text NOT NULL,
	"authority_ids" uuid[] NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"local_authority_id" uuid NOT NULL,
	"agreement_id" uuid,
	"agreement_version_id" uuid,
	"child_id" uuid NOT NULL,
	"child_label" text NOT NULL,
	"trigger" text NOT NULL,
	"trigger_key" text NOT NULL,
	"occurred_on" date NOT NULL,
	"kind" text DEFAULT 'charge' NOT NULL,
	"reverses_id" uuid,
	"basis" text NOT NULL,
	"sibling_position" integer DEFAULT 1 NOT NULL,
	"amount_pence" integer NOT NULL,
	"vat_status" text DEFAULT 'exempt' NOT NULL,
	"description" text NOT NULL,
	"description_cy" text NOT NULL,
	"reason" text,
	"raised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inter_agency_fee_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"first_child_pence" integer NOT NULL,
	"sibling_pence" integer NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"local_authority_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"fee_event_id" uuid,
	"credits_line_id" uuid,
	"child_id" uuid,
	"child_label" text NOT NULL,
	"trigger" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"description_cy" text NOT NULL,
	"net_pence" integer NOT NULL,
	"vat_status" text NOT NULL,
	"vat_rate_basis_points" integer DEFAULT 0 NOT NULL,
	"vat_pence" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_sequences" (
	"organisation_id" uuid NOT NULL,
	"series" text NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_sequences_organisation_id_series_pk" PRIMARY KEY("organisation_id","series")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"local_authority_id" uuid NOT NULL,
	"agreement_id" uuid,
	"kind" text DEFAULT 'invoice' NOT NULL,
	"sequence_number" integer NOT NULL,
	"number" text NOT NULL,
	"credits_invoice_id" uuid,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"payment_terms_days" integer NOT NULL,
	"language" text NOT NULL,
	"authority_name" text NOT NULL,
	"net_pence" integer NOT NULL,
	"vat_pence" integer NOT NULL,
	"total_pence" integer NOT NULL,
	"reason" text,
	"issued_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"local_authority_id" uuid NOT NULL,
	"invoice_id" uuid,
	"received_on" date NOT NULL,
	"amount_pence" integer NOT NULL,
	"reference" text NOT NULL,
	"reverses_id" uuid,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_events" ADD CONSTRAINT "fee_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_events" ADD CONSTRAINT "fee_events_local_authority_id_organisations_id_fk" FOREIGN KEY ("local_authority_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_events" ADD CONSTRAINT "fee_events_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_events" ADD CONSTRAINT "fee_events_agreement_version_id_agreement_versions_id_fk" FOREIGN KEY ("agreement_version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_events" ADD CONSTRAINT "fee_events_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inter_agency_fee_rates" ADD CONSTRAINT "inter_agency_fee_rates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inter_agency_fee_rates" ADD CONSTRAINT "inter_agency_fee_rates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_fee_event_id_fee_events_id_fk" FOREIGN KEY ("fee_event_id") REFERENCES "public"."fee_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_sequences" ADD CONSTRAINT "invoice_sequences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_local_authority_id_organisations_id_fk" FOREIGN KEY ("local_authority_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_local_authority_id_organisations_id_fk" FOREIGN KEY ("local_authority_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_number_idx" ON "agreement_versions" USING btree ("agreement_id","version_number");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_from_idx" ON "agreement_versions" USING btree ("agreement_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_reference_idx" ON "agreements" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_events_once_per_trigger_idx" ON "fee_events" USING btree ("organisation_id","trigger","trigger_key","child_id") WHERE "fee_events"."kind" = 'charge';--> statement-breakpoint
CREATE UNIQUE INDEX "fee_events_one_reversal_idx" ON "fee_events" USING btree ("reverses_id") WHERE "fee_events"."reverses_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fee_events_authority_idx" ON "fee_events" USING btree ("local_authority_id","occurred_on");--> statement-breakpoint
CREATE INDEX "fee_events_child_idx" ON "fee_events" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inter_agency_fee_rates_date_idx" ON "inter_agency_fee_rates" USING btree ("organisation_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_number_idx" ON "invoice_lines" USING btree ("invoice_id","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_credited_once_idx" ON "invoice_lines" USING btree ("credits_line_id") WHERE "invoice_lines"."credits_line_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "invoice_lines_fee_event_idx" ON "invoice_lines" USING btree ("fee_event_id");--> statement-breakpoint
CREATE INDEX "invoice_lines_child_idx" ON "invoice_lines" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_idx" ON "invoices" USING btree ("organisation_id","kind","sequence_number");--> statement-breakpoint
CREATE INDEX "invoices_authority_idx" ON "invoices" USING btree ("local_authority_id","issued_on");--> statement-breakpoint
CREATE INDEX "payments_authority_idx" ON "payments" USING btree ("local_authority_id","received_on");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_reversal_idx" ON "payments" USING btree ("reverses_id") WHERE "payments"."reverses_id" IS NOT NULL;--> statement-breakpoint
-- Money in integer pence, with the signs the records promise: a charge is never negative, a reversal never positive.
ALTER TABLE fee_events ADD CONSTRAINT fee_events_sign CHECK ((kind = 'charge' AND amount_pence >= 0 AND reverses_id IS NULL) OR (kind = 'reversal' AND amount_pence <= 0 AND reverses_id IS NOT NULL));
--> statement-breakpoint
ALTER TABLE invoices ADD CONSTRAINT invoices_total CHECK (total_pence = net_pence + vat_pence AND due_on >= issued_on);
--> statement-breakpoint
ALTER TABLE invoices ADD CONSTRAINT invoices_credit_names_invoice CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL));
--> statement-breakpoint
ALTER TABLE inter_agency_fee_rates ADD CONSTRAINT inter_agency_fee_rates_positive CHECK (first_child_pence >= 0 AND sibling_pence >= 0);
--> statement-breakpoint
ALTER TABLE payments ADD CONSTRAINT payments_sign CHECK ((reverses_id IS NULL AND amount_pence > 0) OR (reverses_id IS NOT NULL AND amount_pence < 0));
--> statement-breakpoint
-- The agency's people who keep its accounts: the finance officer, and the service manager who answers for the money.
CREATE OR REPLACE FUNCTION app_is_finance() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT string_to_array(coalesce(current_setting('app.roles', true), ''), ',') && ARRAY['finance_officer','service_manager']
$$;
--> statement-breakpoint
-- Issued invoices and credit notes (and their lines) never change, whoever asks, the owner included:
-- a correction is a credit note. Together with the revoked grants below, this holds below the application.
CREATE OR REPLACE FUNCTION finance_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an issued % row cannot be changed or removed: issue a credit note', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_never_change BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION finance_refuse_change();
--> statement-breakpoint
CREATE TRIGGER invoices_never_truncated BEFORE TRUNCATE ON invoices FOR EACH STATEMENT EXECUTE FUNCTION finance_refuse_change();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_never_change BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION finance_refuse_change();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_never_truncated BEFORE TRUNCATE ON invoice_lines FOR EACH STATEMENT EXECUTE FUNCTION finance_refuse_change();
--> statement-breakpoint
-- The inter-agency fee table: not personal data, read by everyone; kept by the agency's finance people.
ALTER TABLE inter_agency_fee_rates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE inter_agency_fee_rates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY inter_agency_fee_rates_read ON inter_agency_fee_rates FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY inter_agency_fee_rates_add ON inter_agency_fee_rates FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
CREATE POLICY inter_agency_fee_rates_change ON inter_agency_fee_rates FOR UPDATE USING (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON inter_agency_fee_rates FROM together_app;
--> statement-breakpoint
-- Agreements: the agency reads its own (the workflow prices fees under them); each authority reads those it is party to.
ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agreements_read ON agreements FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR (SELECT app_org_id()) = ANY (authority_ids)
);
--> statement-breakpoint
CREATE POLICY agreements_add ON agreements FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
CREATE POLICY agreements_change ON agreements FOR UPDATE USING (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON agreements FROM together_app;
--> statement-breakpoint
ALTER TABLE agreement_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agreement_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agreement_versions_read ON agreement_versions FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR (SELECT app_org_id()) = ANY (authority_ids)
);
--> statement-breakpoint
CREATE POLICY agreement_versions_add ON agreement_versions FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON agreement_versions FROM together_app;
--> statement-breakpoint
-- Fee events are raised by whoever moves the workflow (in the agency), read by the agency and the paying authority.
ALTER TABLE fee_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE fee_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY fee_events_read ON fee_events FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR local_authority_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY fee_events_add ON fee_events FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON fee_events FROM together_app;
--> statement-breakpoint
ALTER TABLE invoice_sequences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invoice_sequences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invoice_sequences_scope ON invoice_sequences USING (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON invoice_sequences FROM together_app;
--> statement-breakpoint
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invoices_read ON invoices FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR local_authority_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY invoices_issue ON invoices FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON invoices FROM together_app;
--> statement-breakpoint
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invoice_lines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invoice_lines_read ON invoice_lines FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR local_authority_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY invoice_lines_issue ON invoice_lines FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON invoice_lines FROM together_app;
--> statement-breakpoint
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY payments_read ON payments FOR SELECT USING (
  (SELECT app_is_system()) OR organisation_id = (SELECT app_org_id()) OR local_authority_id = (SELECT app_org_id())
);
--> statement-breakpoint
CREATE POLICY payments_record ON payments FOR INSERT WITH CHECK (
  (SELECT app_is_system()) OR (organisation_id = (SELECT app_org_id()) AND (SELECT app_is_finance()))
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON payments FROM together_app;

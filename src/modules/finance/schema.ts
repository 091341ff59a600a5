import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';

/** The workflow steps that may raise a fee (fees.ts prices them). */
export const FEE_TRIGGERS = ['referral_accepted', 'match_approved', 'placement', 'adoption_order', 'support_year', 'support_hours'] as const;
export type FeeTrigger = (typeof FEE_TRIGGERS)[number];
/** VAT treatment of a line: adoption services are usually exempt (VAT Act 1994 Sch. 9 Group 7). */
export const VAT_STATUSES = ['exempt', 'zero_rated', 'standard'] as const;
export type VatStatus = (typeof VAT_STATUSES)[number];
export const AGREEMENT_PARTIES = ['local_authority', 'regional_collaborative'] as const;
export const FEE_EVENT_KINDS = ['charge', 'reversal'] as const;
/** Where a fee's amount came from: the agreement in force, the inter-agency fee table, or hours at the agreement's rate. */
export const FEE_BASES = ['agreement', 'inter_agency', 'hourly'] as const;
export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;

/** One fee of an agreement's schedule (data, not code): the step that raises it and its amounts. */
export type FeeScheduleItem = {
  trigger: FeeTrigger;
  /** The first child of a group (or a child alone). */
  amountPence: number;
  /** The second and further children of a sibling group; absent = the same as the first. */
  siblingAmountPence?: number | null;
  vatStatus?: VatStatus;
  label?: string | null;
  labelCy?: string | null;
};

/** How an agreement's prices rise each April: none, a fixed percentage, or an index entered each year; with a cap. */
export type UpliftRule =
  | { kind: 'none' }
  | { kind: 'percentage'; basisPoints: number; capBasisPoints?: number | null }
  | { kind: 'index'; figures: { year: number; value: number }[]; capBasisPoints?: number | null };

export type Signatory = { name: string; role: string; organisation: string; signedOn: string | null };

/**
 * The inter-agency fee in force from a date (paid by a local authority for a placement outside any
 * agreement): an editable table, so next April's rate is entered, not coded.
 */
export const interAgencyFeeRates = pgTable(
  'inter_agency_fee_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    effectiveFrom: date('effective_from').notNull(),
    firstChildPence: integer('first_child_pence').notNull(),
    siblingPence: integer('sibling_pence').notNull(),
    description: text('description').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('inter_agency_fee_rates_date_idx').on(t.organisationId, t.effectiveFrom)],
);

/** A service-level agreement with a local authority or a regional collaborative (its authorities listed). */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The agency that provides the service and invoices under it. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    party: text('party', { enum: AGREEMENT_PARTIES }).notNull(),
    name: text('name').notNull(),
    reference: text('reference').notNull(),
    /** The local authorities whose children it covers (one, or a collaborative's members). */
    authorityIds: uuid('authority_ids').array().notNull(),
    /** The language its invoices and statements are written in. */
    language: text('language', { enum: ['en', 'cy'] })
      .notNull()
      .default('en'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('agreements_reference_idx').on(t.organisationId, t.reference)],
);

/** The terms of an agreement from a date. Never changed: a change is a new version, and the old one still prices what happened under it. */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Copied from the agreement so row-level security reads one row. */
    authorityIds: uuid('authority_ids').array().notNull(),
    versionNumber: integer('version_number').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end'),
    services: text('services')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    feeSchedule: jsonb('fee_schedule').$type<FeeScheduleItem[]>().notNull(),
    uplift: jsonb('uplift').$type<UpliftRule>().notNull(),
    /** At most this many children's fees a year under the agreement (null: no cap). */
    childCapPerYear: integer('child_cap_per_year'),
    /** Support beyond the agreement, charged per hour. */
    supportHourlyPence: integer('support_hourly_pence'),
    paymentTermsDays: integer('payment_terms_days').notNull().default(30),
    signatories: jsonb('signatories').$type<Signatory[]>().notNull().default([]),
    notes: text('notes'),
    /** Why the terms changed (a new version's reason; none on the first). */
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agreement_versions_number_idx').on(t.agreementId, t.versionNumber),
    uniqueIndex('agreement_versions_from_idx').on(t.agreementId, t.effectiveFrom),
  ],
);

/**
 * A fee raised by a step of the workflow, in that step's transaction. Never edited: a reversed step
 * raises a reversal (a negative event pointing at the charge it cancels).
 */
export const feeEvents = pgTable(
  'fee_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The authority that pays: the child's referring local authority. */
    localAuthorityId: uuid('local_authority_id')
      .notNull()
      .references(() => organisations.id),
    agreementId: uuid('agreement_id').references(() => agreements.id),
    agreementVersionId: uuid('agreement_version_id').references(() => agreementVersions.id),
    childId: uuid('child_id').notNull(),
    /** How the child is named on an invoice: initials and a short reference, not their name. */
    childLabel: text('child_label').notNull(),
    trigger: text('trigger', { enum: FEE_TRIGGERS }).notNull(),
    /** What raised it (a referral, a match, a placement year): with the trigger and child, raised once. */
    triggerKey: text('trigger_key').notNull(),
    occurredOn: date('occurred_on').notNull(),
    kind: text('kind', { enum: FEE_EVENT_KINDS }).notNull().default('charge'),
    reversesId: uuid('reverses_id'),
    basis: text('basis', { enum: FEE_BASES }).notNull(),
    /** 1 for the first child of a group, 2 and more for brothers and sisters priced at the sibling rate. */
    siblingPosition: integer('sibling_position').notNull().default(1),
    amountPence: integer('amount_pence').notNull(),
    vatStatus: text('vat_status', { enum: VAT_STATUSES }).notNull().default('exempt'),
    description: text('description').notNull(),
    descriptionCy: text('description_cy').notNull(),
    reason: text('reason'),
    raisedBy: uuid('raised_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fee_events_once_per_trigger_idx')
      .on(t.organisationId, t.trigger, t.triggerKey, t.childId)
      .where(sql`${t.kind} = 'charge'`),
    uniqueIndex('fee_events_one_reversal_idx')
      .on(t.reversesId)
      .where(sql`${t.reversesId} IS NOT NULL`),
    index('fee_events_authority_idx').on(t.localAuthorityId, t.occurredOn),
    index('fee_events_child_idx').on(t.childId),
  ],
);

/** The last number used per agency and series: taken under a row lock in the issuing transaction, so numbers have no gaps. */
export const invoiceSequences = pgTable(
  'invoice_sequences',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    series: text('series', { enum: INVOICE_KINDS }).notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.series] })],
);

/** An issued invoice or credit note. Never changed or removed once issued (a trigger refuses it, for every role). */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    localAuthorityId: uuid('local_authority_id')
      .notNull()
      .references(() => organisations.id),
    agreementId: uuid('agreement_id').references(() => agreements.id),
    kind: text('kind', { enum: INVOICE_KINDS }).notNull().default('invoice'),
    sequenceNumber: integer('sequence_number').notNull(),
    number: text('number').notNull(),
    /** A credit note names the invoice it corrects. */
    creditsInvoiceId: uuid('credits_invoice_id'),
    issuedOn: date('issued_on').notNull(),
    dueOn: date('due_on').notNull(),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    language: text('language', { enum: ['en', 'cy'] }).notNull(),
    authorityName: text('authority_name').notNull(),
    /** The authority's Welsh name when the document was issued, if it had one (migration 0038). */
    authorityNameCy: text('authority_name_cy'),
    netPence: integer('net_pence').notNull(),
    vatPence: integer('vat_pence').notNull(),
    totalPence: integer('total_pence').notNull(),
    reason: text('reason'),
    issuedBy: uuid('issued_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoices_number_idx').on(t.organisationId, t.kind, t.sequenceNumber),
    index('invoices_authority_idx').on(t.localAuthorityId, t.issuedOn),
  ],
);

/** The lines of an invoice or credit note: a fee event each (or, on a credit note, the line it credits). */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The invoice (or credit note) and the fee a line names must exist: checked once per insert
    // statement, not per line by foreign keys (migration 0043; neither can be removed afterwards).
    invoiceId: uuid('invoice_id').notNull(),
    // Copies of the invoice's, so row-level security reads one row (the invoice's keys already check them).
    organisationId: uuid('organisation_id').notNull(),
    localAuthorityId: uuid('local_authority_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    feeEventId: uuid('fee_event_id'),
    creditsLineId: uuid('credits_line_id'),
    childId: uuid('child_id'),
    childLabel: text('child_label').notNull(),
    trigger: text('trigger', { enum: FEE_TRIGGERS }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    description: text('description').notNull(),
    descriptionCy: text('description_cy').notNull(),
    netPence: integer('net_pence').notNull(),
    vatStatus: text('vat_status', { enum: VAT_STATUSES }).notNull(),
    vatRateBasisPoints: integer('vat_rate_basis_points').notNull().default(0),
    vatPence: integer('vat_pence').notNull(),
  },
  (t) => [
    uniqueIndex('invoice_lines_number_idx').on(t.invoiceId, t.lineNumber),
    uniqueIndex('invoice_lines_credited_once_idx')
      .on(t.creditsLineId)
      .where(sql`${t.creditsLineId} IS NOT NULL`),
    index('invoice_lines_fee_event_idx').on(t.feeEventId),
  ],
);

/** Money received from an authority (part payments allowed); a mistaken entry is reversed, never edited. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    localAuthorityId: uuid('local_authority_id')
      .notNull()
      .references(() => organisations.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    receivedOn: date('received_on').notNull(),
    amountPence: integer('amount_pence').notNull(),
    reference: text('reference').notNull(),
    reversesId: uuid('reverses_id'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_authority_idx').on(t.localAuthorityId, t.receivedOn),
    index('payments_invoice_idx').on(t.invoiceId),
    uniqueIndex('payments_one_reversal_idx')
      .on(t.reversesId)
      .where(sql`${t.reversesId} IS NOT NULL`),
  ],
);

/**
 * The agency's choices about billing (migration 0032). No row: the platform's defaults. Whether a
 * disrupted placement takes back its placement fees (a reversal, credited if invoiced) or the
 * authority keeps paying for the work done; the step that disrupts reads it in its transaction.
 */
export const financeBillingSettings = pgTable('finance_billing_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  reversePlacementFeesOnDisruption: boolean('reverse_placement_fees_on_disruption').notNull().default(true),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

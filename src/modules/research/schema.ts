import { customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';

/** The lawful bases (UK GDPR article 6) an agreement may rest on; research under article 9(2)(j) is noted in its purpose. */
export const LAWFUL_BASES = ['public_task', 'legitimate_interests', 'consent', 'legal_obligation'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A data-sharing agreement: the agency lets one research partner receive chosen fields of its
 * children's records, pseudonymised, between two dates. Each change is a new version (kept in
 * research_agreement_versions); extracts name the version they were made under.
 */
export const researchAgreements = pgTable(
  'research_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The agency that shares: the agreement's owner. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    lawfulBasis: text('lawful_basis', { enum: LAWFUL_BASES }).notNull(),
    fields: text('fields').array().notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    signedByName: text('signed_by_name').notNull(),
    signedByRole: text('signed_by_role').notNull(),
    signedOn: date('signed_on').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('research_agreements_partner_idx').on(t.partnerOrganisationId, t.createdAt),
    index('research_agreements_organisation_idx').on(t.organisationId, t.createdAt),
  ],
);

/** Every version of an agreement as it stood, with who made it (append-only). */
export const researchAgreementVersions = pgTable(
  'research_agreement_versions',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => researchAgreements.id),
    version: integer('version').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    terms: jsonb('terms').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.version] })],
);

/**
 * One extract a research partner's user made under an agreement: what it holds, and the SHA-256
 * of the zip (stored in research_extract_parts, byte for byte). Append-only.
 */
export const researchExtracts = pgTable(
  'research_extracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The research partner's organisation: only its users see the extract. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => researchAgreements.id),
    agreementVersion: integer('agreement_version').notNull(),
    fields: text('fields').array().notNull(),
    asOf: date('as_of').notNull(),
    children: integer('children').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('research_extracts_agreement_idx').on(t.agreementId, t.createdAt)],
);

/** The zip of an extract in parts of about a megabyte, so it is written and read back without holding it whole. */
export const researchExtractParts = pgTable(
  'research_extract_parts',
  {
    extractId: uuid('extract_id')
      .notNull()
      .references(() => researchExtracts.id),
    part: integer('part').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.extractId, t.part] })],
);

import { customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * An issued report: a snapshot, never changed (a trigger refuses UPDATE and DELETE). The agency that
 * issued it and the organisation it was issued to (a funder or a commissioning local authority) read it;
 * nobody else. Issuing again for the same recipient, period and language keeps the number and makes the
 * next version. `document` is the ReportDocument as issued (figures already through disclosure control).
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The agency that issued it. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    number: integer('number').notNull(),
    version: integer('version').notNull(),
    reference: text('reference').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    language: text('language').notNull(),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_number_version_idx').on(t.organisationId, t.number, t.version),
    uniqueIndex('reports_series_version_idx').on(t.organisationId, t.recipientOrganisationId, t.periodFrom, t.periodTo, t.language, t.version),
    index('reports_recipient_idx').on(t.recipientOrganisationId, t.issuedAt),
  ],
);

/** The three rendered files of an issued report (PDF, XLSX, CSV zip), byte for byte, each with its SHA-256. */
export const reportFiles = pgTable(
  'report_files',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    format: text('format').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    contentType: text('content_type').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.format] })],
);

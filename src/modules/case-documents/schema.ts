import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { documents } from '../../platform/documents/schema.ts';

/**
 * A case document: a file of the platform's document store filed on a child, a sibling group, a
 * household or a match, with its kind, title, date and who may read it. Its versions and bytes
 * live in the store; nothing here is deleted (a retention decision, not a button).
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The record's organisation (a child's local authority; the agency for a household). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    ownerKind: text('owner_kind', { enum: ['child', 'sibling_group', 'household', 'match'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** The date of the document itself (the court's order, the panel's meeting), not of its upload. */
    documentDate: date('document_date', { mode: 'string' }).notNull(),
    visibility: text('visibility', { enum: ['case', 'agency', 'clinical'] }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    /** Adoption case records are kept 100 years from the adoption order. */
    retentionClass: text('retention_class').notNull().default('adoption_case_record'),
  },
  (t) => [uniqueIndex('case_documents_document_id_unique').on(t.documentId), index('case_documents_owner_idx').on(t.ownerKind, t.ownerId, t.documentDate)],
);

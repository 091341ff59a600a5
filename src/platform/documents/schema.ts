import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../auth/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * One document of a record (a household's proof of identity, a child's permanence report, a sibling
 * group's or a match's panel minutes): whose it
 * is (`ownerKind` + `ownerId`, checked by row-level security), what kind, and its newest version.
 * The store knows no domain: the module owning the record decides who may read it.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    ownerKind: text('owner_kind', { enum: ['household', 'child', 'sibling_group', 'match'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    kind: text('kind').notNull(),
    currentVersion: integer('current_version').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Adoption case records are kept 100 years from the adoption order. */
    retentionClass: text('retention_class').notNull().default('adoption_case_record'),
  },
  (t) => [index('documents_owner_idx').on(t.ownerKind, t.ownerId)],
);

/** One upload of a document: what it was called, its type, size and SHA-256 (checked on every read). */
export const documentVersions = pgTable(
  'document_versions',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    version: integer('version').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    ownerKind: text('owner_kind', { enum: ['household', 'child', 'sibling_group', 'match'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.version] })],
);

/** A version's bytes, in parts of at most 1 MiB (no row carries a whole large file). */
export const documentParts = pgTable(
  'document_parts',
  {
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    part: integer('part').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    ownerKind: text('owner_kind', { enum: ['household', 'child', 'sibling_group', 'match'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.version, t.part] })],
);

import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { documents } from '../../platform/documents/schema.ts';
import { households } from '../recruitment/schema.ts';
import { PORTAL_DOCUMENT_KINDS, PORTAL_DOCUMENT_STATUSES } from './vocabulary.ts';

/**
 * A conversation between a family and the agency: always about one household, answered by one
 * worker (the household's social worker when it began; the service manager may hand it on).
 */
export const portalThreads = pgTable(
  'portal_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    subject: text('subject').notNull(),
    workerId: uuid('worker_id').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    /** Adoption case records are kept 100 years from the adoption order. */
    retentionClass: text('retention_class').notNull().default('adoption_case_record'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('portal_threads_household_idx').on(t.householdId, t.lastMessageAt), index('portal_threads_worker_idx').on(t.workerId, t.lastMessageAt)],
);

/** One message of a thread; `readAt` is when the other side first opened it (the read receipt). */
export const portalMessages = pgTable(
  'portal_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => portalThreads.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    authorId: uuid('author_id').references(() => users.id),
    fromFamily: boolean('from_family').notNull(),
    body: text('body').notNull(),
    documentId: uuid('document_id').references(() => documents.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    readBy: uuid('read_by').references(() => users.id),
  },
  (t) => [index('portal_messages_thread_idx').on(t.threadId, t.createdAt), index('portal_messages_document_idx').on(t.documentId)],
);

/**
 * A document between the family and the agency: one the worker asked for (then uploaded, accepted
 * or asked for again with a reason), or one the agency shared for the family to read.
 */
export const portalDocuments = pgTable(
  'portal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    kind: text('kind', { enum: PORTAL_DOCUMENT_KINDS }).notNull(),
    fromFamily: boolean('from_family').notNull(),
    status: text('status', { enum: PORTAL_DOCUMENT_STATUSES }).notNull(),
    note: text('note'),
    reason: text('reason'),
    dueOn: date('due_on'),
    documentId: uuid('document_id').references(() => documents.id),
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('portal_documents_household_idx').on(t.householdId, t.createdAt), index('portal_documents_document_idx').on(t.documentId)],
);

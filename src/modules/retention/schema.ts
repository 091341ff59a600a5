import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organisations, users } from '../../platform/auth/schema.ts';

/**
 * How long a kind of record is kept, and from which event (migration 0034 seeds them). A class
 * with `disposal = 'keep'` is never destroyed (the audit log). `covered` says whether the platform
 * finds records of the class yet.
 */
export const retentionClasses = pgTable('retention_classes', {
  code: text('code').primaryKey(),
  recordKind: text('record_kind').notNull(),
  periodMonths: integer('period_months'),
  runsFrom: text('runs_from').notNull(),
  disposal: text('disposal', { enum: ['review', 'keep'] }).notNull(),
  covered: boolean('covered').notNull().default(false),
  basis: text('basis').notNull(),
});

/** A legal hold: while it is in force (not lifted) the record is never destroyed. Lifted holds stay as history. */
export const retentionHolds = pgTable(
  'retention_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recordKind: text('record_kind').notNull(),
    recordId: uuid('record_id').notNull(),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by').references(() => users.id),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftReason: text('lift_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('retention_holds_in_force_idx')
      .on(t.recordKind, t.recordId)
      .where(sql`${t.liftedAt} IS NULL`),
    index('retention_holds_organisation_idx').on(t.organisationId, t.placedAt),
  ],
);

/** What is left of a destroyed record: its kind and id, the rule applied, when and by whom. No personal data. */
export const retentionTombstones = pgTable(
  'retention_tombstones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recordKind: text('record_kind').notNull(),
    recordId: uuid('record_id').notNull(),
    retentionClass: text('retention_class')
      .notNull()
      .references(() => retentionClasses.code),
    rule: text('rule').notNull(),
    eventDate: date('event_date').notNull(),
    dueDate: date('due_date').notNull(),
    destroyedAt: timestamp('destroyed_at', { withTimezone: true }).notNull().defaultNow(),
    destroyedBy: uuid('destroyed_by').references(() => users.id),
  },
  (t) => [index('retention_tombstones_organisation_idx').on(t.organisationId, t.destroyedAt)],
);

/**
 * The agency's own retention periods (enquiries that went no further, unsuccessful applications,
 * leavers), one row per version: the newest is current, a change is a new row with its reason
 * (migration 0039). An agency that has saved none keeps the classes' periods.
 */
export const retentionSettings = pgTable(
  'retention_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    version: integer('version').notNull(),
    config: jsonb('config').notNull(),
    changeReason: text('change_reason').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('retention_settings_version_idx').on(t.organisationId, t.version)],
);

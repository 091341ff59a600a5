import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { children } from '../children/schema.ts';
import { households } from '../recruitment/schema.ts';
import type { InstrumentDefinition } from './instrument.ts';

/**
 * Instruments an administrator added, or new versions of the shipped ones (definitions.ts holds
 * those). Reference data: every signed-in person may read it; only administrators add to it.
 */
export const outcomeInstruments = pgTable(
  'outcome_instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<InstrumentDefinition>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('outcome_instruments_code_version_key').on(t.code, t.version)],
);

/** One completed instrument for a child: its scale scores, scored against one definition version. */
export const outcomeAdministrations = pgTable(
  'outcome_administrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    /** The child's local authority (the record's owner), for filtering by referring authority. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The organisation whose worker entered it. */
    enteredByOrganisationId: uuid('entered_by_organisation_id')
      .notNull()
      .references(() => organisations.id),
    instrumentCode: text('instrument_code').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    completedOn: date('completed_on').notNull(),
    respondent: text('respondent').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    enteredBy: uuid('entered_by').references(() => users.id),
    /** Adoption support records are kept 75 years. */
    retentionClass: text('retention_class').notNull().default('adoption_support_record'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('outcome_administrations_child_idx').on(t.childId, t.instrumentCode, t.completedOn)],
);

/**
 * A child's change on one instrument between the first and the latest administration, kept in
 * step with outcome_administrations in the same transaction: the cohort report reads one row per
 * child instead of every score (100,000 children answer in well under a second).
 */
export const outcomeTrajectories = pgTable(
  'outcome_trajectories',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    instrumentCode: text('instrument_code').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    placementDate: date('placement_date'),
    /** Who may see the child, kept in step with children by a trigger: the row-level security wall of the cohort. */
    sharedWith: uuid('shared_with')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    familyFinderId: uuid('family_finder_id'),
    socialWorkerId: uuid('social_worker_id'),
    administrations: integer('administrations').notNull(),
    firstOn: date('first_on').notNull(),
    latestOn: date('latest_on').notNull(),
    /** Scale code → improved | no_reliable_change | deteriorated, for scales with norms. */
    changes: jsonb('changes').$type<Record<string, string>>().notNull(),
    /** The changes as text, so the cohort groups children by a short string rather than by a jsonb value. */
    changesKey: text('changes_key').generatedAlwaysAs(sql`changes::text`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.instrumentCode] }), index('outcome_trajectories_instrument_idx').on(t.instrumentCode, t.placementDate)],
);

/** A family's questionnaire (placement satisfaction): saved as they go, submitted once. */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    /** The agency the family is approved with. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    matchId: uuid('match_id'),
    instrumentCode: text('instrument_code').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    /** 0 = baseline, otherwise months after placement. */
    dueMonths: integer('due_months').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    answers: jsonb('answers').$type<Record<string, number>>().notNull().default({}),
    scores: jsonb('scores').$type<Record<string, number>>(),
    /** The family's optional comment, for the service manager's report (never shown outside the agency). */
    comment: text('comment'),
    language: text('language'),
    submittedOn: date('submitted_on'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    retentionClass: text('retention_class').notNull().default('adoption_support_record'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('questionnaire_responses_due_key').on(t.householdId, t.instrumentCode, t.dueOn),
    index('questionnaire_responses_org_idx').on(t.organisationId, t.status),
  ],
);

/**
 * A partner's satisfaction questionnaire, answered once and in one go: a local authority's about the
 * service for one child it placed with the agency (who answered is kept: they answer for their
 * authority), or a worker's about the training, supervision and support they receive (anonymous:
 * no person, no time of day, only the financial year; worker_questionnaire_receipts stops a second
 * answer without saying which answer was theirs).
 */
export const partnerSatisfactionResponses = pgTable(
  'partner_satisfaction_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    respondentGroup: text('respondent_group', { enum: ['local_authority', 'worker'] }).notNull(),
    /** The respondent's organisation (the authority, the agency or the clinical partner): it writes the row. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The agency whose service is rated: its service manager reads the row. */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    childId: uuid('child_id').references(() => children.id, { onDelete: 'cascade' }),
    instrumentCode: text('instrument_code').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    /** The authority's due date, or the first day of the worker's financial year. */
    dueOn: date('due_on').notNull(),
    dueMonths: integer('due_months'),
    /** The report's period: the calendar year an authority answered in, or the financial year (2026-27). */
    period: text('period').notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    comment: text('comment'),
    language: text('language').notNull(),
    /** The authority's answer only: a worker's stays anonymous. */
    submittedOn: date('submitted_on'),
    respondentUserId: uuid('respondent_user_id').references(() => users.id),
  },
  (t) => [
    uniqueIndex('partner_satisfaction_child_due_key')
      .on(t.instrumentCode, t.childId, t.dueOn)
      .where(sql`child_id IS NOT NULL`),
    index('partner_satisfaction_agency_idx').on(t.agencyId, t.instrumentCode),
  ],
);

/** That a worker answered the workers' questionnaire for a financial year: never which answer was theirs. */
export const workerQuestionnaireReceipts = pgTable(
  'worker_questionnaire_receipts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    instrumentCode: text('instrument_code').notNull(),
    period: text('period').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.instrumentCode, t.period] })],
);

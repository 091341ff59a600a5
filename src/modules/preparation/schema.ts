import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { siblingGroups } from '../children/schema.ts';
import { households } from '../recruitment/schema.ts';

/**
 * Therapeutic preparation around a child or a sibling group. Every record names the children it is
 * about (`child_ids`): row-level security shows it exactly to those who may see one of them.
 */

/** A Team Around the Child meeting. */
export const tacMeetings = pgTable(
  'tac_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    childIds: uuid('child_ids').array().notNull(),
    siblingGroupId: uuid('sibling_group_id').references(() => siblingGroups.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location'),
    agenda: text('agenda'),
    minutes: text('minutes'),
    decisions: text('decisions'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('tac_meetings_starts_idx').on(t.startsAt)],
);

/** Who attended: people of the platform, or named outsiders with their organisation and role. */
export const tacAttendees = pgTable(
  'tac_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => tacMeetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    organisationName: text('organisation_name'),
    roleDescription: text('role_description'),
    attended: boolean('attended').notNull().default(true),
  },
  (t) => [index('tac_attendees_meeting_idx').on(t.meetingId)],
);

/** An action agreed at a meeting: its owner sees it on "my work" until done. */
export const tacActions = pgTable(
  'tac_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => tacMeetings.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    dueDate: date('due_date').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('tac_actions_owner_idx').on(t.ownerId, t.dueDate)],
);

/** A clinical psychologist's consultation about a child or sibling group. Notes are the clinical team's. */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    childIds: uuid('child_ids').array().notNull(),
    psychologistId: uuid('psychologist_id')
      .notNull()
      .references(() => users.id),
    consultationDate: date('consultation_date').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    consultees: text('consultees'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('consultations_date_idx').on(t.consultationDate)],
);

/**
 * The psychologist's formulation of a child's needs, versioned (one current). What an adopter
 * household may read of it, and from which matching step, is decided by the policy module.
 */
export const formulations = pgTable(
  'formulations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    childIds: uuid('child_ids').array().notNull(),
    /** The first child's id: one formulation line per child or group (the unit it was written for). */
    unitKey: uuid('unit_key').notNull(),
    formulationVersion: integer('formulation_version').notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    history: text('history'),
    presentingNeeds: text('presenting_needs').notNull(),
    whatHelps: text('what_helps'),
    strategiesForParents: text('strategies_for_parents'),
    recommendedSupport: text('recommended_support'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('formulations_version_idx').on(t.unitKey, t.formulationVersion),
    uniqueIndex('formulations_current_idx')
      .on(t.unitKey)
      .where(sql`${t.isCurrent}`),
  ],
);

/** Therapeutic preparation sessions for an adopter household (psychologist or therapeutic social worker). */
export const adopterPreparationSessions = pgTable(
  'adopter_preparation_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => users.id),
    sessionDate: date('session_date').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    topics: text('topics')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    attendance: jsonb('attendance').$type<Record<string, boolean>>().notNull().default({}),
    readinessReflection: text('readiness_reflection'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('adopter_preparation_sessions_household_idx').on(t.householdId, t.sessionDate)],
);

import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { applicants, households } from '../recruitment/schema.ts';

export const COURSE_KINDS = ['preparation', 'therapeutic_preparation', 'post_approval', 'post_placement'] as const;
export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export const ATTENDANCE = ['attended', 'absent'] as const;

/** A course adopters take: preparation groups, the therapeutic preparation modules, later training. */
export const courses = pgTable('courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  title: text('title').notNull(),
  titleCy: text('title_cy').notNull(),
  description: text('description'),
  descriptionCy: text('description_cy'),
  kind: text('kind', { enum: COURSE_KINDS }).notNull(),
  /** Part of Stage 1 preparation: an applicant has not finished preparation until they complete it. */
  requiredForStage1: boolean('required_for_stage1').notNull().default(false),
  hours: integer('hours'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** A dated session of a course, with its facilitators and how many it can take. */
export const courseSessions = pgTable(
  'course_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    venue: text('venue').notNull(),
    language: text('language', { enum: ['en', 'cy', 'bilingual'] })
      .notNull()
      .default('en'),
    facilitatorIds: uuid('facilitator_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    facilitatorNames: text('facilitator_names'),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('course_sessions_course_idx').on(t.courseId, t.startsAt)],
);

/** An applicant's place on a session, their attendance, and the certificate once completed. */
export const courseBookings = pgTable(
  'course_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => applicants.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('booked'),
    attendance: text('attendance', { enum: ATTENDANCE }),
    certificateNumber: text('certificate_number'),
    certificateIssuedOn: date('certificate_issued_on'),
    bookedBy: uuid('booked_by').references(() => users.id),
    /** When the place's reminder was queued (claimed once: never reminded twice). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // One live booking per applicant per session: a double booking is refused by the database too.
    uniqueIndex('course_bookings_one_live_idx')
      .on(t.sessionId, t.applicantId)
      .where(sql`${t.status} = 'booked'`),
    index('course_bookings_household_idx').on(t.householdId),
    index('course_bookings_to_remind_idx')
      .on(t.sessionId)
      .where(sql`${t.status} = 'booked' AND ${t.remindedAt} IS NULL`),
    // Certificate numbers count per agency and year; the database refuses a number issued twice.
    uniqueIndex('course_bookings_certificate_idx')
      .on(t.organisationId, t.certificateNumber)
      .where(sql`${t.certificateNumber} IS NOT NULL`),
  ],
);

/**
 * The agency's training settings (how many days before a session its booked places are reminded),
 * one row per version: the newest is current, a change is a new row with its reason (migration 0036).
 */
export const trainingSettings = pgTable(
  'training_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    version: integer('version').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    changeReason: text('change_reason').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_settings_version_idx').on(t.organisationId, t.version)],
);

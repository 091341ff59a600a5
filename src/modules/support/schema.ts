import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';
import { households } from '../recruitment/schema.ts';
import { matches } from '../matching/schema.ts';

export const SUPPORT_SESSION_KINDS = [
  'therapeutic_parenting_consultation',
  'dyadic_developmental_psychotherapy',
  'theraplay',
  'family_consultation',
  'school_liaison',
  'group_session',
  'other',
] as const;
export const SESSION_MODES = ['in_person', 'video', 'phone'] as const;

/** The adoption support plan of a placement: needs, agreed support, who provides it, reviews. */
export const supportPlans = pgTable(
  'support_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    needsSummary: text('needs_summary').notNull(),
    agreedDate: date('agreed_date').notNull(),
    nextReviewDate: date('next_review_date'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('support_plans_match_idx').on(t.matchId)],
);

export const supportPlanItems = pgTable(
  'support_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => supportPlans.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    need: text('need').notNull(),
    support: text('support').notNull(),
    provider: text('provider').notNull(),
    frequency: text('frequency'),
  },
  (t) => [index('support_plan_items_plan_idx').on(t.planId)],
);

/** A support session delivered to a family. Notes are for the clinical team and the allocated worker only. */
export const supportSessions = pgTable(
  'support_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    matchId: uuid('match_id').references(() => matches.id),
    kind: text('kind', { enum: SUPPORT_SESSION_KINDS }).notNull(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    mode: text('mode', { enum: SESSION_MODES }).notNull(),
    status: text('status', { enum: ['planned', 'delivered', 'cancelled'] })
      .notNull()
      .default('planned'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('support_sessions_household_idx').on(t.householdId, t.startsAt), index('support_sessions_worker_idx').on(t.workerId, t.startsAt)],
);

/** A request for support, from a family (their portal) or a worker; waits until allocated. */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    source: text('source', { enum: ['family', 'worker'] }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    need: text('need').notNull(),
    status: text('status', { enum: ['waiting', 'allocated', 'closed'] })
      .notNull()
      .default('waiting'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    allocatedTo: uuid('allocated_to').references(() => users.id),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('support_requests_status_idx').on(t.organisationId, t.status, t.requestedAt)],
);

/** Support groups and events for families, with attendance. */
export const supportEvents = pgTable('support_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  kind: text('kind', { enum: ['support_group', 'event'] }).notNull(),
  title: text('title').notNull(),
  titleCy: text('title_cy').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  venue: text('venue').notNull(),
  facilitatorId: uuid('facilitator_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const supportEventAttendance = pgTable(
  'support_event_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => supportEvents.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    attended: boolean('attended'),
    adults: integer('adults').notNull().default(1),
    children: integer('children').notNull().default(0),
  },
  (t) => [uniqueIndex('support_event_attendance_idx').on(t.eventId, t.householdId)],
);

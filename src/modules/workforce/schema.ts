import { date, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../platform/auth/schema.ts';

/** A social worker's training: course, date, hours, provider, certificate (CPD per year). */
export const staffTraining = pgTable(
  'staff_training',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    course: text('course').notNull(),
    completedDate: date('completed_date').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1 }).notNull(),
    provider: text('provider').notNull(),
    certificateReference: text('certificate_reference'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('staff_training_user_idx').on(t.userId, t.completedDate)],
);

/** Clinical supervision between a supervising psychologist and a social worker. */
export const supervisionSessions = pgTable(
  'supervision_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    superviseeId: uuid('supervisee_id')
      .notNull()
      .references(() => users.id),
    sessionDate: date('session_date').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Cases discussed, by reference only (child or household reference), never names. */
    caseReferences: text('case_references').array().notNull(),
    themes: text('themes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('supervision_sessions_supervisee_idx').on(t.superviseeId, t.sessionDate)],
);

/** A private, revocable iCalendar feed address of one person (only its token's SHA-256 is stored). */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_feeds_user_idx').on(t.userId)],
);

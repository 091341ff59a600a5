import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { applicantLabelsOf, applicantNamesOf, householdLabelOf, householdLabelsOf, openApplicantsOf } from '../recruitment/index.ts';
import { courseBookings, courses, courseSessions } from './schema.ts';

/** The only place training's tables are read or written; households and applicants are read through recruitment's front door. */

export type CourseRow = typeof courses.$inferSelect;
export type SessionRow = typeof courseSessions.$inferSelect;
export type BookingRow = typeof courseBookings.$inferSelect;

/** Agency staff who may run a session (the practitioners of an agency). */
export const FACILITATOR_ROLES = ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager'] as const;

/** Households whose journey has ended take no more places. */
const CLOSED_STAGES = ['withdrawn', 'not_approved'] as const;

// Written out in full: inside a subquery drizzle would name the outer column without its table.
const liveBookings = sql<number>`(select count(*)::int from course_bookings b where b.session_id = "course_sessions"."id" and b.status = 'booked')`;

const courseOrder = keyset(sql`${courses.kind} || ' ' || ${courses.title}`, courses.id, 'asc', 'text');

/** Courses by kind and title, keyset-paginated. */
export async function listCourses(tx: Tx, now: Date, page: PageRequest) {
  const rows = await tx
    .select({
      sortValue: courseOrder.value,
      course: courses,
      sessions: sql<number>`(select count(*)::int from course_sessions s where s.course_id = "courses"."id")`,
      nextSession:
        sql<Date | null>`(select min(s.starts_at) from course_sessions s where s.course_id = "courses"."id" and s.starts_at >= ${now.toISOString()})`.mapWith(
          (v: string | Date | null) => (v ? new Date(v) : null),
        ),
    })
    .from(courses)
    .where(courseOrder.after(page.after))
    .orderBy(...courseOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => ({ value: r.sortValue, id: r.course.id }));
}

export async function getCourse(tx: Tx, id: string): Promise<CourseRow | undefined> {
  const [row] = await tx.select().from(courses).where(eq(courses.id, id));
  return row;
}

export async function insertCourse(tx: Tx, values: typeof courses.$inferInsert): Promise<CourseRow> {
  const [row] = await tx.insert(courses).values(values).returning();
  return row!;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateCourse(tx: Tx, id: string, version: number, values: Partial<typeof courses.$inferInsert>): Promise<CourseRow | undefined> {
  const [row] = await tx
    .update(courses)
    .set({ ...values, version: sql`${courses.version} + 1`, updatedAt: new Date() })
    .where(and(eq(courses.id, id), eq(courses.version, version)))
    .returning();
  return row;
}

/** A course's sessions in date order, each with its places booked. */
export async function sessionsOfCourse(tx: Tx, courseId: string) {
  return tx
    .select({ session: courseSessions, booked: liveBookings })
    .from(courseSessions)
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.startsAt));
}

export async function getSession(tx: Tx, id: string) {
  const [row] = await tx
    .select({ session: courseSessions, course: courses, booked: liveBookings })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(courseSessions.id, id));
  return row;
}

/**
 * Locks a session's row for the rest of the transaction. Every booking takes this lock before it
 * counts the places, so two people booking the last place at once are served one after the other.
 */
export async function lockSession(tx: Tx, id: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(courseSessions).where(eq(courseSessions.id, id)).for('update');
  return row;
}

export async function countLiveBookings(tx: Tx, sessionId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(courseBookings)
    .where(and(eq(courseBookings.sessionId, sessionId), eq(courseBookings.status, 'booked')));
  return row?.n ?? 0;
}

export async function insertSession(tx: Tx, values: typeof courseSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await tx.insert(courseSessions).values(values).returning();
  return row!;
}

export async function updateSession(tx: Tx, id: string, version: number, values: Partial<typeof courseSessions.$inferInsert>): Promise<SessionRow | undefined> {
  const [row] = await tx
    .update(courseSessions)
    .set({ ...values, version: sql`${courseSessions.version} + 1` })
    .where(and(eq(courseSessions.id, id), eq(courseSessions.version, version)))
    .returning();
  return row;
}

/**
 * Everyone booked on (or cancelled from) a session, with their name and household reference: by
 * status, then in recruitment's order of names (applicants and households are recruitment's).
 */
export async function bookingsOfSession(tx: Tx, sessionId: string) {
  const bookings = await tx.select().from(courseBookings).where(eq(courseBookings.sessionId, sessionId));
  const people = await applicantLabelsOf(
    tx,
    bookings.map((b) => b.applicantId),
  );
  const households = await householdLabelsOf(
    tx,
    bookings.map((b) => b.householdId),
  );
  const order = new Map([...people.keys()].map((id, i) => [id, i]));
  return bookings
    .filter((booking) => people.has(booking.applicantId) && households.has(booking.householdId))
    .sort((x, y) => (x.status < y.status ? -1 : x.status > y.status ? 1 : order.get(x.applicantId)! - order.get(y.applicantId)!))
    .map((booking) => {
      const person = people.get(booking.applicantId)!;
      return { booking, givenNames: person.givenNames, familyName: person.familyName, householdReference: households.get(booking.householdId)!.reference };
    });
}

export async function getBooking(tx: Tx, id: string): Promise<BookingRow | undefined> {
  const [row] = await tx.select().from(courseBookings).where(eq(courseBookings.id, id));
  return row;
}

export async function insertBooking(tx: Tx, values: typeof courseBookings.$inferInsert): Promise<BookingRow> {
  const [row] = await tx.insert(courseBookings).values(values).returning();
  return row!;
}

export async function updateBooking(tx: Tx, id: string, version: number, values: Partial<typeof courseBookings.$inferInsert>): Promise<BookingRow | undefined> {
  const [row] = await tx
    .update(courseBookings)
    .set({ ...values, version: sql`${courseBookings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(courseBookings.id, id), eq(courseBookings.version, version)))
    .returning();
  return row;
}

/** Applicants of an organisation's households still on their journey, for the booking form. */
export async function bookableApplicants(tx: Tx, organisationId: string) {
  return openApplicantsOf(tx, organisationId, 2000);
}

/** An applicant with what booking needs of their household. */
export async function getApplicant(tx: Tx, id: string) {
  const applicant = (await applicantLabelsOf(tx, [id])).get(id);
  if (!applicant) return undefined;
  const { id: applicantId, givenNames, familyName, householdId, organisationId, stage, householdReference } = applicant;
  return { id: applicantId, givenNames, familyName, householdId, organisationId, stage, householdReference };
}

export function isClosedStage(stage: string): boolean {
  return (CLOSED_STAGES as readonly string[]).includes(stage);
}

export async function getHousehold(tx: Tx, id: string) {
  const household = await householdLabelOf(tx, id);
  return household && { id: household.id, organisationId: household.organisationId, reference: household.reference, adopterUserIds: household.adopterUserIds };
}

export const applicantsOfHousehold = applicantNamesOf;

/** A household's bookings with their session and course, oldest session first. */
export async function bookingsOfHousehold(tx: Tx, householdId: string) {
  return tx
    .select({ booking: courseBookings, session: courseSessions, course: courses })
    .from(courseBookings)
    .innerJoin(courseSessions, eq(courseSessions.id, courseBookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(courseBookings.householdId, householdId))
    .orderBy(asc(courseSessions.startsAt), asc(courseBookings.createdAt));
}

export async function requiredCourses(tx: Tx, organisationId: string) {
  return tx
    .select({ id: courses.id, title: courses.title, titleCy: courses.titleCy })
    .from(courses)
    .where(and(eq(courses.organisationId, organisationId), eq(courses.requiredForStage1, true)))
    .orderBy(asc(courses.title));
}

/** Staff of the organisation who may facilitate a session. */
export async function facilitators(tx: Tx, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        isNull(users.disabledAt),
        sql`${users.roles} && ${sql.raw(`ARRAY[${FACILITATOR_ROLES.map((r) => `'${r}'`).join(',')}]::text[]`)}`,
      ),
    )
    .orderBy(asc(users.name));
}

export async function userNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function organisationName(tx: Tx, id: string): Promise<string> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row?.name ?? '';
}

/**
 * Serialises certificate numbering within an organisation until the transaction ends, so two
 * certificates issued at once never take the same number.
 */
export async function lockCertificateNumbering(tx: Tx, organisationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`training-certificates:${organisationId}`}, 0))`);
}

/** The highest certificate number an organisation issued in a year (serials are zero-padded, so text order is number order). */
export async function lastCertificateNumberOfYear(tx: Tx, organisationId: string, year: number): Promise<string | null> {
  const [row] = await tx
    .select({ number: courseBookings.certificateNumber })
    .from(courseBookings)
    .where(and(eq(courseBookings.organisationId, organisationId), like(courseBookings.certificateNumber, `TRN-${year}-%`)))
    .orderBy(desc(courseBookings.certificateNumber))
    .limit(1);
  return row?.number ?? null;
}

/** Everything the printed certificate shows. */
export async function certificateOf(tx: Tx, bookingId: string) {
  const [row] = await tx
    .select({
      booking: courseBookings,
      session: courseSessions,
      course: courses,
      organisationName: organisations.name,
      organisationNameCy: organisations.nameCy,
    })
    .from(courseBookings)
    .innerJoin(courseSessions, eq(courseSessions.id, courseBookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(organisations, eq(organisations.id, courseBookings.organisationId))
    .where(eq(courseBookings.id, bookingId));
  if (!row) return undefined;
  const person = (await applicantLabelsOf(tx, [row.booking.applicantId])).get(row.booking.applicantId);
  const household = await householdLabelOf(tx, row.booking.householdId);
  if (!person || !household) return undefined;
  return {
    ...row,
    givenNames: person.givenNames,
    familyName: person.familyName,
    preferredLanguage: person.preferredLanguage,
    householdReference: household.reference,
  };
}

/** Which of these households have attended the therapeutic preparation course (for the matching pool). */
export async function householdsWithTherapeuticPreparation(tx: Tx, householdIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(householdIds)];
  if (unique.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ householdId: courseBookings.householdId })
    .from(courseBookings)
    .innerJoin(courseSessions, eq(courseSessions.id, courseBookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(inArray(courseBookings.householdId, unique), eq(courseBookings.attendance, 'attended'), eq(courses.kind, 'therapeutic_preparation')));
  return new Set(rows.map((r) => r.householdId));
}

/**
 * Live bookings on sessions that start after `from` and no later than `until`, not yet reminded,
 * with their course's titles: the places the reminder job may remind.
 */
export async function bookingsToRemind(tx: Tx, from: Date, until: Date) {
  return tx
    .select({ booking: courseBookings, startsAt: courseSessions.startsAt, title: courses.title, titleCy: courses.titleCy })
    .from(courseBookings)
    .innerJoin(courseSessions, eq(courseSessions.id, courseBookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(
      and(
        eq(courseBookings.status, 'booked'),
        isNull(courseBookings.remindedAt),
        sql`${courseSessions.startsAt} > ${from.toISOString()}::timestamptz`,
        sql`${courseSessions.startsAt} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(courseSessions.startsAt), asc(courseBookings.id));
}

/**
 * Claims a booking's reminder: true for the one run that set `reminded_at` where it was empty and
 * the place is still booked. A second run at once waits on the row and then finds it claimed.
 */
export async function claimBookingReminder(tx: Tx, bookingId: string, at: Date): Promise<boolean> {
  const claimed = await tx
    .update(courseBookings)
    .set({ remindedAt: at })
    .where(and(eq(courseBookings.id, bookingId), eq(courseBookings.status, 'booked'), isNull(courseBookings.remindedAt)))
    .returning({ id: courseBookings.id });
  return claimed.length === 1;
}

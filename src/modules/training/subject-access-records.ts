import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { courseBookings, courses, courseSessions } from './schema.ts';

/**
 * What a subject access request for an applicant needs of training, through this front door: every
 * booking of their household (each applicant's place, attendance and certificate) with the session
 * and course it is for. Read in the subject-access job's transaction; the caller keeps the person's
 * own bookings and leaves out staff (who booked, who facilitated).
 */
export async function householdTrainingForSubjectAccess(tx: Tx, householdId: string) {
  return tx
    .select({
      id: courseBookings.id,
      applicantId: courseBookings.applicantId,
      householdId: courseBookings.householdId,
      status: courseBookings.status,
      attendance: courseBookings.attendance,
      certificateNumber: courseBookings.certificateNumber,
      certificateIssuedOn: courseBookings.certificateIssuedOn,
      bookedBy: courseBookings.bookedBy,
      bookedAt: courseBookings.createdAt,
      course: courses.title,
      courseCy: courses.titleCy,
      courseKind: courses.kind,
      requiredForStage1: courses.requiredForStage1,
      hours: courses.hours,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      venue: courseSessions.venue,
      language: courseSessions.language,
      facilitatorIds: courseSessions.facilitatorIds,
      facilitatorNames: courseSessions.facilitatorNames,
    })
    .from(courseBookings)
    .innerJoin(courseSessions, eq(courseSessions.id, courseBookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(eq(courseBookings.householdId, householdId))
    .orderBy(asc(courseSessions.startsAt), asc(courseBookings.id));
}

import { arrayContains, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { adopterPreparationSessions, consultations, formulations, tacActions, tacAttendees, tacMeetings } from './schema.ts';

/**
 * What a subject access request for a child needs of preparation, through this front door: the
 * Team Around the Child meetings about them (with who attended and the actions), the clinical
 * consultations and the formulations. Read in the subject-access job's transaction; the caller
 * redacts other people.
 */
export async function childPreparationForSubjectAccess(tx: Tx, childId: string) {
  const meetings = await tx
    .select()
    .from(tacMeetings)
    .where(arrayContains(tacMeetings.childIds, [childId]));
  const meetingIds = meetings.map((m) => m.id);
  const attendees = meetingIds.length ? await tx.select().from(tacAttendees).where(inArray(tacAttendees.meetingId, meetingIds)) : [];
  const actions = meetingIds.length ? await tx.select().from(tacActions).where(inArray(tacActions.meetingId, meetingIds)) : [];
  return {
    meetings,
    attendees,
    actions,
    consultations: await tx
      .select()
      .from(consultations)
      .where(arrayContains(consultations.childIds, [childId])),
    formulations: await tx
      .select()
      .from(formulations)
      .where(arrayContains(formulations.childIds, [childId])),
  };
}

/**
 * What a subject access request for an applicant needs of preparation, through this front door: the
 * therapeutic preparation sessions of their household (TAC meetings, consultations and formulations
 * are about children, not applicants). The caller redacts the worker and the other applicant.
 */
export async function householdPreparationForSubjectAccess(tx: Tx, householdId: string) {
  return tx
    .select()
    .from(adopterPreparationSessions)
    .where(eq(adopterPreparationSessions.householdId, householdId))
    .orderBy(asc(adopterPreparationSessions.sessionDate));
}

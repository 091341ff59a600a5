import { and, asc, eq, ne } from 'drizzle-orm';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import { courseBookings, courses, courseSessions } from './schema.ts';

/**
 * Training's part of a household's chronology: each preparation session an applicant was booked on
 * (not cancelled), dated by the session, with the course's title in the reader's language.
 */
export async function householdTrainingChronology(tx: Tx, ctx: RequestContext, householdId: string): Promise<ChronologyEntry[]> {
  if (!can(ctx.actor, 'courses.view')) return [];
  const rows = await tx
    .select({
      sessionId: courseSessions.id,
      startsAt: courseSessions.startsAt,
      title: courses.title,
      titleCy: courses.titleCy,
      attendance: courseBookings.attendance,
    })
    .from(courseBookings)
    .innerJoin(courseSessions, eq(courseSessions.id, courseBookings.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(eq(courseBookings.householdId, householdId), ne(courseBookings.status, 'cancelled')))
    .orderBy(asc(courseSessions.startsAt));
  return rows.map((r) => ({
    on: dateInWales(r.startsAt),
    recordedAt: r.startsAt,
    kind: 'training',
    text: {
      key: 'chronology:entries.training',
      bilingual: { course: { en: r.title, cy: r.titleCy } },
      terms: { attendance: `training:vocabulary.attendance.${r.attendance ?? 'none'}` },
    },
    href: `/sessions/${r.sessionId}`,
  }));
}

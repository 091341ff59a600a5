import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicantCountsOf } from '../recruitment/index.ts';
import { courseBookings, courses, courseSessions } from './schema.ts';

/**
 * A named aggregate read for the reports module, in the caller's transaction: how many households
 * completed preparation in a period. An applicant completes on the day they have attended a session of
 * every course the agency requires for Stage 1 (the same rule as their training record); a household
 * completes on the day its last applicant does, so each household is counted once, in the period it
 * finished. A household with an applicant who has not finished is not counted. Counts only.
 */
export async function preparationCompletedCount(tx: Tx, scope: { from: string; to: string; organisationId: string }): Promise<number> {
  const result = await tx.execute(sql`
    with required as (
      select ${courses.id} as course_id from ${courses}
      where ${courses.organisationId} = ${scope.organisationId} and ${courses.requiredForStage1}
    ),
    first_attended as (
      select ${courseBookings.applicantId} as applicant_id, ${courseBookings.householdId} as household_id, ${courseSessions.courseId} as course_id,
             min((${courseSessions.startsAt} at time zone 'Europe/London')::date) as attended_on
      from ${courseBookings} join ${courseSessions} on ${courseSessions.id} = ${courseBookings.sessionId}
      where ${courseBookings.organisationId} = ${scope.organisationId}
        and ${courseBookings.status} = 'booked' and ${courseBookings.attendance} = 'attended'
        and ${courseSessions.courseId} in (select course_id from required)
        and (${courseSessions.startsAt} at time zone 'Europe/London')::date <= ${scope.to}::date
      group by 1, 2, 3
    ),
    applicants_done as (
      select applicant_id, household_id, max(attended_on) as completed_on from first_attended
      group by 1, 2 having count(*) = (select count(*) from required)
    )
    select household_id::text as household_id, count(*)::int as done from applicants_done
    group by 1 having max(completed_on) between ${scope.from}::date and ${scope.to}::date`);
  const finished = result.rows as { household_id: string; done: number }[];
  const applicants = await applicantCountsOf(
    tx,
    finished.map((r) => r.household_id),
  );
  return finished.filter((r) => Number(r.done) === applicants.get(r.household_id)).length;
}

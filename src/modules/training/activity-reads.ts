import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';

import { courseSessions } from './schema.ts';

/** The dates and the organisations (the agency and its clinical partners) whose recorded work is counted. */
export type WorkPeriod = { from: string; to: string; organisationIds: readonly string[] };

/**
 * A named read for finance's cost of the work, in the caller's transaction: course sessions the
 * agency delivered per month, with their length from start to end.
 */
export async function trainingDeliveredByMonth(tx: Tx, period: WorkPeriod) {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${courseSessions.startsAt} at time zone 'Europe/London'), 'YYYY-MM-DD') as month,
           count(*) as records,
           sum(round(extract(epoch from (${courseSessions.endsAt} - ${courseSessions.startsAt})) / 60))::bigint as minutes
    from ${courseSessions}
    where ${courseSessions.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and (${courseSessions.startsAt} at time zone 'Europe/London')::date between ${period.from}::date and ${period.to}::date
    group by 1`);
  return (result.rows as { month: string; records: string; minutes: string }[]).map((r) => ({
    month: r.month,
    records: Number(r.records),
    recordedMinutes: Number(r.minutes),
  }));
}

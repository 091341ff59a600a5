import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';

import { supervisionSessions } from './schema.ts';

/** The dates and the organisations (the agency and its clinical partners) whose recorded work is counted. */
export type WorkPeriod = { from: string; to: string; organisationIds: readonly string[] };

/**
 * A named read for finance's cost of the work, in the caller's transaction: clinical supervision
 * sessions per month with their recorded minutes (who and which cases stay here). Dates are grouped
 * by their month as a timestamp (no time zone to look up per session).
 */
export async function supervisionByMonth(tx: Tx, period: WorkPeriod) {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${supervisionSessions.sessionDate}::timestamp), 'YYYY-MM-DD') as month,
           count(*) as records, sum(${supervisionSessions.durationMinutes})::bigint as minutes
    from ${supervisionSessions}
    where ${supervisionSessions.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${supervisionSessions.sessionDate} between ${period.from}::date and ${period.to}::date
    group by date_trunc('month', ${supervisionSessions.sessionDate}::timestamp)`);
  return (result.rows as { month: string; records: string; minutes: string }[]).map((r) => ({
    month: r.month,
    records: Number(r.records),
    recordedMinutes: Number(r.minutes),
  }));
}

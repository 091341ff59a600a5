import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';

import { supportSessions } from './schema.ts';

/** The dates and the organisations (the agency and its clinical partners) whose recorded work is counted. */
export type WorkPeriod = { from: string; to: string; organisationIds: readonly string[] };

/**
 * A named read for finance's cost of the work, in the caller's transaction: support sessions
 * delivered per month and per match (the placement they support; none for support not tied to one),
 * with their recorded minutes. Matching says which children a match placed.
 */
export type SupportWork = { month: string; matchId: string | null; records: number; recordedMinutes: number };

export async function deliveredSupportByMonth(tx: Tx, period: WorkPeriod): Promise<SupportWork[]> {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${supportSessions.startsAt} at time zone 'Europe/London'), 'YYYY-MM-DD') as month,
           ${supportSessions.matchId}::text as match_id, count(*) as records, sum(${supportSessions.durationMinutes})::bigint as minutes
    from ${supportSessions}
    where ${supportSessions.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${supportSessions.status} = 'delivered'
      and (${supportSessions.startsAt} at time zone 'Europe/London')::date between ${period.from}::date and ${period.to}::date
    group by 1, ${supportSessions.matchId}`);
  return (result.rows as { month: string; match_id: string | null; records: string; minutes: string }[]).map((r) => ({
    month: r.month,
    matchId: r.match_id,
    records: Number(r.records),
    recordedMinutes: Number(r.minutes),
  }));
}

import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { supervisionSessions } from './schema.ts';

/**
 * A named read for finance's cost of the work, in the caller's transaction: clinical supervision
 * sessions per month with their recorded minutes (who and which cases stay here).
 */
export async function supervisionByMonth(tx: Tx, period: { from: string; to: string }) {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${supervisionSessions.sessionDate}), 'YYYY-MM-DD') as month,
           count(*) as records, sum(${supervisionSessions.durationMinutes})::bigint as minutes
    from ${supervisionSessions}
    where ${supervisionSessions.sessionDate} between ${period.from}::date and ${period.to}::date
    group by 1`);
  return (result.rows as { month: string; records: string; minutes: string }[]).map((r) => ({
    month: r.month,
    records: Number(r.records),
    recordedMinutes: Number(r.minutes),
  }));
}

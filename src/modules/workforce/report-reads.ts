import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { staffTraining } from './schema.ts';

/** A named aggregate read for the reports module: staff who completed training in a period, and its hours. Counts only. */
export async function staffTrainingReportCounts(tx: Tx, scope: { from: string; to: string; organisationIds: readonly string[] }) {
  const result = await tx.execute(sql`
    select count(distinct ${staffTraining.userId})::int as staff, coalesce(sum(${staffTraining.hours}), 0)::float as hours
    from ${staffTraining}
    where ${staffTraining.organisationId} = any(${`{${scope.organisationIds.join(',')}}`}::uuid[])
      and ${staffTraining.completedDate} between ${scope.from}::date and ${scope.to}::date`);
  const row = result.rows[0] as { staff: number; hours: number };
  return { staffTrained: Number(row.staff), trainingMinutes: Math.round(Number(row.hours) * 60) };
}

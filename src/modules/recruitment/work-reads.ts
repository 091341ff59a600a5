import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { householdChecks, households, homeStudyVisits } from './schema.ts';
import { OPEN_STAGES } from './service-context.ts';

const openStages = sql.join(
  OPEN_STAGES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * An assessing worker's part of their households' assessments: checks asked for and not yet back
 * (the date each was asked), and home study visits booked from today to `until` (each visit's date),
 * for the open households allocated to them. Row-level security applies as ever.
 */
export async function assessmentWorkOf(tx: Tx, workerId: string, today: string, until: string) {
  const checks = await tx.execute(sql`
    select c.requested_date::text as requested
    from ${householdChecks} c join ${households} h on h.id = c.household_id
    where h.social_worker_id = ${workerId}::uuid and h.stage in (${openStages})
      and c.requested_date is not null and c.received_date is null and c.outcome = 'pending'
    order by c.requested_date`);
  const visits = await tx.execute(sql`
    select v.visit_date::text as visit_date
    from ${homeStudyVisits} v join ${households} h on h.id = v.household_id
    where h.social_worker_id = ${workerId}::uuid and h.stage in (${openStages})
      and v.visit_date between ${today}::date and ${until}::date
    order by v.visit_date`);
  return {
    checksRequested: (checks.rows as { requested: string }[]).map((r) => r.requested),
    visits: (visits.rows as { visit_date: string }[]).map((r) => r.visit_date),
  };
}

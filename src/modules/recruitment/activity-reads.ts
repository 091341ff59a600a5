import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';

import { homeStudyVisits, householdStageEvents } from './schema.ts';

/** The dates and the organisations (the agency and its clinical partners) whose recorded work is counted. */
export type WorkPeriod = { from: string; to: string; organisationIds: readonly string[] };

/**
 * Named reads for finance's cost of the work, in the caller's transaction: how many Stage 2 home-study
 * visits and adoption panel appearances there were per month. Neither record keeps a duration,
 * so finance stands its default in. Work about adopters, not a child: no child ids. Dates are
 * grouped by their month as a timestamp (no time zone to look up per record).
 */
export type MonthlyWork = { month: string; childIds: string[]; records: number; recordedMinutes: number; withoutDuration: number };

const monthly = (rows: unknown[]): MonthlyWork[] =>
  (rows as { month: string; records: string | number }[]).map((r) => ({
    month: r.month,
    childIds: [],
    records: Number(r.records),
    recordedMinutes: 0,
    withoutDuration: Number(r.records),
  }));

export async function homeStudyVisitsByMonth(tx: Tx, period: WorkPeriod): Promise<MonthlyWork[]> {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${homeStudyVisits.visitDate}::timestamp), 'YYYY-MM-DD') as month, count(*) as records
    from ${homeStudyVisits}
    where ${homeStudyVisits.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${homeStudyVisits.visitDate} between ${period.from}::date and ${period.to}::date
    group by date_trunc('month', ${homeStudyVisits.visitDate}::timestamp)`);
  return monthly(result.rows);
}

/** Households presented to the adoption panel (their move to the panel stage), per month. */
export async function adoptionPanelsByMonth(tx: Tx, period: WorkPeriod): Promise<MonthlyWork[]> {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${householdStageEvents.effectiveDate}::timestamp), 'YYYY-MM-DD') as month, count(*) as records
    from ${householdStageEvents}
    where ${householdStageEvents.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${householdStageEvents.toStage} = 'panel'
      and ${householdStageEvents.effectiveDate} between ${period.from}::date and ${period.to}::date
    group by date_trunc('month', ${householdStageEvents.effectiveDate}::timestamp)`);
  return monthly(result.rows);
}

import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicants, considerationProfiles, householdStageEvents, households } from './schema.ts';

/**
 * A named aggregate read for the reports module, in the caller's transaction: households who enquired
 * in a period, who were approved in it, and of those approved how many can consider children who wait
 * (a sibling group, a child of 4 or over, or a child with additional needs: the campaigns' rules).
 * Counts only.
 */
export async function recruitmentReportCounts(tx: Tx, scope: { from: string; to: string; organisationId: string }) {
  const result = await tx.execute(sql`
    with approved as (
      select distinct ${householdStageEvents.householdId} as household_id from ${householdStageEvents}
      where ${householdStageEvents.organisationId} = ${scope.organisationId} and ${householdStageEvents.toStage} = 'approved'
        and ${householdStageEvents.effectiveDate} between ${scope.from}::date and ${scope.to}::date
    )
    select
      (select count(*) from ${households} where ${households.organisationId} = ${scope.organisationId}
         and ${households.enquiryDate} between ${scope.from}::date and ${scope.to}::date)::int as enquiries,
      (select count(*) from approved)::int as approvals,
      (select count(*) from approved a join ${considerationProfiles} p on p.household_id = a.household_id and p.is_current
         where (p.sibling_groups and p.children_max >= 2) or p.age_max >= 4
            or jsonb_path_exists(p.needs, '$.* ? (@ == "can" || @ == "with_support")'))::int as consider_waiting`);
  const row = result.rows[0] as { enquiries: number; approvals: number; consider_waiting: number };
  return { enquiries: Number(row.enquiries), approvals: Number(row.approvals), considerWaiting: Number(row.consider_waiting) };
}

/**
 * How many applicants each of these households has (training's "completed preparation" asks whether
 * every applicant finished). Counts only; a household the actor may not see is missing.
 */
export async function applicantCountsOf(tx: Tx, householdIds: readonly string[]): Promise<Map<string, number>> {
  if (!householdIds.length) return new Map();
  const result = await tx.execute(sql`
    select ${applicants.householdId}::text as household_id, count(*)::int as n from ${applicants}
    where ${applicants.householdId} = any(${`{${householdIds.join(',')}}`}::uuid[])
    group by 1`);
  return new Map((result.rows as { household_id: string; n: number }[]).map((r) => [r.household_id, Number(r.n)]));
}

/** The stages of assessment, in order: a household at one of them is "in assessment". */
export const ASSESSMENT_STAGES = ['registration', 'stage1', 'break', 'stage2', 'panel', 'agency_decision'] as const;

/** How many of the agency's households are at each stage of assessment now. Counts only. */
export async function householdsInAssessment(tx: Tx, scope: { organisationId: string }) {
  const result = await tx.execute(sql`
    select ${households.stage} as stage, count(*)::int as n from ${households}
    where ${households.organisationId} = ${scope.organisationId}
      and ${households.stage} in ('registration', 'stage1', 'break', 'stage2', 'panel', 'agency_decision')
    group by 1`);
  const counts = new Map((result.rows as { stage: string; n: number }[]).map((r) => [r.stage, Number(r.n)]));
  return ASSESSMENT_STAGES.map((stage) => ({ stage, households: counts.get(stage) ?? 0 }));
}

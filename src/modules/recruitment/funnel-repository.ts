import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { households } from './schema.ts';
import { MILESTONE } from './stages.ts';
import { APPROVED_STAGES, FUNNEL_STAGES, type Channel, type ConsiderationLevel } from './vocabulary.ts';

/**
 * The enquiry-to-approval funnel of the households, as two aggregates done by PostgreSQL (no work
 * per household in Node): recruitment's households and consideration profiles, read as counts only,
 * for the campaigns module's funnel (campaigns/funnel.ts adds the rows up and names the groupings).
 */

/** What "can consider the children who wait" means; the campaigns module says (funnel.ts CONSIDERATION_RULES). */
export type ConsiderationRules = { siblingGroupMinChildren: number; olderChildMinAge: number; needLevels: readonly ConsiderationLevel[] };

/** Steps between consecutive funnel stages. */
const INTERVALS = FUNNEL_STAGES.length - 1;

/** households.<milestone> for each funnel stage, as SQL. */
const milestone = (i: number) => {
  const stage = FUNNEL_STAGES[i]!;
  const key = stage === 'enquiry' ? 'enquiryDate' : MILESTONE[stage]!;
  return sql`h.${sql.identifier(households[key].name)}`;
};

export type FunnelScope = { organisationId?: string; campaignId?: string; enquiryFrom?: string; enquiryTo?: string };

/** Which households: the organisation's, of one campaign, enquiring between two dates; and more conditions. */
function whereOf(filter: FunnelScope, ...more: SQL[]): SQL {
  const where: SQL[] = [];
  if (filter.organisationId) where.push(sql`h.organisation_id = ${filter.organisationId}`);
  if (filter.campaignId) where.push(sql`h.campaign_id = ${filter.campaignId}`);
  if (filter.enquiryFrom) where.push(sql`h.enquiry_date >= ${filter.enquiryFrom}`);
  if (filter.enquiryTo) where.push(sql`h.enquiry_date <= ${filter.enquiryTo}`);
  where.push(...more);
  return where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
}

/**
 * The first aggregate, one hash aggregate over every household in scope: per campaign and channel,
 * how many reached each stage and each pair of consecutive stages, and how many households approved
 * to adopt today (approved, linked, matched, placed) have a current consideration profile and can
 * consider each group of children who wait (the campaigns module's rules). Sums: campaigns' funnel.ts adds them up.
 */
export function funnelCountsQuery(filter: FunnelScope, rules: ConsiderationRules): SQL {
  const reached = FUNNEL_STAGES.map((_, i) => sql`count(${milestone(i)})::int`);
  const both = Array.from({ length: INTERVALS }, (_, i) => sql`count(*) filter (where ${milestone(i)} is not null and ${milestone(i + 1)} is not null)::int`);
  const needsPath = `$.* ? (${rules.needLevels.map((level) => `@ == "${level}"`).join(' || ')})`;
  const siblings = sql`p.sibling_groups and p.children_max >= ${rules.siblingGroupMinChildren}`;
  const older = sql`p.age_max >= ${rules.olderChildMinAge}`;
  const needs = sql`jsonb_path_exists(p.needs, ${needsPath}::jsonpath)`;
  const approvedStages = sql.join(
    APPROVED_STAGES.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`
    select h.campaign_id, h.channel,
      array[${sql.join(reached, sql`, `)}] as reached,
      array[${sql.join(both, sql`, `)}] as both,
      count(p.household_id)::int as approved,
      count(*) filter (where ${siblings})::int as sibling_group,
      count(*) filter (where ${older})::int as older_child,
      count(*) filter (where ${needs})::int as additional_needs,
      count(*) filter (where ${siblings} and ${older} and ${needs})::int as all_three
    from households h
    left join consideration_profiles p on p.household_id = h.id and p.is_current and h.stage in (${approvedStages})
    ${whereOf(filter)}
    group by h.campaign_id, h.channel
  `;
}

/**
 * The second aggregate: the median days of each step (percentile_cont(0.5), which ignores the
 * households that did not make it) for every grouping at once: campaign and channel, campaign, all
 * campaigns and no campaign per channel and in total, everyone. Only households that made at least
 * one step are read: the others have no days to sort.
 */
export function funnelMediansQuery(filter: FunnelScope): SQL {
  const d = (i: number) => sql.raw(`d${i}`);
  const columns = FUNNEL_STAGES.map((_, i) => sql`${milestone(i)} as ${d(i)}`);
  const medians = Array.from({ length: INTERVALS }, (_, i) => sql`percentile_cont(0.5) within group (order by ${d(i + 1)} - ${d(i)})`);
  const madeAStep = sql`(${sql.join(
    Array.from({ length: INTERVALS }, (_, i) => sql`(${milestone(i)} is not null and ${milestone(i + 1)} is not null)`),
    sql` or `,
  )})`;
  // Channels sort as bytes ("C"): the grouping sorts compare them many thousand times.
  return sql`
    select grouping(campaign_id, channel, attributed) as g, campaign_id, channel, attributed,
      array[${sql.join(medians, sql`, `)}] as medians
    from (
      select h.campaign_id, h.channel collate "C" as channel, h.campaign_id is not null as attributed, ${sql.join(columns, sql`, `)}
      from households h
      ${whereOf(filter, madeAStep)}
    ) h
    group by grouping sets ((campaign_id, channel), (campaign_id), (attributed, channel), (attributed), ())
  `;
}

export type FunnelCountRow = {
  campaign_id: string | null;
  channel: Channel | null;
  reached: number[];
  both: number[];
  approved: number;
  sibling_group: number;
  older_child: number;
  additional_needs: number;
  all_three: number;
};
/** g is GROUPING(campaign_id, channel, attributed): a bit for each column rolled up, campaign_id the highest. */
export type FunnelMedianRow = { g: number; campaign_id: string | null; channel: Channel | null; attributed: boolean | null; medians: (number | null)[] };

/** Both aggregates' rows, in the caller's transaction. */
export async function funnelRows(tx: Tx, filter: FunnelScope, rules: ConsiderationRules): Promise<{ counts: FunnelCountRow[]; medians: FunnelMedianRow[] }> {
  // The grouping sorts hold every household in scope: room to sort them in memory, for this transaction only.
  await tx.execute(sql`set local work_mem = '32MB'`);
  const counts = await tx.execute<FunnelCountRow>(funnelCountsQuery(filter, rules));
  const medians = await tx.execute<FunnelMedianRow>(funnelMediansQuery(filter));
  return { counts: counts.rows, medians: medians.rows };
}

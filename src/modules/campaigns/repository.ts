import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type Page, type PageRequest } from '../../platform/db/keyset.ts';
import { households } from '../recruitment/schema.ts';
import { APPROVED_STAGES, FUNNEL_STAGES, type Channel } from '../recruitment/index.ts';
import { combineAggregates, CONSIDERATION_RULES, FUNNEL_MILESTONES, INTERVALS, type CostLine, type FunnelAggregate, type Grouping } from './funnel.ts';
import { campaignCosts, campaigns } from './schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type CostRow = typeof campaignCosts.$inferSelect;

/** A campaign's referrer code is already someone's (the unique index is on lower(referrer_code)). */
export function isReferrerCodeTaken(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === 'campaigns_referrer_code_idx';
}

const campaignOrder = keyset(sql`${campaigns.startDate}`, campaigns.id, 'desc', 'date');

/** Campaigns, newest first, keyset-paginated. */
export async function listCampaigns(tx: Tx, filter: { organisationId?: string }, page: PageRequest): Promise<Page<CampaignRow & { totalCostPence: number }>> {
  const total = sql<number>`(select coalesce(sum(${campaignCosts.amountPence}), 0)::bigint from ${campaignCosts} where ${campaignCosts.campaignId} = ${campaigns.id})`.mapWith(Number);
  const rows = await tx
    .select({ campaign: campaigns, totalCostPence: total, sortValue: campaignOrder.value })
    .from(campaigns)
    .where(and(filter.organisationId ? eq(campaigns.organisationId, filter.organisationId) : undefined, campaignOrder.after(page.after)))
    .orderBy(...campaignOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => ({ value: r.sortValue, id: r.campaign.id }), (r) => ({ ...r.campaign, totalCostPence: r.totalCostPence }));
}

export async function getCampaign(tx: Tx, id: string): Promise<CampaignRow | undefined> {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function campaignByReferrerCode(tx: Tx, code: string): Promise<CampaignRow | undefined> {
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(sql`lower(${campaigns.referrerCode}) = lower(${code})`);
  return row;
}

export async function insertCampaign(tx: Tx, values: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await tx.insert(campaigns).values(values).returning();
  return row!;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateCampaign(tx: Tx, id: string, version: number, values: Partial<typeof campaigns.$inferInsert>): Promise<CampaignRow | undefined> {
  const [row] = await tx
    .update(campaigns)
    .set({ ...values, version: sql`${campaigns.version} + 1`, updatedAt: new Date() })
    .where(and(eq(campaigns.id, id), eq(campaigns.version, version)))
    .returning();
  return row;
}

export async function costsOf(tx: Tx, campaignId: string): Promise<CostRow[]> {
  return tx.select().from(campaignCosts).where(eq(campaignCosts.campaignId, campaignId)).orderBy(asc(campaignCosts.incurredOn), asc(campaignCosts.createdAt));
}

export async function insertCost(tx: Tx, values: typeof campaignCosts.$inferInsert): Promise<CostRow> {
  const [row] = await tx.insert(campaignCosts).values(values).returning();
  return row!;
}

/** Costs per campaign and channel, of these campaigns, incurred between the dates when given. */
export async function costLines(tx: Tx, campaignIds: readonly string[], between: { from?: string; to?: string }): Promise<CostLine[]> {
  if (campaignIds.length === 0) return [];
  const conditions: SQL[] = [inArray(campaignCosts.campaignId, [...campaignIds])];
  if (between.from) conditions.push(gte(campaignCosts.incurredOn, between.from));
  if (between.to) conditions.push(lte(campaignCosts.incurredOn, between.to));
  const rows = await tx
    .select({ campaignId: campaignCosts.campaignId, channel: campaignCosts.channel, amountPence: sql<number>`sum(${campaignCosts.amountPence})::bigint`.mapWith(Number) })
    .from(campaignCosts)
    .where(and(...conditions))
    .groupBy(campaignCosts.campaignId, campaignCosts.channel);
  return rows;
}

/** households.<milestone> for each funnel stage, as SQL. */
const milestone = (i: number) => sql`h.${sql.identifier(households[FUNNEL_MILESTONES[FUNNEL_STAGES[i]!] as keyof typeof households.$inferSelect].name)}`;

/** GROUPING(campaign_id, channel, attributed): a bit for each column rolled up, campaign_id the highest. */
const GROUPING_BITS: Record<number, Grouping> = { 1: 'campaign_channel', 3: 'campaign', 4: 'attributed_channel', 6: 'attributed', 7: 'everyone' };

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
 * consider each group of children who wait (the rules of funnel.ts). Sums: funnel.ts adds them up.
 */
export function funnelCountsQuery(filter: FunnelScope): SQL {
  const reached = FUNNEL_STAGES.map((_, i) => sql`count(${milestone(i)})::int`);
  const both = Array.from({ length: INTERVALS }, (_, i) => sql`count(*) filter (where ${milestone(i)} is not null and ${milestone(i + 1)} is not null)::int`);
  const needsPath = `$.* ? (${CONSIDERATION_RULES.needLevels.map((level) => `@ == "${level}"`).join(' || ')})`;
  const siblings = sql`p.sibling_groups and p.children_max >= ${CONSIDERATION_RULES.siblingGroupMinChildren}`;
  const older = sql`p.age_max >= ${CONSIDERATION_RULES.olderChildMinAge}`;
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

/**
 * The whole funnel in two aggregates done by PostgreSQL (no work per household in Node). Reads the
 * recruitment module's households and consideration profiles, as counts only.
 */
export async function funnelAggregates(tx: Tx, filter: FunnelScope): Promise<FunnelAggregate[]> {
  // The grouping sorts hold every household in scope: room to sort them in memory, for this transaction only.
  await tx.execute(sql`set local work_mem = '32MB'`);
  const counts = await tx.execute<{ campaign_id: string | null; channel: Channel | null; reached: number[]; both: number[]; approved: number; sibling_group: number; older_child: number; additional_needs: number; all_three: number }>(funnelCountsQuery(filter));
  const medians = await tx.execute<{ g: number; campaign_id: string | null; channel: Channel | null; attributed: boolean | null; medians: (number | null)[] }>(funnelMediansQuery(filter));
  return combineAggregates(
    counts.rows.map((r) => ({
      campaignId: r.campaign_id,
      channel: r.channel,
      reached: r.reached.map(Number),
      reachedBoth: r.both.map(Number),
      consider: { approved: r.approved, siblingGroup: r.sibling_group, olderChild: r.older_child, additionalNeeds: r.additional_needs, all: r.all_three },
    })),
    medians.rows.map((r) => {
      const grouping = GROUPING_BITS[Number(r.g)];
      if (!grouping) throw new Error(`unexpected grouping ${r.g}`);
      return { grouping, campaignId: r.campaign_id, channel: r.channel, attributed: r.attributed, medianDays: r.medians.map((m) => (m === null ? null : Number(m))) };
    }),
  );
}

import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type Page, type PageRequest } from '../../platform/db/keyset.ts';
import { funnelRows, type CampaignDirectory, type FunnelScope } from '../recruitment/index.ts';
import { combineAggregates, CONSIDERATION_RULES, type CostLine, type FunnelAggregate, type Grouping } from './funnel.ts';
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
  const total =
    sql<number>`(select coalesce(sum(${campaignCosts.amountPence}), 0)::bigint from ${campaignCosts} where ${campaignCosts.campaignId} = ${campaigns.id})`.mapWith(
      Number,
    );
  const rows = await tx
    .select({ campaign: campaigns, totalCostPence: total, sortValue: campaignOrder.value })
    .from(campaigns)
    .where(and(filter.organisationId ? eq(campaigns.organisationId, filter.organisationId) : undefined, campaignOrder.after(page.after)))
    .orderBy(...campaignOrder.orderBy)
    .limit(page.limit + 1);
  return pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.campaign.id }),
    (r) => ({ ...r.campaign, totalCostPence: r.totalCostPence }),
  );
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

/**
 * What recruitment reads of campaigns (its CampaignDirectory, wired in by src/server/services.ts):
 * the campaign a link's code names, a campaign's name, the organisation's campaigns for a form.
 */
export const campaignDirectory: CampaignDirectory = {
  async campaignByCode(tx, code) {
    const [row] = await tx
      .select({ id: campaigns.id, organisationId: campaigns.organisationId, name: campaigns.name, nameCy: campaigns.nameCy })
      .from(campaigns)
      .where(sql`lower(${campaigns.referrerCode}) = lower(${code})`);
    return row;
  },
  async campaignName(tx, id) {
    const [row] = await tx
      .select({ name: campaigns.name, nameCy: campaigns.nameCy, referrerCode: campaigns.referrerCode })
      .from(campaigns)
      .where(eq(campaigns.id, id));
    return row;
  },
  async campaignsOf(tx, organisationId) {
    return tx
      .select({ id: campaigns.id, name: campaigns.name, nameCy: campaigns.nameCy })
      .from(campaigns)
      .where(eq(campaigns.organisationId, organisationId))
      .orderBy(desc(campaigns.startDate));
  },
};

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
    .select({
      campaignId: campaignCosts.campaignId,
      channel: campaignCosts.channel,
      amountPence: sql<number>`sum(${campaignCosts.amountPence})::bigint`.mapWith(Number),
    })
    .from(campaignCosts)
    .where(and(...conditions))
    .groupBy(campaignCosts.campaignId, campaignCosts.channel);
  return rows;
}

/** GROUPING(campaign_id, channel, attributed): a bit for each column rolled up, campaign_id the highest. */
const GROUPING_BITS: Record<number, Grouping> = { 1: 'campaign_channel', 3: 'campaign', 4: 'attributed_channel', 6: 'attributed', 7: 'everyone' };

/**
 * The whole funnel: recruitment's two aggregates over its households (funnelRows), added up here.
 */
export async function funnelAggregates(tx: Tx, filter: FunnelScope): Promise<FunnelAggregate[]> {
  const { counts, medians } = await funnelRows(tx, filter, CONSIDERATION_RULES);
  return combineAggregates(
    counts.map((r) => ({
      campaignId: r.campaign_id,
      channel: r.channel,
      reached: r.reached.map(Number),
      reachedBoth: r.both.map(Number),
      consider: { approved: r.approved, siblingGroup: r.sibling_group, olderChild: r.older_child, additionalNeeds: r.additional_needs, all: r.all_three },
    })),
    medians.map((r) => {
      const grouping = GROUPING_BITS[Number(r.g)];
      if (!grouping) throw new Error(`unexpected grouping ${r.g}`);
      return {
        grouping,
        campaignId: r.campaign_id,
        channel: r.channel,
        attributed: r.attributed,
        medianDays: r.medians.map((m) => (m === null ? null : Number(m))),
      };
    }),
  );
}

/** Campaign spend per month from..to, for finance's cost of the work (in the caller's transaction). */
export async function campaignSpendByMonth(tx: Tx, period: { from: string; to: string; organisationIds: readonly string[] }) {
  const rows = await tx
    .select({
      month: sql<string>`to_char(date_trunc('month', ${campaignCosts.incurredOn}), 'YYYY-MM-DD')`,
      amountPence: sql<number>`sum(${campaignCosts.amountPence})::bigint`.mapWith(Number),
    })
    .from(campaignCosts)
    .where(
      and(
        sql`${campaignCosts.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])`,
        gte(campaignCosts.incurredOn, period.from),
        lte(campaignCosts.incurredOn, period.to),
      ),
    )
    .groupBy(sql`1`);
  return rows;
}

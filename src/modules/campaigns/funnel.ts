import type { IsoDate } from '../../platform/dates/dates.ts';
import { MILESTONE } from '../recruitment/index.ts';
import { APPROVED_STAGES, CHANNELS, FUNNEL_STAGES, type Channel, type ConsiderationLevel, type FunnelStage, type Stage } from '../recruitment/index.ts';

/**
 * The campaign funnel, as pure rules: how far households got from enquiry to placement, how fast,
 * at what cost, and how many approved households can consider the children who wait longest.
 *
 * PostgreSQL does the counting (repository.ts, one aggregate over every household); this file
 * defines what the figures mean and turns the aggregate into the report. `aggregateHouseholds`
 * computes the same aggregate from household rows in memory: the definition the SQL is checked against.
 *
 * The figures count people but are shown only to the agency's own staff (campaigns.view), like
 * any management information about its own work: no small-number suppression is applied here.
 * Anything published outside the agency must go through reporting/disclosure.ts first.
 */

/** The household column recording the first day each funnel stage was reached. */
export const FUNNEL_MILESTONES: Record<FunnelStage, string> = Object.fromEntries(
  FUNNEL_STAGES.map((stage) => [stage, stage === 'enquiry' ? 'enquiryDate' : MILESTONE[stage]!]),
) as Record<FunnelStage, string>;

/** How many steps lie between consecutive funnel stages (enquiry→information event … matched→placed). */
export const INTERVALS = FUNNEL_STAGES.length - 1;

/**
 * What "can consider the children who wait" means, per what the family said they can consider
 * (their current consideration profile):
 * - a sibling group: open to brothers and sisters, and to at least two children at once;
 * - a child aged 4 or over: the oldest age they would consider is 4 or more;
 * - a child with additional needs: at least one need rated "can" or "with support".
 */
export const CONSIDERATION_RULES = {
  siblingGroupMinChildren: 2,
  olderChildMinAge: 4,
  needLevels: ['can', 'with_support'] as readonly ConsiderationLevel[],
} as const;

export type ConsiderationFacts = {
  siblingGroups: boolean;
  childrenMax: number;
  ageMax: number;
  needs: Record<string, ConsiderationLevel>;
};

export type WhoTheyCanConsider = { siblingGroup: boolean; olderChild: boolean; additionalNeeds: boolean; all: boolean };

export function whoTheyCanConsider(profile: ConsiderationFacts): WhoTheyCanConsider {
  const siblingGroup = profile.siblingGroups && profile.childrenMax >= CONSIDERATION_RULES.siblingGroupMinChildren;
  const olderChild = profile.ageMax >= CONSIDERATION_RULES.olderChildMinAge;
  const additionalNeeds = Object.values(profile.needs).some((level) => CONSIDERATION_RULES.needLevels.includes(level));
  return { siblingGroup, olderChild, additionalNeeds, all: siblingGroup && olderChild && additionalNeeds };
}

/** Only households approved to adopt (approved, linked, matched, placed) count as families for the children who wait. */
export function isApprovedAdopter(stage: Stage): boolean {
  return (APPROVED_STAGES as readonly Stage[]).includes(stage);
}

/** Approved households with a current profile, and how many of them can consider each group of children. */
export type ConsiderationCounts = { approved: number; siblingGroup: number; olderChild: number; additionalNeeds: number; all: number };

/** Which rows an aggregate row sums: the grouping sets of the SQL. */
export const GROUPINGS = ['campaign_channel', 'campaign', 'attributed_channel', 'attributed', 'everyone'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/**
 * One row of the funnel aggregate. `campaignId` null in the campaign groupings means "no campaign";
 * `channel` null in the channel groupings means "channel not given"; `attributed` says whether the
 * attributed groupings are the households of any campaign (true) or of none (false).
 */
export type FunnelAggregate = {
  grouping: Grouping;
  campaignId: string | null;
  channel: Channel | null;
  attributed: boolean | null;
  /** Households that reached each funnel stage (its milestone date is set), in FUNNEL_STAGES order. */
  reached: number[];
  /** Households that reached both stage i and stage i + 1. */
  reachedBoth: number[];
  /** Median whole days from stage i to stage i + 1 over the households that reached both (percentile_cont(0.5)). */
  medianDays: (number | null)[];
  consider: ConsiderationCounts;
};

/** One household as the funnel sees it (the in-memory reference; production reads the SQL aggregate). */
export type FunnelHousehold = {
  campaignId: string | null;
  channel: Channel | null;
  stage: Stage;
  /** Milestone dates by funnel stage; enquiry is always set. */
  dates: Record<FunnelStage, IsoDate | null>;
  /** The current consideration profile, if any. */
  profile: ConsiderationFacts | null;
};

const DAY = 86_400_000;
const days = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** PostgreSQL's percentile_cont(0.5): the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(position)]!;
  const high = sorted[Math.ceil(position)]!;
  return low + (high - low) * (position - Math.floor(position));
}

function aggregateOf(
  grouping: Grouping,
  key: { campaignId: string | null; channel: Channel | null; attributed: boolean | null },
  rows: readonly FunnelHousehold[],
): FunnelAggregate {
  const reached = FUNNEL_STAGES.map((stage) => rows.filter((h) => h.dates[stage] !== null).length);
  const reachedBoth: number[] = [];
  const medianDays: (number | null)[] = [];
  for (let i = 0; i < INTERVALS; i++) {
    const from = FUNNEL_STAGES[i]!;
    const to = FUNNEL_STAGES[i + 1]!;
    const gaps = rows.filter((h) => h.dates[from] !== null && h.dates[to] !== null).map((h) => days(h.dates[from]!, h.dates[to]!));
    reachedBoth.push(gaps.length);
    medianDays.push(median(gaps));
  }
  const approved = rows.filter((h) => h.profile && isApprovedAdopter(h.stage)).map((h) => whoTheyCanConsider(h.profile!));
  return {
    grouping,
    ...key,
    reached,
    reachedBoth,
    medianDays,
    consider: {
      approved: approved.length,
      siblingGroup: approved.filter((c) => c.siblingGroup).length,
      olderChild: approved.filter((c) => c.olderChild).length,
      additionalNeeds: approved.filter((c) => c.additionalNeeds).length,
      all: approved.filter((c) => c.all).length,
    },
  };
}

function groupBy<K>(rows: readonly FunnelHousehold[], key: (h: FunnelHousehold) => K): Map<string, { key: K; rows: FunnelHousehold[] }> {
  const groups = new Map<string, { key: K; rows: FunnelHousehold[] }>();
  for (const row of rows) {
    const k = key(row);
    const id = JSON.stringify(k);
    const group = groups.get(id) ?? { key: k, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return groups;
}

/**
 * The aggregate the SQL computes (GROUP BY GROUPING SETS), from household rows in memory: the
 * definition of every figure, used by the tests to check the SQL. Groups with no household are absent.
 */
export function aggregateHouseholds(households: readonly FunnelHousehold[]): FunnelAggregate[] {
  const out: FunnelAggregate[] = [];
  for (const { key, rows } of groupBy(households, (h) => ({ campaignId: h.campaignId, channel: h.channel })).values())
    out.push(aggregateOf('campaign_channel', { ...key, attributed: null }, rows));
  for (const { key, rows } of groupBy(households, (h) => h.campaignId).values())
    out.push(aggregateOf('campaign', { campaignId: key, channel: null, attributed: null }, rows));
  for (const { key, rows } of groupBy(households, (h) => ({ attributed: h.campaignId !== null, channel: h.channel })).values())
    out.push(aggregateOf('attributed_channel', { campaignId: null, ...key }, rows));
  for (const { key, rows } of groupBy(households, (h) => h.campaignId !== null).values())
    out.push(aggregateOf('attributed', { campaignId: null, channel: null, attributed: key }, rows));
  if (households.length) out.push(aggregateOf('everyone', { campaignId: null, channel: null, attributed: null }, households));
  return out;
}

/** Counts of one campaign and channel, as the first SQL aggregate gives them: sums, so they roll up. */
export type CountRow = Pick<FunnelAggregate, 'campaignId' | 'channel' | 'reached' | 'reachedBoth' | 'consider'>;

/** The medians of one grouping, as the second SQL aggregate gives them: medians do not roll up, so SQL groups them. */
export type MedianRow = Pick<FunnelAggregate, 'grouping' | 'campaignId' | 'channel' | 'attributed' | 'medianDays'>;

const NO_CONSIDERATION: ConsiderationCounts = { approved: 0, siblingGroup: 0, olderChild: 0, additionalNeeds: 0, all: 0 };
const addUp = (a: number[], b: readonly number[]) => a.map((n, i) => n + (b[i] ?? 0));

/**
 * The aggregate of every grouping from the SQL's two aggregates: counts per campaign and channel
 * summed up to each campaign, all campaigns and no campaign (per channel too) and everyone; the
 * medians of each grouping attached as PostgreSQL computed them.
 */
export function combineAggregates(counts: readonly CountRow[], medians: readonly MedianRow[]): FunnelAggregate[] {
  const groups = new Map<string, FunnelAggregate>();
  const keyOf = (grouping: Grouping, campaignId: string | null, channel: Channel | null, attributed: boolean | null) =>
    JSON.stringify([grouping, campaignId, channel, attributed]);
  const add = (grouping: Grouping, campaignId: string | null, channel: Channel | null, attributed: boolean | null, row: CountRow) => {
    const key = keyOf(grouping, campaignId, channel, attributed);
    const group = groups.get(key) ?? {
      grouping,
      campaignId,
      channel,
      attributed,
      reached: FUNNEL_STAGES.map(() => 0),
      reachedBoth: Array.from({ length: INTERVALS }, () => 0),
      medianDays: Array.from({ length: INTERVALS }, () => null),
      consider: { ...NO_CONSIDERATION },
    };
    group.reached = addUp(group.reached, row.reached);
    group.reachedBoth = addUp(group.reachedBoth, row.reachedBoth);
    for (const k of Object.keys(group.consider) as (keyof ConsiderationCounts)[]) group.consider[k] += row.consider[k];
    groups.set(key, group);
  };
  for (const row of counts) {
    const attributed = row.campaignId !== null;
    add('campaign_channel', row.campaignId, row.channel, null, row);
    add('campaign', row.campaignId, null, null, row);
    add('attributed_channel', null, row.channel, attributed, row);
    add('attributed', null, null, attributed, row);
    add('everyone', null, null, null, row);
  }
  for (const m of medians) {
    const group = groups.get(keyOf(m.grouping, m.campaignId, m.channel, m.attributed));
    if (group) group.medianDays = [...m.medianDays];
  }
  return [...groups.values()];
}

/** A whole percentage, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((100 * part) / whole);
}

/** Pence per unit, to the whole penny; null when there is no cost to share or nothing to share it over. */
export function costPer(costPence: number | null, units: number): number | null {
  return costPence === null || units === 0 ? null : Math.round(costPence / units);
}

export type StageFigure = {
  stage: FunnelStage;
  reached: number;
  /**
   * Of the households that reached the previous stage, the share that reached this one. Measured
   * over households that reached both, so a stage people may skip (the information event) never
   * shows more than 100%. Null for enquiry, or when no one reached the previous stage.
   */
  fromPreviousPercent: number | null;
  /** Of every enquiry, the share that reached this stage. */
  fromEnquiryPercent: number | null;
  /** Median days from reaching the previous stage to reaching this one (households that reached both). */
  medianDaysFromPrevious: number | null;
};

export type Segment = {
  campaignId: string | null;
  channel: Channel | null;
  stages: StageFigure[];
  enquiries: number;
  /** Households that reached approval (approved_date set), whatever happened after. */
  approvals: number;
  /** What was spent, in pence; null where no cost applies (households of no campaign). */
  costPence: number | null;
  costPerEnquiryPence: number | null;
  costPerApprovalPence: number | null;
  consider: ConsiderationCounts;
};

export type CampaignRef = { id: string; name: string; nameCy: string | null; referrerCode: string; startDate: IsoDate; endDate: IsoDate | null };
export type CostLine = { campaignId: string; channel: Channel; amountPence: number };
export type SegmentGroup = { total: Segment; channels: Segment[] };
export type FunnelReport = {
  campaigns: (SegmentGroup & { campaign: CampaignRef })[];
  noCampaign: SegmentGroup;
  /** Every household attributed to a campaign, and every campaign's costs. */
  allCampaigns: SegmentGroup;
  /** Every household in the figures, with or without a campaign. */
  everyone: Segment;
};

const APPROVED_INDEX = FUNNEL_STAGES.indexOf('approved');

export function segmentOf(
  aggregate: FunnelAggregate | undefined,
  where: { campaignId: string | null; channel: Channel | null },
  costPence: number | null,
): Segment {
  const reached = aggregate?.reached ?? FUNNEL_STAGES.map(() => 0);
  const both = aggregate?.reachedBoth ?? [];
  const medians = aggregate?.medianDays ?? [];
  const enquiries = reached[0] ?? 0;
  const approvals = reached[APPROVED_INDEX] ?? 0;
  return {
    ...where,
    stages: FUNNEL_STAGES.map((stage, i) => ({
      stage,
      reached: reached[i] ?? 0,
      fromPreviousPercent: i === 0 ? null : percent(both[i - 1] ?? 0, reached[i - 1] ?? 0),
      fromEnquiryPercent: percent(reached[i] ?? 0, enquiries),
      medianDaysFromPrevious: i === 0 ? null : (medians[i - 1] ?? null),
    })),
    enquiries,
    approvals,
    costPence,
    costPerEnquiryPence: costPer(costPence, enquiries),
    costPerApprovalPence: costPer(costPence, approvals),
    consider: aggregate?.consider ?? NO_CONSIDERATION,
  };
}

/** Channels in the vocabulary's order, "not given" last. */
function byChannel(a: Channel | null, b: Channel | null): number {
  const rank = (c: Channel | null) => (c === null ? CHANNELS.length : CHANNELS.indexOf(c));
  return rank(a) - rank(b);
}

const sum = (costs: readonly CostLine[]) => costs.reduce((total, c) => total + c.amountPence, 0);

/**
 * The report from the aggregate rows, the campaigns and their costs: per campaign (and per channel
 * within it), households of no campaign, all campaigns together, and everyone. A campaign or a
 * channel with costs but no enquiries still appears, so money spent for nothing is visible.
 */
export function buildFunnel(input: { aggregates: readonly FunnelAggregate[]; campaigns: readonly CampaignRef[]; costs: readonly CostLine[] }): FunnelReport {
  const find = (grouping: Grouping, test: (a: FunnelAggregate) => boolean) => input.aggregates.find((a) => a.grouping === grouping && test(a));
  const channelsOf = (grouping: Grouping, test: (a: FunnelAggregate) => boolean, costs: readonly CostLine[] | null) => {
    const channels = new Set<Channel | null>([
      ...input.aggregates.filter((a) => a.grouping === grouping && test(a)).map((a) => a.channel),
      ...(costs ?? []).map((c) => c.channel),
    ]);
    return [...channels].sort(byChannel).map((channel) =>
      segmentOf(
        find(grouping, (a) => test(a) && a.channel === channel),
        { campaignId: null, channel },
        costs ? sum(costs.filter((c) => c.channel === channel)) : null,
      ),
    );
  };

  const campaigns = input.campaigns.map((campaign) => {
    const costs = input.costs.filter((c) => c.campaignId === campaign.id);
    const own = (a: FunnelAggregate) => a.campaignId === campaign.id;
    return {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        nameCy: campaign.nameCy,
        referrerCode: campaign.referrerCode,
        startDate: campaign.startDate,
        endDate: campaign.endDate,
      },
      total: segmentOf(find('campaign', own), { campaignId: campaign.id, channel: null }, sum(costs)),
      channels: channelsOf('campaign_channel', own, costs).map((s) => ({ ...s, campaignId: campaign.id })),
    };
  });
  const none = (a: FunnelAggregate) => a.campaignId === null;
  const attributed = (a: FunnelAggregate) => a.attributed === true;
  return {
    campaigns,
    noCampaign: { total: segmentOf(find('campaign', none), { campaignId: null, channel: null }, null), channels: channelsOf('campaign_channel', none, null) },
    allCampaigns: {
      total: segmentOf(find('attributed', attributed), { campaignId: null, channel: null }, sum(input.costs)),
      channels: channelsOf('attributed_channel', attributed, input.costs),
    },
    everyone: segmentOf(
      find('everyone', () => true),
      { campaignId: null, channel: null },
      null,
    ),
  };
}

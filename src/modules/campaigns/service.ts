import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { PageRequest } from '../../platform/db/keyset.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize, listScope } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { generateHouseholds } from '../recruitment/index.ts';
import { generateCampaigns } from './synthetic.ts';
import { insertSyntheticHouseholds } from '../recruitment/index.ts';
import { insertSyntheticCampaigns } from './synthetic-repository.ts';
import { buildFunnel, type FunnelReport } from './funnel.ts';
import type { CampaignInput, CampaignPatch, CostInput, FunnelFilters } from './inputs.ts';
import * as repo from './repository.ts';

export type Campaign = repo.CampaignRow;
export type CampaignCost = repo.CostRow;

const codeTaken = () => new ValidationError([{ field: 'referrerCode', key: 'campaigns:errors.referrerCode.taken' }]);

/** Recruitment campaigns, their costs, and the funnel from enquiry to placement. */
export function createCampaignsService(runner: UseCaseRunner, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  /** The organisation whose campaigns the actor works with (none for the platform itself: every one). */
  function scopeOf(ctx: RequestContext): string | undefined {
    const scope = listScope(ctx.actor, 'campaigns.view');
    return scope.kind === 'organisation' ? scope.organisationId : undefined;
  }

  /** Loads a campaign and asserts the action on it; out of scope answers 404. */
  async function load(tx: Tx, ctx: RequestContext, id: string, action: 'campaigns.view' | 'campaigns.edit'): Promise<Campaign> {
    const campaign = await repo.getCampaign(tx, id);
    if (!campaign) throw new NotFoundError();
    authorize(ctx.actor, action, { type: 'campaign', id, organisationId: campaign.organisationId });
    return campaign;
  }

  /** Saves, turning the database's refusal of a code already in use (by any organisation) into a message. */
  async function saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (repo.isReferrerCodeTaken(error)) throw codeTaken();
      throw error;
    }
  }

  /** A page of campaigns, newest first (the API). */
  async function pageCampaigns(ctx: RequestContext, page: PageRequest) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'campaigns.view');
      return repo.listCampaigns(tx, { organisationId: scopeOf(ctx) }, page);
    });
  }

  /** Every campaign, newest first (the pages' choice of campaign: an agency runs a few a year). */
  async function listCampaigns(ctx: RequestContext) {
    return (await pageCampaigns(ctx, { limit: 100_000 })).items;
  }

  async function getCampaign(ctx: RequestContext, id: string) {
    return run(ctx, async (tx) => {
      const campaign = await load(tx, ctx, id, 'campaigns.view');
      const costs = await repo.costsOf(tx, id);
      return { campaign, costs, totalCostPence: costs.reduce((sum, c) => sum + c.amountPence, 0) };
    });
  }

  async function createCampaign(ctx: RequestContext, input: CampaignInput): Promise<Campaign> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'campaigns.edit');
      if (ctx.actor.kind !== 'user') throw new NotFoundError();
      const organisationId = ctx.actor.organisationId;
      // Checked first for a clear answer; the unique index still decides a race (or another organisation's code).
      if (await repo.campaignByReferrerCode(tx, input.referrerCode)) throw codeTaken();
      const campaign = await saving(() =>
        repo.insertCampaign(tx, { ...input, organisationId, createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null }),
      );
      await recordAudit(tx, ctx, { action: 'campaigns.edit', resourceType: 'campaign', resourceId: campaign.id, detail: { event: 'created' } });
      return campaign;
    });
  }

  async function updateCampaign(ctx: RequestContext, id: string, patch: CampaignPatch, version: number): Promise<Campaign> {
    return run(ctx, async (tx) => {
      const campaign = await load(tx, ctx, id, 'campaigns.edit');
      const startDate = patch.startDate ?? campaign.startDate;
      const endDate = patch.endDate === undefined ? campaign.endDate : patch.endDate;
      if (endDate && endDate < startDate) throw new ValidationError([{ field: 'endDate', key: 'campaigns:errors.endDate.beforeStart' }]);
      if (patch.referrerCode && patch.referrerCode.toLowerCase() !== campaign.referrerCode.toLowerCase()) {
        const holder = await repo.campaignByReferrerCode(tx, patch.referrerCode);
        if (holder && holder.id !== id) throw codeTaken();
      }
      const changed = Object.entries(patch)
        .filter(([field, value]) => value !== undefined && JSON.stringify((campaign as Record<string, unknown>)[field]) !== JSON.stringify(value))
        .map(([field]) => field);
      const updated = await saving(() => repo.updateCampaign(tx, id, version, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))));
      if (!updated) throw new ConflictError('errors.conflict.body', campaign.version);
      await recordAudit(tx, ctx, {
        action: 'campaigns.edit',
        resourceType: 'campaign',
        resourceId: id,
        detail: { event: 'edited', fields: changed.join(',') },
      });
      return updated;
    });
  }

  /** Records what a campaign cost through one channel. */
  async function addCost(ctx: RequestContext, id: string, input: CostInput): Promise<CampaignCost> {
    return run(ctx, async (tx) => {
      const campaign = await load(tx, ctx, id, 'campaigns.edit');
      const cost = await repo.insertCost(tx, { ...input, campaignId: id, organisationId: campaign.organisationId });
      await recordAudit(tx, ctx, {
        action: 'campaigns.edit',
        resourceType: 'campaign',
        resourceId: id,
        detail: { event: 'cost-added', channel: input.channel, amountPence: input.amountPence },
      });
      return cost;
    });
  }

  /**
   * The funnel of every campaign (or one), over enquiries received between the dates when given.
   * Costs are those incurred in the same period. One aggregate in PostgreSQL, then pure rules.
   * Agency staff only (campaigns.view): exact counts, no suppression (see funnel.ts).
   */
  async function funnel(ctx: RequestContext, filters: FunnelFilters = {}): Promise<FunnelReport> {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'campaigns.view');
      const organisationId = scopeOf(ctx);
      if (filters.campaignId) await load(tx, ctx, filters.campaignId, 'campaigns.view');
      const all = (await repo.listCampaigns(tx, { organisationId }, { limit: 100_000 })).items;
      const campaigns = filters.campaignId ? all.filter((c) => c.id === filters.campaignId) : all;
      const [aggregates, costs] = [
        await repo.funnelAggregates(tx, { organisationId, ...filters }),
        await repo.costLines(
          tx,
          campaigns.map((c) => c.id),
          { from: filters.enquiryFrom, to: filters.enquiryTo },
        ),
      ];
      const report = buildFunnel({ aggregates, campaigns, costs });
      await recordAudit(tx, ctx, {
        action: 'campaigns.view',
        resourceType: 'campaign',
        resourceId: filters.campaignId,
        detail: { event: 'funnel', households: report.everyone.enquiries, filtered: Boolean(filters.enquiryFrom || filters.enquiryTo) },
      });
      return report;
    });
  }

  /**
   * The campaign a link's code names, for attributing an enquiry (the public form runs as the
   * platform). Matches whatever the case; undefined for an unknown code.
   */
  async function campaignForReferrerCode(
    ctx: RequestContext,
    code: string,
  ): Promise<Pick<Campaign, 'id' | 'organisationId' | 'name' | 'nameCy' | 'channels' | 'referrerCode'> | undefined> {
    if (!/^[A-Za-z0-9-]{1,40}$/.test(code)) return undefined;
    return run(ctx, async (tx) => {
      const campaign = await repo.campaignByReferrerCode(tx, code);
      return (
        campaign && {
          id: campaign.id,
          organisationId: campaign.organisationId,
          name: campaign.name,
          nameCy: campaign.nameCy,
          channels: campaign.channels,
          referrerCode: campaign.referrerCode,
        }
      );
    });
  }

  return { today, listCampaigns, pageCampaigns, getCampaign, createCampaign, updateCampaign, addCost, funnel, campaignForReferrerCode };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;

/**
 * Synthetic campaigns and adopter households for the demo, benchmarks and tests, written as the
 * platform itself in one transaction. With everyStage the first households stop one at each stage
 * (a small demo still shows them all). Once per seed and organisation: when the seed's campaigns
 * are already there, nothing is added and 0 is answered.
 */
export async function seedSyntheticRecruitment(
  runner: UseCaseRunner,
  ctx: RequestContext,
  options: {
    households: number;
    seed: number;
    today: IsoDate;
    organisationId: string;
    socialWorkerIds: string[];
    everyStage?: boolean;
    postcodes?: readonly string[];
  },
): Promise<{ campaigns: number; households: number }> {
  const campaigns = generateCampaigns({ seed: options.seed, today: options.today });
  if (await runner.run(ctx, (tx) => repo.campaignByReferrerCode(tx, campaigns[0]!.referrerCode))) return { campaigns: 0, households: 0 };
  const rows = generateHouseholds({
    count: options.households,
    seed: options.seed,
    today: options.today,
    campaigns,
    everyStage: options.everyStage,
    postcodes: options.postcodes,
  });
  return runner.run(ctx, async (tx) => {
    const campaignIds = await insertSyntheticCampaigns(tx, campaigns, { organisationId: options.organisationId });
    const n = await insertSyntheticHouseholds(tx, rows, { organisationId: options.organisationId, campaignIds, socialWorkerIds: options.socialWorkerIds });
    await recordAudit(tx, ctx, {
      action: 'demo.households',
      resourceType: 'household',
      detail: { rows: n, campaigns: campaignIds.length, seed: options.seed },
    });
    return { campaigns: campaignIds.length, households: n };
  });
}

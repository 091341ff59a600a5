import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { campaignInput, campaignPatch, costInput, funnelQuery, periodQuery } from './inputs.ts';
import type { Campaign } from './service.ts';
import { campaignDetail, campaignFunnel, campaignOut, campaignPage, costOut, funnelReport } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

/** The link people follow to enquire through a campaign (the public form reads ?campaign=). */
export function enquiryLink(campaign: Pick<Campaign, 'referrerCode'>): string {
  return `/enquire?campaign=${encodeURIComponent(campaign.referrerCode)}`;
}

/** The JSON API of campaigns and their funnel: the same service calls as the pages. */
export function campaignApiRoutes(services: Services) {
  const campaigns = services.campaigns;
  return [
    route({
      method: 'GET',
      url: '/api/v1/campaigns',
      kind: 'api',
      action: 'campaigns.view',
      summary: 'Your organisation’s recruitment campaigns, newest first (keyset-paginated), with their total cost in pence',
      query: pageQuery,
      response: campaignPage,
      handler: async (call) => {
        const page = await campaigns.pageCampaigns(call.ctx, { limit: call.query.limit, after: call.query.cursor });
        return pageAnswer({ ...page, items: page.items.map((c) => ({ ...c, enquiryLink: enquiryLink(c) })) });
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns',
      kind: 'api',
      action: 'campaigns.edit',
      summary: 'Create a campaign (its referrer code must not be in use, whatever the case)',
      body: campaignInput,
      successStatus: 201,
      response: campaignOut,
      handler: async (call) => {
        const created = await campaigns.createCampaign(call.ctx, call.body);
        call.reply.header('location', `/api/v1/campaigns/${created.id}`);
        setEtag(call.reply, created.version);
        return { ...created, enquiryLink: enquiryLink(created) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/funnel',
      kind: 'api',
      action: 'campaigns.view',
      summary: 'The funnel of every campaign, per channel, of no campaign and in total (agency staff only: exact counts)',
      query: funnelQuery,
      response: funnelReport,
      handler: async (call) => campaigns.funnel(call.ctx, call.query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id',
      kind: 'api',
      action: 'campaigns.view',
      summary: 'A campaign with its costs (ETag carries its version)',
      params: idParams,
      response: campaignDetail,
      handler: async (call) => {
        const found = await campaigns.getCampaign(call.ctx, call.params.id);
        setEtag(call.reply, found.campaign.version);
        return { ...found.campaign, enquiryLink: enquiryLink(found.campaign), costs: found.costs, totalCostPence: found.totalCostPence };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/campaigns/:id',
      kind: 'api',
      action: 'campaigns.edit',
      summary: 'Change a campaign (If-Match required; a stale version answers 412)',
      params: idParams,
      body: campaignPatch,
      response: campaignOut,
      versioned: { answer: (updated: Awaited<ReturnType<typeof campaigns.updateCampaign>>) => ({ ...updated, enquiryLink: enquiryLink(updated) }) },
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        return campaigns.updateCampaign(call.ctx, call.params.id, patch, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/costs',
      kind: 'api',
      action: 'campaigns.edit',
      summary: 'Record what the campaign cost through one channel (amountPence, integer pence)',
      params: idParams,
      body: costInput,
      successStatus: 201,
      response: costOut,
      handler: async (call) => campaigns.addCost(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/funnel',
      kind: 'api',
      action: 'campaigns.view',
      summary: 'One campaign’s funnel, in total and per channel, with cost per enquiry and per approval',
      params: idParams,
      query: periodQuery,
      response: campaignFunnel,
      handler: async (call) => {
        const report = await campaigns.funnel(call.ctx, { ...call.query, campaignId: call.params.id });
        const own = report.campaigns[0]!;
        return { campaign: own.campaign, total: own.total, channels: own.channels };
      },
    }),
  ];
}

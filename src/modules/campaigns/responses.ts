import { z } from 'zod';
import { isoDate, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { campaignCosts, campaigns } from './schema.ts';

/** What the campaign API answers (see the OpenAPI document): rows as the tables hold them, plus the link to enquire. */
const targetProfile = z.object({
  siblingGroups: z.boolean().optional(),
  ageMin: z.number().optional(),
  ageMax: z.number().optional(),
  needCategories: z.array(z.string()).optional(),
  candidate: z
    .object({ id: z.string(), profile: z.record(z.string(), z.unknown()) })
    .optional()
    .describe('The recruitment gap’s family profile the campaign is aimed at, as it was when the campaign took it'),
});

export const costOut = rowSchema(campaignCosts);
// The channel vocabulary through this module's own table: importing recruitment's front door here would close a cycle (recruitment's demo seeds campaigns).
const channel = costOut.shape.channel;
export const campaignOut = rowSchema(campaigns).extend({ targetProfile, enquiryLink: z.string() });
export const campaignPage = pageOf(campaignOut.extend({ totalCostPence: z.number().int() }));
export const campaignDetail = campaignOut.extend({ costs: z.array(costOut), totalCostPence: z.number().int() });

const segment = z.object({
  campaignId: z.uuid().nullable(),
  channel: channel.nullable(),
  stages: z.array(
    z.object({
      stage: z.string().describe('A funnel stage, enquiry to placed'),
      reached: z.number().int(),
      fromPreviousPercent: z.number().nullable(),
      fromEnquiryPercent: z.number().nullable(),
      medianDaysFromPrevious: z.number().nullable(),
    }),
  ),
  enquiries: z.number().int(),
  approvals: z.number().int(),
  costPence: z.number().nullable(),
  costPerEnquiryPence: z.number().nullable(),
  costPerApprovalPence: z.number().nullable(),
  consider: z.object({
    approved: z.number().int(),
    siblingGroup: z.number().int(),
    olderChild: z.number().int(),
    additionalNeeds: z.number().int(),
    all: z.number().int(),
  }),
});
const campaignRef = z.object({
  id: z.uuid(),
  name: z.string(),
  nameCy: z.string().nullable(),
  referrerCode: z.string(),
  startDate: isoDate(),
  endDate: isoDate().nullable(),
});
const segmentGroup = z.object({ total: segment, channels: z.array(segment) });

export const funnelReport = z.object({
  campaigns: z.array(segmentGroup.extend({ campaign: campaignRef })),
  noCampaign: segmentGroup,
  allCampaigns: segmentGroup,
  everyone: segment,
});
export const campaignFunnel = segmentGroup.extend({ campaign: campaignRef });

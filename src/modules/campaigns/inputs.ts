import { z } from 'zod';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { NEED_CATEGORIES } from '../children/index.ts';
import { CHANNELS } from '../recruitment/index.ts';
import { candidateProfileSchema } from '../matching/index.ts';

/** Validation of campaigns at every edge (API and pages). Messages are translation keys. */

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const date = (required: string) => z.string({ error: required }).trim().min(1, required).refine(isIsoDate, 'campaigns:errors.date.invalid');

const optionalDate = () =>
  z
    .union([z.string().trim(), z.null()])
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), 'campaigns:errors.date.invalid');

const age = z.coerce
  .number({ error: 'campaigns:errors.age.invalid' })
  .int('campaigns:errors.age.invalid')
  .min(0, 'campaigns:errors.age.invalid')
  .max(17, 'campaigns:errors.age.invalid');

/** The code in a campaign's links (?campaign=CODE): letters, digits and hyphens, unique whatever the case. */
export const REFERRER_CODE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

export const targetProfileInput = z
  .object({
    siblingGroups: z.boolean({ error: 'campaigns:errors.siblingGroups.invalid' }).optional(),
    ageMin: age.optional(),
    ageMax: age.optional(),
    needCategories: z
      .array(z.enum(NEED_CATEGORIES, { error: 'campaigns:errors.needCategories.invalid' }))
      .max(NEED_CATEGORIES.length)
      .optional(),
    /** A family profile of the recruitment gap the campaign is aimed at. */
    candidate: z
      .object({ id: z.uuid({ error: 'campaigns:errors.candidate.invalid' }), profile: candidateProfileSchema })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.ageMin !== undefined && t.ageMax !== undefined && t.ageMax < t.ageMin)
      ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'campaigns:errors.ageMax.belowMin' });
  });

const campaignFields = {
  name: z.string({ error: 'campaigns:errors.name.required' }).trim().min(1, 'campaigns:errors.name.required').max(200, 'errors.field.tooLong'),
  nameCy: text(200),
  description: text(2000),
  startDate: date('campaigns:errors.startDate.required'),
  endDate: optionalDate(),
  channels: z
    .array(z.enum(CHANNELS, { error: 'campaigns:errors.channels.invalid' }), { error: 'campaigns:errors.channels.required' })
    .min(1, 'campaigns:errors.channels.required')
    .max(CHANNELS.length),
  referrerCode: z
    .string({ error: 'campaigns:errors.referrerCode.required' })
    .trim()
    .min(1, 'campaigns:errors.referrerCode.required')
    .max(40, 'campaigns:errors.referrerCode.tooLong')
    .regex(REFERRER_CODE, 'campaigns:errors.referrerCode.invalid'),
};

/** An end date is optional (a campaign may run on), but never before the start. */
function endNotBeforeStart(c: { startDate?: string; endDate?: string | null }, ctx: z.RefinementCtx) {
  if (c.startDate && c.endDate && isIsoDate(c.startDate) && isIsoDate(c.endDate) && c.endDate < c.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'campaigns:errors.endDate.beforeStart' });
  }
}

export const campaignInput = z
  .object({ ...campaignFields, targetProfile: targetProfileInput.default({}) })
  .strict()
  .superRefine(endNotBeforeStart);
export type CampaignInput = z.infer<typeof campaignInput>;

/** A change to some fields; the service checks the dates again against what is kept. */
export const campaignPatch = z
  .object({ ...campaignFields, targetProfile: targetProfileInput })
  .partial()
  .extend({
    version: z.coerce
      .number({ error: 'errors.version.invalid' })
      .int('errors.version.invalid')
      .min(1, 'errors.version.invalid')
      .max(2147483647, 'errors.version.invalid')
      .optional(),
  })
  .strict()
  .superRefine(endNotBeforeStart);
export type CampaignPatch = Omit<z.infer<typeof campaignPatch>, 'version'>;

/** The largest amount one cost line may hold: a PostgreSQL integer of pence (about £21 million). */
export const MAX_PENCE = 2_147_483_647;

export const costInput = z
  .object({
    channel: z.enum(CHANNELS, { error: 'campaigns:errors.channel.invalid' }),
    amountPence: z
      .number({ error: 'campaigns:errors.amount.required' })
      .int('campaigns:errors.amount.invalid')
      .min(1, 'campaigns:errors.amount.invalid')
      .max(MAX_PENCE, 'campaigns:errors.amount.tooLarge'),
    incurredOn: date('campaigns:errors.incurredOn.required'),
    description: text(200),
  })
  .strict();
export type CostInput = z.infer<typeof costInput>;

/**
 * An amount in pounds as a person types it ("1250", "1,250.50", "£99.9") to whole pence; undefined
 * when it is not an amount of money.
 */
export function poundsToPence(text: string): number | undefined {
  const cleaned = text.trim().replace(/^£\s*/, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [pounds, pence = ''] = cleaned.replace(/,/g, '').split('.');
  const value = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
  return Number.isSafeInteger(value) ? value : undefined;
}

const period = {
  enquiryFrom: date('campaigns:errors.date.invalid').optional(),
  enquiryTo: date('campaigns:errors.date.invalid').optional(),
};

function periodInOrder(q: { enquiryFrom?: string; enquiryTo?: string }, ctx: z.RefinementCtx) {
  if (q.enquiryFrom && q.enquiryTo && q.enquiryTo < q.enquiryFrom)
    ctx.addIssue({ code: 'custom', path: ['enquiryTo'], message: 'campaigns:errors.enquiryTo.beforeFrom' });
}

/** Enquiries received between two dates (either may be left open). */
export const periodQuery = z.object(period).strict().superRefine(periodInOrder);

/** Which households the funnel counts: one campaign, and enquiries received between two dates. */
export const funnelQuery = z
  .object({ campaignId: z.uuid({ error: 'campaigns:errors.campaign.invalid' }).optional(), ...period })
  .strict()
  .superRefine(periodInOrder);
export type FunnelFilters = z.infer<typeof funnelQuery>;

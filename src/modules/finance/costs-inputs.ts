import { z } from 'zod';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { ACTIVITIES, CARE_KINDS, COSTED_ROLES, DIRECT_COST_CATEGORIES } from './costs-vocabulary.ts';

/**
 * Validation of the cost side's input at every edge. The API takes money in integer pence; the
 * pages take pounds as typed ("1,250.50") and turn them into pence here, without floating point.
 * Messages are translation keys of the finance-costs namespace.
 */

const E = (key: string) => `finance-costs:errors.${key}`;

const isoDate = (field: string) =>
  z
    .string({ error: E(`${field}.required`) })
    .trim()
    .min(1, E(`${field}.required`))
    .refine(isIsoDate, E(`${field}.invalid`));

/** Pence as a whole number (the API), within what one entry may hold. */
const pence = (field: string, min: number) =>
  z.coerce
    .number({ error: E(`${field}.invalid`) })
    .int(E(`${field}.whole`))
    .min(min, E(`${field}.tooSmall`))
    .max(2_000_000_000, E(`${field}.tooLarge`));

const year = (field: string) =>
  z.coerce
    .number({ error: E(`${field}.invalid`) })
    .int(E(`${field}.invalid`))
    .min(2000, E(`${field}.invalid`))
    .max(2100, E(`${field}.invalid`));

const text = (field: string, max: number) =>
  z
    .string({ error: E(`${field}.required`) })
    .trim()
    .min(1, E(`${field}.required`))
    .max(max, E(`${field}.tooLong`));

/** A period of a report: from and to, from not after to, at most 20 years. */
export const periodQuery = z
  .object({ from: isoDate('from'), to: isoDate('to') })
  .refine((p) => p.from <= p.to, { path: ['to'], message: E('to.beforeFrom') })
  .refine((p) => Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) <= 20, { path: ['to'], message: E('to.tooLong') });
export type Period = z.infer<typeof periodQuery>;

export const activitySettingInput = z.object({
  activity: z.enum(ACTIVITIES, { error: E('activity.invalid') }),
  defaultMinutes: z.coerce
    .number({ error: E('defaultMinutes.invalid') })
    .int(E('defaultMinutes.invalid'))
    .min(1, E('defaultMinutes.invalid'))
    .max(1440, E('defaultMinutes.invalid')),
  roles: z.array(z.enum(COSTED_ROLES, { error: E('roles.invalid') })).min(1, E('roles.required')),
});
export type ActivitySettingInput = z.infer<typeof activitySettingInput>;

export const hourlyRateInput = z.object({
  role: z.enum(COSTED_ROLES, { error: E('role.invalid') }),
  financialYear: year('financialYear'),
  pencePerHour: pence('pencePerHour', 0),
});
export type HourlyRateInput = z.infer<typeof hourlyRateInput>;

export const directCostInput = z.object({
  incurredOn: isoDate('incurredOn'),
  category: z.enum(DIRECT_COST_CATEGORIES, { error: E('category.invalid') }),
  description: text('description', 500),
  /** Negative only to correct an earlier entry (the register is never edited). */
  amountPence: pence('amountPence', -2_000_000_000).refine((v) => v !== 0, E('amountPence.zero')),
  localAuthorityId: z
    .uuid({ error: E('localAuthorityId.invalid') })
    .nullable()
    .optional(),
});
export type DirectCostInput = z.infer<typeof directCostInput>;

export const reinvestmentInput = z.object({
  reinvestedOn: isoDate('reinvestedOn'),
  amountPence: pence('amountPence', -2_000_000_000).refine((v) => v !== 0, E('amountPence.zero')),
  purpose: text('purpose', 500),
});
export type ReinvestmentInput = z.infer<typeof reinvestmentInput>;

export const unitCostInput = z.object({
  careKind: z.enum(CARE_KINDS, { error: E('careKind.invalid') }),
  priceYear: year('priceYear'),
  weeklyPence: pence('weeklyPence', 0),
  source: text('source', 300),
});
export type UnitCostInput = z.infer<typeof unitCostInput>;

export const priceIndexInput = z.object({
  financialYear: year('financialYear'),
  indexThousandths: z.coerce
    .number({ error: E('index.invalid') })
    .int(E('index.invalid'))
    .min(1, E('index.invalid'))
    .max(100_000_000, E('index.invalid')),
});
export type PriceIndexInput = z.infer<typeof priceIndexInput>;

export const returnSettingsInput = z.object({
  discountBasisPoints: z.coerce
    .number({ error: E('discount.invalid') })
    .int(E('discount.invalid'))
    .min(0, E('discount.invalid'))
    .max(2000, E('discount.invalid')),
  defaultRouteFeePence: pence('defaultRouteFeePence', 0),
});
export type ReturnSettingsInput = z.infer<typeof returnSettingsInput>;

export const careChoiceInput = z.object({
  careKind: z.enum(CARE_KINDS, { error: E('careKind.invalid') }),
  reason: text('reason', 500),
});
export type CareChoiceInput = z.infer<typeof careChoiceInput>;

/**
 * Pounds as a person types them ("1,250.5", "£646", "-12.00") as pence, or undefined when it is
 * not an amount. Digits only: the text never passes through a floating-point number.
 */
export function penceFromPounds(typed: string): number | undefined {
  const cleaned = typed.trim().replace(/^£/, '').replace(/,/g, '');
  const match = /^(-)?£?(\d{1,8})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const pounds = Number(match[2]);
  const pennies = Number((match[3] ?? '').padEnd(2, '0'));
  const total = pounds * 100 + pennies;
  return match[1] ? -total : total;
}

/** A percentage as typed ("3.5", "3.5%", "0") as basis points, or undefined. */
export function basisPointsFromPercent(typed: string): number | undefined {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?%?$/.exec(typed.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** An index figure as typed ("133.3") as thousandths, or undefined. */
export function thousandthsFromIndex(typed: string): number | undefined {
  const match = /^(\d{1,5})(?:\.(\d{1,3}))?$/.exec(typed.trim());
  if (!match) return undefined;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

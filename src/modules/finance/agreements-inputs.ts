import { z } from 'zod';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { fields } from '../../platform/http/validation.ts';
import { AGREEMENT_PARTIES, FEE_TRIGGERS, VAT_STATUSES } from './schema.ts';

/** Validation of money-in input at every edge (API and pages). Messages are translation keys. */

export const isoDate = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .refine((v) => isIsoDate(v), key);

/** Whole pence, as the API takes money (no floating point). */
export const pence = (key: string, min = 0) => z.coerce.number({ error: key }).int(key).min(min, key).max(2_000_000_000, key);

/** Pounds and pence as a person types them on a page ("2,000" or "2000.50"), into integer pence without floating point. */
export const poundsField = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .transform((v) => v.replace(/[£,\s]/g, ''))
    .refine((v) => /^\d{1,8}(\.\d{1,2})?$/.test(v), key)
    .transform((v) => {
      const [whole, fraction = ''] = v.split('.');
      return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    });

const text = (max: number, key: string) => z.string({ error: key }).trim().min(1, key).max(max, 'errors.field.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const feeScheduleItem = z.object({
  trigger: z.enum(FEE_TRIGGERS, { error: 'billing:errors.trigger.invalid' }),
  amountPence: pence('billing:errors.amount.invalid'),
  siblingAmountPence: pence('billing:errors.amount.invalid').nullable().optional(),
  vatStatus: z.enum(VAT_STATUSES, { error: 'billing:errors.vatStatus.invalid' }).default('exempt'),
  label: optionalText(200),
  labelCy: optionalText(200),
});

const basisPoints = z.coerce
  .number({ error: 'billing:errors.uplift.invalid' })
  .int('billing:errors.uplift.invalid')
  .min(0, 'billing:errors.uplift.invalid')
  .max(10_000, 'billing:errors.uplift.invalid');

export const upliftInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('percentage'), basisPoints, capBasisPoints: basisPoints.nullable().optional() }),
    z.object({
      kind: z.literal('index'),
      figures: z.array(z.object({ year: z.number().int().min(2000).max(2100), value: z.number().positive('billing:errors.uplift.invalid') })).max(100),
      capBasisPoints: basisPoints.nullable().optional(),
    }),
  ],
  { error: 'billing:errors.uplift.invalid' },
);

export const signatoryInput = z.object({
  name: text(200, 'billing:errors.signatory.required'),
  role: text(200, 'billing:errors.signatory.required'),
  organisation: text(200, 'billing:errors.signatory.required'),
  signedOn: isoDate('billing:errors.date.invalid')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

/** The terms of one version of an agreement, from a date. */
export const termsInput = z
  .object({
    effectiveFrom: isoDate('billing:errors.date.invalid'),
    periodStart: isoDate('billing:errors.date.invalid'),
    periodEnd: isoDate('billing:errors.date.invalid')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    services: z.array(text(200, 'billing:errors.services.invalid')).max(30).default([]),
    feeSchedule: z.array(feeScheduleItem).min(1, 'billing:errors.feeSchedule.required').max(20),
    uplift: upliftInput.default({ kind: 'none' }),
    childCapPerYear: z.coerce
      .number()
      .int('billing:errors.cap.invalid')
      .min(1, 'billing:errors.cap.invalid')
      .max(10_000, 'billing:errors.cap.invalid')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    supportHourlyPence: pence('billing:errors.amount.invalid')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    paymentTermsDays: z.coerce
      .number()
      .int('billing:errors.terms.invalid')
      .min(0, 'billing:errors.terms.invalid')
      .max(365, 'billing:errors.terms.invalid')
      .default(30),
    signatories: z.array(signatoryInput).max(20).default([]),
    notes: optionalText(4000),
    /** Why the terms changed (the pages ask for it on every new version). */
    reason: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd && v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'billing:errors.period.endBeforeStart' });
    const triggers = v.feeSchedule.map((f) => f.trigger);
    if (new Set(triggers).size !== triggers.length) ctx.addIssue({ code: 'custom', path: ['feeSchedule'], message: 'billing:errors.feeSchedule.duplicate' });
  });

export const agreementInput = z.object({
  name: text(200, 'billing:errors.name.required'),
  reference: text(60, 'billing:errors.reference.required'),
  party: z.enum(AGREEMENT_PARTIES, { error: 'billing:errors.party.invalid' }),
  authorityIds: z.array(fields.uuid()).min(1, 'billing:errors.authorities.required').max(30),
  language: z.enum(['en', 'cy'], { error: 'billing:errors.language.invalid' }).default('en'),
  terms: termsInput,
});

export type AgreementInput = Omit<z.infer<typeof agreementInput>, 'terms'> & { terms: TermsInput };
/** The terms as the service takes them (a reason is asked for by the pages, optional through the API). */
export type TermsInput = Omit<z.infer<typeof termsInput>, 'reason'> & { reason?: string | null };

export const rateInput = z.object({
  effectiveFrom: isoDate('billing:errors.date.invalid'),
  firstChildPence: pence('billing:errors.amount.invalid'),
  siblingPence: pence('billing:errors.amount.invalid'),
  description: text(200, 'billing:errors.description.required'),
});
export type RateInput = z.infer<typeof rateInput>;

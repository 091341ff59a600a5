import { z } from 'zod';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { fields } from '../../platform/http/validation.ts';
import { CHOOSABLE_FIELDS } from './dictionary.ts';
import { LAWFUL_BASES } from './schema.ts';

/** Validation of agreements and extracts at every edge (API and pages). Messages are translation keys. */
const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, required).max(max, 'errors.field.tooLong');
const date = (required: string) => z.string({ error: required }).trim().min(1, required).refine(isIsoDate, 'research:errors.date.invalid');

/** The terms of an agreement: everything but the research partner (a new partner is a new agreement). */
const agreementTerms = z.strictObject({
  title: text(200, 'research:errors.title.required'),
  purpose: text(4000, 'research:errors.purpose.required'),
  lawfulBasis: z.enum(LAWFUL_BASES, { error: 'research:errors.lawfulBasis.required' }),
  fields: z
    .array(z.enum(CHOOSABLE_FIELDS, { error: 'research:errors.fields.unknown' }), { error: 'research:errors.fields.required' })
    .min(1, 'research:errors.fields.required'),
  startDate: date('research:errors.startDate.required'),
  endDate: date('research:errors.endDate.required'),
  signedByName: text(200, 'research:errors.signedByName.required'),
  signedByRole: text(200, 'research:errors.signedByRole.required'),
  signedOn: date('research:errors.signedOn.required'),
});
const endsAfterStart = { path: ['endDate'], message: 'research:errors.endDate.beforeStart' };

/** A new data-sharing agreement (the API's body; the page's form is read into the same shape). */
export const agreementInput = agreementTerms.extend({ partnerOrganisationId: fields.uuid() }).refine((a) => a.endDate >= a.startDate, endsAfterStart);
export type AgreementInput = z.infer<typeof agreementInput>;

/** An amendment made on the agreement's page: every term restated, as the new version of the agreement will read. */
export const agreementAmendment = agreementTerms.refine((a) => a.endDate >= a.startDate, endsAfterStart);
export type AgreementAmendment = z.infer<typeof agreementAmendment>;

/** An amendment: any of the terms except the partner (a new partner is a new agreement). Each saved amendment is a new version. */
export const agreementPatch = agreementTerms.extend({ version: fields.version() }).partial();
export type AgreementPatch = z.infer<typeof agreementPatch>;

/** An extract: every field of the agreement unless fewer are named (any name: one outside the agreement is refused with its reason). */
export const extractInput = z.strictObject({
  fields: z.array(z.string().trim().min(1).max(60)).max(60).optional(),
});
export type ExtractInput = z.infer<typeof extractInput>;

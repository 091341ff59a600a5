import type { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateField, dateParts, firstPerField, list, text, type Form } from '../../platform/forms/forms.ts';
import { agreementInput, rateInput, termsInput, type AgreementInput, type RateInput, type TermsInput } from './agreements-inputs.ts';
import { basisPointsFromPercent, penceFromPounds } from './costs-inputs.ts';
import { poundsText } from './costs-money.ts';
import type { AgreementVersionRow, RateRow } from './agreements-repository.ts';
import { FEE_TRIGGERS, type FeeTrigger } from './schema.ts';

/**
 * The agreement and fee-rate forms of the pages: what a person types (pounds, percentages, dates in
 * three boxes, one service or signatory a line) as the service takes it (pence, basis points, ISO
 * dates). Every mistake is shown at once, at its box. Money never passes through floating point.
 */

export const TERMS_DATE_FIELDS = ['effectiveFrom', 'periodStart', 'periodEnd'] as const;
const UPLIFT_KINDS = ['none', 'percentage', 'index'] as const;

/** Every mistake at once, one per field. */
function parseAll<S extends z.ZodType>(schema: S, values: Record<string, unknown>, errors: FieldError[]): z.infer<S> {
  const result = schema.safeParse(values);
  const all = firstPerField([...errors, ...(result.success ? [] : toFieldErrors(result.error))]);
  if (all.length || !result.success) throw new ValidationError(all);
  return result.data;
}

/** A typed amount in pounds as pence; blank is `undefined` (no amount), a mistake goes on its box. */
function pounds(form: Form, name: string, errors: FieldError[], required = false): number | undefined | null {
  const typed = text(form, name);
  if (!typed) {
    if (required) errors.push({ field: name, key: 'billing:errors.amount.invalid' });
    return null;
  }
  const pence = penceFromPounds(typed);
  if (pence === undefined || pence < 0) {
    errors.push({ field: name, key: 'billing:errors.amount.invalid' });
    return undefined;
  }
  return pence;
}

function percent(form: Form, name: string, errors: FieldError[]): number | null | undefined {
  const typed = text(form, name);
  if (!typed) return null;
  const bp = basisPointsFromPercent(typed);
  if (bp === undefined) errors.push({ field: name, key: 'billing:errors.uplift.invalid' });
  return bp;
}

const lines = (form: Form, name: string) =>
  text(form, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The terms as typed: fee schedule one row per step, uplift, cap, signatories one a line ("name; role; organisation; date"). */
export function termsFromForm(form: Form, options: { effectiveFromIsStart?: boolean; reasonRequired?: boolean } = {}): TermsInput {
  const errors: FieldError[] = [];
  const periodStart = dateField(form, 'periodStart', errors, { required: 'billing:errors.date.invalid', invalid: 'billing:errors.date.invalid' });
  const periodEnd = dateField(form, 'periodEnd', errors, { invalid: 'billing:errors.date.invalid' });
  const effectiveFrom = options.effectiveFromIsStart
    ? periodStart
    : dateField(form, 'effectiveFrom', errors, { required: 'billing:errors.date.invalid', invalid: 'billing:errors.date.invalid' });

  const feeSchedule = [];
  for (const trigger of FEE_TRIGGERS) {
    const amount = pounds(form, `fee-${trigger}-amount`, errors);
    const sibling = pounds(form, `fee-${trigger}-sibling`, errors);
    if (amount === null) {
      if (sibling != null) errors.push({ field: `fee-${trigger}-amount`, key: 'billing:errors.amount.invalid' });
      continue;
    }
    feeSchedule.push({ trigger, amountPence: amount, siblingAmountPence: sibling ?? null, vatStatus: text(form, `fee-${trigger}-vat`) || 'exempt' });
  }

  const kind = text(form, 'upliftKind') || 'none';
  let uplift: unknown = { kind };
  if (kind === 'percentage') {
    const rate = percent(form, 'upliftPercent', errors);
    if (rate === null) errors.push({ field: 'upliftPercent', key: 'billing:errors.uplift.invalid' });
    uplift = { kind, basisPoints: rate, capBasisPoints: percent(form, 'upliftCap', errors) };
  } else if (kind === 'index') {
    const figures = [];
    for (const line of lines(form, 'upliftFigures')) {
      const match = /^(\d{4})\s*[:=\s]\s*(\d{1,5}(?:\.\d{1,3})?)$/.exec(line);
      if (!match) {
        errors.push({ field: 'upliftFigures', key: 'billing:errors.uplift.figures' });
        break;
      }
      figures.push({ year: Number(match[1]), value: Number(match[2]) });
    }
    uplift = { kind, figures, capBasisPoints: percent(form, 'upliftIndexCap', errors) };
  } else if (!(UPLIFT_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'upliftKind', key: 'billing:errors.uplift.invalid' });

  const signatories = [];
  for (const line of lines(form, 'signatories')) {
    const [name = '', role = '', organisation = '', signedOn = ''] = line.split(';').map((p) => p.trim());
    if (!name || !role || !organisation || (signedOn && !/^\d{4}-\d{2}-\d{2}$/.test(signedOn))) {
      errors.push({ field: 'signatories', key: 'billing:errors.signatory.line' });
      break;
    }
    signatories.push({ name, role, organisation, signedOn: signedOn || null });
  }

  const reason = text(form, 'reason');
  if (options.reasonRequired && !reason) errors.push({ field: 'reason', key: 'billing:errors.reason.required' });

  return parseAll(
    termsInput,
    {
      effectiveFrom: effectiveFrom ?? undefined,
      periodStart: periodStart ?? undefined,
      periodEnd,
      services: lines(form, 'services'),
      feeSchedule,
      uplift,
      childCapPerYear: text(form, 'childCapPerYear') || null,
      supportHourlyPence: pounds(form, 'supportHourly', errors) ?? null,
      paymentTermsDays: text(form, 'paymentTermsDays') || undefined,
      signatories,
      notes: text(form, 'notes') || null,
      reason: reason || null,
    },
    errors,
  );
}

/** A new agreement: who it is with, and its first terms (in force from the start of its period). */
export function agreementFromForm(form: Form): AgreementInput {
  const errors: FieldError[] = [];
  let terms: TermsInput | undefined;
  try {
    terms = termsFromForm(form, { effectiveFromIsStart: true });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(...error.fieldErrors);
  }
  const header = {
    name: text(form, 'name'),
    reference: text(form, 'reference'),
    party: text(form, 'party') || undefined,
    authorityIds: list(form, 'authorityIds'),
    language: text(form, 'language') || undefined,
  };
  const result = agreementInput.omit({ terms: true }).safeParse(header);
  const all = firstPerField([...(result.success ? [] : toFieldErrors(result.error)), ...errors]);
  if (all.length || !result.success || !terms) throw new ValidationError(all);
  return { ...result.data, terms };
}

/** A row of the inter-agency fee table as typed. */
export function rateFromForm(form: Form): RateInput {
  const errors: FieldError[] = [];
  const effectiveFrom = dateField(form, 'effectiveFrom', errors, { required: 'billing:errors.date.invalid', invalid: 'billing:errors.date.invalid' });
  const firstChildPence = pounds(form, 'firstChild', errors, true);
  const siblingPence = pounds(form, 'sibling', errors, true);
  return parseAll(
    rateInput,
    {
      effectiveFrom: effectiveFrom ?? undefined,
      firstChildPence: firstChildPence ?? undefined,
      siblingPence: siblingPence ?? undefined,
      description: text(form, 'description'),
    },
    errors,
  );
}

/** The service's field names → the form's boxes, for the error summary. */
export const TERMS_FIELD_NAMES: Record<string, string> = {
  feeSchedule: `fee-${FEE_TRIGGERS[0]}-amount`,
  uplift: 'upliftKind',
  'uplift.basisPoints': 'upliftPercent',
  'uplift.capBasisPoints': 'upliftCap',
  'uplift.figures': 'upliftFigures',
  supportHourlyPence: 'supportHourly',
  firstChildPence: 'firstChild',
  siblingPence: 'sibling',
};

/** Money as typed in a box ("6000.00"). */
const typedPounds = (pence: number | null | undefined) => (pence == null ? '' : poundsText(pence).replace(/[£,]/g, ''));
const typedPercent = (bp: number | null | undefined) => (bp == null ? '' : `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);

/** A version's terms as the boxes of the form (a new version starts from the latest terms). */
export function termsToForm(v: AgreementVersionRow): Form {
  const form: Form = {
    ...dateParts('periodStart', v.periodStart),
    ...dateParts('periodEnd', v.periodEnd),
    services: v.services.join('\n'),
    upliftKind: v.uplift.kind,
    childCapPerYear: v.childCapPerYear == null ? '' : String(v.childCapPerYear),
    supportHourly: typedPounds(v.supportHourlyPence),
    paymentTermsDays: String(v.paymentTermsDays),
    signatories: v.signatories.map((s) => [s.name, s.role, s.organisation, s.signedOn ?? ''].join('; ').replace(/; $/, '')).join('\n'),
    notes: v.notes ?? '',
  };
  if (v.uplift.kind === 'percentage')
    Object.assign(form, { upliftPercent: typedPercent(v.uplift.basisPoints), upliftCap: typedPercent(v.uplift.capBasisPoints) });
  if (v.uplift.kind === 'index')
    Object.assign(form, {
      upliftFigures: v.uplift.figures.map((f) => `${f.year}: ${f.value}`).join('\n'),
      upliftIndexCap: typedPercent(v.uplift.capBasisPoints),
    });
  for (const f of v.feeSchedule) {
    form[`fee-${f.trigger}-amount`] = typedPounds(f.amountPence);
    form[`fee-${f.trigger}-sibling`] = typedPounds(f.siblingAmountPence);
    form[`fee-${f.trigger}-vat`] = f.vatStatus ?? 'exempt';
  }
  return form;
}

export const rateToForm = (r: RateRow): Form => ({
  ...dateParts('effectiveFrom', r.effectiveFrom),
  firstChild: typedPounds(r.firstChildPence),
  sibling: typedPounds(r.siblingPence),
  description: r.description,
  version: String(r.version),
});

export type { FeeTrigger };

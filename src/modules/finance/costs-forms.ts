import type { FieldError } from '../../platform/http/errors.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateField, firstPerField, list, text, type Form } from '../../platform/forms/forms.ts';
import type { z } from 'zod';
import {
  activitySettingInput,
  basisPointsFromPercent,
  directCostInput,
  hourlyRateInput,
  penceFromPounds,
  priceIndexInput,
  reinvestmentInput,
  returnSettingsInput,
  thousandthsFromIndex,
  unitCostInput,
} from './costs-inputs.ts';

/**
 * The cost side's forms: what a page posts, as the service takes it. Money is typed in pounds and
 * becomes pence here (costs-inputs.ts); a percentage becomes basis points; an index, thousandths.
 */

export const SETTING_KINDS = ['rate', 'activity', 'unit-cost', 'price-index', 'return'] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

/** Every mistake at once, one per field. */
function parseAll<S extends z.ZodType>(schema: S, values: Record<string, unknown>, errors: FieldError[] = []): z.infer<S> {
  const result = schema.safeParse(values);
  const all = firstPerField([...errors, ...(result.success ? [] : toFieldErrors(result.error))]);
  if (all.length || !result.success) throw new ValidationError(all);
  return result.data;
}

/** A typed amount as pence, or a mistake on its box (blank: required; not an amount: invalid). */
function money(form: Form, name: string, errors: FieldError[], field = name): number | undefined {
  const typed = text(form, name);
  if (!typed) {
    errors.push({ field, key: `finance-costs:errors.${field}.required` });
    return undefined;
  }
  const pence = penceFromPounds(typed);
  if (pence === undefined) errors.push({ field, key: `finance-costs:errors.${field}.invalid` });
  return pence;
}

export function settingFromForm(kind: SettingKind, form: Form, activity?: string) {
  const errors: FieldError[] = [];
  switch (kind) {
    case 'rate':
      return {
        kind,
        input: parseAll(
          hourlyRateInput,
          { role: text(form, 'role') || undefined, financialYear: text(form, 'financialYear'), pencePerHour: money(form, 'pencePerHour', errors) },
          errors,
        ),
      } as const;
    case 'activity':
      return {
        kind,
        input: parseAll(activitySettingInput, { activity, defaultMinutes: text(form, 'defaultMinutes'), roles: list(form, 'roles') }, errors),
      } as const;
    case 'unit-cost':
      return {
        kind,
        input: parseAll(
          unitCostInput,
          {
            careKind: text(form, 'careKind') || undefined,
            priceYear: text(form, 'priceYear'),
            weeklyPence: money(form, 'weeklyPence', errors),
            source: text(form, 'source'),
          },
          errors,
        ),
      } as const;
    case 'price-index': {
      const index = thousandthsFromIndex(text(form, 'indexThousandths'));
      if (index === undefined) errors.push({ field: 'indexThousandths', key: 'finance-costs:errors.index.invalid' });
      return { kind, input: parseAll(priceIndexInput, { financialYear: text(form, 'financialYear'), indexThousandths: index }, errors) } as const;
    }
    case 'return': {
      const discount = basisPointsFromPercent(text(form, 'discountBasisPoints'));
      if (discount === undefined) errors.push({ field: 'discountBasisPoints', key: 'finance-costs:errors.discount.invalid' });
      return {
        kind,
        input: parseAll(returnSettingsInput, { discountBasisPoints: discount, defaultRouteFeePence: money(form, 'defaultRouteFeePence', errors) }, errors),
      } as const;
    }
  }
}

export function directCostFromForm(form: Form) {
  const errors: FieldError[] = [];
  const incurredOn = dateField(form, 'incurredOn', errors, {
    required: 'finance-costs:errors.incurredOn.required',
    invalid: 'finance-costs:errors.incurredOn.invalid',
  });
  return parseAll(
    directCostInput,
    {
      incurredOn: incurredOn ?? undefined,
      category: text(form, 'category') || undefined,
      description: text(form, 'description'),
      amountPence: money(form, 'amountPence', errors),
      localAuthorityId: text(form, 'localAuthorityId') || null,
    },
    errors,
  );
}

export function reinvestmentFromForm(form: Form) {
  const errors: FieldError[] = [];
  const reinvestedOn = dateField(form, 'reinvestedOn', errors, {
    required: 'finance-costs:errors.reinvestedOn.required',
    invalid: 'finance-costs:errors.reinvestedOn.invalid',
  });
  return parseAll(
    reinvestmentInput,
    { reinvestedOn: reinvestedOn ?? undefined, amountPence: money(form, 'amountPence', errors), purpose: text(form, 'purpose') },
    errors,
  );
}

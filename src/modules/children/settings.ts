import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { text } from '../../platform/forms/forms.ts';
import type { ChildrenConfig } from './config.ts';
import { STANDARD_ACES } from './aces.ts';

/**
 * The part of the children's configuration the agency changes on its settings page: priority
 * thresholds, waiting-clock thresholds, the ACE comparator and disclosure control. Stored as
 * JSON, one version per change; validated here on the way in and on the way out.
 */
export type ChildrenSettings = {
  priority: { minimumAgeYears: number; waitingMonthsSincePlacementOrder: number };
  clocks: { warningMonths: number; urgentMonths: number };
  comparator: { meanAces: number; label: { en: string; cy: string } };
  disclosure: { minimumCount: number; roundTotalsTo: number };
};

/** Totals may be published as they are, or rounded to the nearest 5 or 10 (official practice). */
export const ROUNDINGS = [1, 5, 10] as const;

/** Suppressing counts below 3 is the least any publication of children's statistics does. */
export const LOWEST_MINIMUM_COUNT = 3;
export const HIGHEST_MINIMUM_COUNT = 20;
/** Longest threshold in months (20 years: longer than any child's journey). */
export const MAX_MONTHS = 240;
/** Children are placed for adoption before they are 18. */
export const MAX_AGE_YEARS = 17;

const E = 'children:errors.settings';

/** A whole number in a range; `name` words both messages for its own box ("Enter the warning time as …"). */
const wholeNumber = (min: number, max: number, name: string) =>
  z
    .number({ error: `${E}.${name}Whole` })
    .finite(`${E}.${name}Whole`)
    .int(`${E}.${name}Whole`)
    .min(min, `${E}.${name}Range`)
    .max(max, `${E}.${name}Range`);

const label = (required: string) => z.string({ error: required }).trim().min(1, required).max(200, `${E}.labelTooLong`);

export const childrenSettingsSchema = z.strictObject({
  priority: z.strictObject({
    minimumAgeYears: wholeNumber(1, MAX_AGE_YEARS, 'age'),
    waitingMonthsSincePlacementOrder: wholeNumber(1, MAX_MONTHS, 'waiting'),
  }),
  clocks: z.strictObject({
    warningMonths: wholeNumber(1, MAX_MONTHS, 'warning'),
    urgentMonths: wholeNumber(1, MAX_MONTHS, 'urgent'),
  }),
  comparator: z.strictObject({
    meanAces: z
      .number({ error: `${E}.meanInvalid` })
      .finite(`${E}.meanInvalid`)
      .min(0, `${E}.meanRange`)
      .max(STANDARD_ACES.length, `${E}.meanRange`)
      .refine((n) => Math.round(n * 10) === n * 10, `${E}.meanDecimals`),
    label: z.strictObject({ en: label(`${E}.labelEnRequired`), cy: label(`${E}.labelCyRequired`) }),
  }),
  disclosure: z.strictObject({
    minimumCount: wholeNumber(LOWEST_MINIMUM_COUNT, HIGHEST_MINIMUM_COUNT, 'minimumCount'),
    roundTotalsTo: z.literal(ROUNDINGS, { error: `${E}.roundingInvalid` }),
  }),
});

/**
 * The urgent time comes after the warning time. Checked on its own rather than as a refinement of
 * the schema, so that it is reported in the same round as a problem in another box.
 */
function clockOrderError(input: unknown): FieldError | undefined {
  const clocks = (input as { clocks?: { warningMonths?: unknown; urgentMonths?: unknown } } | null)?.clocks;
  const { warningMonths, urgentMonths } = clocks ?? {};
  if (typeof warningMonths !== 'number' || typeof urgentMonths !== 'number') return undefined;
  return urgentMonths <= warningMonths ? { field: 'clocks.urgentMonths', key: `${E}.urgentAfterWarning` } : undefined;
}

/** Checks stored or submitted settings; errors are translation keys by dotted field (clocks.urgentMonths). */
export function validateChildrenSettings(input: unknown): { ok: true; settings: ChildrenSettings } | { ok: false; errors: FieldError[] } {
  const result = childrenSettingsSchema.safeParse(input);
  const order = clockOrderError(input);
  if (result.success && !order) return { ok: true, settings: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error?.issues ?? []) {
    const field = issue.path.map(String).join('.') || 'settings';
    if (errors.some((e) => e.field === field)) continue;
    errors.push({ field, key: issue.message.startsWith(`${E}.`) ? issue.message : `${E}.invalid` });
  }
  if (order && !errors.some((e) => e.field === order.field)) errors.push(order);
  // In the order of the page, for the error summary.
  const position = (field: string) => Object.values(SETTINGS_FIELDS).indexOf(field as never);
  errors.sort((a, b) => (position(a.field) === -1 ? 99 : position(a.field)) - (position(b.field) === -1 ? 99 : position(b.field)));
  return { ok: false, errors };
}

/** The editable part of a configuration (what the page shows before anything was saved). */
export function settingsOf(config: ChildrenConfig): ChildrenSettings {
  return {
    priority: { minimumAgeYears: config.priority.minimumAgeYears, waitingMonthsSincePlacementOrder: config.priority.waitingMonthsSincePlacementOrder },
    clocks: { warningMonths: config.clocks.warningMonths, urgentMonths: config.clocks.urgentMonths },
    comparator: { meanAces: config.comparatorMeanAces, label: { ...config.comparatorLabel } },
    disclosure: { minimumCount: config.disclosure.minimumCount, roundTotalsTo: config.disclosure.roundTotalsTo },
  };
}

/** The configuration the rules use: the saved settings over the defaults (what is not on the page). */
export function withSettings(defaults: ChildrenConfig, settings: ChildrenSettings): ChildrenConfig {
  return {
    ...defaults,
    priority: { ...defaults.priority, ...settings.priority },
    clocks: { ...settings.clocks },
    comparatorMeanAces: settings.comparator.meanAces,
    comparatorLabel: { ...settings.comparator.label },
    disclosure: { ...settings.disclosure },
  };
}

/** The thresholds the pages put into words ("Aged 4 or over", "Over 6 months"). */
export type ChildrenThresholds = { minimumAgeYears: number; waitingMonths: number; warningMonths: number; urgentMonths: number };

export function thresholdsOf(config: ChildrenConfig): ChildrenThresholds {
  return {
    minimumAgeYears: config.priority.minimumAgeYears,
    waitingMonths: config.priority.waitingMonthsSincePlacementOrder,
    warningMonths: config.clocks.warningMonths,
    urgentMonths: config.clocks.urgentMonths,
  };
}

/** The settings form's fields, in the order of the page (for the error summary and re-display). */
export const SETTINGS_FIELDS = {
  minimumAgeYears: 'priority.minimumAgeYears',
  waitingMonths: 'priority.waitingMonthsSincePlacementOrder',
  warningMonths: 'clocks.warningMonths',
  urgentMonths: 'clocks.urgentMonths',
  comparatorMean: 'comparator.meanAces',
  comparatorLabelEn: 'comparator.label.en',
  comparatorLabelCy: 'comparator.label.cy',
  minimumCount: 'disclosure.minimumCount',
  roundTotalsTo: 'disclosure.roundTotalsTo',
} as const;
export type SettingsFormField = keyof typeof SETTINGS_FIELDS;

/** A number typed in a box ("6", " 4.5 "); anything else is passed on as typed, for the schema to refuse. */
const number = (raw: string): unknown => (raw !== '' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw === '' ? undefined : raw);

/** The posted form as settings for validateChildrenSettings. */
export function settingsFromForm(form: Record<string, unknown>): unknown {
  const n = (name: SettingsFormField) => number(text(form, name));
  return {
    priority: { minimumAgeYears: n('minimumAgeYears'), waitingMonthsSincePlacementOrder: n('waitingMonths') },
    clocks: { warningMonths: n('warningMonths'), urgentMonths: n('urgentMonths') },
    comparator: { meanAces: n('comparatorMean'), label: { en: text(form, 'comparatorLabelEn'), cy: text(form, 'comparatorLabelCy') } },
    disclosure: { minimumCount: n('minimumCount'), roundTotalsTo: n('roundTotalsTo') },
  };
}

/** Settings as the form's values. */
export function settingsToForm(settings: ChildrenSettings): Record<SettingsFormField, string> {
  return {
    minimumAgeYears: String(settings.priority.minimumAgeYears),
    waitingMonths: String(settings.priority.waitingMonthsSincePlacementOrder),
    warningMonths: String(settings.clocks.warningMonths),
    urgentMonths: String(settings.clocks.urgentMonths),
    comparatorMean: String(settings.comparator.meanAces),
    comparatorLabelEn: settings.comparator.label.en,
    comparatorLabelCy: settings.comparator.label.cy,
    minimumCount: String(settings.disclosure.minimumCount),
    roundTotalsTo: String(settings.disclosure.roundTotalsTo),
  };
}

/** A validation error's dotted field as the name of the form's box. */
export function formFieldOf(field: string): string {
  const entry = Object.entries(SETTINGS_FIELDS).find(([, path]) => path === field);
  return entry ? entry[0] : field;
}

/**
 * An extended ACE category's code: lower-case letters, digits and underscores, starting with a
 * letter, never one of the standard ten (their codes are taken).
 */
export const aceCategoryCode = z
  .string({ error: 'children:errors.aceCategory.codeRequired' })
  .trim()
  .toLowerCase()
  .min(1, 'children:errors.aceCategory.codeRequired')
  .max(60, 'children:errors.aceCategory.codeInvalid')
  .regex(/^[a-z][a-z0-9_]*$/, 'children:errors.aceCategory.codeInvalid')
  .refine((code) => !(STANDARD_ACES as readonly string[]).includes(code), 'children:errors.aceCategory.codeStandard');

const optionalDescription = z
  .string()
  .trim()
  .max(1000, 'children:errors.aceCategory.descriptionTooLong')
  .optional()
  .transform((v) => (v ? v : null));

export const aceCategoryNames = z
  .object({
    nameEn: z
      .string({ error: 'children:errors.aceCategory.nameEnRequired' })
      .trim()
      .min(1, 'children:errors.aceCategory.nameEnRequired')
      .max(200, 'children:errors.aceCategory.nameTooLong'),
    nameCy: z
      .string({ error: 'children:errors.aceCategory.nameCyRequired' })
      .trim()
      .min(1, 'children:errors.aceCategory.nameCyRequired')
      .max(200, 'children:errors.aceCategory.nameTooLong'),
    description: optionalDescription,
    descriptionCy: optionalDescription,
  })
  // A description shown in one language only would leave the other language's pages without it.
  .check((ctx) => {
    const { description, descriptionCy } = ctx.value;
    if (description && !descriptionCy)
      ctx.issues.push({ code: 'custom', input: descriptionCy, path: ['descriptionCy'], message: 'children:errors.aceCategory.descriptionCyRequired' });
    if (descriptionCy && !description)
      ctx.issues.push({ code: 'custom', input: description, path: ['description'], message: 'children:errors.aceCategory.descriptionEnRequired' });
  });

export const aceCategoryInput = aceCategoryNames.extend({ code: aceCategoryCode });
export type AceCategoryInput = z.infer<typeof aceCategoryInput>;
export type AceCategoryNames = z.infer<typeof aceCategoryNames>;

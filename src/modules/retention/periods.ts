import { z } from 'zod';
import type { Checked } from '../../platform/settings/versioned-setting.ts';
import type { RetentionClass } from './rules.ts';

/**
 * The periods the law leaves to the agency: how long it keeps an enquiry that went no further, an
 * application withdrawn or not approved, and the account and training record of a member of staff
 * who has left. Kept in months, whole years on the page; between 1 and 25 years (beyond that an
 * agency is keeping records it has no reason to hold).
 */
const months = (key: string) =>
  z
    .number({ error: `retention:errors.settings.${key}` })
    .int(`retention:errors.settings.${key}`)
    .min(12, `retention:errors.settings.${key}`)
    .max(300, `retention:errors.settings.${key}`);

export const retentionPeriodsSchema = z.object({
  enquiryMonths: months('enquiryYears'),
  unsuccessfulApplicationMonths: months('unsuccessfulApplicationYears'),
  leaversMonths: months('leaversYears'),
});
export type RetentionPeriods = z.infer<typeof retentionPeriodsSchema>;

/** Which class each of the agency's periods sets. */
export const PERIOD_CLASSES = {
  enquiryMonths: ['enquiry_not_proceeded'],
  unsuccessfulApplicationMonths: ['household_withdrawn_before_approval'],
  leaversMonths: ['leaver_account', 'staff_training_record'],
} as const satisfies Record<keyof RetentionPeriods, readonly string[]>;

/** The page's boxes, in years. */
export const PERIOD_FIELDS = {
  enquiryYears: 'enquiryMonths',
  unsuccessfulApplicationYears: 'unsuccessfulApplicationMonths',
  leaversYears: 'leaversMonths',
} as const;

/** Checks periods as sent or stored (what is stored may predate today's rules). */
export function validateRetentionPeriods(input: unknown): Checked<RetentionPeriods> {
  const parsed = retentionPeriodsSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const field = (path: PropertyKey[]) => Object.entries(PERIOD_FIELDS).find(([, m]) => m === path[0])?.[0] ?? 'enquiryYears';
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: field(issue.path), key: issue.message })) };
}

/** The form's years as the rules take them: a whole number of years typed becomes months; anything else stays as typed (and is refused). */
export function retentionPeriodsFromForm(form: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(PERIOD_FIELDS)) {
    const typed = typeof form[field] === 'string' ? form[field].trim() : form[field];
    out[key] = typeof typed === 'string' && /^\d{1,3}$/.test(typed) ? Number(typed) * 12 : typed;
  }
  return out;
}

/** The periods the classes table gives, before an agency sets its own. */
export function defaultPeriods(classes: readonly RetentionClass[]): RetentionPeriods {
  const of = (code: string, fallback: number) => classes.find((c) => c.code === code)?.periodMonths ?? fallback;
  return {
    enquiryMonths: of('enquiry_not_proceeded', 24),
    unsuccessfulApplicationMonths: of('household_withdrawn_before_approval', 72),
    leaversMonths: of('leaver_account', 24),
  };
}

/** The classes as this agency applies them: its own periods over the table's, the law's periods untouched. */
export function withAgencyPeriods(classes: readonly RetentionClass[], periods: RetentionPeriods | null): RetentionClass[] {
  if (!periods) return [...classes];
  return classes.map((c) => {
    const entry = (Object.entries(PERIOD_CLASSES) as [keyof RetentionPeriods, readonly string[]][]).find(([, codes]) => codes.includes(c.code));
    return entry ? { ...c, periodMonths: periods[entry[0]] } : c;
  });
}

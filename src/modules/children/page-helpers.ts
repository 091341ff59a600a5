import { choices, selectItems, withDateFields, type FormErrorOptions, type T } from '../../platform/forms/forms.ts';
export { longDate, queryString } from '../../platform/format/format.ts';
import { CHILD_DATE_FIELDS } from './referral-forms.ts';
import { ETHNICITIES, LANGUAGE_CODES, LEGAL_STATUSES, NEED_CATEGORIES, SEVERITIES, SEXES } from './vocabulary.ts';

/** View models shared by the children pages: choices for GOV.UK macros, errors pointing at the right box. */

/** Date inputs of the children forms, for formErrors: the ACE page has one per category (recordedOn-<code>). */
export const CHILDREN_FORM: FormErrorOptions = withDateFields([...CHILD_DATE_FIELDS, 'assessmentDate', 'outcomeDate', 'recordedOn'], ['recordedOn-']);

/** Everything the child's form (child-fields.njk) needs besides the values. */
export function childFormOptions(values: Record<string, unknown>, t: T) {
  return {
    sexItems: choices(SEXES, 'children:vocabulary.sex', t, values.sex),
    ethnicityItems: selectItems(ETHNICITIES, 'children:vocabulary.ethnicity', t, values.ethnicity, t('children:form.ethnicity.choose')),
    languageItems: choices(LANGUAGE_CODES, 'children:vocabulary.language', t, values.languages),
    preferredLanguageItems: selectItems(LANGUAGE_CODES, 'children:vocabulary.language', t, values.preferredLanguage, t('children:form.preferredLanguage.none')),
    legalStatusItems: choices(LEGAL_STATUSES, 'children:vocabulary.legalStatus', t, values.legalStatus),
    yesNo: (name: string) => [
      { value: 'yes', text: t('children:form.yes'), checked: values[name] === 'yes' || values[name] === true },
      { value: 'no', text: t('children:form.no'), checked: values[name] === 'no' || values[name] === false },
    ],
    needItems: NEED_CATEGORIES.map((code) => ({
      value: code,
      text: t(`children:vocabulary.need.${code}`),
      checked: ((values.needs as string[] | undefined) ?? []).includes(code),
      severityItems: choices(SEVERITIES, 'children:vocabulary.severity', t, values[`needSeverity-${code}`]),
      description: values[`needDescription-${code}`] ?? '',
    })),
  };
}

/** A person's display name for a child: the name they use, else their legal given names. */
export function childName(child: { preferredName?: string | null; legalGivenNames: string; legalFamilyName?: string }): string {
  return `${child.preferredName || child.legalGivenNames}${child.legalFamilyName ? ` ${child.legalFamilyName}` : ''}`;
}

/** The together-or-apart assessment of brothers and sisters. */
export const ASSESSMENTS = ['together', 'apart', 'not_yet_assessed'] as const;

/** A list's label for a child from its summary: the legal name, with the name they use when it differs. */
export function listName(child: { name: string; legalName: string }): string {
  return child.legalName.startsWith(`${child.name} `) ? child.legalName : `${child.name} (${child.legalName})`;
}

/** Colours of GOV.UK tags for clock levels and referral states. */
export const LEVEL_TAG: Record<string, string> = { ok: 'govuk-tag--green', warning: 'govuk-tag--yellow', urgent: 'govuk-tag--red' };

/** "1 month", "6 months" ("1 mis", "2 fis", "6 mis"): a threshold in months, in words the number agrees with. */
export function monthsText(t: T, months: number): string {
  return t('children:vocabulary.duration.months', { count: months });
}

/** A clock level in words with the agency's threshold: "Within timescale", "Over 6 months". */
export function clockLevelText(t: T, level: string, thresholds: { warningMonths: number; urgentMonths: number }): string {
  return t(`children:vocabulary.clockLevel.${level}`, { months: monthsText(t, level === 'urgent' ? thresholds.urgentMonths : thresholds.warningMonths) });
}

/** A priority reason in words, with its months (a number in the reason's facts) said as a duration. */
export function priorityText(t: T, reason: string, params: Record<string, string | number>): string {
  const { months, ...rest } = params;
  return t(`children:vocabulary.priority.${reason}`, typeof months === 'number' ? { ...rest, months: monthsText(t, months) } : rest);
}

/** A translator that words priority reasons with the agency's thresholds ("Aged 4 or over at referral"). */
export function withThresholds(t: T, thresholds: { minimumAgeYears: number; waitingMonths: number }): T {
  return (key, params) => t(key, { age: thresholds.minimumAgeYears, months: monthsText(t, thresholds.waitingMonths), ...params });
}
export const REFERRAL_TAG: Record<string, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--yellow',
  accepted: 'govuk-tag--green',
  declined: 'govuk-tag--red',
};

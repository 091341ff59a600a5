import { errorViewModel } from '../../server/page.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { CHILD_DATE_FIELDS } from './referral-journey.ts';
import { ETHNICITIES, LANGUAGE_CODES, LEGAL_STATUSES, NEED_CATEGORIES, SEVERITIES, SEXES } from './vocabulary.ts';

/** View models shared by the children pages: choices for GOV.UK macros, errors pointing at the right box. */

export type T = (key: string, params?: Record<string, unknown>) => string;
export type Choice = { value: string; text: string; checked?: boolean; selected?: boolean };

/** Items for radios, checkboxes or a select, with the current answer marked. */
export function choices(codes: readonly string[], labelPrefix: string, t: T, current?: unknown): Choice[] {
  const chosen = new Set((Array.isArray(current) ? current : current === undefined || current === null ? [] : [current]).map(String));
  return codes.map((code) => ({ value: code, text: t(`${labelPrefix}.${code}`), checked: chosen.has(code), selected: chosen.has(code) }));
}

/** A select with an empty first option ("Choose …", "Any …"). */
export function selectItems(codes: readonly string[], labelPrefix: string, t: T, current: unknown, emptyText: string): Choice[] {
  return [{ value: '', text: emptyText, selected: !current }, ...choices(codes, labelPrefix, t, current)];
}

/** Date inputs whose error must link to the day box (the field itself has no element of its name). */
const DATE_FIELDS = new Set<string>([...CHILD_DATE_FIELDS, 'assessmentDate', 'outcomeDate', 'recordedOn']);

/** The error summary and per-field messages, with links to the first box of a date. */
export function formErrors(errors: FieldError[], t: T) {
  const model = errorViewModel(errors, t);
  const errorList = model.errorList.map((item) => {
    const field = item.href.slice(1);
    // A stale version is about the whole form: the summary points at the page's main content.
    if (field === 'version') return { ...item, href: '#main-content' };
    return DATE_FIELDS.has(field) || field.startsWith('recordedOn-') ? { ...item, href: `${item.href}-day` } : item;
  });
  return { errorList, fieldErrors: model.fieldErrors };
}

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

/** A clock level in words with the agency's threshold: "Within timescale", "Over 6 months". */
export function clockLevelText(t: T, level: string, thresholds: { warningMonths: number; urgentMonths: number }): string {
  return t(`children:vocabulary.clockLevel.${level}`, { months: level === 'urgent' ? thresholds.urgentMonths : thresholds.warningMonths });
}

/** A translator that words priority reasons with the agency's thresholds ("Aged 4 or over at referral"). */
export function withThresholds(t: T, thresholds: { minimumAgeYears: number; waitingMonths: number }): T {
  return (key, params) => t(key, { age: thresholds.minimumAgeYears, months: thresholds.waitingMonths, ...params });
}
export const REFERRAL_TAG: Record<string, string> = { draft: 'govuk-tag--grey', submitted: 'govuk-tag--yellow', accepted: 'govuk-tag--green', declined: 'govuk-tag--red' };

/** A date of the domain in the person's language ("27 March 2019" / "27 Mawrth 2019"). */
export function longDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Query string of the non-empty filters (for "Next page" and "Download CSV" links). */
export function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

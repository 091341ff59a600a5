import { errorViewModel } from '../../server/page.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { dateFromParts } from '../children/date-input.ts';

export type T = (key: string, params?: Record<string, unknown>) => string;

/** Date inputs of the recruitment forms: their errors link to the day box. */
const DATE_FIELDS = new Set(['date', 'requestedDate', 'receivedDate', 'visitDate', 'reportCompletedDate', 'dateOfBirth', 'applicant1DateOfBirth', 'applicant2DateOfBirth', 'member1DateOfBirth', 'member2DateOfBirth', 'member3DateOfBirth', 'member4DateOfBirth']);

/** The error summary and per-field messages, with links to the first box of a date. */
export function formErrors(errors: FieldError[], t: T) {
  const model = errorViewModel(errors, t);
  const errorList = model.errorList.map((item) => {
    const field = item.href.slice(1);
    if (field === 'version') return { ...item, href: '#main-content' };
    return DATE_FIELDS.has(field) ? { ...item, href: `${item.href}-day` } : item;
  });
  return { errorList, fieldErrors: model.fieldErrors };
}

/** Reads GOV.UK date inputs into ISO dates, collecting the person's mistakes. */
export function datesFromForm(form: Record<string, unknown>, names: readonly string[]): { values: Record<string, string | null>; errors: FieldError[] } {
  const values: Record<string, string | null> = {};
  const errors: FieldError[] = [];
  for (const name of names) {
    const parsed = dateFromParts(form, name);
    values[name] = parsed.value;
    if (parsed.error) errors.push(parsed.error);
  }
  return { values, errors };
}

/** One value of a form field (a checkbox list arrives as an array or a single string). */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  return typeof value === 'string' && value ? [value] : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';
}

export const STAGE_TAG: Record<string, string> = {
  enquiry: 'govuk-tag--grey',
  information_event: 'govuk-tag--grey',
  registration: 'govuk-tag--light-blue',
  stage1: 'govuk-tag--blue',
  break: 'govuk-tag--yellow',
  stage2: 'govuk-tag--blue',
  panel: 'govuk-tag--purple',
  agency_decision: 'govuk-tag--purple',
  approved: 'govuk-tag--green',
  linked: 'govuk-tag--turquoise',
  matched: 'govuk-tag--turquoise',
  placed: 'govuk-tag--green',
  on_hold: 'govuk-tag--orange',
  withdrawn: 'govuk-tag--red',
  not_approved: 'govuk-tag--red',
};
export const DUE_TAG: Record<string, string> = { ok: 'govuk-tag--green', due_soon: 'govuk-tag--yellow', overdue: 'govuk-tag--red' };

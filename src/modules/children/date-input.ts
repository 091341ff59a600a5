import type { FieldError } from '../../platform/http/errors.ts';
import { isIsoDate } from './dates.ts';

/** GOV.UK date inputs (three boxes: name-day, name-month, name-year) to and from ISO dates. */

type Form = Record<string, unknown>;

function box(form: Form, name: string): string {
  const value = form[name];
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * A GOV.UK date input (name-day, name-month, name-year) as an ISO date. Blank is no date;
 * a part missing or a date that does not exist is the person's mistake, named in their language.
 */
export function dateFromParts(form: Form, name: string): { value: string | null; error?: FieldError } {
  const day = box(form, `${name}-day`);
  const month = box(form, `${name}-month`);
  const year = box(form, `${name}-year`);
  if (!day && !month && !year) return { value: null };
  if (!day || !month || !year) return { value: null, error: { field: name, key: 'children:errors.dateParts.incomplete' } };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { value: null, error: { field: name, key: 'children:errors.dateParts.invalid' } };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { value: null, error: { field: name, key: 'children:errors.dateParts.invalid' } };
  return { value: iso };
}

/** An ISO date as the three boxes of a date input. */
export function dateToParts(value: string | null | undefined): { day: string; month: string; year: string } {
  if (!value || !isIsoDate(value)) return { day: '', month: '', year: '' };
  const [year, month, day] = value.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

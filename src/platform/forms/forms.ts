import type { FieldError } from '../http/errors.ts';
import { isIsoDate } from '../dates/dates.ts';
import { errorViewModel } from '../../server/page.ts';

/**
 * The one set of helpers every module's pages use to read a posted GOV.UK form, show it again
 * after a mistake, and point the error summary at the right box. Modules pass what is theirs
 * (their date fields, their message keys) as parameters; nothing here knows a domain.
 */

/** A posted form (or a query string) as Fastify parses it: a value is a string, or an array when a name repeats. */
export type Form = Record<string, unknown>;
export type T = (key: string, params?: Record<string, unknown>) => string;
export type Choice = { value: string; text: string; checked?: boolean; selected?: boolean };

/** One answer, trimmed (a repeated name gives its first value; a missing one, ''). */
export function text(form: Form, name: string): string {
  const value = form[name];
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  return typeof value === 'string' ? value.trim() : '';
}

/** Every answer of a checkbox list (an array, or a single string when one box is ticked), blanks dropped. */
export function list(form: Form, name: string): string[] {
  const value = form[name];
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  return typeof value === 'string' && value ? [value] : [];
}

/** Only the form's own fields, as typed, for showing the form again. */
export function formValues(form: Form): Form {
  const { _csrf, ...rest } = form;
  return rest;
}

/** Drops repeated messages for one field, keeping the first: each box shows one message. */
export function firstPerField(errors: FieldError[]): FieldError[] {
  return errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
}

// ---------------------------------------------------------------------------------------------
// GOV.UK date inputs: three boxes, name-day, name-month and name-year.
// ---------------------------------------------------------------------------------------------

/**
 * A GOV.UK date input as an ISO date. Blank is no date; a part missing or a date that does not
 * exist is the person's mistake, named in their language.
 */
export function dateFromParts(form: Form, name: string): { value: string | null; error?: FieldError } {
  const day = text(form, `${name}-day`);
  const month = text(form, `${name}-month`);
  const year = text(form, `${name}-year`);
  if (!day && !month && !year) return { value: null };
  if (!day || !month || !year) return { value: null, error: { field: name, key: 'children:errors.dateParts.incomplete' } };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { value: null, error: { field: name, key: 'children:errors.dateParts.invalid' } };
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

/** An ISO date as the form values of the date input `name` (for a form's first showing). */
export function dateParts(name: string, value: string | null | undefined): Form {
  const parts = dateToParts(value);
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
}

/**
 * A date input's value, collecting its mistake into `errors`. A module may word the mistake its own
 * way: `invalid` replaces the general "incomplete"/"not a real date" message, `required` is the
 * message when all three boxes are blank (without it a blank date is simply no date).
 */
export function dateField(form: Form, name: string, errors: FieldError[], messages: { invalid?: string; required?: string } = {}): string | null {
  const parsed = dateFromParts(form, name);
  if (parsed.error) errors.push({ field: name, key: messages.invalid ?? parsed.error.key });
  else if (!parsed.value && messages.required) errors.push({ field: name, key: messages.required });
  return parsed.value;
}

/**
 * A date asked for in a GET form's query (a report "as of", a filter): the three boxes of its date
 * input or, from a link or a download's address, the ISO date itself (`asOf=2026-03-31`). Returns
 * the date, its mistake, and the boxes' values to show the form again.
 */
export function dateFromQuery(
  query: Form,
  name: string,
  invalid = 'children:errors.dateParts.invalid',
): { value: string | null; error?: FieldError; values: Form } {
  const boxes = ['day', 'month', 'year'].map((part) => text(query, `${name}-${part}`));
  const iso = text(query, name);
  if (iso && boxes.every((box) => !box)) {
    return isIsoDate(iso) ? { value: iso, values: dateParts(name, iso) } : { value: null, error: { field: name, key: invalid }, values: {} };
  }
  const parsed = dateFromParts(query, name);
  const values = { [`${name}-day`]: boxes[0]!, [`${name}-month`]: boxes[1]!, [`${name}-year`]: boxes[2]! };
  return parsed.error ? { value: null, error: { field: name, key: invalid }, values } : { value: parsed.value, values };
}

/**
 * A GET filter's dates (from and to), each read by dateFromQuery: the query with each date as its ISO
 * value (left out when empty or wrong, and its boxes taken away), for the page's own schema to
 * parse; every mistake, linked to its day box by formErrors' dateFields; and the boxes' values.
 */
export function queryWithDates(
  query: Form,
  names: readonly string[] = ['from', 'to'],
  invalid: Record<string, string> = { from: 'errors.filterFrom.invalid', to: 'errors.filterTo.invalid' },
): { query: Form; errors: FieldError[]; values: Form } {
  const rest: Form = { ...query };
  const errors: FieldError[] = [];
  let values: Form = {};
  for (const name of names) {
    const found = dateFromQuery(query, name, invalid[name]);
    for (const part of ['day', 'month', 'year']) delete rest[`${name}-${part}`];
    delete rest[name];
    if (found.value) rest[name] = found.value;
    if (found.error) errors.push(found.error);
    values = { ...values, ...found.values };
  }
  return { query: rest, errors, values };
}

/** Several optional date inputs at once, with every mistake. */
export function datesFromForm(form: Form, names: readonly string[]): { values: Record<string, string | null>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values = Object.fromEntries(names.map((name) => [name, dateField(form, name, errors)]));
  return { values, errors };
}

// ---------------------------------------------------------------------------------------------
// Items for the GOV.UK radios, checkboxes and select macros.
// ---------------------------------------------------------------------------------------------

/** Items for radios, checkboxes or a select, worded `labelPrefix.code`, with the current answer marked. */
export function choices(codes: readonly string[], labelPrefix: string, t: T, current?: unknown): Choice[] {
  const chosen = new Set((Array.isArray(current) ? current : current === undefined || current === null ? [] : [current]).map(String));
  return codes.map((code) => ({ value: code, text: t(`${labelPrefix}.${code}`), checked: chosen.has(code), selected: chosen.has(code) }));
}

/** A select with an empty first option ("Choose …", "Any …"). */
export function selectItems(codes: readonly string[], labelPrefix: string, t: T, current: unknown, emptyText: string): Choice[] {
  return [{ value: '', text: emptyText, selected: !current }, ...choices(codes, labelPrefix, t, current)];
}

// ---------------------------------------------------------------------------------------------
// The error summary.
// ---------------------------------------------------------------------------------------------

export type FormErrorOptions = {
  /**
   * Date inputs of the form, by field name (or a test of the field's anchor, for dates named per
   * row such as `recordedOn-<code>`): their summary link goes to the day box, `#name-day`, the
   * first input of the group, as the GOV.UK error summary pattern asks.
   */
  dateFields?: readonly string[] | ((anchor: string) => boolean);
  /** A field whose summary link goes to another element's id (a fieldset, a section). */
  anchors?: Record<string, string>;
  /** The service's name of a field → the name of the form control that holds it (`targetProfile.ageMin` → `targetAgeMin`). */
  fieldNames?: Record<string, string>;
};

/**
 * Error-summary options for a form whose date inputs are `fields`, and any field whose name starts
 * with one of `prefixes` (dates named per row, such as `recordedOn-<code>`).
 */
export function withDateFields(fields: Iterable<string>, prefixes: readonly string[] = []): FormErrorOptions {
  const names = new Set(fields);
  return { dateFields: (anchor) => names.has(anchor) || prefixes.some((prefix) => anchor.startsWith(prefix)) };
}

/**
 * The GOV.UK error summary list and the per-field messages of a form. A stale `version` (or a
 * problem with the whole `body`) is about the whole form, so its link goes to the main content.
 */
export function formErrors(errors: FieldError[], t: T, options: FormErrorOptions = {}) {
  const { dateFields = [], anchors = {}, fieldNames = {} } = options;
  const isDate = typeof dateFields === 'function' ? dateFields : (anchor: string) => dateFields.includes(anchor);
  const model = errorViewModel(
    errors.map((e) => ({ ...e, field: fieldNames[e.field] ?? e.field })),
    t,
  );
  const errorList = model.errorList.map((item) => {
    const anchor = item.href.slice(1);
    if (anchor === 'version' || anchor === 'body') return { ...item, href: '#main-content' };
    if (anchors[anchor]) return { ...item, href: `#${anchors[anchor]}` };
    return isDate(anchor) ? { ...item, href: `#${anchor}-day` } : item;
  });
  return { errorList, fieldErrors: model.fieldErrors };
}

import type { z } from 'zod';
import { errorViewModel } from '../../server/page.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { dateFromParts, dateToParts } from '../children/date-input.ts';
import { splitReferences, supervisionInput, trainingInput, type SupervisionInput, type TrainingInput } from './inputs.ts';
import type { SupervisionRow, TrainingRow } from './repository.ts';

/** The workforce forms: what a page posts, to and from what the service takes. */

export type Form = Record<string, unknown>;
type T = (key: string, params?: Record<string, unknown>) => string;

function text(form: Form, name: string): string {
  const value = form[name];
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  return typeof value === 'string' ? value.trim() : '';
}

/** Only the form's own fields, as typed, for showing the form again. */
export function formValues(form: Form): Form {
  const { _csrf, ...rest } = form;
  return rest;
}

const DATE_FIELDS = new Set(['completedDate', 'sessionDate']);

/** The error summary and per-field messages; a date's message links to its day box. */
export function formErrors(errors: FieldError[], t: T) {
  const model = errorViewModel(errors, t);
  const errorList = model.errorList.map((item) => {
    const field = item.href.slice(1);
    if (field === 'version' || field === 'body') return { ...item, href: '#main-content' };
    return DATE_FIELDS.has(field) ? { ...item, href: `#${field}-day` } : item;
  });
  return { errorList, fieldErrors: model.fieldErrors };
}

/** The date boxes' own mistakes (incomplete, not a date) under the workforce's messages. */
function dateOf(form: Form, name: string, errors: FieldError[]): string | undefined {
  const parsed = dateFromParts(form, name);
  if (parsed.error) errors.push({ field: name, key: `workforce:errors.${name}.invalid` });
  return parsed.value ?? undefined;
}

/** Every mistake at once, one per field, the date's own first. */
function parseAll<S extends z.ZodType>(schema: S, values: Record<string, unknown>, errors: FieldError[]): z.infer<S> {
  const result = schema.safeParse(values);
  const all = [...errors, ...(result.success ? [] : toFieldErrors(result.error))].filter((e, i, list) => list.findIndex((x) => x.field === e.field) === i);
  if (all.length || !result.success) throw new ValidationError(all);
  return result.data;
}

export function trainingFromForm(form: Form): TrainingInput {
  const errors: FieldError[] = [];
  const completedDate = dateOf(form, 'completedDate', errors);
  return parseAll(
    trainingInput,
    {
      userId: text(form, 'userId') || undefined,
      course: text(form, 'course'),
      completedDate,
      hours: text(form, 'hours'),
      provider: text(form, 'provider'),
      certificateReference: text(form, 'certificateReference'),
    },
    errors,
  );
}

export function trainingToForm(record: TrainingRow): Form {
  const date = dateToParts(record.completedDate);
  return {
    userId: record.userId,
    course: record.course,
    'completedDate-day': date.day,
    'completedDate-month': date.month,
    'completedDate-year': date.year,
    hours: String(Number(record.hours)),
    provider: record.provider,
    certificateReference: record.certificateReference ?? '',
    version: record.version,
  };
}

function supervisionValues(form: Form, errors: FieldError[]) {
  return {
    supervisorId: text(form, 'supervisorId') || undefined,
    superviseeId: text(form, 'superviseeId') || undefined,
    sessionDate: dateOf(form, 'sessionDate', errors),
    durationMinutes: text(form, 'durationMinutes'),
    caseReferences: splitReferences(text(form, 'caseReferences')),
    themes: text(form, 'themes'),
  };
}

export function supervisionFromForm(form: Form): SupervisionInput {
  const errors: FieldError[] = [];
  return parseAll(supervisionInput, supervisionValues(form, errors), errors);
}

/** A change to a session: the same form without the supervisee, who stays who they were. */
export function supervisionChangeFromForm(form: Form): Omit<SupervisionInput, 'superviseeId'> {
  const errors: FieldError[] = [];
  const { superviseeId: _superviseeId, ...values } = supervisionValues(form, errors);
  return parseAll(supervisionInput.omit({ superviseeId: true }), values, errors);
}

export function supervisionToForm(session: SupervisionRow): Form {
  const date = dateToParts(session.sessionDate);
  return {
    supervisorId: session.supervisorId,
    superviseeId: session.superviseeId,
    'sessionDate-day': date.day,
    'sessionDate-month': date.month,
    'sessionDate-year': date.year,
    durationMinutes: String(session.durationMinutes),
    caseReferences: session.caseReferences.join('\n'),
    themes: session.themes ?? '',
    version: session.version,
  };
}

/** Items of a select of people, with an empty first choice. */
export function peopleItems(people: readonly { id: string; name: string; organisationName?: string }[], current: unknown, emptyText: string, showOrganisation = false) {
  return [
    { value: '', text: emptyText, selected: !current },
    ...people.map((p) => ({ value: p.id, text: showOrganisation && p.organisationName ? `${p.name} (${p.organisationName})` : p.name, selected: p.id === current })),
  ];
}

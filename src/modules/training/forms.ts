import { z } from 'zod';
import { errorViewModel } from '../../server/page.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { isIsoDate } from '../children/dates.ts';
import { courseInput, sessionFields, type CourseInput, type SessionInput } from './inputs.ts';
import { normaliseTime, walesDateTime, walesInstant } from './times.ts';
import type { T } from './format.ts';

/** The training forms: what a page posts, to and from what the service takes. */

export type Form = Record<string, unknown>;

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

/** The error summary and per-field messages; `anchors` points a field's link at another element. */
export function formErrors(errors: FieldError[], t: T, anchors: Record<string, string> = {}) {
  const model = errorViewModel(errors, t);
  const errorList = model.errorList.map((item) => {
    const field = item.href.slice(1);
    if (field === 'version' || field === 'body') return { ...item, href: '#main-content' };
    if (field === 'date') return { ...item, href: '#date-day' };
    return anchors[field] ? { ...item, href: `#${anchors[field]}` } : item;
  });
  return { errorList, fieldErrors: model.fieldErrors };
}

/** Drops repeated messages for one field, keeping the first. */
function firstPerField(errors: FieldError[]): FieldError[] {
  return errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
}

export function courseFromForm(form: Form): CourseInput {
  const result = courseInput.safeParse({
    title: text(form, 'title'),
    titleCy: text(form, 'titleCy'),
    description: text(form, 'description'),
    descriptionCy: text(form, 'descriptionCy'),
    kind: text(form, 'kind') || undefined,
    requiredForStage1: text(form, 'requiredForStage1') === 'yes',
    hours: text(form, 'hours'),
  });
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}

export function courseToForm(course: CourseInput & { version: number }): Form {
  return {
    title: course.title,
    titleCy: course.titleCy,
    description: course.description ?? '',
    descriptionCy: course.descriptionCy ?? '',
    kind: course.kind,
    requiredForStage1: course.requiredForStage1 ? 'yes' : '',
    hours: course.hours === null ? '' : String(course.hours),
    version: course.version,
  };
}

const sessionForm = z.object(sessionFields);

/**
 * A session from its form: a date (three boxes), start and end times of day in Wales, and the rest.
 * Every mistake is reported at once, each beside its field.
 */
export function sessionFromForm(form: Form): SessionInput {
  const errors: FieldError[] = [];
  const [day, month, year] = ['date-day', 'date-month', 'date-year'].map((n) => text(form, n));
  let date: string | null = null;
  if (!day && !month && !year) errors.push({ field: 'date', key: 'training:errors.date.required' });
  else if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!)) errors.push({ field: 'date', key: 'training:errors.date.invalid' });
  else {
    date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
    if (!isIsoDate(date)) {
      errors.push({ field: 'date', key: 'training:errors.date.invalid' });
      date = null;
    }
  }
  const times = (['startTime', 'endTime'] as const).map((name) => {
    const raw = text(form, name);
    const time = raw ? normaliseTime(raw) : null;
    if (!raw) errors.push({ field: name, key: `training:errors.${name}.required` });
    else if (!time) errors.push({ field: name, key: `training:errors.${name}.invalid` });
    return time;
  });
  const rest = sessionForm.safeParse({
    venue: text(form, 'venue'),
    language: text(form, 'language') || undefined,
    facilitatorIds: form.facilitatorIds === '' ? undefined : form.facilitatorIds,
    facilitatorNames: text(form, 'facilitatorNames'),
    capacity: text(form, 'capacity') || undefined,
  });
  if (!rest.success) errors.push(...toFieldErrors(rest.error));
  const [start, end] = times;
  if (date && start && end && end <= start) errors.push({ field: 'endTime', key: 'training:errors.endsAt.beforeStart' });
  if (errors.length || !rest.success || !date || !start || !end) throw new ValidationError(firstPerField(errors));
  return { ...rest.data, startsAt: walesInstant(date, start), endsAt: walesInstant(date, end) };
}

/** The service names times as instants; the form has a date and two times. */
export function sessionErrorsForForm(errors: FieldError[]): FieldError[] {
  const rename: Record<string, string> = { startsAt: 'date', endsAt: 'endTime' };
  return errors.map((e) => ({ ...e, field: rename[e.field] ?? e.field }));
}

export function sessionToForm(session: { startsAt: Date; endsAt: Date; venue: string; language: string; facilitatorIds: string[]; facilitatorNames: string | null; capacity: number; version: number }): Form {
  const start = walesDateTime(session.startsAt);
  const [year, month, day] = start.date.split('-');
  return {
    'date-day': String(Number(day)),
    'date-month': String(Number(month)),
    'date-year': year,
    startTime: start.time,
    endTime: walesDateTime(session.endsAt).time,
    venue: session.venue,
    language: session.language,
    facilitatorIds: session.facilitatorIds,
    facilitatorNames: session.facilitatorNames ?? '',
    capacity: String(session.capacity),
    version: session.version,
  };
}

/** Items for radios, checkboxes or a select, with the current answer marked. */
export function choices(codes: readonly string[], labelPrefix: string, t: T, current?: unknown) {
  const chosen = new Set((Array.isArray(current) ? current : current === undefined || current === null ? [] : [current]).map(String));
  return codes.map((code) => ({ value: code, text: t(`${labelPrefix}.${code}`), checked: chosen.has(code), selected: chosen.has(code) }));
}

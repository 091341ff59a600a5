import { z } from 'zod';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { dateField, dateParts, firstPerField, text, type Form, type FormErrorOptions } from '../../platform/forms/forms.ts';
import { courseInput, sessionFields, type CourseInput, type SessionInput } from './inputs.ts';
import { normaliseTime, walesDateTime, walesInstant } from '../../platform/dates/times.ts';

/** The training forms: what a page posts, to and from what the service takes. */

/** The training (and support) forms' one date input, for formErrors. */
export const TRAINING_FORM: FormErrorOptions = { dateFields: ['date'] };

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
  const date = dateField(form, 'date', errors, { invalid: 'training:errors.date.invalid', required: 'training:errors.date.required' });
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

export function sessionToForm(session: {
  startsAt: Date;
  endsAt: Date;
  venue: string;
  language: string;
  facilitatorIds: string[];
  facilitatorNames: string | null;
  capacity: number;
  version: number;
}): Form {
  const start = walesDateTime(session.startsAt);
  return {
    ...dateParts('date', start.date),
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

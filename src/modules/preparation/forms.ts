import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateField, dateParts, firstPerField, list, text, type Form, type FormErrorOptions } from '../../platform/forms/forms.ts';
import { normaliseTime, walesDateTime, walesInstant } from '../../platform/dates/times.ts';
import type { ActionInput, ConsultationInput, FormulationInput, MeetingInput, MeetingPatch, PreparationSessionInput } from './inputs.ts';
import { actionInput, consultationInput, formulationFields, optionalText, preparationSessionInput } from './inputs.ts';

/** The preparation forms: what a page posts, to and from what the services take. */

/** Date inputs of the preparation (and transition plan) forms, for formErrors. */
export const PREPARATION_FORM: FormErrorOptions = { dateFields: ['date', 'dueDate', 'consultationDate', 'sessionDate', 'plannedDate'] };

/** A date input's value, or its mistake (each named by the field's own key). */
function requiredDate(form: Form, name: string, errors: FieldError[]): string | null {
  return dateField(form, name, errors, { invalid: `preparation:errors.${name}.invalid`, required: `preparation:errors.${name}.required` });
}

function parseRest<S extends z.ZodType>(schema: S, input: unknown, errors: FieldError[]): z.infer<S> | null {
  const result = schema.safeParse(input);
  if (!result.success) {
    errors.push(...toFieldErrors(result.error));
    return null;
  }
  return result.data;
}

const meetingRest = z.object({ location: optionalText(300), agenda: optionalText(4000) });

/** A meeting's date and start and end times in Wales; every mistake reported at once, each by its box. */
function meetingTimes(form: Form, errors: FieldError[]): { startsAt: Date; endsAt: Date } | null {
  const date = requiredDate(form, 'date', errors);
  const [start, end] = (['startTime', 'endTime'] as const).map((name) => {
    const raw = text(form, name);
    const time = raw ? normaliseTime(raw) : null;
    if (!raw) errors.push({ field: name, key: `preparation:errors.${name}.required` });
    else if (!time) errors.push({ field: name, key: `preparation:errors.${name}.invalid` });
    return time;
  });
  if (!date || !start || !end) return null;
  return { startsAt: walesInstant(date, start), endsAt: walesInstant(date, end) };
}

export function meetingFromForm(form: Form, childIds: string[]): MeetingInput {
  const errors: FieldError[] = [];
  if (childIds.length === 0) errors.push({ field: 'childIds', key: 'preparation:errors.childIds.required' });
  const times = meetingTimes(form, errors);
  const rest = parseRest(meetingRest, { location: text(form, 'location'), agenda: text(form, 'agenda') }, errors);
  if (errors.length || !times || !rest) throw new ValidationError(firstPerField(errors));
  return { childIds, ...times, location: rest.location, agenda: rest.agenda };
}

const outcomeRest = z.object({ location: optionalText(300), agenda: optionalText(4000), minutes: optionalText(20000), decisions: optionalText(8000) });

export function meetingPatchFromForm(form: Form): MeetingPatch {
  const errors: FieldError[] = [];
  const times = meetingTimes(form, errors);
  const rest = parseRest(
    outcomeRest,
    { location: text(form, 'location'), agenda: text(form, 'agenda'), minutes: text(form, 'minutes'), decisions: text(form, 'decisions') },
    errors,
  );
  if (errors.length || !times || !rest) throw new ValidationError(firstPerField(errors));
  return { ...times, ...rest };
}

/** The service names instants; the form has a date and two times. */
export function meetingErrorsForForm(errors: FieldError[]): FieldError[] {
  const rename: Record<string, string> = { startsAt: 'date', endsAt: 'endTime' };
  return errors.map((e) => ({ ...e, field: rename[e.field] ?? e.field }));
}

export function meetingToForm(meeting: {
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  version: number;
}): Form {
  const start = walesDateTime(meeting.startsAt);
  return {
    ...dateParts('date', start.date),
    startTime: start.time,
    endTime: walesDateTime(meeting.endsAt).time,
    location: meeting.location ?? '',
    agenda: meeting.agenda ?? '',
    minutes: meeting.minutes ?? '',
    decisions: meeting.decisions ?? '',
    version: meeting.version,
  };
}

export function actionFromForm(form: Form): ActionInput {
  const errors: FieldError[] = [];
  const dueDate = requiredDate(form, 'dueDate', errors);
  const rest = parseRest(actionInput.omit({ dueDate: true }), { description: text(form, 'description'), ownerId: text(form, 'ownerId') || undefined }, errors);
  if (errors.length || !dueDate || !rest) throw new ValidationError(firstPerField(errors));
  return { ...rest, dueDate };
}

export function consultationFromForm(form: Form, childIds: string[]): ConsultationInput {
  const errors: FieldError[] = [];
  if (childIds.length === 0) errors.push({ field: 'childIds', key: 'preparation:errors.childIds.required' });
  const consultationDate = requiredDate(form, 'consultationDate', errors);
  const rest = parseRest(
    consultationInput.omit({ childIds: true, consultationDate: true }),
    { durationMinutes: text(form, 'durationMinutes') || undefined, consultees: text(form, 'consultees'), notes: text(form, 'notes') },
    errors,
  );
  if (errors.length || !consultationDate || !rest) throw new ValidationError(firstPerField(errors));
  return { childIds, consultationDate, ...rest };
}

export function consultationToForm(c: {
  consultationDate: string;
  durationMinutes: number;
  consultees: string | null;
  notes: string | null;
  version: number;
}): Form {
  return {
    ...dateParts('consultationDate', c.consultationDate),
    durationMinutes: String(c.durationMinutes),
    consultees: c.consultees ?? '',
    notes: c.notes ?? '',
    version: c.version,
  };
}

export function formulationFromForm(form: Form): FormulationInput {
  const result = z.object(formulationFields).safeParse(Object.fromEntries(Object.keys(formulationFields).map((k) => [k, text(form, k)])));
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}

/** A session from its form: attendance is a checkbox per applicant ("attended" lists those who came). */
export function sessionFromForm(form: Form, applicantIds: readonly string[]): PreparationSessionInput {
  const errors: FieldError[] = [];
  const sessionDate = requiredDate(form, 'sessionDate', errors);
  const came = new Set(list(form, 'attended'));
  const rest = parseRest(
    preparationSessionInput.omit({ sessionDate: true }),
    {
      workerId: text(form, 'workerId') || undefined,
      durationMinutes: text(form, 'durationMinutes') || undefined,
      topics: list(form, 'topics'),
      attendance: Object.fromEntries(applicantIds.map((id) => [id, came.has(id)])),
      readinessReflection: text(form, 'readinessReflection'),
    },
    errors,
  );
  if (errors.length || !sessionDate || !rest) throw new ValidationError(firstPerField(errors));
  return { ...rest, sessionDate };
}

export function sessionToForm(s: {
  workerId: string;
  sessionDate: string;
  durationMinutes: number;
  topics: string[];
  attendance: Record<string, boolean>;
  readinessReflection: string | null;
  version: number;
}): Form {
  return {
    workerId: s.workerId,
    ...dateParts('sessionDate', s.sessionDate),
    durationMinutes: String(s.durationMinutes),
    topics: s.topics,
    attended: Object.entries(s.attendance)
      .filter(([, v]) => v)
      .map(([k]) => k),
    readinessReflection: s.readinessReflection ?? '',
    version: s.version,
  };
}

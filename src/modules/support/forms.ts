import type { z } from 'zod';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { dateField, dateParts, firstPerField, text, type Form, type FormErrorOptions } from '../../platform/forms/forms.ts';
import { normaliseTime, walesDateTime, walesInstant } from '../../platform/dates/times.ts';
import {
  allocationInput,
  attendanceInput,
  closeInput,
  eventFields,
  familyRequestInput,
  planItemInput,
  requestInput,
  sessionFields,
  type AttendanceInput,
  type EventInput,
  type PlanItemInput,
  type PlanPatch,
  type RequestInput,
  type SessionInput,
  type SessionPatch,
} from './inputs.ts';
import { z as zod } from 'zod';

/** The support forms: what a page posts, to and from what the service takes. Every mistake is reported at once, each beside its field. */

/** Date inputs of the support forms, for formErrors. */
export const SUPPORT_FORM: FormErrorOptions = { dateFields: ['date', 'agreedDate', 'nextReviewDate', 'asOf', 'from', 'to'] };

function parseInto<S extends z.ZodType>(schema: S, input: unknown, errors: FieldError[]): z.infer<S> | undefined {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  errors.push(...toFieldErrors(result.error));
  return undefined;
}

function finish<T>(errors: FieldError[], value: T | undefined): T {
  if (errors.length || value === undefined) throw new ValidationError(firstPerField(errors));
  return value;
}

function timeField(form: Form, name: string, errors: FieldError[]): string | null {
  const raw = text(form, name);
  const time = raw ? normaliseTime(raw) : null;
  if (!raw) errors.push({ field: name, key: `support:errors.${name}.required` });
  else if (!time) errors.push({ field: name, key: `support:errors.${name}.invalid` });
  return time;
}

/* ---------- Plans ---------- */

export type PlanForm = { matchId: string; needsSummary: string; agreedDate: string; nextReviewDate: string | null };

export function planFromForm(form: Form, withMatch: boolean): PlanForm {
  const errors: FieldError[] = [];
  const matchId = text(form, 'matchId');
  if (withMatch && !matchId) errors.push({ field: 'matchId', key: 'support:errors.matchId.required' });
  else if (withMatch && !zod.uuid().safeParse(matchId).success) errors.push({ field: 'matchId', key: 'support:errors.matchId.unknown' });
  const needsSummary = text(form, 'needsSummary');
  if (!needsSummary) errors.push({ field: 'needsSummary', key: 'support:errors.needsSummary.required' });
  else if (needsSummary.length > 4000) errors.push({ field: 'needsSummary', key: 'errors.field.tooLong' });
  const agreedDate = dateField(form, 'agreedDate', errors, { required: 'support:errors.agreedDate.required' });
  const nextReviewDate = dateField(form, 'nextReviewDate', errors);
  return finish(errors, agreedDate ? { matchId, needsSummary, agreedDate, nextReviewDate } : undefined);
}

export function planToForm(plan: { needsSummary: string; agreedDate: string; nextReviewDate: string | null; version: number }): Form {
  return {
    needsSummary: plan.needsSummary,
    ...dateParts('agreedDate', plan.agreedDate),
    ...dateParts('nextReviewDate', plan.nextReviewDate),
    version: plan.version,
  };
}

export function planPatchFromForm(form: Form): PlanPatch {
  const { needsSummary, agreedDate, nextReviewDate } = planFromForm(form, false);
  return { needsSummary, agreedDate, nextReviewDate };
}

export function itemFromForm(form: Form): PlanItemInput {
  const errors: FieldError[] = [];
  const value = parseInto(
    planItemInput,
    { need: text(form, 'need'), support: text(form, 'support'), provider: text(form, 'provider'), frequency: text(form, 'frequency') },
    errors,
  );
  return finish(errors, value);
}

/* ---------- Sessions ---------- */

/** The start of a session from its date boxes and clock time in Wales. */
function startFromForm(form: Form, errors: FieldError[]): Date | null {
  const date = dateField(form, 'date', errors, { required: 'support:errors.date.required' });
  const time = timeField(form, 'startTime', errors);
  return date && time ? walesInstant(date, time) : null;
}

const sessionDetailsSchema = zod.object({
  kind: sessionFields.kind,
  workerId: sessionFields.workerId,
  durationMinutes: sessionFields.durationMinutes,
  mode: sessionFields.mode,
  status: sessionFields.status,
  notes: sessionFields.notes,
});
const sessionFamilySchema = zod.object({ householdId: sessionFields.householdId, matchId: sessionFields.matchId });

const optional = (form: Form, name: string) => text(form, name) || undefined;

/** What both session forms share: when, what kind, who, how long, how, its status and notes. */
function sessionDetails(form: Form, errors: FieldError[]) {
  const startsAt = startFromForm(form, errors);
  const details = parseInto(
    sessionDetailsSchema,
    {
      kind: optional(form, 'kind'),
      workerId: optional(form, 'workerId'),
      durationMinutes: optional(form, 'durationMinutes'),
      mode: optional(form, 'mode'),
      status: optional(form, 'status'),
      notes: text(form, 'notes'),
    },
    errors,
  );
  if (!text(form, 'durationMinutes')) {
    const at = errors.findIndex((e) => e.field === 'durationMinutes');
    if (at >= 0) errors[at] = { field: 'durationMinutes', key: 'support:errors.durationMinutes.required' };
  }
  return details && startsAt ? { ...details, startsAt } : undefined;
}

export function sessionFromForm(form: Form): SessionInput {
  const errors: FieldError[] = [];
  const family = parseInto(sessionFamilySchema, { householdId: optional(form, 'householdId'), matchId: optional(form, 'matchId') ?? null }, errors);
  const details = sessionDetails(form, errors);
  return finish(errors, family && details ? { ...family, ...details } : undefined);
}

/** A change from the edit form: every field the form shows; the notes only when the person may see them. */
export function sessionPatchFromForm(form: Form, withNotes: boolean): SessionPatch {
  const errors: FieldError[] = [];
  const { notes, ...patch } = finish(errors, sessionDetails(form, errors));
  return withNotes ? { ...patch, notes } : patch;
}

export function sessionToForm(session: {
  householdId: string;
  matchId: string | null;
  kind: string;
  workerId: string;
  startsAt: Date;
  durationMinutes: number;
  mode: string;
  status: string;
  notes: string | null;
  version: number;
}): Form {
  const start = walesDateTime(session.startsAt);
  return {
    householdId: session.householdId,
    matchId: session.matchId ?? '',
    kind: session.kind,
    workerId: session.workerId,
    ...dateParts('date', start.date),
    startTime: start.time,
    durationMinutes: String(session.durationMinutes),
    mode: session.mode,
    status: session.status,
    notes: session.notes ?? '',
    version: session.version,
  };
}

/** The service names a session's start as an instant; the form has a date and a time. */
export function sessionErrorsForForm(errors: FieldError[]): FieldError[] {
  return errors.map((e) => (e.field === 'startsAt' ? { ...e, field: 'date' } : e));
}

/* ---------- Requests ---------- */

export function requestFromForm(form: Form): RequestInput {
  const errors: FieldError[] = [];
  return finish(errors, parseInto(requestInput, { householdId: optional(form, 'householdId'), need: text(form, 'need') }, errors));
}

export function familyNeedFromForm(form: Form): string {
  const errors: FieldError[] = [];
  return finish(errors, parseInto(familyRequestInput, { need: text(form, 'need') }, errors)).need;
}

export function allocationFromForm(form: Form): string {
  const errors: FieldError[] = [];
  return finish(errors, parseInto(allocationInput, { allocatedTo: optional(form, 'allocatedTo') }, errors)).allocatedTo;
}

export function closeReasonFromForm(form: Form): string {
  const errors: FieldError[] = [];
  return finish(errors, parseInto(closeInput, { closeReason: text(form, 'closeReason') }, errors)).closeReason;
}

/* ---------- Events ---------- */

const eventFormSchema = zod.object(eventFields);

export function eventFromForm(form: Form): EventInput {
  const errors: FieldError[] = [];
  const date = dateField(form, 'date', errors, { required: 'support:errors.date.required' });
  const start = timeField(form, 'startTime', errors);
  const end = timeField(form, 'endTime', errors);
  if (date && start && end && end <= start) errors.push({ field: 'endTime', key: 'support:errors.endsAt.beforeStart' });
  const rest = parseInto(
    eventFormSchema,
    {
      kind: optional(form, 'kind'),
      title: text(form, 'title'),
      titleCy: text(form, 'titleCy'),
      venue: text(form, 'venue'),
      facilitatorId: optional(form, 'facilitatorId') ?? null,
    },
    errors,
  );
  return finish(errors, rest && date && start && end ? { ...rest, startsAt: walesInstant(date, start), endsAt: walesInstant(date, end) } : undefined);
}

export function eventToForm(event: {
  kind: string;
  title: string;
  titleCy: string;
  venue: string;
  facilitatorId: string | null;
  startsAt: Date;
  endsAt: Date;
  version: number;
}): Form {
  const start = walesDateTime(event.startsAt);
  return {
    kind: event.kind,
    title: event.title,
    titleCy: event.titleCy,
    venue: event.venue,
    facilitatorId: event.facilitatorId ?? '',
    ...dateParts('date', start.date),
    startTime: start.time,
    endTime: walesDateTime(event.endsAt).time,
    version: event.version,
  };
}

export function eventErrorsForForm(errors: FieldError[]): FieldError[] {
  const rename: Record<string, string> = { startsAt: 'date', endsAt: 'endTime' };
  return errors.map((e) => ({ ...e, field: rename[e.field] ?? e.field }));
}

export function attendanceFromForm(form: Form): AttendanceInput {
  const errors: FieldError[] = [];
  const attended = text(form, 'attended');
  const value = parseInto(
    attendanceInput,
    {
      householdId: optional(form, 'householdId'),
      attended: attended === 'yes' ? true : attended === 'no' ? false : null,
      adults: text(form, 'adults') || undefined,
      children: text(form, 'children') || undefined,
    },
    errors,
  );
  return finish(errors, value);
}

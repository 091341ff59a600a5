import type { z } from 'zod';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { dateField, dateParts, firstPerField, text, type Form, type FormErrorOptions } from '../../platform/forms/forms.ts';
import { splitReferences, supervisionInput, trainingInput, type SupervisionInput, type TrainingInput } from './inputs.ts';
import type { SupervisionRow, TrainingRow } from './repository.ts';

/** The workforce forms: what a page posts, to and from what the service takes. */

/** Date inputs of the workforce forms, for formErrors. */
export const WORKFORCE_FORM: FormErrorOptions = { dateFields: ['completedDate', 'sessionDate'] };

/** The date boxes' own mistakes (incomplete, not a date) under the workforce's messages. */
function dateOf(form: Form, name: string, errors: FieldError[]): string | undefined {
  return dateField(form, name, errors, { invalid: `workforce:errors.${name}.invalid` }) ?? undefined;
}

/** Every mistake at once, one per field, the date's own first. */
function parseAll<S extends z.ZodType>(schema: S, values: Record<string, unknown>, errors: FieldError[]): z.infer<S> {
  const result = schema.safeParse(values);
  const all = firstPerField([...errors, ...(result.success ? [] : toFieldErrors(result.error))]);
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
  return {
    userId: record.userId,
    course: record.course,
    ...dateParts('completedDate', record.completedDate),
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
  return {
    supervisorId: session.supervisorId,
    superviseeId: session.superviseeId,
    ...dateParts('sessionDate', session.sessionDate),
    durationMinutes: String(session.durationMinutes),
    caseReferences: session.caseReferences.join('\n'),
    themes: session.themes ?? '',
    version: session.version,
  };
}

/** Items of a select of people, with an empty first choice. */
export function peopleItems(
  people: readonly { id: string; name: string; organisationName?: string }[],
  current: unknown,
  emptyText: string,
  showOrganisation = false,
) {
  return [
    { value: '', text: emptyText, selected: !current },
    ...people.map((p) => ({
      value: p.id,
      text: showOrganisation && p.organisationName ? `${p.name} (${p.organisationName})` : p.name,
      selected: p.id === current,
    })),
  ];
}

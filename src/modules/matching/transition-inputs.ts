import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { dateField, dateParts, text, type Form } from '../../platform/forms/forms.ts';
import { isIsoDate } from '../../platform/dates/dates.ts';
import type { StepInput } from './transition-service.ts';
import { TRANSITION_STEP_KINDS } from './vocabulary.ts';

/** A transition step at the API's edge and on the page's form. Messages are translation keys. */

const optionalText = (max: number) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (typeof v === 'string' && v.trim() ? v.trim() : null))
    .refine((v) => v === null || v.length <= max, 'errors.field.tooLong');

/** Steps are planned or recorded done or cancelled; "moved" is what a new date makes of a planned step. */
export const STEP_STATUS_CHOICES = ['planned', 'done', 'cancelled'] as const;

const stepFields = {
  kind: z.enum(TRANSITION_STEP_KINDS, { error: 'preparation:errors.kind.required' }),
  plannedDate: z.string({ error: 'preparation:errors.plannedDate.required' }).trim().refine(isIsoDate, 'preparation:errors.plannedDate.invalid'),
  description: optionalText(500),
  attendees: optionalText(1000),
  status: z.enum(STEP_STATUS_CHOICES, { error: 'preparation:errors.status.invalid' }).default('planned'),
  notes: optionalText(4000),
  reason: optionalText(1000),
};

export const stepApiInput = z.object(stepFields);
export const stepApiPatch = z.object({ ...stepFields, version: fields.version().optional() });

/** A step from its form: every mistake at once, each by its field. */
export function stepFromForm(form: Form): StepInput {
  const errors: FieldError[] = [];
  const plannedDate = dateField(form, 'plannedDate', errors, {
    invalid: 'preparation:errors.plannedDate.invalid',
    required: 'preparation:errors.plannedDate.required',
  });
  const rest = z.object({ ...stepFields, plannedDate: z.string().optional() }).safeParse({
    kind: text(form, 'kind') || undefined,
    description: text(form, 'description'),
    attendees: text(form, 'attendees'),
    status: text(form, 'status') || undefined,
    notes: text(form, 'notes'),
    reason: text(form, 'reason'),
  });
  if (!rest.success) errors.push(...toFieldErrors(rest.error));
  if (errors.length || !rest.success || !plannedDate) throw new ValidationError(errors);
  const { plannedDate: _unused, ...values } = rest.data;
  return { ...values, plannedDate };
}

export function stepToForm(step: {
  kind: string;
  plannedDate: string;
  description: string | null;
  attendees: string | null;
  status: string;
  notes: string | null;
  version: number;
}): Form {
  return {
    kind: step.kind,
    ...dateParts('plannedDate', step.plannedDate),
    description: step.description ?? '',
    attendees: step.attendees ?? '',
    status: step.status === 'moved' ? 'planned' : step.status,
    notes: step.notes ?? '',
    reason: '',
    version: step.version,
  };
}

import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { isIsoDate, type IsoDate } from '../../platform/dates/dates.ts';
import { DURATION_MINUTES } from './meeting-rules.ts';
import { PREPARATION_TOPICS, type PreparationTopic } from './vocabulary.ts';

/**
 * What the preparation services take, and its validation at the API's edge (pages build the same
 * inputs from their forms in forms.ts). Messages are translation keys, one per field and rule.
 */

export type MeetingInput = { childIds: string[]; startsAt: Date; endsAt: Date; location: string | null; agenda: string | null };
export type MeetingPatch = Partial<{
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
}>;
export type AttendeeInput = { userId: string | null; name: string | null; organisationName: string | null; roleDescription: string | null; attended: boolean };
export type ActionInput = { description: string; ownerId: string; dueDate: IsoDate };
export type ConsultationInput = { childIds: string[]; consultationDate: IsoDate; durationMinutes: number; consultees: string | null; notes: string | null };
export type FormulationInput = {
  history: string | null;
  presentingNeeds: string;
  whatHelps: string | null;
  strategiesForParents: string | null;
  recommendedSupport: string | null;
};
export type PreparationSessionInput = {
  workerId: string;
  sessionDate: IsoDate;
  durationMinutes: number;
  topics: PreparationTopic[];
  attendance: Record<string, boolean>;
  readinessReflection: string | null;
};

export const optionalText = (max: number) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (typeof v === 'string' && v.trim() ? v.trim() : null))
    .refine((v) => v === null || v.length <= max, 'errors.field.tooLong');

export const requiredText = (key: string, max: number) => z.string({ error: key }).trim().min(1, key).max(max, 'errors.field.tooLong');

export const isoDate = (field: string) =>
  z
    .string({ error: `preparation:errors.${field}.required` })
    .trim()
    .min(1, `preparation:errors.${field}.required`)
    .refine(isIsoDate, `preparation:errors.${field}.invalid`);

const instant = (field: string) =>
  z.iso
    .datetime({ offset: true, error: (issue) => (issue.input === undefined ? `preparation:errors.${field}.required` : `preparation:errors.${field}.invalid`) })
    .transform((v) => new Date(v));

export const minutes = (field: string) =>
  z.coerce
    .number({ error: `preparation:errors.${field}.invalid` })
    .int(`preparation:errors.${field}.invalid`)
    .min(DURATION_MINUTES.min, `preparation:errors.${field}.range`)
    .max(DURATION_MINUTES.max, `preparation:errors.${field}.range`);

const childIds = z
  .array(fields.uuid(), { error: 'preparation:errors.childIds.required' })
  .min(1, 'preparation:errors.childIds.required')
  .max(10, 'preparation:errors.childIds.required');

export const meetingApiInput = z.object({
  childIds,
  startsAt: instant('startsAt'),
  endsAt: instant('endsAt'),
  location: optionalText(300),
  agenda: optionalText(4000),
});

export const meetingApiPatch = z.object({
  startsAt: instant('startsAt').optional(),
  endsAt: instant('endsAt').optional(),
  location: optionalText(300),
  agenda: optionalText(4000),
  minutes: optionalText(20000),
  decisions: optionalText(8000),
  version: fields.version().optional(),
});

export const attendeeInput = z
  .object({
    userId: z
      .union([fields.uuid(), z.literal(''), z.null()])
      .optional()
      .transform((v) => v || null),
    name: optionalText(200),
    organisationName: optionalText(200),
    roleDescription: optionalText(200),
    attended: z
      .union([z.boolean(), z.enum(['yes', 'no'])])
      .optional()
      .transform((v) => v === undefined || v === true || v === 'yes'),
  })
  .refine((v) => Boolean(v.userId) || Boolean(v.name), { path: ['name'], message: 'preparation:errors.attendee.required' });

export const actionInput = z.object({
  description: requiredText('preparation:errors.description.required', 1000),
  ownerId: z.uuid({ error: 'preparation:errors.ownerId.required' }),
  dueDate: isoDate('dueDate'),
});

export const consultationInput = z.object({
  childIds,
  consultationDate: isoDate('consultationDate'),
  durationMinutes: minutes('durationMinutes'),
  consultees: optionalText(1000),
  notes: optionalText(20000),
});

export const formulationFields = {
  history: optionalText(20000),
  presentingNeeds: requiredText('preparation:errors.presentingNeeds.required', 20000),
  whatHelps: optionalText(20000),
  strategiesForParents: optionalText(20000),
  recommendedSupport: optionalText(20000),
};

/** A new version through the API: If-Match (or `version`) names the version it replaces; 0 for the first. */
export const formulationApiInput = z.object({ ...formulationFields, version: z.coerce.number().int().min(0).max(2147483647).optional() });

export const preparationSessionInput = z.object({
  workerId: z.uuid({ error: 'preparation:errors.workerId.required' }),
  sessionDate: isoDate('sessionDate'),
  durationMinutes: minutes('durationMinutes'),
  topics: z
    .array(z.enum(PREPARATION_TOPICS, { error: 'preparation:errors.topics.invalid' }), { error: 'preparation:errors.topics.required' })
    .min(1, 'preparation:errors.topics.required'),
  attendance: z.record(fields.uuid(), z.boolean(), { error: 'preparation:errors.attendance.invalid' }),
  readinessReflection: optionalText(8000),
});

export const preparationSessionPatch = preparationSessionInput.extend({ version: fields.version().optional() });

export const shareInput = z.object({ organisationId: z.uuid({ error: 'preparation:errors.organisationId.required' }) });

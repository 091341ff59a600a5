import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { dateInWales, isIsoDate } from '../../platform/dates/dates.ts';

/** Validation of workforce input at every edge (API and pages). Messages are translation keys. */

const optionalText = (max: number) =>
  z
    .string({ error: 'errors.field.invalid' })
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/**
 * A date something happened: a real date, and not after today in Wales (the service checks again
 * against its own clock; checking here too lets a form report every mistake at once).
 */
const pastDate = (field: string) =>
  z
    .string({ error: `workforce:errors.${field}.required` })
    .trim()
    .min(1, `workforce:errors.${field}.required`)
    .refine(isIsoDate, `workforce:errors.${field}.invalid`)
    .refine((date) => date <= dateInWales(new Date()), `workforce:errors.${field}.future`);

/** Largest number of hours one training record may carry (a week-long course is about 35). */
export const MAX_TRAINING_HOURS = 300;

/**
 * Hours of a training record: a number (7.5) or its text ("7.5"), more than nothing, at most one
 * decimal place (the column keeps tenths). Normalised to the text the database stores.
 */
const hours = z
  .union([z.number({ error: 'workforce:errors.hours.invalid' }), z.string({ error: 'workforce:errors.hours.required' }).trim()], {
    error: 'workforce:errors.hours.required',
  })
  .transform((v, ctx) => {
    const text = typeof v === 'number' ? String(v) : v;
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'workforce:errors.hours.required' });
      return z.NEVER;
    }
    if (!/^\d{1,3}(\.\d)?$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'workforce:errors.hours.invalid' });
      return z.NEVER;
    }
    const value = Number(text);
    if (value <= 0 || value > MAX_TRAINING_HOURS) {
      ctx.addIssue({ code: 'custom', message: 'workforce:errors.hours.range' });
      return z.NEVER;
    }
    return value.toFixed(1);
  });

export const trainingFields = {
  /** Whose record: omitted, the person recording it (a worker keeps their own CPD log). */
  userId: fields.uuid().optional(),
  course: z.string({ error: 'workforce:errors.course.required' }).trim().min(1, 'workforce:errors.course.required').max(200, 'errors.field.tooLong'),
  completedDate: pastDate('completedDate'),
  hours,
  provider: z.string({ error: 'workforce:errors.provider.required' }).trim().min(1, 'workforce:errors.provider.required').max(200, 'errors.field.tooLong'),
  certificateReference: optionalText(100),
};

export const trainingInput = z.object(trainingFields);
export type TrainingInput = z.infer<typeof trainingInput>;

export const trainingPatch = z.object({
  course: trainingFields.course.optional(),
  completedDate: trainingFields.completedDate.optional(),
  hours: trainingFields.hours.optional(),
  provider: trainingFields.provider.optional(),
  certificateReference: trainingFields.certificateReference,
  version: fields.version().optional(),
});
export type TrainingPatch = Partial<Omit<TrainingInput, 'userId'>>;

/**
 * A case discussed in supervision, by reference only: a household's reference (AT-2026-00012) or a
 * local authority's case number. Letters, digits and - / . only, with at least one digit, so a
 * child's or family's name cannot be typed in its place.
 */
export const caseReference = z
  .string({ error: 'workforce:errors.caseReferences.invalid' })
  .trim()
  .max(40, 'workforce:errors.caseReferences.invalid')
  .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, 'workforce:errors.caseReferences.invalid')
  .regex(/\d/, 'workforce:errors.caseReferences.invalid')
  .transform((v) => v.toUpperCase());

export const MAX_CASE_REFERENCES = 20;

const caseReferences = z
  .array(caseReference, { error: 'workforce:errors.caseReferences.invalid' })
  .max(MAX_CASE_REFERENCES, 'workforce:errors.caseReferences.tooMany')
  .transform((refs) => [...new Set(refs)]);

export const supervisionFields = {
  /** The supervising psychologist: omitted, the person recording it. */
  supervisorId: fields.uuid().optional(),
  superviseeId: z.uuid({ error: 'workforce:errors.supervisee.required' }),
  sessionDate: pastDate('sessionDate'),
  durationMinutes: z
    .union([z.number({ error: 'workforce:errors.durationMinutes.invalid' }), z.string().trim()], { error: 'workforce:errors.durationMinutes.required' })
    .transform((v, ctx) => {
      if (v === '') {
        ctx.addIssue({ code: 'custom', message: 'workforce:errors.durationMinutes.required' });
        return z.NEVER;
      }
      const minutes = typeof v === 'number' ? v : /^\d{1,4}$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(minutes)) {
        ctx.addIssue({ code: 'custom', message: 'workforce:errors.durationMinutes.invalid' });
        return z.NEVER;
      }
      return minutes;
    }),
  caseReferences: caseReferences.default([]),
  themes: optionalText(4000),
};

export const supervisionInput = z.object(supervisionFields);
export type SupervisionInput = z.infer<typeof supervisionInput>;

export const supervisionPatch = z.object({
  supervisorId: fields.uuid().optional(),
  sessionDate: supervisionFields.sessionDate.optional(),
  durationMinutes: supervisionFields.durationMinutes.optional(),
  caseReferences: caseReferences.optional(),
  themes: supervisionFields.themes,
  version: fields.version().optional(),
});
export type SupervisionPatch = Partial<Omit<SupervisionInput, 'superviseeId'>>;

/** Case references typed into one box: separated by commas, semicolons or new lines. */
export function splitReferences(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}

/** A year of CPD asked for in a query (?year=2026). */
export const yearQuery = z.object({
  year: z.coerce
    .number({ error: 'workforce:errors.year.invalid' })
    .int('workforce:errors.year.invalid')
    .min(1990, 'workforce:errors.year.invalid')
    .max(2100, 'workforce:errors.year.invalid')
    .optional(),
});

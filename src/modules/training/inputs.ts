import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { ATTENDANCE, COURSE_KINDS } from './schema.ts';

/** Validation of training input at every edge (API and pages). Messages are translation keys. */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', 'on'])])
  .transform((v) => v === true || v === 'true' || v === 'yes' || v === 'on');

export const SESSION_LANGUAGES = ['en', 'cy', 'bilingual'] as const;

export const courseFields = {
  title: z.string({ error: 'training:errors.title.required' }).trim().min(1, 'training:errors.title.required').max(200, 'errors.field.tooLong'),
  titleCy: z.string({ error: 'training:errors.titleCy.required' }).trim().min(1, 'training:errors.titleCy.required').max(200, 'errors.field.tooLong'),
  description: optionalText(4000),
  descriptionCy: optionalText(4000),
  kind: z.enum(COURSE_KINDS, { error: 'training:errors.kind.invalid' }),
  requiredForStage1: booleanish.default(false),
  hours: z
    .union([
      z.coerce
        .number({ error: 'training:errors.hours.invalid' })
        .int('training:errors.hours.invalid')
        .min(1, 'training:errors.hours.invalid')
        .max(500, 'training:errors.hours.invalid'),
      z.literal(''),
      z.null(),
    ])
    .optional()
    .transform((v) => (typeof v === 'number' ? v : null)),
};

export const courseInput = z.object(courseFields);
export type CourseInput = z.infer<typeof courseInput>;

export const coursePatch = z.object({
  title: courseFields.title.optional(),
  titleCy: courseFields.titleCy.optional(),
  description: courseFields.description,
  descriptionCy: courseFields.descriptionCy,
  kind: courseFields.kind.optional(),
  requiredForStage1: booleanish.optional(),
  hours: courseFields.hours,
  version: fields.version().optional(),
});
export type CoursePatch = Partial<CourseInput>;

/** What the service needs of a session, whether it came as instants (API) or a date and times (pages). */
export type SessionInput = {
  startsAt: Date;
  endsAt: Date;
  venue: string;
  language: (typeof SESSION_LANGUAGES)[number];
  facilitatorIds: string[];
  facilitatorNames: string | null;
  capacity: number;
};

export const sessionFields = {
  venue: z.string({ error: 'training:errors.venue.required' }).trim().min(1, 'training:errors.venue.required').max(300, 'errors.field.tooLong'),
  language: z.enum(SESSION_LANGUAGES, { error: 'training:errors.language.invalid' }),
  facilitatorIds: z
    .union([z.array(fields.uuid()), fields.uuid()])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string()).max(10, 'training:errors.facilitators.tooMany')),
  facilitatorNames: optionalText(500),
  capacity: z.coerce
    .number({ error: 'training:errors.capacity.invalid' })
    .int('training:errors.capacity.invalid')
    .min(1, 'training:errors.capacity.atLeastOne')
    .max(500, 'training:errors.capacity.invalid'),
};

const instant = (field: string) => z.iso.datetime({ offset: true, error: `training:errors.${field}.invalid` }).transform((v) => new Date(v));

/** A session through the API: start and end as ISO 8601 instants with an offset. */
export const sessionApiInput = z.object({ startsAt: instant('startsAt'), endsAt: instant('endsAt'), ...sessionFields });

export const sessionApiPatch = z.object({
  startsAt: instant('startsAt').optional(),
  endsAt: instant('endsAt').optional(),
  venue: sessionFields.venue.optional(),
  language: sessionFields.language.optional(),
  facilitatorIds: z.array(fields.uuid()).max(10, 'training:errors.facilitators.tooMany').optional(),
  facilitatorNames: sessionFields.facilitatorNames,
  capacity: sessionFields.capacity.optional(),
  version: fields.version().optional(),
});

export const bookingInput = z.object({ applicantId: z.uuid({ error: 'training:errors.applicant.required' }) });

export const attendanceInput = z.object({ attendance: z.enum(ATTENDANCE, { error: 'training:errors.attendance.invalid' }) });

/** A change to a booking through the API: record attendance, or cancel the place. */
export const bookingPatch = z
  .object({
    attendance: z.enum(ATTENDANCE, { error: 'training:errors.attendance.invalid' }).optional(),
    status: z.literal('cancelled', { error: 'training:errors.status.invalid' }).optional(),
    version: fields.version().optional(),
  })
  .refine((v) => (v.attendance === undefined) !== (v.status === undefined), { message: 'training:errors.bookingPatch.oneChange', path: ['body'] });

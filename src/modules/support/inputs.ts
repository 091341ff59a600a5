import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { isIsoDate } from '../../platform/dates/dates.ts';
import { SESSION_MODES, SUPPORT_SESSION_KINDS } from './schema.ts';

/** Validation of support input at every edge (API and pages). Messages are translation keys. */

export const SESSION_STATUSES = ['planned', 'delivered', 'cancelled'] as const;
export const REQUEST_STATUSES = ['waiting', 'allocated', 'closed'] as const;
export const EVENT_KINDS = ['support_group', 'event'] as const;

const requiredText = (field: string, max: number) =>
  z
    .string({ error: `support:errors.${field}.required` })
    .trim()
    .min(1, `support:errors.${field}.required`)
    .max(max, 'errors.field.tooLong');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.field.tooLong')
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const isoDate = (field: string) =>
  z
    .string({ error: `support:errors.${field}.required` })
    .trim()
    .refine(isIsoDate, `support:errors.${field}.invalid`);

const instant = (field: string) =>
  z.iso
    .datetime({ offset: true, error: (issue) => (issue.input === undefined ? `support:errors.${field}.required` : `support:errors.${field}.invalid`) })
    .transform((v) => new Date(v));

const uuidOf = (field: string) =>
  z.uuid({ error: (issue) => (issue.input === undefined ? `support:errors.${field}.required` : `support:errors.${field}.invalid`) });

/* ---------- Support plans ---------- */

export const planItemFields = {
  need: requiredText('need', 500),
  support: requiredText('support', 2000),
  provider: requiredText('provider', 200),
  frequency: optionalText(200),
};
export const planItemInput = z.object(planItemFields);
export type PlanItemInput = z.infer<typeof planItemInput>;
/** An item added through the API names the plan's version it was read at (or sends If-Match). */
export const planItemApiInput = planItemInput.extend({ version: fields.version().optional() });

export const planInput = z.object({
  matchId: uuidOf('matchId'),
  needsSummary: requiredText('needsSummary', 4000),
  agreedDate: isoDate('agreedDate'),
  nextReviewDate: isoDate('nextReviewDate')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  items: z.array(planItemInput).max(30, 'support:errors.items.tooMany').optional().default([]),
});
export type PlanInput = z.infer<typeof planInput>;

export const planPatch = z.object({
  needsSummary: requiredText('needsSummary', 4000).optional(),
  agreedDate: isoDate('agreedDate').optional(),
  nextReviewDate: isoDate('nextReviewDate').nullable().optional(),
  version: fields.version().optional(),
});
export type PlanPatch = { needsSummary?: string; agreedDate?: string; nextReviewDate?: string | null };

/* ---------- Support sessions ---------- */

export const sessionFields = {
  householdId: uuidOf('householdId'),
  matchId: z
    .uuid({ error: 'support:errors.matchId.invalid' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  kind: z.enum(SUPPORT_SESSION_KINDS, { error: 'support:errors.kind.invalid' }),
  workerId: uuidOf('workerId'),
  durationMinutes: z.coerce.number({ error: 'support:errors.durationMinutes.invalid' }).int('support:errors.durationMinutes.invalid'),
  mode: z.enum(SESSION_MODES, { error: 'support:errors.mode.invalid' }),
  status: z.enum(SESSION_STATUSES, { error: 'support:errors.status.invalid' }).default('planned'),
  notes: optionalText(20_000),
};

/** A session through the API: its start as an ISO 8601 instant with an offset. */
export const sessionApiInput = z.object({ ...sessionFields, startsAt: instant('startsAt') });
export type SessionInput = z.infer<typeof sessionApiInput>;

export const sessionApiPatch = z.object({
  kind: sessionFields.kind.optional(),
  workerId: sessionFields.workerId.optional(),
  startsAt: instant('startsAt').optional(),
  durationMinutes: sessionFields.durationMinutes.optional(),
  mode: sessionFields.mode.optional(),
  status: z.enum(SESSION_STATUSES, { error: 'support:errors.status.invalid' }).optional(),
  notes: z.string().trim().max(20_000, 'errors.field.tooLong').nullable().optional(),
  version: fields.version().optional(),
});
export type SessionPatch = {
  kind?: SessionInput['kind'];
  workerId?: string;
  startsAt?: Date;
  durationMinutes?: number;
  mode?: SessionInput['mode'];
  status?: SessionInput['status'];
  notes?: string | null;
};

const periodFields = { from: isoDate('from').optional(), to: isoDate('to').optional() };
const checkPeriod = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;

export const sessionListQuery = z
  .object({
    householdId: z.uuid({ error: 'support:errors.householdId.invalid' }).optional(),
    workerId: z.uuid({ error: 'support:errors.workerId.invalid' }).optional(),
    status: z.enum(SESSION_STATUSES, { error: 'support:errors.status.invalid' }).optional(),
    ...periodFields,
  })
  .refine(checkPeriod, { path: ['to'], message: 'support:errors.to.beforeFrom' });
export type SessionListQuery = z.infer<typeof sessionListQuery>;

export const periodQuery = z.object(periodFields).refine(checkPeriod, { path: ['to'], message: 'support:errors.to.beforeFrom' });
export type PeriodQuery = z.infer<typeof periodQuery>;

/* ---------- Support requests ---------- */

export const needField = requiredText('requestNeed', 2000);

export const requestInput = z.object({ householdId: uuidOf('householdId'), need: needField });
export type RequestInput = z.infer<typeof requestInput>;

export const familyRequestInput = z.object({ need: needField });

export const allocationInput = z.object({ allocatedTo: uuidOf('allocatedTo') });
export const closeInput = z.object({ closeReason: requiredText('closeReason', 1000) });

/** A change to a request through the API: allocate it to a worker, or close it with a reason. */
export const requestPatch = z
  .object({
    allocatedTo: uuidOf('allocatedTo').optional(),
    status: z.literal('closed', { error: 'support:errors.status.invalid' }).optional(),
    closeReason: requiredText('closeReason', 1000).optional(),
    version: fields.version().optional(),
  })
  .refine((v) => (v.allocatedTo === undefined) !== (v.status === undefined), { path: ['body'], message: 'support:errors.requestPatch.oneChange' })
  .refine((v) => v.status === undefined || v.closeReason !== undefined, { path: ['closeReason'], message: 'support:errors.closeReason.required' });

export const requestListQuery = z.object({ status: z.enum(REQUEST_STATUSES, { error: 'support:errors.status.invalid' }).optional().default('waiting') });

/* ---------- Support groups and events ---------- */

export const eventFields = {
  kind: z.enum(EVENT_KINDS, { error: 'support:errors.eventKind.invalid' }),
  title: requiredText('title', 200),
  titleCy: requiredText('titleCy', 200),
  venue: requiredText('venue', 300),
  facilitatorId: z
    .uuid({ error: 'support:errors.facilitatorId.invalid' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
};
export const eventApiInput = z.object({ ...eventFields, startsAt: instant('startsAt'), endsAt: instant('endsAt') });
export type EventInput = z.infer<typeof eventApiInput>;

export const eventApiPatch = z.object({
  kind: eventFields.kind.optional(),
  title: eventFields.title.optional(),
  titleCy: eventFields.titleCy.optional(),
  venue: eventFields.venue.optional(),
  facilitatorId: z.uuid({ error: 'support:errors.facilitatorId.invalid' }).nullable().optional(),
  startsAt: instant('startsAt').optional(),
  endsAt: instant('endsAt').optional(),
  version: fields.version().optional(),
});
export type EventPatch = Partial<EventInput>;

const count = (field: string, max: number) =>
  z.coerce
    .number({ error: `support:errors.${field}.invalid` })
    .int(`support:errors.${field}.invalid`)
    .min(0, `support:errors.${field}.invalid`)
    .max(max, `support:errors.${field}.invalid`);

export const attendanceInput = z.object({
  householdId: uuidOf('householdId'),
  attended: z
    .boolean({ error: 'support:errors.attended.invalid' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  adults: count('adults', 20).optional().default(1),
  children: count('children', 30).optional().default(0),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

import { z } from 'zod';
import { isoDate, isoTime } from '../../platform/http/responses.ts';
import { STAGES } from '../recruitment/index.ts';

/** What the portal API answers (see the OpenAPI document). */
export const invitationOut = z.object({
  invitationId: z.uuid(),
  householdId: z.uuid(),
  applicantId: z.uuid(),
  userId: z.uuid(),
  language: z.enum(['en', 'cy']),
  expiresAt: isoTime(),
});

/** Each applicant's training is the training module's answer (courses, bookings, Stage 1 complete); kept whole, described in outline. */
const applicantTraining = z.looseObject({
  applicantId: z.uuid(),
  name: z.string(),
  stage1Complete: z.boolean(),
  bookings: z.array(z.looseObject({ bookingId: z.uuid(), courseId: z.uuid() })),
});

export const myApplicationOut = z.object({
  application: z
    .object({
      householdId: z.uuid(),
      reference: z.string(),
      stage: z.enum(STAGES),
      stageSince: isoDate(),
      due: z.object({ clock: z.string(), due: isoDate(), daysLeft: z.number().int(), level: z.enum(['overdue', 'due_soon', 'ok']) }).nullable(),
      applicants: z.array(z.object({ id: z.uuid(), givenNames: z.string() })),
      socialWorkerName: z.string().nullable(),
      outstanding: z.array(z.object({ kind: z.string(), applicantId: z.uuid().nullable(), count: z.number().int() })),
      training: z.array(applicantTraining),
    })
    .nullable(),
});

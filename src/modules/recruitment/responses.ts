import { z } from 'zod';
import { isoDate, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { applicants, considerationProfiles, homeStudyVisits, householdChecks, householdMembers, households, householdStageEvents } from './schema.ts';
import { CHECK_KINDS, CONSIDERATION_LEVELS, STAGES } from './vocabulary.ts';

/** What the recruitment API answers (see the OpenAPI document). */
export const enquiryReceived = z.object({ received: z.literal(true) });
export const checkOut = rowSchema(householdChecks);
export const visitOut = rowSchema(homeStudyVisits);
export const profileOut = rowSchema(considerationProfiles).extend({ needs: z.record(z.string(), z.enum(CONSIDERATION_LEVELS)) });

export const householdOut = rowSchema(households);
/** The due date of the stage the household is in (Stage 1, the break, Stage 2), null when it has none. */
const due = z.object({
  clock: z.enum(['stage1', 'break', 'stage2']),
  since: isoDate(),
  due: isoDate(),
  daysLeft: z.number().int(),
  level: z.enum(['ok', 'due_soon', 'overdue']),
});
export const householdPage = pageOf(householdOut.extend({ socialWorkerName: z.string().nullable(), applicantNames: z.array(z.string()), due: due.nullable() }));
/** A household with everything its page shows. */
export const householdDetail = householdOut.extend({
  applicants: z.array(rowSchema(applicants)),
  members: z.array(rowSchema(householdMembers)),
  checks: z.array(checkOut),
  outstandingChecks: z.array(
    z.object({
      kind: z.enum(CHECK_KINDS),
      applicantId: z.uuid().nullable(),
      problem: z.enum(['not_requested', 'awaited', 'unsatisfactory']),
      needed: z.number().int().optional(),
    }),
  ),
  visits: z.array(z.object({ id: z.uuid(), visitDate: isoDate(), focus: z.string().nullable(), workerName: z.string().nullable() })),
  history: z.array(
    rowSchema(householdStageEvents)
      .pick({ fromStage: true, toStage: true, effectiveDate: true, reason: true, at: true })
      .extend({ actorName: z.string().nullable() }),
  ),
  considerationProfile: profileOut.extend({ recordedByName: z.string().nullable() }).nullable(),
  considerationProfileVersions: z.number().int(),
  due: due.nullable(),
  availableMoves: z.array(z.enum([...STAGES, 'resume'])),
});
/** Households in a timed stage, soonest due first, a page at a time; the counts per worker whole. */
export const timescalesOut = pageOf(
  z.object({
    id: z.uuid(),
    reference: z.string(),
    stage: z.enum(STAGES),
    applicantNames: z.array(z.string()),
    socialWorkerName: z.string().nullable(),
    due,
  }),
).extend({
  byWorker: z.array(z.object({ worker: z.string().nullable(), inTimedStage: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() })),
});

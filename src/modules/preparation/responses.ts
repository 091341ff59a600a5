import { z } from 'zod';
import { isoDate, isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { ADOPTER_FORMULATION_PARTS } from '../../platform/policy/policy.ts';
import { adopterPreparationSessions, consultations, formulations, tacActions, tacAttendees, tacMeetings } from './schema.ts';

/** What the therapeutic preparation API answers (see the OpenAPI document). */
export const meetingOut = rowSchema(tacMeetings);
export const attendeeOut = rowSchema(tacAttendees);
export const actionOut = rowSchema(tacActions);
const actionState = z.enum(['overdue', 'due_today', 'due_soon', 'open', 'done']);
export const meetingPage = pageOf(meetingOut.extend({ openActions: z.number().int() }));
export const meetingDetail = meetingOut.extend({
  attendees: z.array(
    attendeeOut.extend({
      organisationNameCy: z.string().nullable().describe('The Welsh name of a platform person’s organisation, when it has one (still the one recorded)'),
    }),
  ),
  actions: z.array(actionOut.extend({ ownerName: z.string().nullable(), state: actionState, daysOverdue: z.number().int() })),
});
export const childPreparation = z.object({
  childIds: z.array(z.uuid()),
  ahead: z.array(meetingOut.extend({ sortValue: z.string(), openActions: z.number().int() })),
  held: z.array(meetingOut.extend({ sortValue: z.string(), openActions: z.number().int() })),
  consultations: z.array(z.object({ id: z.uuid(), consultationDate: isoDate(), durationMinutes: z.number().int(), psychologistName: z.string().nullable() })),
  formulation: z.object({ id: z.uuid(), version: z.number().int(), recordedAt: isoTime(), recordedByName: z.string().nullable() }).nullable(),
  sharedWith: z.array(z.object({ id: z.uuid(), name: z.string(), nameCy: z.string().nullable().describe('Its name in Welsh, when it has one') })),
});
export const shared = z.object({ shared: z.number().int() });
export const myActionPage = pageOf(
  z.object({
    id: z.uuid(),
    version: z.number().int(),
    description: z.string(),
    dueDate: isoDate(),
    state: actionState,
    daysOverdue: z.number().int(),
    daysUntilDue: z.number().int(),
    meetingId: z.uuid(),
    meetingDate: isoDate().nullable(),
    childNames: z.array(z.string()),
  }),
);
export const myMeetingPage = pageOf(
  z.object({ id: z.uuid(), startsAt: isoTime(), endsAt: isoTime(), location: z.string().nullable(), childNames: z.array(z.string()) }),
);

export const consultationOut = rowSchema(consultations);
export const consultationDetail = consultationOut.extend({ psychologistName: z.string().nullable(), notesWithheld: z.boolean() });
export const formulationOut = rowSchema(formulations);
const formulationVersion = formulationOut.extend({ recordedByName: z.string().nullable() });
export const formulationDetail = z.object({
  current: formulationVersion.nullable(),
  versions: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      isCurrent: z.boolean(),
      recordedAt: isoTime(),
      recordedByName: z.string().nullable(),
      changed: z.array(z.string()),
    }),
  ),
});
export { formulationVersion };

export const sessionOut = rowSchema(adopterPreparationSessions).extend({ attendance: z.record(z.string(), z.boolean()) });
export const householdSessions = z.object({
  items: z.array(sessionOut.extend({ workerName: z.string().nullable() })),
  totals: z.array(z.object({ applicantId: z.uuid(), sessions: z.number().int(), minutes: z.number().int() })),
});

/** The adopter's own preparation: never the worker's reflection, only the parts of a formulation the match's step allows. */
export const myPreparation = z.object({
  preparation: z
    .object({
      matches: z.array(
        z.object({
          matchId: z.uuid(),
          stage: z.string(),
          childNames: z.array(z.string()),
          transitionPlan: z
            .object({
              steps: z.array(
                z.object({
                  id: z.uuid(),
                  kind: z.string(),
                  plannedDate: isoDate(),
                  description: z.string().nullable(),
                  attendees: z.string().nullable(),
                  status: z.string(),
                }),
              ),
              progress: z.object({
                steps: z.number().int(),
                done: z.number().int(),
                movingDay: isoDate().nullable(),
                daysToMovingDay: z.number().int().nullable(),
                nextStepId: z.uuid().nullable(),
                notRecorded: z.number().int(),
              }),
            })
            .nullable(),
          formulations: z.array(
            z.object({
              version: z.number().int(),
              recordedAt: isoTime(),
              ...Object.fromEntries(ADOPTER_FORMULATION_PARTS.map((p) => [p, z.string().nullable().optional()])),
            }),
          ),
        }),
      ),
      sessions: z.array(
        z.object({ id: z.uuid(), sessionDate: isoDate(), durationMinutes: z.number().int(), topics: z.array(z.string()), attendedBy: z.array(z.string()) }),
      ),
    })
    .nullable(),
});

import { z } from 'zod';
import { isoDate, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { MATCH_STAGE_LIST, type MatchRow } from '../matching/index.ts';
import { supportEventAttendance, supportEvents, supportPlanItems, supportPlans, supportRequests, supportSessions } from './schema.ts';

/** What the support API answers (see the OpenAPI document). */
const cell = z.union([z.number(), z.literal('c')]);
const matchStage = z.enum(MATCH_STAGE_LIST.map((s) => s.stage) as [MatchRow['stage'], ...MatchRow['stage'][]]);

/** A session in a list: never the notes, only whether there are any. */
const sessionListItem = rowSchema(supportSessions)
  .omit({ organisationId: true, createdAt: true, notes: true })
  .extend({ hasNotes: z.boolean(), workerName: z.string().nullable(), householdReference: z.string() });
export const sessionPage = pageOf(sessionListItem);
/** A session: `notes` present only when the person may read them (`notesVisible`). */
export const sessionOut = rowSchema(supportSessions).omit({ organisationId: true, createdAt: true, notes: true }).extend({
  householdReference: z.string(),
  workerName: z.string().nullable(),
  allocatedWorkerId: z.uuid().nullable(),
  hasNotes: z.boolean(),
  notesVisible: z.boolean(),
  notes: z.string().nullable().optional(),
  /** The reader leads this session for a clinical partner: the family is theirs by reference only. */
  ledAsPartner: z.boolean(),
});

const hoursCount = { sessions: z.number().int(), minutes: z.number().int() };
export const hoursOut = z.object({
  period: z.object({ from: isoDate().nullable(), to: isoDate().nullable() }),
  ...hoursCount,
  byHousehold: z.array(z.object({ householdId: z.uuid(), householdReference: z.string(), ...hoursCount })),
  byWorker: z.array(z.object({ workerId: z.uuid(), workerName: z.string(), ...hoursCount })),
});

const stabilityTotals = {
  asOf: isoDate(),
  placements: z.number().int(),
  disruptions: z.number().int(),
  ordersMade: z.number().int(),
  continuing: z.number().int(),
};
const windowCounts = z.object({
  months: z.number().int(),
  reached: z.number().int(),
  open: z.number().int(),
  disrupted: z.number().int(),
  openPercent: z.number().nullable(),
});
const disclosedWindow = z.object({ months: z.number().int(), reached: cell, open: cell, disrupted: cell, openPercent: cell.nullable() });
/** Inside the agency, exact counts and each placement; anyone else, disclosure-controlled counts ("c") only. */
export const stabilityOut = z.discriminatedUnion('disclosed', [
  z.object({
    disclosed: z.literal(false),
    counts: z.object({ ...stabilityTotals, windows: z.array(windowCounts) }),
    rows: z.array(
      z.object({
        matchId: z.uuid(),
        householdReference: z.string().nullable(),
        childCount: z.number().int(),
        placementDate: isoDate(),
        adoptionOrderDate: isoDate().nullable(),
        disruptionDate: isoDate().nullable(),
        disruptionReasons: z.string().nullable(),
        disrupted: z.boolean(),
        windows: z.array(z.object({ months: z.number().int(), state: z.enum(['not_reached', 'open', 'disrupted']) })),
      }),
    ),
  }),
  z.object({
    disclosed: z.literal(true),
    counts: z.object({
      asOf: isoDate(),
      placements: cell,
      disruptions: cell,
      ordersMade: cell,
      continuing: cell,
      windows: z.array(disclosedWindow),
    }),
    rows: z.array(z.never()),
  }),
]);

const review = z.enum(['none', 'overdue', 'due_soon', 'scheduled']);
export const planOut = rowSchema(supportPlans).omit({ organisationId: true });
export const planItemOut = rowSchema(supportPlanItems).omit({ householdId: true });
export const planPage = pageOf(
  rowSchema(supportPlans).extend({
    householdReference: z.string(),
    stage: matchStage,
    placementDate: isoDate().nullable(),
    childCount: z.number().int(),
    items: z.number().int(),
    review,
  }),
);
/** A plan with its items, family, match, recent sessions and hours delivered. */
export const planDetail = planOut.extend({
  review,
  items: z.array(planItemOut),
  household: z.object({ id: z.uuid(), reference: z.string(), socialWorkerName: z.string().nullable() }),
  match: z
    .object({
      id: z.uuid(),
      stage: matchStage,
      placementDate: isoDate().nullable(),
      adoptionOrderDate: isoDate().nullable(),
      disruptionDate: isoDate().nullable(),
      childCount: z.number().int(),
      childNames: z.array(z.string()),
    })
    .nullable(),
  hours: z.object(hoursCount),
  sessions: z.array(sessionListItem),
});

/** A request with how long it has waited (`waitingLevel` only while it waits). */
export const requestOut = rowSchema(supportRequests).extend({
  daysWaiting: z.number().int(),
  waitingLevel: z.enum(['normal', 'long', 'very_long']).nullable(),
});
const namedRequest = requestOut.extend({ householdReference: z.string(), allocatedToName: z.string().nullable(), requestedByName: z.string().nullable() });
export const requestDetail = namedRequest;
/** A page of one status; the waiting list's summary is worked out over all of it. */
export const requestPage = pageOf(namedRequest).extend({
  summary: z
    .object({ waiting: z.number().int(), longestDays: z.number().int().nullable(), medianDays: z.number().int().nullable(), waitingLong: z.number().int() })
    .nullable(),
});

export const eventOut = rowSchema(supportEvents);
export const eventPage = pageOf(eventOut.extend({ families: z.number().int(), attended: z.number().int() }));
export const attendanceOut = rowSchema(supportEventAttendance);
export const eventDetail = eventOut.extend({
  facilitatorName: z.string().nullable(),
  started: z.boolean(),
  attendance: z.array(attendanceOut.extend({ householdReference: z.string() })),
});

import { z } from 'zod';
import { isoDate, isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { staffTraining, supervisionSessions } from './schema.ts';
import { SUPERVISION_FREQUENCIES } from './supervision.ts';

/** What the workforce API answers (see the OpenAPI document). */
export const trainingOut = rowSchema(staffTraining).omit({ createdAt: true }).extend({ hours: z.number() });
export const supervisionOut = rowSchema(supervisionSessions).omit({ createdAt: true });
const supervisionNamed = supervisionOut.extend({ supervisorName: z.string(), superviseeName: z.string() });
const level = z.enum(['overdue', 'due_soon', 'ok']);
const due = z.object({ lastSession: isoDate().nullable(), due: isoDate(), daysLeft: z.number().int(), level });

export const cpdOverview = pageOf(
  z.object({ userId: z.uuid(), name: z.string(), hours: z.number(), records: z.number().int(), targetMet: z.boolean() }),
).extend({
  year: z.number().int(),
  from: isoDate(),
  to: isoDate(),
  targetHours: z.number(),
});
export const trainingOfPerson = z.object({
  person: z.object({ id: z.uuid(), name: z.string(), organisationId: z.uuid(), organisationName: z.string() }),
  cpd: z.array(
    z.object({
      year: z.number().int(),
      from: isoDate(),
      to: isoDate(),
      hours: z.number(),
      records: z.number().int(),
      targetHours: z.number(),
      targetMet: z.boolean(),
    }),
  ),
  items: z.array(trainingOut),
});
/** With ?superviseeId= the page also says when that worker is next due (null when they are not supervised). */
export const supervisionPage = pageOf(supervisionNamed).extend({ due: due.nullable().optional() });
export const supervisionDetail = supervisionNamed;
export const supervisionDueList = pageOf(z.object({ userId: z.uuid(), name: z.string(), sessions: z.number().int() }).extend(due.shape)).extend({
  frequency: z.enum(SUPERVISION_FREQUENCIES),
});

const count = z.number().int();
export const myWork = z.object({
  today: isoDate(),
  attention: z.array(
    z.discriminatedUnion('key', [
      z.object({ key: z.literal('actionsOverdue'), count, anchor: z.literal('actions') }),
      z.object({ key: z.literal('actionsDueToday'), count, anchor: z.literal('actions') }),
      z.object({ key: z.literal('supervisionOverdue'), due: isoDate(), days: count, anchor: z.literal('supervision') }),
      z.object({ key: z.literal('timescalesPassed'), count, anchor: z.literal('timescales') }),
      z.object({ key: z.literal('teamSupervisionOverdue'), count, anchor: z.literal('supervision') }),
      z.object({ key: z.literal('today'), count, anchor: z.literal('diary') }),
    ]),
  ),
  /** Your open actions, overdue first (null when the preparation module is not connected). */
  actions: z
    .array(
      z.object({
        id: z.uuid(),
        version: count,
        description: z.string(),
        dueDate: isoDate(),
        state: z.enum(['overdue', 'due_today', 'due_soon', 'open', 'done']),
        daysOverdue: count,
        daysUntilDue: count,
        meetingId: z.uuid(),
        meetingDate: isoDate().nullable(),
        childNames: z.array(z.string()),
      }),
    )
    .nullable(),
  diary: z
    .array(
      z.object({
        date: isoDate(),
        entries: z.array(
          z.object({
            kind: z.enum(['tac_meeting', 'support_session']),
            id: z.uuid(),
            startsAt: isoTime(),
            endsAt: isoTime(),
            references: z.array(z.string()),
            detail: z.string().nullable(),
            mode: z.string().nullable(),
            status: z.enum(['planned', 'delivered', 'cancelled']).nullable(),
            href: z.string().nullable(),
          }),
        ),
      }),
    )
    .nullable(),
  supervision: z.object({ mine: due.nullable(), teamOverdue: count.nullable() }).nullable(),
  timescales: z.array(z.object({ id: z.uuid(), reference: z.string(), clock: z.string(), due: isoDate(), daysLeft: count, level })).nullable(),
});

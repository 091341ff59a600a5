import { z } from 'zod';
import { isoDate } from '../../platform/http/responses.ts';
import { MEASURES } from './placement-success.ts';

/**
 * What `GET /api/v1/outcomes/placement-success` answers. Inside the agency every figure is a
 * number; outside it (`disclosed: true`) a count may be "c" (suppressed by disclosure control) and
 * an average or percentage is "c" whenever a count behind it is hidden.
 */
const cell = z.union([z.number(), z.literal('c')]);
const average = z.object({ children: cell, averageDays: cell.nullable() });
const share = z.object({ children: cell, within: cell, percent: cell.nullable() });
const window = z.object({ months: z.number().int(), reached: cell, open: cell, disrupted: cell, openPercent: cell.nullable() });

export const placementSuccessOut = z.object({
  disclosed: z.boolean(),
  period: z.object({ from: isoDate(), to: isoDate() }),
  asOf: isoDate(),
  localAuthorityId: z.uuid().nullable(),
  careToMovedIn: average.extend({ leftOut: z.number().int().optional() }),
  orderToDecision: average.extend({ leftOut: z.number().int().optional() }),
  movedInWithin14Months: share.extend({ leftOut: z.number().int().optional() }),
  waiting: z.object({ over6Months: cell, over12Months: cell }),
  planChanges: z.object({ total: cell, byOutcome: z.array(z.object({ outcome: z.string(), children: cell })) }),
  siblings: z.object({ together: cell, separated: cell }),
  disruptionsBeforeOrder: cell,
  windows: z.array(window),
  /** Null for a local authority: families are the agency's. */
  familiesWaitingOver3Months: cell.nullable(),
  /** Families' satisfaction is measured by its own questionnaire (the outcomes instruments). */
  links: z.object({ children: z.record(z.string(), z.string()).nullable() }),
});

export const placementSuccessListOut = z.object({
  measure: z.enum(MEASURES),
  period: z.object({ from: isoDate(), to: isoDate() }),
  localAuthorityId: z.uuid().nullable(),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  items: z.array(
    z.object({
      childId: z.uuid().nullable(),
      householdId: z.uuid().nullable(),
      name: z.string().nullable(),
      localAuthority: z.string().nullable(),
      dates: z.record(z.string(), isoDate().nullable()),
      days: z.number().int().nullable(),
      counted: z.boolean(),
      outcome: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

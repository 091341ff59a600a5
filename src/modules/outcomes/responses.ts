import { z } from 'zod';
import { isoDate, isoTime, pageOf } from '../../platform/http/responses.ts';
import { ANSWERED_IN, BASELINE_ANCHORS } from './instrument.ts';

/** What the outcomes API answers (see the OpenAPI document). */
const text = z.object({ en: z.string(), cy: z.string() });
const change = z.enum(['improved', 'no_reliable_change', 'deteriorated']);
const cell = z.union([z.number(), z.literal('c')]);

const scaleOut = z.object({
  code: z.string(),
  name: text,
  min: z.number().int(),
  max: z.number().int(),
  higherIsBetter: z.boolean(),
  sd: z.number().nullable(),
  reliability: z.number().nullable(),
  normsSource: z.string().nullable(),
  sumOf: z.array(z.string()).nullable(),
  bands: z.array(z.object({ code: z.string(), name: text, min: z.number().int(), max: z.number().int() })),
});

export const instrumentOut = z.object({
  code: z.string(),
  version: z.number().int(),
  name: text,
  respondent: z.string(),
  answeredIn: z.enum(ANSWERED_IN),
  itemsOnScreen: z.boolean(),
  licence: text,
  bandSource: z.string(),
  scales: z.array(scaleOut),
  items: z
    .array(z.object({ code: z.string(), text: text, scale: z.string(), answers: z.array(z.object({ value: z.number().int(), label: text })) }))
    .nullable(),
  schedule: z.object({
    baseline: z.enum(BASELINE_ANCHORS),
    followUpMonths: z.array(z.number().int()),
    windowDaysBefore: z.number().int(),
    windowDaysAfter: z.number().int(),
    recurs: z.enum(['financial_year']).optional(),
  }),
});
export const instrumentPage = pageOf(instrumentOut);

/** One administration; a local authority reader gets `bands` and no `scores`. */
export const administrationOut = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  instrument: z.string(),
  instrumentVersion: z.number().int(),
  completedOn: isoDate(),
  respondent: z.string(),
  scores: z.record(z.string(), z.number()).optional(),
  bands: z.record(z.string(), z.string().nullable()),
  version: z.number().int(),
  createdAt: isoTime(),
});
export const administrationPage = pageOf(administrationOut);

const working = z.object({ difference: z.number(), standardError: z.number(), standardErrorOfDifference: z.number() });

export const outcomesOut = z.object({
  childId: z.uuid(),
  bandsOnly: z.boolean(),
  instruments: z.array(
    z.object({
      code: z.string(),
      version: z.number().int(),
      scales: z.array(
        z.object({
          code: z.string(),
          higherIsBetter: z.boolean(),
          points: z.array(z.object({ administrationId: z.uuid(), completedOn: isoDate(), score: z.number().optional(), band: z.string().nullable() })),
          /** Between the first and the latest point; null with fewer than two points or no norms (and for band-only readers). */
          rci: z.number().nullable(),
          change: change.nullable(),
          working: working.nullable(),
        }),
      ),
    }),
  ),
});

const interval = z.object({ share: z.number(), lower: z.number(), upper: z.number() }).nullable();
export const cohortOut = z.object({
  instrument: z.string(),
  version: z.number().int(),
  disclosed: z.boolean(),
  scales: z.array(
    z.object({
      code: z.string(),
      higherIsBetter: z.boolean(),
      children: cell,
      counts: z.object({ improved: cell, no_reliable_change: cell, deteriorated: cell }),
      intervals: z.object({ improved: interval, no_reliable_change: interval, deteriorated: interval }),
    }),
  ),
});

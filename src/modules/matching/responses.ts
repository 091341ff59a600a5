import { z } from 'zod';
import { isoDate, isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { STAGES } from '../recruitment/index.ts';
import { matchingConfigSchema } from './matching-config.ts';
import { matchEvents, matches, transitionSteps } from './schema.ts';

/** What the matching API answers (see the OpenAPI document). */
export const matchOut = rowSchema(matches);
export const stepOut = rowSchema(transitionSteps);
export const matchPage = pageOf(matchOut.extend({ householdReference: z.string(), applicantNames: z.array(z.string()), childNames: z.array(z.string()) }));
const event = rowSchema(matchEvents)
  .pick({ fromStage: true, toStage: true, effectiveDate: true, reason: true, at: true })
  .extend({ actorName: z.string().nullable() });
export const matchDetail = matchOut.extend({
  history: z.array(event),
  transitionSteps: z.array(stepOut),
  household: z.object({ reference: z.string(), stage: z.enum(STAGES), organisationId: z.uuid(), names: z.array(z.string()) }).optional(),
});
export const transitionPlanOut = z.object({
  matchId: z.uuid(),
  stage: matchOut.shape.stage,
  editable: z.boolean(),
  progress: z.object({
    steps: z.number().int(),
    done: z.number().int(),
    movingDay: isoDate().nullable(),
    daysToMovingDay: z.number().int().nullable(),
    nextStepId: z.uuid().nullable(),
    notRecorded: z.number().int(),
  }),
  steps: z.array(stepOut.extend({ updatedByName: z.string().nullable() })),
});
export const matchingConfigOut = z.object({
  config: matchingConfigSchema,
  configVersion: z.number().int(),
  changedAt: isoTime().nullable(),
  changeReason: z.string().nullable(),
});
export const matchingConfigChanged = z.object({ config: matchingConfigSchema, configVersion: z.number().int() });

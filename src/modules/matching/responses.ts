import { z } from 'zod';
import { isoDate, isoTime, pageOf, rowSchema } from '../../platform/http/responses.ts';
import { STAGES } from '../recruitment/index.ts';
import { EXCLUSION_CODES, MISSING_CODES } from './compatibility.ts';
import { CRITERIA, matchingConfigSchema } from './matching-config.ts';
import { matchEvents, matches, transitionSteps } from './schema.ts';
import { MAIN_REASONS } from './why-waiting.ts';

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

/** What a reason or exclusion fills its words with (see the matching locale keys). */
const params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]));
/** One pair scored: eligible with a score and its reasons, or excluded with every hard limit it breaks. */
const compatibility = z.object({
  groupId: z.string(),
  householdId: z.uuid(),
  eligible: z.boolean(),
  score: z.number().nullable(),
  exclusions: z.array(z.object({ code: z.enum(EXCLUSION_CODES), params })),
  reasons: z.array(
    z.object({
      criterion: z.enum(CRITERIA),
      weight: z.number(),
      available: z.number(),
      contribution: z.number(),
      status: z.enum(['met', 'partly', 'not_met', 'unknown', 'not_applicable']),
      params,
    }),
  ),
  missing: z.array(z.object({ code: z.enum(MISSING_CODES), params })),
  coverage: z.number().nullable(),
});
const withFamily = compatibility.extend({ reference: z.string() });
export const childRecommendationsOut = z.object({
  unit: z.object({ id: z.string(), childIds: z.array(z.uuid()), waitingDays: z.number().int() }),
  configVersion: z.number().int(),
  eligible: z.array(withFamily),
  excluded: z.array(withFamily),
});
const withUnit = compatibility.extend({ unitId: z.string(), childIds: z.array(z.uuid()) });
export const householdRecommendationsOut = z.object({ eligible: z.array(withUnit), excluded: z.array(withUnit) });
const matched = z.object({ matchedGroups: z.number().int(), matchedChildren: z.number().int() });
/** The whole pool: the optimal assignment beside the greedy baseline, who is left and what families are missing. */
export const matchingOverviewOut = z.object({
  configVersion: z.number().int(),
  waitingUnits: z.number().int(),
  waitingChildren: z.number().int(),
  families: z.number().int(),
  familiesWithoutProfile: z.array(z.object({ id: z.uuid(), reference: z.string(), names: z.array(z.string()) })),
  allowedPairs: z.number().int(),
  optimal: matched,
  greedy: matched,
  assignments: z.array(z.object({ unitId: z.string(), childIds: z.array(z.uuid()), householdId: z.uuid(), compatibility: z.number(), bonus: z.number() })),
  unmatched: z.array(
    z.object({
      unitId: z.string(),
      childIds: z.array(z.uuid()),
      blocking: z.object({ byLimit: z.array(z.object({ code: z.enum(EXCLUSION_CODES), families: z.number().int() })), eligibleButTaken: z.number().int() }),
      /** Why this group is still waiting, counted once: see why-waiting.ts. */
      mainReason: z.enum(MAIN_REASONS),
    }),
  ),
  gaps: z.array(
    z.object({
      size: z.string(),
      oldestAge: z.string(),
      units: z.number().int(),
      children: z.number().int(),
      needs: z.array(z.object({ need: z.string(), units: z.number().int() })),
    }),
  ),
});

import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { stepApiInput, stepApiPatch } from './transition-inputs.ts';
import { stepOut, transitionPlanOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

/** Transition plans through the JSON API. */
export function transitionApiRoutes(services: Services) {
  const transitions = services.preparation.transitions;
  return [
    route({
      method: 'GET',
      url: '/api/v1/matches/:id/transition-plan',
      kind: 'api',
      action: 'matches.view',
      summary: 'A match’s transition plan: steps in order and progress towards moving day',
      params: idParams,
      response: transitionPlanOut,
      handler: async (call) => {
        const plan = await transitions.transitionPlan(call.ctx, call.params.id);
        return { matchId: plan.match.id, stage: plan.match.stage, editable: plan.editable, progress: plan.progress, steps: plan.steps };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/matches/:id/transition-steps',
      kind: 'api',
      action: 'transitionPlans.edit',
      summary: 'Add a step to the transition plan (one moving day; a step after it needs a reason)',
      params: idParams,
      body: stepApiInput,
      successStatus: 201,
      response: stepOut,
      handler: async (call) => {
        const step = await transitions.addStep(call.ctx, call.params.id, call.body);
        setEtag(call.reply, step.version);
        return step;
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/transition-steps/:id',
      kind: 'api',
      action: 'transitionPlans.edit',
      summary: 'Change a step or record its progress (If-Match required; a new date or a cancellation needs a reason)',
      params: idParams,
      body: stepApiPatch,
      response: stepOut,
      versioned: { onlyStale: true },
      handler: async (call, version) => {
        const { version: _sent, ...input } = call.body;
        return transitions.updateStep(call.ctx, call.params.id, input, version);
      },
    }),
  ];
}

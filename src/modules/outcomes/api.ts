import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { created } from '../../platform/http/versioning.ts';
import { cursorOf, inOrderAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { ACE_BANDS } from '../children/index.ts';
import { administrationJson, cohortJson, instrumentJson, outcomesJson } from './api-shapes.ts';
import { administrationOut, administrationPage, cohortOut, instrumentPage, outcomesOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });
// Instruments are named by their code (the shipped ones live in code, not in a table): the page's cursor says which came last.
const instrumentPageQuery = pageQuery.extend({
  cursor: cursorOf(z.object({ value: z.string().nullable(), id: z.string().regex(/^[a-z0-9-]{1,100}$/) })).optional(),
});
const isoDate = (field: string) => z.iso.date({ error: `outcomes:errors.${field}.invalid` });

export const administrationInput = z.object({
  instrument: z.string({ error: 'outcomes:errors.instrument.unknown' }).min(1, 'outcomes:errors.instrument.unknown').max(100),
  completedOn: isoDate('completedOn'),
  respondent: z.string({ error: 'outcomes:errors.respondent.unknown' }).max(50),
  // Each scale is checked against the definition by the service, so every wrong one is named (422).
  scores: z.record(z.string().max(100), z.unknown(), { error: 'outcomes:errors.score.missing' }),
});

/** The priority reasons the cohort may be filtered by: aged 4 or over, in a sibling group, additional needs. */
export const PRIORITY_FILTERS = ['age', 'sibling_group', 'disability_or_needs'] as const;

export const cohortQuery = z.object({
  instrument: z.string().max(100).optional(),
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
  localAuthorityId: z.uuid({ error: 'outcomes:errors.localAuthorityId.invalid' }).optional(),
  priorityReason: z.enum(PRIORITY_FILTERS, { error: 'outcomes:errors.priorityReason.invalid' }).optional(),
  aceBand: z.enum(Object.keys(ACE_BANDS) as [keyof typeof ACE_BANDS, ...(keyof typeof ACE_BANDS)[]], { error: 'outcomes:errors.aceBand.invalid' }).optional(),
});

/** The outcomes API: the same service calls as the pages. */
export function outcomesApiRoutes(services: Services) {
  const outcomes = services.outcomes;
  return [
    route({
      method: 'GET',
      url: '/api/v1/instruments',
      kind: 'api',
      action: 'instruments.view',
      summary: 'Outcome instruments (latest version of each): scales with range, direction, bands and norms for reliable change',
      query: instrumentPageQuery,
      response: instrumentPage,
      handler: async (call) => inOrderAnswer((await outcomes.listInstruments(call.ctx)).current.map(instrumentJson), call.query, (i) => i.code),
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id/administrations',
      kind: 'api',
      action: 'outcomes.view',
      summary: 'A child’s completed instruments, oldest first (the child’s local authority gets bands, not scores)',
      params: idParams,
      query: pageQuery,
      response: administrationPage,
      handler: async (call) => {
        const { rows, register, bandsOnly } = await outcomes.administrations(call.ctx, call.params.id);
        return inOrderAnswer(
          rows.map((r) => administrationJson(r, register, bandsOnly)),
          call.query,
          (a) => a.id,
        );
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/children/:id/administrations',
      kind: 'api',
      action: 'outcomes.edit',
      summary: 'Record scale scores from a paper form; 422 naming each wrong scale (range, total = sum), nothing saved',
      params: idParams,
      body: administrationInput,
      successStatus: 201,
      response: administrationOut,
      handler: async (call) => {
        const { saved, register } = await outcomes.recordAdministration(call.ctx, call.params.id, call.body);
        return created(call.reply, `/api/v1/children/${call.params.id}/administrations/${saved.id}`, administrationJson(saved, register, false));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id/outcomes',
      kind: 'api',
      action: 'outcomes.view',
      summary: 'A child’s trajectory per instrument and scale, with the reliable change index (Jacobson & Truax) between the first and the latest score',
      params: idParams,
      response: outcomesOut,
      handler: async (call) => outcomesJson(await outcomes.childOutcomes(call.ctx, call.params.id)),
    }),
    route({
      method: 'GET',
      url: '/api/v1/outcomes/cohort',
      kind: 'api',
      action: 'outcomes.cohort',
      summary:
        'Share of children reliably improved, unchanged and deteriorated per scale, with 95% Wilson intervals ("c" for a suppressed count outside the agency)',
      query: cohortQuery,
      response: cohortOut,
      handler: async (call) => cohortJson(await outcomes.cohort(call.ctx, call.query)),
    }),
  ];
}

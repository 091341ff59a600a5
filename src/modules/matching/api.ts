import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import { linkInput, matchListQuery, stepInput } from './inputs.ts';
import { matchDetail, matchOut, matchPage } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

/** The JSON API of the matching workflow: the same service calls as the pages. */
export function matchingApiRoutes(services: Services) {
  const matching = services.matching;
  return [
    route({
      method: 'GET',
      url: '/api/v1/matches',
      kind: 'api',
      action: 'matches.view',
      summary: 'Links and matches you may see (open ones unless open=false), by household or child, most recently changed first and keyset-paginated',
      query: matchListQuery.extend(pageQuery.shape),
      response: matchPage,
      handler: async (call) => {
        const { limit, cursor, ...filter } = call.query;
        const page = await matching.pageMatches(call.ctx, filter, { limit, after: cursor });
        return pageAnswer({
          ...page,
          items: page.items.map((r) => ({ ...r.match, householdReference: r.householdReference, applicantNames: r.applicantNames, childNames: r.childNames })),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/matches',
      kind: 'api',
      action: 'matches.create',
      summary: 'Link an approved household with a child (the whole sibling group when they are to live together)',
      body: linkInput,
      successStatus: 201,
      response: matchOut,
      handler: async (call) => {
        const match = await matching.createLink(call.ctx, call.body);
        return created(call.reply, `/api/v1/matches/${match.id}`, match);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/matches/:id',
      kind: 'api',
      action: 'matches.view',
      summary: 'A link or match with its history and transition plan (ETag carries its version)',
      params: idParams,
      response: matchDetail,
      handler: async (call) => {
        const found = await matching.getMatch(call.ctx, call.params.id);
        setEtag(call.reply, found.match.version);
        return { ...found.match, history: found.events, transitionSteps: found.steps, household: found.household };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/matches/:id/steps',
      kind: 'api',
      action: 'matches.progress',
      summary:
        'Record the next step (shortlist, visits, matching meeting, panel, decision, introductions, placement, order; declined, ended, disrupted with a reason)',
      params: idParams,
      body: stepInput,
      response: matchOut,
      // A step may be recorded without a version (the next step is checked anyway); given, it must hold.
      versioned: { optional: true },
      handler: async (call, version: number | undefined) => {
        const { version: _v, ...move } = call.body;
        return matching.progress(call.ctx, call.params.id, move, version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/matches/:id/agreement',
      kind: 'api',
      action: 'matches.agree',
      summary: 'The children’s local authority agrees the match',
      params: idParams,
      response: matchOut,
      handler: async (call) => matching.agree(call.ctx, call.params.id),
    }),
  ];
}

import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageAnswer, pageCursor, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import { checkInput, considerationInput, enquiryInput, householdInput, householdListQuery, householdPatch, transitionInput, visitInput } from './inputs.ts';
import { checkOut, enquiryReceived, householdDetail, householdOut, householdPage, profileOut, timescalesOut, visitOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });
const checkParams = z.object({ id: fields.uuid(), checkId: fields.uuid() });

/** The JSON API of specialised recruitment: the same service calls as the pages. */
export function recruitmentApiRoutes(services: Services) {
  const recruitment = services.recruitment;
  return [
    route({
      method: 'POST',
      url: '/api/v1/enquiries',
      kind: 'api',
      action: 'enquiries.submit',
      summary: 'Enquire about adopting (public, no token; rate-limited per address). The answer never says whether the address is known.',
      body: enquiryInput,
      successStatus: 202,
      response: enquiryReceived,
      handler: async (call) => recruitment.submitEnquiry(call.ctx, call.body, call.request.ip),
    }),
    route({
      method: 'GET',
      url: '/api/v1/households',
      kind: 'api',
      action: 'households.list',
      summary: 'Adopter households you may see, by stage (oldest in their stage first, keyset-paginated); view=mine|overdue|due_soon',
      query: householdListQuery.extend({ cursor: pageCursor.optional() }),
      response: householdPage,
      handler: async (call) => pageAnswer(await recruitment.listHouseholds(call.ctx, call.query)),
    }),
    route({
      method: 'POST',
      url: '/api/v1/households',
      kind: 'api',
      action: 'households.create',
      summary: 'Record a household (one or two applicants) at enquiry',
      body: householdInput,
      successStatus: 201,
      response: householdOut,
      handler: async (call) => {
        const household = await recruitment.createHousehold(call.ctx, call.body);
        return created(call.reply, `/api/v1/households/${household.id}`, household);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/households/:id',
      kind: 'api',
      action: 'households.view',
      summary: 'A household: applicants, members, checks, visits, stage history, what the family can consider (ETag carries its version)',
      params: idParams,
      response: householdDetail,
      handler: async (call) => {
        const record = await recruitment.getHousehold(call.ctx, call.params.id);
        setEtag(call.reply, record.household.version);
        return {
          ...record.household,
          applicants: record.applicants,
          members: record.members,
          checks: record.checks,
          outstandingChecks: record.missingChecks,
          visits: record.visits,
          history: record.events,
          considerationProfile: record.currentProfile,
          considerationProfileVersions: record.profiles.length,
          due: record.due,
          availableMoves: record.moves,
        };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/households/:id',
      kind: 'api',
      action: 'households.edit',
      summary: 'Change a household’s details, applicants or members (If-Match required)',
      params: idParams,
      body: householdPatch,
      versioned: {},
      response: householdOut,
      handler: async (call, version) => recruitment.updateHousehold(call.ctx, call.params.id, call.body, version),
    }),
    route({
      method: 'POST',
      url: '/api/v1/households/:id/transitions',
      kind: 'api',
      action: 'households.transition',
      summary: 'Move a household to another stage; 409 when the stage cannot follow, 422 with the reason when something must be done first',
      params: idParams,
      body: transitionInput,
      response: householdOut,
      // The version may be left out (the stage rules are checked anyway); given, it must hold.
      versioned: { optional: true },
      handler: async (call, version: number | undefined) =>
        recruitment.moveStage(call.ctx, call.params.id, version === undefined ? call.body : { ...call.body, version }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/households/:id/checks',
      kind: 'api',
      action: 'households.edit',
      summary: 'Add a Stage 1 check (DBS, medical, reference, local authority)',
      params: idParams,
      body: checkInput,
      successStatus: 201,
      response: checkOut,
      handler: async (call) => recruitment.addCheck(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/households/:id/checks/:checkId',
      kind: 'api',
      action: 'households.edit',
      summary: 'Record a check’s dates and outcome (If-Match or version required)',
      params: checkParams,
      body: checkInput,
      response: checkOut,
      versioned: {},
      handler: async (call, version) => recruitment.updateCheck(call.ctx, call.params.id, call.params.checkId, call.body, version),
    }),
    route({
      method: 'POST',
      url: '/api/v1/households/:id/visits',
      kind: 'api',
      action: 'households.edit',
      summary: 'Record a Stage 2 home study visit',
      params: idParams,
      body: visitInput,
      successStatus: 201,
      response: visitOut,
      handler: async (call) => recruitment.addVisit(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/households/:id/consideration-profile',
      kind: 'api',
      action: 'households.edit',
      summary: 'Record a new version of what the family can consider (used by matching)',
      params: idParams,
      body: considerationInput,
      successStatus: 201,
      response: profileOut,
      handler: async (call) => recruitment.recordProfile(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/recruitment/timescales',
      kind: 'api',
      action: 'recruitment.overview',
      summary: 'Households in Stage 1, a break or Stage 2 with their due dates, and counts per worker',
      query: pageQuery,
      response: timescalesOut,
      handler: async (call) => {
        const overview = await recruitment.timescalesOverview(call.ctx);
        // The counts per worker stay whole; the households behind them come a page at a time.
        return { ...overview, ...inOrderAnswer(overview.items, call.query, (h) => h.id) };
      },
    }),
  ];
}

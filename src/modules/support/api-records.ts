import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { inOrderAnswer, pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { created, setEtag } from '../../platform/http/versioning.ts';
import {
  attendanceInput,
  eventApiInput,
  eventApiPatch,
  planInput,
  planItemApiInput,
  planPatch,
  requestInput,
  requestListQuery,
  requestPatch,
} from './inputs.ts';
import type { PlanRow } from './plans-repository.ts';
import {
  attendanceOut,
  eventDetail,
  eventOut,
  eventPage,
  planDetail,
  planItemOut,
  planOut,
  planPage,
  requestDetail,
  requestOut,
  requestPage,
} from './responses.ts';

const idParams = z.object({ id: fields.uuid() });
const itemParams = z.object({ id: fields.uuid(), itemId: fields.uuid() });
const whenQuery = z.object({ when: z.enum(['upcoming', 'past'], { error: 'support:errors.when.invalid' }).optional().default('upcoming') });

function planJson(plan: PlanRow) {
  const { organisationId: _o, ...rest } = plan;
  return rest;
}

const defined = <T extends Record<string, unknown>>(patch: T) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The JSON API of support plans, requests (the waiting list) and events. */
export function supportRecordApiRoutes(services: Services) {
  const support = services.support;
  return [
    route({
      method: 'GET',
      url: '/api/v1/support/plans',
      kind: 'api',
      action: 'support.view',
      summary: 'Adoption support plans of your organisation, with where each review stands',
      query: pageQuery,
      response: planPage,
      handler: async (call) => pageAnswer(await support.pagePlans(call.ctx, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/support/plans',
      kind: 'api',
      action: 'support.edit',
      summary: 'Agree the adoption support plan of a match (one per match), with its first items',
      body: planInput,
      successStatus: 201,
      response: planOut,
      handler: async (call) => {
        const plan = await support.createPlan(call.ctx, call.body);
        return created(call.reply, `/api/v1/support/plans/${plan.id}`, planJson(plan));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/plans/:id',
      kind: 'api',
      action: 'support.view',
      summary: 'A support plan with its items, match, sessions and hours delivered (ETag carries its version)',
      params: idParams,
      response: planDetail,
      handler: async (call) => {
        const found = await support.getPlan(call.ctx, call.params.id);
        setEtag(call.reply, found.plan.version);
        return {
          ...planJson(found.plan),
          review: found.review,
          items: found.items.map(({ householdId: _h, ...i }) => i),
          household: found.household,
          match: found.match,
          hours: found.hours,
          sessions: found.sessions,
        };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/support/plans/:id',
      kind: 'api',
      action: 'support.edit',
      summary: 'Change a support plan’s summary or dates (If-Match required)',
      params: idParams,
      body: planPatch,
      versioned: { answer: planJson },
      response: planOut,
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        return support.updatePlan(call.ctx, call.params.id, defined(patch), version);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/support/plans/:id/items',
      kind: 'api',
      action: 'support.edit',
      summary: 'Add a need and the support agreed for it (If-Match with the plan’s version)',
      params: idParams,
      body: planItemApiInput,
      successStatus: 201,
      response: planItemOut,
      // The ETag is the plan's: the next change to it must name the version this item made.
      versioned: {
        etag: (saved: { plan: { version: number } }) => saved.plan.version,
        answer: ({ item: { householdId: _h, ...rest } }: { item: { householdId: string } }) => rest,
      },
      handler: async (call, version) => {
        const { version: _sent, ...item } = call.body;
        return support.addItem(call.ctx, call.params.id, item, version);
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/support/plans/:id/items/:itemId',
      kind: 'api',
      action: 'support.edit',
      summary: 'Remove an item from a plan (If-Match with the plan’s version)',
      params: itemParams,
      response: planOut,
      versioned: { answer: planJson },
      handler: async (call, version) => support.removeItem(call.ctx, call.params.id, call.params.itemId, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/requests',
      kind: 'api',
      action: 'support.view',
      summary: 'Requests for support of one status (waiting: longest wait first, with days waiting and a summary)',
      query: requestListQuery.extend(pageQuery.shape),
      response: requestPage,
      handler: async (call) => {
        // The waiting list's order and summary are worked out over all of it; its rows come a page at a time.
        const list = await support.listRequests(call.ctx, call.query.status);
        return { ...list, ...inOrderAnswer(list.items, call.query, (r) => r.id) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/support/requests',
      kind: 'api',
      action: 'supportRequests.create',
      summary: 'Ask for support for a family; it joins the waiting list',
      body: requestInput,
      successStatus: 201,
      response: requestOut,
      handler: async (call) => {
        const request = await support.createRequest(call.ctx, call.body);
        return created(call.reply, `/api/v1/support/requests/${request.id}`, request);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/requests/:id',
      kind: 'api',
      action: 'support.view',
      summary: 'A request for support with days waiting',
      params: idParams,
      response: requestDetail,
      handler: async (call) => {
        const request = await support.getRequest(call.ctx, call.params.id);
        setEtag(call.reply, request.version);
        return request;
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/support/requests/:id',
      kind: 'api',
      action: 'supportRequests.manage',
      summary: 'Allocate a request to a worker ({ allocatedTo }) or close it ({ status: "closed", closeReason }) (If-Match required)',
      params: idParams,
      body: requestPatch,
      versioned: {},
      response: requestOut,
      handler: async (call, version) => {
        const { allocatedTo, closeReason } = call.body;
        return allocatedTo
          ? support.allocateRequest(call.ctx, call.params.id, allocatedTo, version)
          : support.closeRequest(call.ctx, call.params.id, closeReason!, version);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/events',
      kind: 'api',
      action: 'support.view',
      summary: 'Support groups and events: upcoming (default) or past, with families listed and attended',
      query: whenQuery.extend(pageQuery.shape),
      response: eventPage,
      handler: async (call) => pageAnswer(await support.pageEvents(call.ctx, call.query.when, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'POST',
      url: '/api/v1/support/events',
      kind: 'api',
      action: 'support.edit',
      summary: 'Add a support group or event (titles in English and Welsh; start and end as ISO 8601 instants)',
      body: eventApiInput,
      successStatus: 201,
      response: eventOut,
      handler: async (call) => {
        const event = await support.createEvent(call.ctx, call.body);
        return created(call.reply, `/api/v1/support/events/${event.id}`, event);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/support/events/:id',
      kind: 'api',
      action: 'support.view',
      summary: 'A support group or event with its attendance',
      params: idParams,
      response: eventDetail,
      handler: async (call) => {
        const found = await support.getEvent(call.ctx, call.params.id);
        setEtag(call.reply, found.event.version);
        return { ...found.event, facilitatorName: found.facilitatorName, started: found.started, attendance: found.attendance };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/support/events/:id',
      kind: 'api',
      action: 'support.edit',
      summary: 'Change a support group or event (If-Match required)',
      params: idParams,
      body: eventApiPatch,
      versioned: {},
      response: eventOut,
      handler: async (call, version) => {
        const { version: _sent, ...patch } = call.body;
        return support.updateEvent(call.ctx, call.params.id, defined(patch), version);
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/support/events/:id/attendance',
      kind: 'api',
      action: 'support.edit',
      summary: 'A family on an event’s list: expected (attended null), or whether they came and how many',
      params: idParams,
      body: attendanceInput,
      response: attendanceOut,
      handler: async (call) => support.recordAttendance(call.ctx, call.params.id, call.body),
    }),
  ];
}

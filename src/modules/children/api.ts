import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { cursorOf, encodeCursor, pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import {
  aceAnalyticsOut,
  acesOut,
  acesSaved,
  childDetail,
  childOut,
  childPage,
  referralCreated,
  referralDecided,
  referralDetail,
  referralPage,
  siblingGroupDetail,
  siblingGroupOut,
  siblingGroupPage,
} from './responses.ts';
import { aceAnalyticsQuery, acesInput, childListQuery, childPatch, decisionInput, outcomeInput, referralInput, siblingAssessmentInput } from './inputs.ts';

const idParams = z.object({ id: fields.uuid() });
const listCursor = cursorOf(z.object({ value: z.string().nullable(), id: z.uuid() }));

/** The JSON API of children who wait: the same service calls as the pages. */
export function childrenApiRoutes(services: Services) {
  const children = services.children;
  return [
    route({
      method: 'POST',
      url: '/api/v1/referrals',
      kind: 'api',
      action: 'referrals.create',
      summary: 'Refer a child or a sibling group (legal basis recorded)',
      body: referralInput,
      successStatus: 201,
      response: referralCreated,
      handler: async (call) => {
        const created = await children.submitReferral(call.ctx, call.body);
        call.reply.header('location', `/api/v1/referrals/${created.referralId}`);
        return created;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/referrals',
      kind: 'api',
      action: 'referrals.view',
      summary: 'Referrals you made, or (the agency) referrals made to you, newest first and keyset-paginated',
      query: pageQuery.extend({ status: z.enum(['draft', 'submitted', 'accepted', 'declined']).optional() }),
      response: referralPage,
      handler: async (call) => {
        const page = await children.listReferrals(call.ctx, call.query.status, { limit: call.query.limit, after: call.query.cursor });
        return pageAnswer({
          ...page,
          items: page.items.map((r) => ({ ...r.referral, draft: undefined, organisationName: r.organisationName, referredByName: r.referredByName })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/referrals/:id',
      kind: 'api',
      action: 'referrals.view',
      summary: 'A referral with its children',
      params: idParams,
      response: referralDetail,
      handler: async (call) => {
        const found = await children.getReferral(call.ctx, call.params.id);
        return { ...found.referral, draft: undefined, children: found.children.map((c) => ({ id: c.id, status: c.status })) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/referrals/:id/decision',
      kind: 'api',
      action: 'referrals.decide',
      summary: 'Accept (allocating a family finder) or decline with a reason',
      params: idParams,
      body: decisionInput,
      response: referralDecided,
      handler: async (call) => children.decideReferral(call.ctx, call.params.id, call.body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/children',
      kind: 'api',
      action: 'children.list',
      summary: 'Children you may see, filtered, sorted and keyset-paginated',
      query: childListQuery.extend({ cursor: listCursor.optional() }),
      response: childPage,
      handler: async (call) => {
        const { cursor, ...filters } = call.query;
        const page = await children.listChildren(call.ctx, filters, cursor);
        return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id',
      kind: 'api',
      action: 'children.view',
      summary: 'A child’s record (ETag carries its version)',
      params: idParams,
      response: childDetail,
      handler: async (call) => {
        const record = await children.getChild(call.ctx, call.params.id);
        setEtag(call.reply, record.child.version);
        return {
          ...record.child,
          needs: record.needs.map(({ category, severity, description }) => ({ category, severity, description })),
          priority: record.priority,
          clocks: record.summary.clocks,
          aceCounts: record.aces?.counts ?? null,
          siblingGroupId: record.siblingGroup?.id ?? null,
        };
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/children/:id',
      kind: 'api',
      action: 'children.edit',
      summary: 'Change a child’s record (If-Match required)',
      params: idParams,
      body: childPatch,
      response: childOut,
      versioned: {},
      handler: async (call, version) => children.updateChild(call.ctx, call.params.id, call.body, version),
    }),
    route({
      method: 'POST',
      url: '/api/v1/children/:id/outcome',
      kind: 'api',
      action: 'children.edit',
      summary: 'Record how the child’s journey ended (If-Match required)',
      params: idParams,
      body: outcomeInput,
      response: childOut,
      versioned: {},
      handler: async (call, version) => children.recordOutcome(call.ctx, call.params.id, call.body, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id/aces',
      kind: 'api',
      action: 'aces.view',
      summary: 'The child’s ACE record and counts',
      params: idParams,
      response: acesOut,
      handler: async (call) => {
        const aces = await children.getAces(call.ctx, call.params.id);
        return { entries: aces.entries, counts: aces.counts, version: aces.version };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/children/:id/aces',
      kind: 'api',
      action: 'aces.edit',
      summary: 'Replace the child’s ACE record. If-Match (optional): the record’s ETag, the version read (how many times it has been saved)',
      params: idParams,
      body: acesInput.extend({ version: z.number().int().min(0).optional() }),
      response: acesSaved,
      versioned: { optional: true },
      handler: async (call, version: number | undefined) => children.putAces(call.ctx, call.params.id, call.body.entries, version),
    }),
    route({
      method: 'GET',
      url: '/api/v1/analytics/aces',
      kind: 'api',
      action: 'analytics.aces',
      summary:
        'ACE counts of a cohort against the comparator. Outside the agency: disclosure-controlled fixed tables (cohort filters answer 403; mean and median only where no cell is suppressed)',
      query: aceAnalyticsQuery,
      response: aceAnalyticsOut,
      handler: async (call) => {
        const { thresholds: _thresholds, ...figures } = await children.aceAnalytics(call.ctx, call.query);
        return figures;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/sibling-groups',
      kind: 'api',
      action: 'siblingGroups.view',
      summary: 'Active sibling groups you may see, oldest first and keyset-paginated',
      query: pageQuery,
      response: siblingGroupPage,
      handler: async (call) => pageAnswer(await children.listSiblingGroups(call.ctx, { limit: call.query.limit, after: call.query.cursor })),
    }),
    route({
      method: 'GET',
      url: '/api/v1/sibling-groups/:id',
      kind: 'api',
      action: 'siblingGroups.view',
      summary: 'A sibling group: members, relationships, assessment and its history',
      params: idParams,
      response: siblingGroupDetail,
      handler: async (call) => {
        const found = await children.getSiblingGroup(call.ctx, call.params.id);
        setEtag(call.reply, found.group.version);
        return found;
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/sibling-groups/:id',
      kind: 'api',
      action: 'siblingGroups.edit',
      summary: 'A new together-or-apart assessment (If-Match required)',
      params: idParams,
      body: siblingAssessmentInput.extend({ version: z.coerce.number().int().min(1).optional() }),
      response: siblingGroupOut,
      versioned: {},
      handler: async (call, version) => children.assessSiblingGroup(call.ctx, call.params.id, call.body, version),
    }),
    route({
      method: 'POST',
      url: '/api/v1/sibling-groups/:id/members',
      kind: 'api',
      action: 'siblingGroups.edit',
      summary: 'Add a child to a sibling group (a child is in at most one active group)',
      params: idParams,
      body: z.object({
        childId: fields.uuid(),
        relationships: z
          .array(z.object({ siblingId: fields.uuid(), relationship: z.enum(['full', 'half', 'step'], { error: 'children:errors.relationship.invalid' }) }))
          .default([]),
      }),
      successStatus: 204,
      handler: async (call) => {
        await children.addToSiblingGroup(call.ctx, call.params.id, call.body.childId, call.body.relationships);
        return call.reply.code(204).send();
      },
    }),
  ];
}

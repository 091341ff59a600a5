import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { cursorOf, encodeCursor, pageAnswer, pageQuery } from '../../platform/http/cursor.ts';
import { setEtag } from '../../platform/http/versioning.ts';
import { ORGANISATION_TYPES } from '../../platform/auth/schema.ts';
import { ROLES } from '../../platform/policy/roles.ts';
import { organisationInput, userInput, userEdit } from './service.ts';
import { userListQuery } from './routes.ts';
import type { UserSummary } from './repository.ts';
import { auditQuery } from './audit-routes.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { rowSchema } from '../../platform/http/responses.ts';

/** The audit log pages on its own entry numbers (newest first), so its cursor carries the number to read below. */
const auditCursor = cursorOf(z.object({ before: z.number().int().min(1) }));

const userOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationNameCy: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  preferredLanguage: z.enum(['en', 'cy']),
  secondFactorEnrolled: z.boolean(),
  disabled: z.boolean(),
  version: z.number().int(),
});
const organisationOut = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  nameCy: z.string().nullable(),
  type: z.enum(ORGANISATION_TYPES),
  region: z.string().nullable(),
  version: z.number().int(),
});

function toUserOut(user: UserSummary): z.infer<typeof userOut> {
  const { createdAt, ...rest } = user;
  return rest;
}

export function organisationApiRoutes(services: Services) {
  const org = services.organisations;
  return [
    route({
      method: 'GET',
      url: '/api/v1/me',
      kind: 'api',
      action: 'account.view',
      summary: 'The account behind the token',
      response: userOut,
      handler: async (call) => toUserOut(await org.getUser(call.ctx, (call.actor as { userId: string }).userId)),
    }),
    route({
      method: 'GET',
      url: '/api/v1/users',
      kind: 'api',
      action: 'users.list',
      summary: 'People with accounts (keyset-paginated)',
      query: userListQuery.pick({ organisationId: true, limit: true }).extend({ cursor: cursorOf(z.object({ name: z.string(), id: z.uuid() })).optional() }),
      response: z.object({ items: z.array(userOut), nextCursor: z.string().nullable() }),
      handler: async (call) => {
        const page = await org.listUsers(call.ctx, { organisationId: call.query.organisationId, after: call.query.cursor, limit: call.query.limit });
        return { items: page.items.map(toUserOut), nextCursor: page.next ? encodeCursor(page.next) : null };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/users',
      kind: 'api',
      action: 'users.create',
      summary: 'Add a person (a password is generated and returned once when none is given)',
      body: userInput,
      successStatus: 201,
      response: userOut.extend({ generatedPassword: z.string().optional() }),
      handler: async (call) => {
        const created = await org.createUser(call.ctx, call.body);
        const user = await org.getUser(call.ctx, created.id);
        setEtag(call.reply, user.version);
        call.reply.header('location', `/api/v1/users/${user.id}`);
        return { ...toUserOut(user), generatedPassword: created.generatedPassword };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/users/:id',
      kind: 'api',
      action: 'users.view',
      summary: 'A person’s account (ETag carries its version)',
      params: z.object({ id: fields.uuid() }),
      response: userOut,
      handler: async (call) => {
        const user = await org.getUser(call.ctx, call.params.id);
        setEtag(call.reply, user.version);
        return toUserOut(user);
      },
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/users/:id',
      kind: 'api',
      action: 'users.edit',
      summary: 'Change a person’s account (If-Match required)',
      params: z.object({ id: fields.uuid() }),
      body: userEdit.partial({ version: true }),
      response: userOut,
      versioned: { answer: toUserOut },
      handler: async (call, version) => org.updateUser(call.ctx, call.params.id, { ...call.body, version }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/organisations',
      kind: 'api',
      action: 'organisations.list',
      summary: 'Organisations of the partnership',
      query: pageQuery,
      response: z.object({ items: z.array(organisationOut), nextCursor: z.string().nullable() }),
      handler: async (call) => {
        const page = await org.listOrganisations(call.ctx, { limit: call.query.limit, after: call.query.cursor });
        return pageAnswer({
          ...page,
          items: page.items.map(({ id, slug, name, nameCy, type, region, version }) => ({ id, slug, name, nameCy, type, region, version })),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/organisations',
      kind: 'api',
      action: 'organisations.create',
      summary: 'Add an organisation',
      body: organisationInput,
      successStatus: 201,
      response: organisationOut,
      handler: async (call) => {
        const { id, slug, name, nameCy, type, region, version } = await org.createOrganisation(call.ctx, call.body);
        return { id, slug, name, nameCy, type, region, version };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/audit',
      kind: 'api',
      action: 'audit.view',
      summary: 'Audit log entries, newest first: follow nextCursor (or, as before, pass nextBefore as before)',
      query: auditQuery.extend({ cursor: auditCursor.optional() }),
      response: z.object({
        items: z.array(
          rowSchema(auditLog).extend({
            userName: z.string().nullable(),
            detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
          }),
        ),
        nextBefore: z.number().int().nullable(),
        nextCursor: z.string().nullable(),
      }),
      handler: async (call) => {
        const { cursor, ...query } = call.query;
        const page = await services.audit.search(call.ctx, { ...query, before: cursor?.before ?? query.before });
        const nextBefore = page.nextBefore ?? null;
        return { items: page.items, nextBefore, nextCursor: nextBefore ? encodeCursor({ before: nextBefore }) : null };
      },
    }),
  ];
}

import { z } from 'zod';
import { errorViewModel } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { ORGANISATION_TYPES } from '../../platform/auth/schema.ts';
import { ROLES } from '../../platform/policy/roles.ts';
import { can } from '../../platform/policy/policy.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { organisationEdit, organisationInput, userEdit, userInput } from './service.ts';
import { ROLES_BY_ORGANISATION_TYPE } from './roles-by-type.ts';
import { deviceInWords } from '../../platform/auth/device.ts';
import { peopleListRoute } from './user-list-page.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';

const PAGE_SIZE = 50;
const idParams = z.object({ id: fields.uuid() });
export const userListQuery = z.object({
  organisationId: fields.uuid().optional(),
  afterName: z.string().max(200).optional(),
  afterId: fields.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
});

/** Administration pages: people, organisations and their roles. */
export function organisationRoutes(services: Services) {
  const org = services.organisations;

  async function userForm(call: Call, view: 'new' | 'edit', values: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    // An option holds text only: the name in the reader's language where there is one.
    const organisations =
      view === 'new' ? (await org.organisationChoices(call.ctx)).items.map((o) => ({ ...o, shownName: organisationNameText(o, call.language) })) : [];
    return call.render(
      `organisations/views/user-${view}.njk`,
      {
        pageTitle: call.t(view === 'new' ? 'admin:users.new.title' : 'admin:users.edit.title'),
        values,
        organisations,
        roles: ROLES,
        rolesByType: ROLES_BY_ORGANISATION_TYPE,
        ...errorViewModel(errors, call.t),
      },
      status,
    );
  }

  return [
    peopleListRoute(services),
    route({
      method: 'GET',
      url: '/admin/users/new',
      kind: 'page',
      action: 'users.create',
      summary: 'Form: add a person',
      handler: async (call) => userForm(call, 'new', { preferredLanguage: 'en' }),
    }),
    route({
      method: 'POST',
      url: '/admin/users',
      kind: 'page',
      action: 'users.create',
      summary: 'Add a person',
      body: userInput,
      onInvalid: (call, errors) => userForm(call, 'new', call.request.body as Record<string, unknown>, errors, 400),
      handler: async (call) => {
        const created = await org.createUser(call.ctx, call.body);
        const user = await org.getUser(call.ctx, created.id);
        return call.render('organisations/views/user-created.njk', {
          pageTitle: call.t('admin:users.created.title'),
          user,
          generatedPassword: created.generatedPassword,
        });
      },
    }),
    route({
      method: 'GET',
      url: '/admin/users/:id',
      kind: 'page',
      action: 'users.view',
      summary: 'A person’s account',
      params: idParams,
      handler: async (call) => {
        const user = await org.getUser(call.ctx, call.params.id);
        // Where the person is signed in, for their own organisation's administrator deciding whether to end it all.
        const sessions = can(call.actor, 'users.sessions.view', { type: 'user', organisationId: user.organisationId })
          ? (await services.auth.sessionsOfPerson(call.ctx, user.id)).map((session) => ({ ...session, deviceWords: deviceInWords(session.device, call.t) }))
          : undefined;
        const lockedOut = await org.isLockedOut(call.ctx, user.id);
        return call.render('organisations/views/user.njk', { pageTitle: user.name, user, sessions, lockedOut });
      },
    }),
    route({
      method: 'GET',
      url: '/admin/users/:id/edit',
      kind: 'page',
      action: 'users.edit',
      summary: 'Form: change a person’s account',
      params: idParams,
      handler: async (call) => {
        const user = await org.getUser(call.ctx, call.params.id);
        return userForm(call, 'edit', { ...user });
      },
    }),
    route({
      method: 'POST',
      url: '/admin/users/:id/edit',
      kind: 'page',
      action: 'users.edit',
      summary: 'Change a person’s account',
      params: idParams,
      body: userEdit,
      onInvalid: async (call, errors) => {
        const user = await org.getUser(call.ctx, call.params.id);
        return userForm(call, 'edit', { ...user, ...(call.request.body as object), id: user.id }, errors, 400);
      },
      handler: async (call) => {
        try {
          await org.updateUser(call.ctx, call.params.id, call.body);
        } catch (error) {
          if (error instanceof Error && 'status' in error && error.status === 409) {
            const user = await org.getUser(call.ctx, call.params.id);
            return userForm(call, 'edit', { ...user }, [{ field: 'name', key: 'errors.conflict.body' }], 409);
          }
          throw error;
        }
        return call.redirect(`/admin/users/${call.params.id}`, call.t('admin:users.edit.saved'));
      },
    }),
    route({
      method: 'POST',
      url: '/admin/users/:id/disable',
      kind: 'page',
      action: 'users.disable',
      summary: 'Disable a person’s account',
      params: idParams,
      handler: async (call) => {
        await org.setDisabled(call.ctx, call.params.id, true);
        return call.redirect(`/admin/users/${call.params.id}`, call.t('admin:users.disabled'));
      },
    }),
    route({
      method: 'POST',
      url: '/admin/users/:id/enable',
      kind: 'page',
      action: 'users.disable',
      summary: 'Enable a person’s account again',
      params: idParams,
      handler: async (call) => {
        await org.setDisabled(call.ctx, call.params.id, false);
        return call.redirect(`/admin/users/${call.params.id}`, call.t('admin:users.enabled'));
      },
    }),
    route({
      method: 'GET',
      url: '/admin/users/:id/unlock',
      kind: 'page',
      action: 'users.unlock',
      summary: 'Confirm: unlock an account locked by failed sign-ins',
      params: idParams,
      handler: async (call) => {
        const user = await org.getUser(call.ctx, call.params.id);
        return call.render('organisations/views/user-unlock.njk', {
          pageTitle: call.t('admin:users.unlock.title', { name: user.name }),
          user,
          lockedOut: await org.isLockedOut(call.ctx, user.id),
        });
      },
    }),
    route({
      method: 'POST',
      url: '/admin/users/:id/unlock',
      kind: 'page',
      action: 'users.unlock',
      summary: 'Unlock an account locked by failed sign-ins',
      params: idParams,
      body: z.object({ version: fields.version() }),
      handler: async (call) => {
        await org.unlockAccount(call.ctx, call.params.id, call.body.version);
        return call.redirect(`/admin/users/${call.params.id}`, call.t('admin:users.unlock.done'));
      },
    }),
    route({
      method: 'POST',
      url: '/admin/users/:id/end-sessions',
      kind: 'page',
      action: 'users.sessions.end',
      summary: 'End all of a person’s sessions',
      params: idParams,
      handler: async (call) => {
        await org.endAllSessions(call.ctx, call.params.id);
        return call.redirect(`/admin/users/${call.params.id}`, call.t('admin:users.sessionsEnded'));
      },
    }),
    route({
      method: 'GET',
      url: '/admin/organisations',
      kind: 'page',
      action: 'organisations.list',
      summary: 'Organisations of the partnership',
      handler: async (call) => {
        const organisations = (await org.listOrganisations(call.ctx)).items;
        return call.render('organisations/views/organisations.njk', {
          pageTitle: call.t('admin:organisations.title'),
          organisations,
          types: ORGANISATION_TYPES,
          values: {},
        });
      },
    }),
    route({
      method: 'POST',
      url: '/admin/organisations',
      kind: 'page',
      action: 'organisations.create',
      summary: 'Add an organisation',
      body: organisationInput,
      onInvalid: async (call, errors) => {
        const organisations = (await org.listOrganisations(call.ctx)).items;
        return call.render(
          'organisations/views/organisations.njk',
          {
            pageTitle: call.t('admin:organisations.title'),
            organisations,
            types: ORGANISATION_TYPES,
            values: call.request.body,
            ...errorViewModel(errors, call.t),
          },
          400,
        );
      },
      handler: async (call) => {
        await org.createOrganisation(call.ctx, call.body);
        return call.redirect('/admin/organisations', call.t('admin:organisations.created'));
      },
    }),
    route({
      method: 'GET',
      url: '/admin/organisations/:id/edit',
      kind: 'page',
      action: 'organisations.edit',
      summary: 'Form: change an organisation',
      params: idParams,
      handler: async (call) => {
        const organisation = await org.getOrganisation(call.ctx, call.params.id);
        return call.render('organisations/views/organisation-edit.njk', { pageTitle: call.t('admin:organisations.edit.title'), values: organisation });
      },
    }),
    route({
      method: 'POST',
      url: '/admin/organisations/:id/edit',
      kind: 'page',
      action: 'organisations.edit',
      summary: 'Change an organisation',
      params: idParams,
      body: organisationEdit,
      onInvalid: async (call, errors) => {
        const organisation = await org.getOrganisation(call.ctx, call.params.id);
        return call.render(
          'organisations/views/organisation-edit.njk',
          {
            pageTitle: call.t('admin:organisations.edit.title'),
            values: { ...organisation, ...(call.request.body as object) },
            ...errorViewModel(errors, call.t),
          },
          400,
        );
      },
      handler: async (call) => {
        try {
          await org.updateOrganisation(call.ctx, call.params.id, call.body);
        } catch (error) {
          if (error instanceof Error && 'status' in error && error.status === 409) {
            const organisation = await org.getOrganisation(call.ctx, call.params.id);
            return call.render(
              'organisations/views/organisation-edit.njk',
              {
                pageTitle: call.t('admin:organisations.edit.title'),
                values: organisation,
                ...errorViewModel([{ field: 'name', key: 'errors.conflict.body' }], call.t),
              },
              409,
            );
          }
          throw error;
        }
        return call.redirect('/admin/organisations', call.t('admin:organisations.edit.saved'));
      },
    }),
  ];
}

import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { ROLES } from '../../platform/policy/roles.ts';
import { can } from '../../platform/policy/policy.ts';
import { selectItems } from '../../platform/forms/forms.ts';
import { listQuery, listView, withoutEmptyQuery, type ActiveFilter } from '../../platform/views/list-page.ts';
import { USER_LIST_SORTS } from './repository.ts';

const DEFAULTS = { sort: 'name', dir: 'asc' } as const;
const STATUSES = ['active', 'disabled'] as const;

/** The people page's filters (organisation, role, status, a name or email) and the shared page and sort. */
const peopleQuery = z.preprocess(
  withoutEmptyQuery,
  z
    .object({
      organisationId: fields.uuid().optional(),
      role: z.enum(ROLES, { error: 'admin:errors.role' }).optional(),
      status: z.enum(STATUSES, { error: 'admin:errors.status' }).optional(),
      q: z.string().trim().max(200).optional(),
    })
    .extend(listQuery(USER_LIST_SORTS, DEFAULTS).shape),
);

/** The administrator's people page: everyone with an account they may manage, a page at a time. */
export function peopleListRoute(services: Services) {
  const org = services.organisations;
  return route({
    method: 'GET',
    url: '/admin/users',
    kind: 'page',
    action: 'users.list',
    summary: 'People with accounts',
    query: peopleQuery,
    handler: async (call) => {
      const t = call.t;
      const { page: pageNumber, sort, dir, limit, ...filters } = call.query;
      const state = { page: pageNumber, sort, dir, limit };
      const found = await org.pageUsers(call.ctx, filters, state);
      const active: ActiveFilter[] = [
        ...(filters.organisationId ? [{ name: 'organisationId', label: t('admin:users.organisation'), value: found.organisationName ?? '' }] : []),
        ...(filters.role ? [{ name: 'role', label: t('admin:users.filters.role'), value: t(`roles.${filters.role}`) }] : []),
        ...(filters.status ? [{ name: 'status', label: t('admin:users.statusLabel'), value: t(`admin:users.status.${filters.status}`) }] : []),
        ...(filters.q ? [{ name: 'q', label: t('admin:users.filters.search'), value: filters.q }] : []),
      ];
      const list = listView({
        path: '/admin/users',
        state,
        defaults: DEFAULTS,
        filters,
        active,
        columns: [
          { key: 'name', text: t('admin:users.name'), sortable: true },
          { key: 'email', text: t('accounts:signIn.email'), sortable: true },
          { key: 'organisation', text: t('admin:users.organisation'), sortable: true },
          { key: 'roles', text: t('admin:users.roles') },
          { key: 'status', text: t('admin:users.statusLabel'), sortable: true },
        ],
        total: found.total,
        shown: found.items.length,
        t,
      });
      return call.render('organisations/views/users.njk', {
        pageTitle: t('admin:users.title'),
        items: found.items,
        list,
        query: filters,
        sortState: state,
        roleItems: selectItems(ROLES, 'roles', t, filters.role, t('admin:users.filters.anyRole')),
        statusItems: selectItems(STATUSES, 'admin:users.status', t, filters.status, t('admin:users.filters.anyStatus')),
        canCreate: can(call.actor, 'users.create'),
      });
    },
  });
}

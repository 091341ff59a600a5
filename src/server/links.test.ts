import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserActor } from '../platform/policy/actor.ts';
import type { Action } from '../platform/policy/actions.ts';
import { linkPolicy } from './links.ts';
import type { Method, RouteDefinition } from './route.ts';

const page = (method: Method, url: string, action: Action): RouteDefinition => ({
  method,
  url,
  kind: 'page',
  action,
  summary: url,
  handler: () => Promise.resolve(undefined),
});

const routes = [
  page('GET', '/admin/users', 'users.list'),
  page('GET', '/admin/users/:id', 'users.view'),
  page('GET', '/admin/users/new', 'users.create'),
  page('GET', '/admin/users/:id/edit', 'users.edit'),
  page('POST', '/admin/users/:id/disable', 'users.disable'),
  page('GET', '/admin/audit', 'audit.view'),
];
const mayOpen = linkPolicy(routes);
const person = (roles: UserActor['roles']): UserActor => ({
  kind: 'user',
  userId: 'u1',
  organisationId: 'o1',
  organisationType: 'agency',
  roles,
  name: 'A Person',
});
const manager = person(['service_manager']);
const administrator = person(['administrator']);
const id = '6f1c1a52-3c1e-4a55-9d0a-3f1b8e2d7c11';

describe('links a page may offer', () => {
  it('offers a service manager a person’s page but not its change form, the audit log or disabling', () => {
    assert.equal(mayOpen(manager, `/admin/users/${id}`), true);
    assert.equal(mayOpen(manager, `/admin/users/${id}/edit`), false);
    assert.equal(mayOpen(manager, `/admin/audit?userId=${id}`), false);
    assert.equal(mayOpen(manager, `/admin/users/${id}/disable`, 'POST'), false);
  });

  it('offers the administrator all of them', () => {
    for (const href of [`/admin/users/${id}`, `/admin/users/${id}/edit`, `/admin/audit?userId=${id}`]) assert.equal(mayOpen(administrator, href), true, href);
    assert.equal(mayOpen(administrator, `/admin/users/${id}/disable`, 'POST'), true);
  });

  it('reads a fixed segment before a parameter, as the router does (adding a person is not viewing one)', () => {
    assert.equal(mayOpen(manager, '/admin/users/new'), false);
    assert.equal(mayOpen(administrator, '/admin/users/new'), true);
  });

  it('leaves alone addresses no page route answers: assets, anchors, other sites', () => {
    for (const href of ['/assets/images/favicon.ico', '#main-content', 'https://www.gov.uk/']) assert.equal(mayOpen(manager, href), true, href);
  });
});

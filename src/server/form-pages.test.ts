import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { checkFormPages } from './form-replay.ts';
import { allRoutes } from './registry.ts';
import { route, type RouteDefinition } from './route.ts';
import type { Services } from './services.ts';

/** Route factories only read services inside handlers, so a stand-in that answers anything will build the registry. */
function standIn(): Services {
  const anything: unknown = new Proxy(function () {}, { get: (_target, key) => (key === 'then' ? undefined : anything), apply: () => anything });
  return anything as Services;
}

const page = (method: 'GET' | 'POST', url: string, formPage?: string): RouteDefinition =>
  route({
    method,
    url,
    kind: 'page',
    action: 'account.edit',
    summary: url,
    params: z.object({}),
    ...(formPage ? { formPage } : {}),
    handler: () => Promise.resolve(undefined),
  });

describe('the page a POST form is sent back to (formPage, issue 16)', () => {
  it('names, on every route that has one, a GET page whose params the POST has', () => {
    const routes = allRoutes(standIn());
    assert.doesNotThrow(() => checkFormPages(routes));
    const named = routes.filter((r) => r.formPage !== undefined).map((r) => `${r.url} → ${r.formPage}`);
    assert.ok(named.includes('/account/password → /account'));
    assert.ok(named.includes('/finance/invoices/:id/payments → /finance/invoices/:id'));
  });

  it('refuses at start-up a form page that no GET page has', () => {
    const routes = [page('GET', '/account'), page('POST', '/account/password', '/acount')];
    assert.throws(() => checkFormPages(routes), /POST \/account\/password: formPage \/acount is not a GET page route/);
  });

  it('refuses at start-up a form page whose address needs a param the POST does not have', () => {
    const routes = [page('GET', '/sessions/:id'), page('POST', '/sessions/:sessionId/bookings', '/sessions/:id')];
    assert.throws(() => checkFormPages(routes), /names :id, which the POST does not have/);
  });

  it('refuses at start-up a form page query on a route with no form page', () => {
    const routes = [page('GET', '/reports/new'), { ...page('POST', '/reports/preview'), formPageQuery: { period: 'kind' } }];
    assert.throws(() => checkFormPages(routes), /POST \/reports\/preview: formPageQuery without a formPage/);
  });

  it('accepts one whose params the POST has, under any names of the GET route', () => {
    const routes = [page('GET', '/sessions/:sessionId'), page('POST', '/sessions/:id/bookings/:bookingId/cancel', '/sessions/:id')];
    assert.doesNotThrow(() => checkFormPages(routes));
  });
});

import type { FastifyReply, FastifyRequest, onSendAsyncHookHandler } from 'fastify';
import { KEPT_PAGE_MINUTES, type KeptPages } from '../platform/forms/kept-pages.ts';
import type { Actor } from '../platform/policy/actor.ts';
import { cspNonceOf, requestState } from './page.ts';
import type { Method, RouteDefinition } from './route.ts';

/** Says "a form of yours may be waiting": only a browser holding it asks the database on a GET. */
export const KEPT_COOKIE = 'together_form';

/**
 * A browser's own navigation (a form sent, a link followed), as every current browser marks it.
 * Scripts, API clients and the integration tests' `Browser` over app.inject send neither header,
 * so they keep the direct answer (the form with its errors, 400/409/422) their assertions read.
 */
export function isNavigation(request: FastifyRequest): boolean {
  return request.headers['sec-fetch-mode'] === 'navigate' && request.headers['sec-fetch-dest'] === 'document';
}

const patternOf = (url: string) => url.replace(/:[^/]+/g, ':');
const paramsOf = (url: string) => [...url.matchAll(/:([^/]+)/g)].map((match) => match[1]!);

/**
 * Refuses, at start-up, a `formPage` that no GET page route has, or that names a param its POST
 * does not have (the redirect could not be filled in).
 */
export function checkFormPages(routes: readonly RouteDefinition[]): void {
  const gets = new Set(routes.filter((r) => r.kind === 'page' && r.method === 'GET').map((r) => patternOf(r.url)));
  for (const route of routes) {
    if (route.formPage === undefined) {
      if (route.formPageQuery) throw new Error(`${route.method} ${route.url}: formPageQuery without a formPage`);
      continue;
    }
    const where = `${route.method} ${route.url}: formPage ${route.formPage}`;
    if (route.kind !== 'page' || route.method !== 'POST') throw new Error(`${where} is only for POST page routes`);
    if (!gets.has(patternOf(route.formPage))) throw new Error(`${where} is not a GET page route`);
    const own = new Set(paramsOf(route.url));
    const missing = paramsOf(route.formPage).filter((name) => !own.has(name));
    if (missing.length > 0) throw new Error(`${where} names :${missing.join(', :')}, which the POST does not have`);
  }
}

/** The form page's address for this request: its `:params` filled from the POST's own. */
function fill(pattern: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return pattern.replace(/:([^/]+)/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/** The form page's query from the fields the POST was sent (those left empty or not text are left out). */
function queryOf(fields: Readonly<Record<string, string>> | undefined, body: unknown): string {
  if (!fields) return '';
  const sent = (body ?? {}) as Record<string, unknown>;
  const query = new URLSearchParams();
  for (const [name, field] of Object.entries(fields)) {
    const value = sent[field];
    if (typeof value === 'string' && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Replies a page route answered itself through `call.render` (not the error handler's page). */
const answeredByPage = new WeakSet<FastifyReply>();

/**
 * POST-redirect-GET for every page form, in one place (src/platform/forms/README.md). When a
 * browser's POST is answered with the form again (any 4xx through `call.render`: a mistake, a stale
 * version, a wrong password) and a GET page at the same address would open for the reader, the page
 * is kept (kept-pages.ts) and the browser is sent there with 303; that GET shows it once. Back,
 * Forward and Reload then only ever repeat GETs: no "Confirm form resubmission", nothing sent twice.
 */
export function formReplay(store: KeptPages, routes: readonly RouteDefinition[], mayOpen: (actor: Actor, href: string, method?: Method) => boolean) {
  checkFormPages(routes);
  const pagesWithGet = new Set(routes.filter((r) => r.kind === 'page' && r.method === 'GET').map((r) => patternOf(r.url)));

  /** A same-site path (never `//host`), so the redirect cannot lead elsewhere. */
  const isLocalPath = (address: string) => address.startsWith('/') && !address.startsWith('//') && !address.startsWith('/\\');

  /**
   * The onSend hook of one POST page route: undefined when neither a GET page shares its address
   * nor it names its `formPage`. Sent to its own address, the query string (`next`, `lang`) is kept;
   * sent to its form's page, that page's plain address (the POST's query belongs to the POST).
   */
  function hookFor(definition: RouteDefinition): onSendAsyncHookHandler | undefined {
    if (definition.kind !== 'page' || definition.method !== 'POST') return undefined;
    const formPage = definition.formPage;
    if (formPage === undefined && !pagesWithGet.has(patternOf(definition.url))) return undefined;
    return async (request, reply, payload) => {
      const state = requestState(request);
      const status = reply.statusCode;
      const address = formPage === undefined ? request.url : fill(formPage, request.params) + queryOf(definition.formPageQuery, request.body);
      if (!answeredByPage.has(reply) || status < 400 || status > 499 || typeof payload !== 'string') return payload;
      if (!state?.csrfToken || !isNavigation(request) || !isLocalPath(address) || !mayOpen(state.actor, address, 'GET')) return payload;
      const nonce = cspNonceOf(reply);
      try {
        await store.keep(state.csrfToken, address, { html: payload, status, nonce });
      } catch (error) {
        // The page still reaches the reader, as before. Never the error itself: it may quote the page.
        request.log.warn({ code: (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code }, 'form page not kept');
        return payload;
      }
      reply.setCookie(KEPT_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: KEPT_PAGE_MINUTES * 60 });
      reply.removeHeader('content-type');
      reply.code(303).header('location', address);
      return '';
    };
  }

  return {
    hookFor,

    /** `call.render` answered this request: its 4xx page may be kept (the error handler's pages are not). */
    markRendered(reply: FastifyReply): void {
      answeredByPage.add(reply);
    },

    /**
     * Shows the page kept for this reader at this address, if any, instead of running the GET's
     * handler (after the route's own checks: sign-in, second factor, policy). Another person or
     * browser, a used or an expired page: false, and the page is shown as normal.
     */
    async showKept(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
      const owner = requestState(request)?.csrfToken;
      if (request.method !== 'GET' || !request.cookies[KEPT_COOKIE] || !owner) return false;
      const kept = await store.take(owner, request.url);
      if (!kept) {
        // Nothing (left) here: stop asking until the next form is kept.
        reply.clearCookie(KEPT_COOKIE, { path: '/' });
        return false;
      }
      const nonce = cspNonceOf(reply);
      const html = kept.nonce && nonce ? kept.html.replaceAll(`nonce="${kept.nonce}"`, `nonce="${nonce}"`) : kept.html;
      reply.code(kept.status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      return true;
    },
  };
}

export type FormReplay = ReturnType<typeof formReplay>;

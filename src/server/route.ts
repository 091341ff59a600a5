import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Action } from '../platform/policy/actions.ts';
import type { RequestContext, Actor } from '../platform/policy/actor.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { Language } from '../platform/i18n/i18n.ts';
import type { ResolvedSession } from '../platform/auth/service.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler receives: parsed input, who is asking, and helpers for pages. */
export type Call<P = unknown, Q = unknown, B = unknown> = {
  ctx: RequestContext;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  session?: ResolvedSession;
  language: Language;
  t: (key: string, params?: Record<string, unknown>) => string;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Renders a page of the layout with the common data (navigation, language links, CSRF token). */
  render: (view: string, data: Record<string, unknown>, status?: number) => FastifyReply;
  redirect: (url: string, flash?: string) => FastifyReply;
  /** May this person open the page at this address? Pages offer a link only when it would open (the same check as `mayOpen` in templates). */
  mayOpen: (href: string, method?: Method) => boolean;
};

/**
 * One entry of the route registry. Every route declares its action: the registry is what the
 * policy walk test iterates, and what the OpenAPI document is generated from.
 */
export type RouteDefinition<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  method: Method;
  url: string;
  kind: 'page' | 'api';
  action: Action;
  summary: string;
  /** Pages reachable between password and second factor (the code page, enrolment, sign-out). */
  beforeSecondFactor?: boolean;
  /** API routes that must not ask for a token (public enquiries, health). */
  params?: P;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  /** Status of a successful API answer (200 unless said). */
  successStatus?: number;
  /**
   * An API edit of a versioned record. The request must say which version it edits (If-Match, or a
   * `version` in the body): without one, 428 before any work; the handler is then given the version
   * to save on (tried again on a newer one that `*` or another listed tag allows), a stale one
   * answers 412, and the answer carries the new ETag (the saved record's `version`, or `etag` of it).
   * `answer` shapes what the client receives from the saved record; `onlyStale` keeps other
   * conflicts (an action already done) as 409. `optional`: the request may leave the version out
   * (the service checks what follows anyway); the handler is then given `undefined`, so it
   * declares `version: number | undefined`.
   */
  versioned?: { onlyStale?: boolean; optional?: boolean; etag?: (saved: never) => number; answer?: (saved: never) => unknown };
  /**
   * A POST page whose form lives on another GET page (the password form on '/account'): that
   * page's URL pattern, its `:params` filled from this route's params of the same name. A browser
   * sent the form back with a mistake is redirected there (form-replay.ts). Checked at start-up.
   */
  formPage?: string;
  /**
   * The form page's query, taken from what this POST was sent: query name → form field (the
   * report form's second step is `/reports/new?period=…`, its POST says `kind=…`), so the page
   * a browser is sent back to, and a later Reload of it, is the step the form was on.
   */
  formPageQuery?: Readonly<Record<string, string>>;
  /** Re-renders a form with its errors and the values typed, instead of a bare error page. */
  onInvalid?: (call: Call<z.infer<P>, z.infer<Q>, unknown>, errors: FieldError[]) => FastifyReply | Promise<FastifyReply>;
  /** `version` is given to `versioned` routes only: the version the edit is to be saved on. */
  handler: (call: Call<z.infer<P>, z.infer<Q>, z.infer<B>>, version: number) => Promise<unknown>;
};

export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(definition: RouteDefinition<P, Q, B>): RouteDefinition {
  return definition;
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedSession } from '../platform/auth/service.ts';
import { recordDenial } from './denials.ts';
import { NotFoundError, UnauthenticatedError, ForbiddenError, ValidationError, DomainError } from '../platform/http/errors.ts';
import { parse } from '../platform/http/validation.ts';
import { answerSchema } from './openapi.ts';
import { cachedSerializer } from './serializers.ts';
import { preconditionFromRequest, setEtag, withPrecondition } from '../platform/http/versioning.ts';
import { translator, type Language } from '../platform/i18n/i18n.ts';
import { anonymous, type Actor, type RequestContext } from '../platform/policy/actor.ts';
import { decide } from '../platform/policy/policy.ts';
import { SESSION_COOKIE, apiLanguage, csrfTokenFor, csrfValid, pageLanguage, renderPage, setFlash, setRequestState, type PageDeps } from './page.ts';
import type { Call, RouteDefinition } from './route.ts';
import type { Services } from './services.ts';
import type { FormReplay } from './form-replay.ts';

/** `replay`: POST-redirect-GET of the forms sent back with their mistakes (form-replay.ts). */
export type AppDeps = PageDeps & { services: Services; replay: FormReplay };

/** Wraps one registry entry: who is asking, may they, is the input sound, then the handler. */
export function registerRoute(app: FastifyInstance, deps: AppDeps, definition: RouteDefinition): void {
  // A browser's form sent back with its mistakes is kept and answered with a redirect to its GET page.
  const keepForm = deps.replay.hookFor(definition);
  app.route({
    method: definition.method,
    url: definition.url,
    // An API answer is serialised from its response schema (fast-json-stringify): quicker than
    // JSON.stringify, and a field the schema does not name is not sent (tests check none is missing).
    ...(definition.kind === 'api' && definition.response
      ? { schema: { response: { [definition.successStatus ?? 200]: answerSchema(definition.response) } }, serializerCompiler: cachedSerializer }
      : {}),
    ...(keepForm ? { onSend: keepForm } : {}),
    handler: async (request, reply) => {
      const identity = definition.kind === 'api' ? await apiIdentity(deps, request) : await pageIdentity(deps, request, reply);
      const { actor, session, language } = identity;
      const csrfToken = definition.kind === 'page' ? csrfTokenFor(request, reply, session) : undefined;
      setRequestState(request, { actor, session, language, csrfToken });
      const ctx: RequestContext = { actor, requestId: String(request.id), channel: definition.kind === 'api' ? 'api' : 'web', language };

      // A page between password and second factor may only go where the second factor is asked.
      if (definition.kind === 'page' && session && session.state !== 'active' && !definition.beforeSecondFactor && definition.action !== 'public.view') {
        return reply.redirect(session.state === 'enrol' ? '/account/security/enrol' : '/sign-in/second-factor', 303);
      }

      const decision = decide(actor, definition.action);
      if (!decision.allowed) {
        if (decision.reason === 'not-signed-in') {
          if (definition.kind === 'page' && definition.method === 'GET') {
            return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
          }
          throw new UnauthenticatedError();
        }
        await recordDenial(deps.services, ctx, definition.action, definition.url);
        throw new ForbiddenError();
      }
      if (definition.kind === 'api' && identity.scopes && definition.method !== 'GET' && !identity.scopes.includes('write')) {
        await recordDenial(deps.services, ctx, definition.action, definition.url);
        throw new ForbiddenError();
      }
      if (definition.kind === 'page' && definition.method !== 'GET' && !csrfValid(request, session)) {
        throw new DomainError(400, 'errors.csrf.body');
      }
      // The form this browser was just redirected to after a mistake, shown once (form-replay.ts).
      if (definition.kind === 'page' && definition.method === 'GET' && (await deps.replay.showKept(request, reply))) return reply;

      const t = translator(language);
      const call: Call = {
        ctx,
        actor,
        session,
        language,
        t,
        request,
        reply,
        params: {},
        query: {},
        body: {},
        render: (view, data, status) => {
          deps.replay.markRendered(reply);
          return renderPage(deps, request, reply, view, data, status);
        },
        mayOpen: (href, method) => deps.links(actor, href, method),
        redirect: (url, flash) => {
          if (flash) setFlash(reply, flash);
          return reply.redirect(url, 303);
        },
      };
      try {
        call.params = definition.params ? parse(definition.params, request.params) : request.params;
      } catch {
        throw new NotFoundError();
      }
      call.query = definition.query ? parse(definition.query, stripLang(request.query)) : request.query;
      try {
        call.body = definition.body ? parse(definition.body, withoutCsrf(request.body)) : request.body;
        const result = definition.versioned ? await versionedEdit(definition, call) : await definition.handler(call, -1);
        if (reply.sent) return reply;
        if (definition.kind === 'api') return reply.code(definition.successStatus ?? 200).send(result);
        return result;
      } catch (error) {
        if (error instanceof ValidationError && definition.onInvalid) return definition.onInvalid(call, error.fieldErrors);
        throw error;
      }
    },
  });
}

/**
 * The If-Match handling of every versioned API edit, in one place: which version the request edits
 * (If-Match, or the body's `version`; neither is 428, or for an optional version an edit without
 * one), the edit tried on it (and again on a newer version the precondition allows), a stale
 * version as 412, and the new ETag on the answer.
 */
async function versionedEdit(definition: RouteDefinition, call: Call): Promise<unknown> {
  const options = definition.versioned!;
  const sent = (call.body as { version?: unknown } | undefined)?.version;
  const bodyVersion = typeof sent === 'number' ? sent : undefined;
  const given = Boolean(call.request.headers['if-match']?.trim()) || bodyVersion !== undefined;
  const saved =
    options.optional && !given
      ? await definition.handler(call, undefined as never)
      : await withPrecondition(preconditionFromRequest(call.request, bodyVersion), (version) => definition.handler(call as never, version), {
          onlyStale: options.onlyStale,
        });
  setEtag(call.reply, options.etag ? options.etag(saved as never) : (saved as { version: number }).version);
  return options.answer ? options.answer(saved as never) : saved;
}

type Identity = { actor: Actor; session?: ResolvedSession; language: Language; scopes?: string[] };

async function pageIdentity(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<Identity> {
  const token = request.cookies[SESSION_COOKIE];
  const session = token ? await deps.services.auth.resolveSession(token) : undefined;
  if (token && !session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  const language = pageLanguage(request, reply, session);
  return { actor: session ? session.actor : anonymous, session, language };
}

async function apiIdentity(deps: AppDeps, request: FastifyRequest): Promise<Identity> {
  const language = apiLanguage(request);
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) return { actor: anonymous, language };
  const found = await deps.services.auth.authenticateBearer(match[1]!);
  if (!found) throw new UnauthenticatedError();
  return { actor: found.actor, language, scopes: found.scopes };
}

function withoutCsrf(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { _csrf, ...rest } = body as Record<string, unknown>;
  return rest;
}

function stripLang(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  const { lang, ...rest } = query as Record<string, unknown>;
  return rest;
}

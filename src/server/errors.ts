import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, NotFoundError, ValidationError, ConflictError, PreconditionFailedError } from '../platform/http/errors.ts';
import { translator } from '../platform/i18n/i18n.ts';
import { apiLanguage, errorViewModel, pageLanguage, renderPage, requestState, setRequestState } from './page.ts';
import type { AppDeps } from './register.ts';

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Errors Fastify raises before a handler runs (bad JSON, wrong media type, too large) are the client's. */
function clientErrorKey(error: FastifyError): { status: number; key: string } | undefined {
  const status = error.statusCode ?? 0;
  if (status === 413) return { status, key: 'errors.tooLarge.body' };
  if (status === 415) return { status, key: 'errors.mediaType.body' };
  if (status >= 400 && status < 500) return { status: status === 404 ? 404 : 400, key: status === 404 ? 'errors.notFound.body' : 'errors.badRequest.body' };
  return undefined;
}

const TITLES: Record<number, string> = {
  400: 'errors.badRequest.title',
  401: 'errors.unauthenticated.title',
  403: 'errors.forbidden.title',
  404: 'errors.notFound.title',
  409: 'errors.conflict.title',
  412: 'errors.preconditionFailed.title',
  413: 'errors.tooLarge.title',
  415: 'errors.mediaType.title',
  422: 'errors.validation.title',
  429: 'errors.tooManyRequests.title',
  500: 'errors.server.title',
};

/** One error handler: GOV.UK error pages for people, application/problem+json for the API. */
export function registerErrorHandling(app: FastifyInstance, deps: AppDeps): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let status = 500;
    let key = 'errors.server.body';
    let params: Record<string, string | number> = {};
    if (error instanceof DomainError) {
      status = error.status;
      key = error.key;
      params = error.params;
    } else {
      const client = clientErrorKey(error);
      if (client) ({ status, key } = client);
    }
    if (status >= 500) request.log.error({ err: error }, 'unexpected error');
    return sendError(deps, request, reply, status, key, params, error);
  });

  app.setNotFoundHandler(async (request, reply) => sendError(deps, request, reply, 404, new NotFoundError().key, {}, undefined));
}

function titleKeyOf(error: unknown, status: number): string {
  return (error instanceof DomainError && error.titleKey) || TITLES[status] || 'errors.badRequest.title';
}

function sendError(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  key: string,
  params: Record<string, string | number>,
  error: unknown,
): FastifyReply {
  if (isApi(request)) {
    const t = translator(requestState(request)?.language ?? apiLanguage(request));
    const problem: Record<string, unknown> = {
      type: 'about:blank',
      title: t(titleKeyOf(error, status)),
      status,
      detail: t(key, params),
      instance: request.url.split('?')[0],
      requestId: String(request.id),
    };
    if (error instanceof ValidationError) {
      problem.errors = error.fieldErrors.map((e) => ({ field: e.field, code: e.key, message: t(e.key, e.params) }));
    }
    if ((error instanceof ConflictError || error instanceof PreconditionFailedError) && error.currentVersion !== undefined) {
      problem.currentVersion = error.currentVersion;
    }
    if (status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.code(status).type('application/problem+json').send(problem);
  }
  if (!requestState(request)) setRequestState(request, { actor: { kind: 'anonymous' }, language: pageLanguage(request, reply) });
  const t = translator(requestState(request)!.language);
  const view = error instanceof ValidationError ? errorViewModel(error.fieldErrors, t) : {};
  return renderPage(
    deps,
    request,
    reply,
    'error.njk',
    {
      pageTitle: t(titleKeyOf(error, status)),
      body: t(key, params),
      requestId: status >= 500 ? String(request.id) : undefined,
      ...view,
    },
    status,
  );
}

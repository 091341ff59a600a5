import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { Config } from '../config.ts';
import { MAX_DOCUMENT_BYTES } from '../platform/documents/types.ts';
import { uploadedFileNames } from './uploads.ts';
import { projectRoot } from '../platform/project-root.ts';
import { createViewEnvironment } from '../platform/views/views.ts';
import { registerErrorHandling } from './errors.ts';
import { requestForLog } from './log-redaction.ts';
import { registerRoute, type AppDeps } from './register.ts';
import { allRoutes } from './registry.ts';
import { linkPolicy } from './links.ts';
import { formReplay } from './form-replay.ts';
import type { Services } from './services.ts';

const root = projectRoot();
const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');

/** Builds the Fastify app from its services: the only place routes and plugins meet. */
export async function buildApp(services: Services, config: Config, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'], serializers: { req: requestForLog } },
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // Unknown query keys and coerced types are handled by zod at each route.
    routerOptions: { ignoreTrailingSlash: true },
  });

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  // File uploads (CSV imports, documents): fields and the file arrive as one body, so CSRF and zod work
  // as for any form. A file over the document store's limit arrives cut at one byte more, so the store
  // refuses it with its own message (413) rather than the parser with a bare one; its name is kept
  // beside the body (uploadedFileName) for the store to clean.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1, fields: 10 },
    onFile: async function (this: FastifyRequest, part) {
      uploadedFileNames.set(this, part.filename);
      await part.toBuffer();
    },
  });
  // JSON or a form, nothing else: a text/plain body is answered 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.production ? undefined : false,
    referrerPolicy: { policy: 'same-origin' },
  });

  await app.register(fastifyStatic, { root: path.join(govuk, 'assets'), prefix: '/assets/', decorateReply: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(root, 'public'), prefix: '/static/', decorateReply: false, maxAge: '1h' });
  const files: Record<string, [string, string]> = {
    '/stylesheets/govuk-frontend.min.css': [path.join(govuk, 'govuk-frontend.min.css'), 'text/css'],
    '/javascripts/govuk-frontend.min.js': [path.join(govuk, 'govuk-frontend.min.js'), 'text/javascript'],
    '/stylesheets/app.css': [path.join(root, 'public/app.css'), 'text/css'],
    '/javascripts/init.js': [path.join(root, 'public/init.js'), 'text/javascript'],
  };
  const { readFile } = await import('node:fs/promises');
  const cache = new Map<string, Buffer>();
  for (const [url, [file, type]] of Object.entries(files)) {
    app.get(url, async (_req, reply) => {
      let body = cache.get(url);
      if (!body) {
        body = await readFile(file);
        cache.set(url, body);
      }
      return reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
    });
  }

  const routes = allRoutes(services);
  const links = linkPolicy(routes);
  const deps: AppDeps = { services, config, views: createViewEnvironment(), links, replay: formReplay(services.keptPages, routes, links) };
  registerErrorHandling(app, deps);
  for (const definition of routes) registerRoute(app, deps, definition);

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_req: FastifyRequest, reply: FastifyReply) => {
    const ready = await services.health.ready();
    return reply.code(ready.ok ? 200 : 503).send(ready);
  });
  return app;
}

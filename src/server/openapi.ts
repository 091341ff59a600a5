import { z } from 'zod';
import type { RouteDefinition } from './route.ts';

const answerSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/**
 * The JSON Schema of what a route answers, converted once from its zod schema: the OpenAPI document
 * shows it to clients and Fastify serialises the answer with it (register.ts), so the two agree.
 * Without `$schema`: the document names its dialect once, and the serialiser's validator (which
 * picks the branch of a union) would look that address up.
 */
export function answerSchema(response: z.ZodType): Record<string, unknown> {
  let schema = answerSchemas.get(response);
  if (!schema) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(response, { io: 'output', unrepresentable: 'any' });
    schema = rest;
    answerSchemas.set(response, schema);
  }
  return schema;
}

/** OpenAPI 3.1 from the registry's zod schemas: the API document cannot drift from the code. */
export function openApiDocument(routes: RouteDefinition[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { $ref: '#/components/schemas/Problem' };
  // The JSON API under /api/v1 (the calendar feed is served as iCalendar, not documented here).
  for (const definition of routes.filter((r) => r.kind === 'api' && r.url.startsWith('/api/v1/'))) {
    const path = definition.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', definition.params],
      ['query', definition.query],
    ] as const) {
      if (!schema) continue;
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
      }
    }
    // A list that takes a cursor answers a page: its items and the cursor of the next page.
    const paged = parameters.some((p) => (p as { name: string; in: string }).in === 'query' && (p as { name: string }).name === 'cursor');
    const response = definition.response ? answerSchema(definition.response) : paged ? { $ref: '#/components/schemas/Page' } : undefined;
    const operation: Record<string, unknown> = {
      summary: definition.summary,
      operationId: `${definition.method.toLowerCase()}${definition.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      'x-action': definition.action,
      parameters,
      responses: {
        [String(definition.successStatus ?? 200)]: {
          description: 'Success',
          ...(response ? { content: { 'application/json': { schema: response } } } : {}),
        },
        '400': { description: 'Invalid input, with a message per field', content: { 'application/problem+json': { schema: problem } } },
        '401': { description: 'No valid token', content: { 'application/problem+json': { schema: problem } } },
        '403': { description: 'Not allowed for this role', content: { 'application/problem+json': { schema: problem } } },
        '404': { description: 'Unknown, or outside your organisation’s records', content: { 'application/problem+json': { schema: problem } } },
      },
    };
    if (definition.action !== 'public.view') operation.security = [{ bearerAuth: [] }];
    if (definition.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(definition.body, { io: 'input', unrepresentable: 'any' }) } },
      };
    }
    if (definition.method === 'PATCH') {
      (operation.responses as Record<string, unknown>)['412'] = {
        description: 'Stale version (If-Match does not match)',
        content: { 'application/problem+json': { schema: problem } },
      };
      (operation.responses as Record<string, unknown>)['428'] = {
        description: 'If-Match missing',
        content: { 'application/problem+json': { schema: problem } },
      };
    }
    paths[path] ??= {};
    paths[path][definition.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Adopting Together API',
      version: '1.0.0',
      description: 'JSON API of the Adopting Together platform. Authenticate with a personal access token.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal access token (atp_...)' } },
      schemas: {
        Page: {
          type: 'object',
          description: 'One page of a list: follow nextCursor (pass it as cursor) until it is null',
          properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } },
          required: ['items', 'nextCursor'],
        },
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
            },
          },
          required: ['title', 'status'],
        },
      },
    },
  };
}

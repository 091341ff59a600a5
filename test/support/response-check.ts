import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RouteDefinition } from '../../src/server/route.ts';

/**
 * What is wrong between an answer and its declared schema: fields the schema refuses, and fields
 * the schema does not name (a serialiser working from the schema would silently drop those).
 */
export function responseDrift(schema: z.ZodType, body: unknown): string[] {
  const sent: unknown = JSON.parse(JSON.stringify(body ?? null));
  const parsed = schema.safeParse(sent);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(the answer)'}: ${issue.message}`);
  const problems: string[] = [];
  unnamed(sent, parsed.data, '', problems);
  return problems;
}

function unnamed(sent: unknown, kept: unknown, path: string, problems: string[]): void {
  if (Array.isArray(sent)) {
    sent.forEach((value, i) => unnamed(value, (kept as unknown[] | undefined)?.[i], `${path}[${i}]`, problems));
  } else if (sent && typeof sent === 'object') {
    for (const [key, value] of Object.entries(sent)) {
      if (!kept || typeof kept !== 'object' || !(key in kept)) problems.push(`${path}.${key} is not in the schema`);
      else unnamed(value, (kept as Record<string, unknown>)[key], `${path}.${key}`, problems);
    }
  }
}

/**
 * In tests, every successful API answer is checked against its route's response schema; one that
 * does not match answers 500 naming the fields, so whichever test made the call fails and says why.
 */
export function checkResponses(app: FastifyInstance, routes: RouteDefinition[]): void {
  const byRoute = new Map(routes.filter((r) => r.kind === 'api' && r.response).map((r) => [`${r.method} ${r.url}`, r]));
  app.addHook('preSerialization', async (request, reply, payload) => {
    const definition = byRoute.get(`${request.method} ${request.routeOptions.url}`);
    if (!definition?.response || reply.statusCode !== (definition.successStatus ?? 200)) return payload;
    const problems = responseDrift(definition.response, payload);
    if (problems.length === 0) return payload;
    reply.code(500);
    return {
      title: 'The answer does not match its response schema',
      status: 500,
      route: `${definition.method} ${definition.url}`,
      problems: problems.slice(0, 20),
    };
  });
}

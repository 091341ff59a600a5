import { z } from 'zod';
import { route } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';

/**
 * The administrator starts a subject access request from a person's page: the bundle (README,
 * the records as JSON, the SHA-256 manifest) downloads as one JSON file, to review before sending.
 */
export function subjectAccessRoutes(services: Services) {
  return [
    route({
      method: 'POST',
      url: '/admin/users/:id/subject-access',
      kind: 'page',
      action: 'subjectAccess.export',
      summary: 'Download everything held on a person (subject access request), other people redacted',
      params: z.object({ id: fields.uuid() }),
      handler: async (call) => {
        const { files } = await services.subjectAccess.gather(call.ctx, call.params.id);
        const body = { files: Object.fromEntries(files.map((f) => [f.name, f.content])) };
        return call.reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="subject-access-${call.params.id}.json"`)
          .header('cache-control', 'no-store')
          .send(`${JSON.stringify(body, null, 2)}\n`);
      },
    }),
    route({
      method: 'POST',
      url: '/admin/children/:id/subject-access',
      kind: 'page',
      action: 'subjectAccess.export',
      summary: 'Download everything held about a child (subject access request): records, documents with their SHA-256, a PDF summary; other people redacted',
      params: z.object({ id: fields.uuid() }),
      handler: async (call) => {
        const { files } = await services.subjectAccess.gatherChild(call.ctx, call.params.id);
        // Documents and the PDF are bytes: carried as base64 in the one JSON file.
        const body = {
          files: Object.fromEntries(files.map((f) => [f.name, typeof f.content === 'string' ? f.content : { base64: f.content.toString('base64') }])),
        };
        return call.reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="subject-access-child-${call.params.id}.json"`)
          .header('cache-control', 'no-store')
          .send(`${JSON.stringify(body, null, 2)}\n`);
      },
    }),
  ];
}

import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { zipOf } from '../../platform/backup/zip-write.ts';
import { fields } from '../../platform/http/validation.ts';
import type { BundleFile } from './bundle.ts';

const idParams = z.object({ id: fields.uuid() });
/** The page's button asks for a zip (the files as they are); a bare POST, as before, has the one JSON file. */
const childRequestInput = z.object({ format: z.enum(['zip', 'json']).default('json') }).optional();

/** A bundle handed to the administrator as a download: never cached, named by the record's id (never a name). */
function download(call: Call, fileName: string, contentType: string, body: string | Buffer) {
  return call.reply.type(contentType).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(body);
}

/** The files as one JSON file; bytes (documents, the PDF) carried as base64. */
const asJson = (files: readonly BundleFile[]) =>
  `${JSON.stringify({ files: Object.fromEntries(files.map((f) => [f.name, typeof f.content === 'string' ? f.content : { base64: f.content.toString('base64') }])) }, null, 2)}\n`;

/**
 * The administrator starts a subject access request from a person's page (the bundle downloads as
 * one JSON file), or from a child's record: a page saying what the bundle holds and that it must
 * be reviewed, then the bundle as a zip (README, the records as JSON, the documents, the PDF
 * summary, the SHA-256 manifest).
 */
export function subjectAccessRoutes(services: Services) {
  return [
    route({
      method: 'POST',
      url: '/admin/users/:id/subject-access',
      kind: 'page',
      action: 'subjectAccess.export',
      summary: 'Download everything held on a person (subject access request), other people redacted',
      params: idParams,
      handler: async (call) => {
        const { files } = await services.subjectAccess.gather(call.ctx, call.params.id);
        return download(call, `subject-access-${call.params.id}.json`, 'application/json; charset=utf-8', asJson(files));
      },
    }),
    route({
      method: 'GET',
      url: '/admin/children/:id/subject-access',
      kind: 'page',
      action: 'subjectAccess.export',
      summary: 'Confirm a child’s subject access request before downloading it',
      params: idParams,
      handler: async (call) =>
        call.render('subject-access/views/child-request.njk', {
          pageTitle: call.t('retention:sar.child.title'),
          childId: call.params.id,
          backHref: `/children/${call.params.id}`,
        }),
    }),
    route({
      method: 'POST',
      url: '/admin/children/:id/subject-access',
      kind: 'page',
      action: 'subjectAccess.export',
      summary: 'Download everything held about a child (subject access request): records, documents with their SHA-256, a PDF summary; other people redacted',
      params: idParams,
      body: childRequestInput,
      handler: async (call) => {
        const { files } = await services.subjectAccess.gatherChild(call.ctx, call.params.id);
        const name = `subject-access-child-${call.params.id}`;
        if (call.body?.format === 'zip') {
          const zip = await zipOf(files.map((f) => [f.name, typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content] as const));
          return download(call, `${name}.zip`, 'application/zip', zip);
        }
        return download(call, `${name}.json`, 'application/json; charset=utf-8', asJson(files));
      },
    }),
  ];
}

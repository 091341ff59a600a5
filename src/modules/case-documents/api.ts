import { z } from 'zod';
import { fields } from '../../platform/http/validation.ts';
import { DOCUMENT_VISIBILITIES } from '../../platform/policy/document-visibility.ts';
import { route, type RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { uploadedFileName } from '../../server/uploads.ts';
import { sendStoredFile } from '../../server/uploads.ts';
import { caseDocumentFileOut, caseDocumentListOut, caseDocumentOut, caseDocumentToJson } from './responses.ts';
import { CASE_DOCUMENT_KINDS, OWNER_KINDS, OWNER_PATHS, type OwnerKind } from './vocabulary.ts';

const ownerParams = z.object({ id: fields.uuid() });
const documentParams = z.object({ id: fields.uuid(), documentId: fields.uuid() });
const file = z.instanceof(Buffer, { error: 'case-documents:errors.file.required' }).refine((b) => b.length > 0, 'case-documents:errors.file.required');
const isoDate = z.iso.date({ error: 'case-documents:errors.documentDate.invalid' });
const attachBody = z.object({
  kind: z.enum(CASE_DOCUMENT_KINDS, { error: 'case-documents:errors.kind.required' }),
  title: z
    .string({ error: 'case-documents:errors.title.required' })
    .trim()
    .min(1, 'case-documents:errors.title.required')
    .max(200, 'case-documents:errors.title.tooLong'),
  documentDate: isoDate,
  visibility: z.enum(DOCUMENT_VISIBILITIES, { error: 'case-documents:errors.visibility.required' }),
  file,
});
const versionBody = z.object({ documentDate: isoDate, version: fields.version(), file });
const fileQuery = z.object({ version: z.coerce.number().int().min(1).max(2147483647).optional() });

/** The JSON API of one kind of record's documents (uploads are multipart/form-data with a `file` part). */
function ownerApiRoutes(services: Services, kind: OwnerKind): RouteDefinition[] {
  const documents = services.caseDocuments;
  const url = `/api/v1/${OWNER_PATHS[kind]}/:id/documents`;
  const what = kind.replace('_', ' ');
  return [
    route({
      method: 'GET',
      url,
      kind: 'api',
      action: 'caseDocuments.view',
      summary: `The documents of a ${what} the reader may see, with every version`,
      params: ownerParams,
      response: caseDocumentListOut,
      handler: async (call) => {
        const view = await documents.documentsOf(call.ctx, kind, call.params.id);
        return { owner: { kind, id: call.params.id }, documents: view.documents.map((d) => caseDocumentToJson(d, view.owner)) };
      },
    }),
    route({
      method: 'POST',
      url,
      kind: 'api',
      action: 'caseDocuments.upload',
      summary: `Attach a document to a ${what} (multipart: kind, title, documentDate, visibility, file; PDF, picture, Word, OpenDocument or plain text up to 10 MB)`,
      params: ownerParams,
      body: attachBody,
      successStatus: 201,
      response: caseDocumentOut,
      handler: async (call) => {
        const owner = { kind, id: call.params.id };
        const saved = await documents.attach(call.ctx, kind, call.params.id, {
          ...call.body,
          file: { filename: uploadedFileName(call.request), bytes: call.body.file },
        });
        return caseDocumentToJson(saved, owner);
      },
    }),
    route({
      method: 'POST',
      url: `${url}/:documentId/versions`,
      kind: 'api',
      action: 'caseDocuments.upload',
      summary: `Add a new version of a ${what}’s document (multipart: documentDate, version, file); earlier versions stay`,
      params: documentParams,
      body: versionBody,
      successStatus: 201,
      response: caseDocumentOut,
      handler: async (call) => {
        const saved = await documents.addVersion(call.ctx, kind, call.params.id, call.params.documentId, {
          documentDate: call.body.documentDate,
          version: call.body.version,
          file: { filename: uploadedFileName(call.request), bytes: call.body.file },
        });
        return caseDocumentToJson(saved, { kind, id: call.params.id });
      },
    }),
    route({
      method: 'GET',
      url: `${url}/:documentId/file`,
      kind: 'api',
      action: 'caseDocuments.view',
      summary: `Download a ${what}’s document, the newest version unless ?version= says (checksum verified, the read audited)`,
      params: documentParams,
      query: fileQuery,
      response: caseDocumentFileOut,
      handler: async (call) => sendStoredFile(call, await documents.download(call.ctx, kind, call.params.id, call.params.documentId, call.query.version)),
    }),
  ];
}

export function caseDocumentApiRoutes(services: Services): RouteDefinition[] {
  return OWNER_KINDS.flatMap((kind) => ownerApiRoutes(services, kind));
}

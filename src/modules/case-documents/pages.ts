import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { choices, dateField, formErrors, formValues, selectItems, withDateFields, type Form } from '../../platform/forms/forms.ts';
import { DOCUMENT_VISIBILITIES } from '../../platform/policy/document-visibility.ts';
import { route, type Call, type RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { sendStoredFile, storedFileRefusal, uploadedFileName } from '../../server/uploads.ts';
import { documentRows } from './view.ts';
import { CASE_DOCUMENT_KINDS, OWNER_KINDS, OWNER_PATHS, type OwnerKind } from './vocabulary.ts';

const ownerParams = z.object({ id: fields.uuid() });
const documentParams = z.object({ id: fields.uuid(), documentId: fields.uuid() });
const fileField = z.instanceof(Buffer, { error: 'case-documents:errors.file.required' }).refine((b) => b.length > 0, 'case-documents:errors.file.required');
const dateParts = { 'documentDate-day': z.string().optional(), 'documentDate-month': z.string().optional(), 'documentDate-year': z.string().optional() };
const attachForm = z.object({
  kind: z.enum(CASE_DOCUMENT_KINDS, { error: 'case-documents:errors.kind.required' }),
  title: z
    .string({ error: 'case-documents:errors.title.required' })
    .trim()
    .min(1, 'case-documents:errors.title.required')
    .max(200, 'case-documents:errors.title.tooLong'),
  visibility: z.enum(DOCUMENT_VISIBILITIES, { error: 'case-documents:errors.visibility.required' }),
  file: fileField,
  ...dateParts,
});
const versionForm = z.object({ version: fields.version(), file: fileField, ...dateParts });
const fileQuery = z.object({ version: z.coerce.number().int().min(1).max(2147483647).optional() });
const FORM = withDateFields(['documentDate']);

const raw = (call: Call) => (call.request.body ?? {}) as Form;

/** The document date of a form, or the person's mistake beside its boxes. */
function documentDateOf(form: Form): string {
  const errors: FieldError[] = [];
  const value = dateField(form, 'documentDate', errors, { required: 'case-documents:errors.documentDate.required' });
  if (errors.length || !value) throw new ValidationError(errors);
  return value;
}

/** A refusal of the file (type, size, scan) shown beside the file box rather than as an error page. */
function fileRefusal(error: unknown): { errors: FieldError[]; status: number } | undefined {
  if (error instanceof ValidationError) return { errors: error.fieldErrors, status: error.status };
  return storedFileRefusal(error);
}

/** The "Documents" page of one kind of record: the list, download links, attaching and new versions. */
function ownerPageRoutes(services: Services, kind: OwnerKind): RouteDefinition[] {
  const documents = services.caseDocuments;
  const base = (id: string) => `/${OWNER_PATHS[kind]}/${id}/documents`;

  async function page(call: Call<{ id: string }>, errors: FieldError[] = [], status = 200, values: Form = {}, failedId?: string) {
    const view = await documents.documentsOf(call.ctx, kind, call.params.id);
    return call.render(
      'case-documents/views/documents.njk',
      {
        pageTitle: call.t('case-documents:page.title', { record: view.owner.label }),
        ownerLabel: view.owner.label,
        ownerKindText: call.t(`case-documents:owner.${kind}`),
        recordHref: `/${OWNER_PATHS[kind]}/${call.params.id}`,
        action: base(call.params.id),
        rows: documentRows(view.documents, view.owner, call.t, call.language),
        mayUpload: view.mayUpload,
        kindItems: selectItems(CASE_DOCUMENT_KINDS, 'case-documents:kind', call.t, values.kind, call.t('case-documents:form.kindChoose')),
        visibilityItems: choices(view.visibilities, 'case-documents:visibility', call.t, values.visibility ?? 'case').map((item) => ({
          ...item,
          hint: { text: call.t(`case-documents:visibilityHint.${item.value}`) },
        })),
        values,
        failedId,
        // A new version's mistakes are shown in that document's own form, and the summary links there.
        ...formErrors(errors, call.t, failedId ? { ...FORM, anchors: { file: `file-${failedId}`, documentDate: `version-${failedId}-day` } } : FORM),
      },
      status,
    );
  }

  const fileOf = (call: Call, bytes: Buffer) => ({ filename: uploadedFileName(call.request), bytes });

  return [
    route({
      method: 'GET',
      url: `/${OWNER_PATHS[kind]}/:id/documents`,
      kind: 'page',
      action: 'caseDocuments.view',
      summary: `The documents of a ${kind.replace('_', ' ')}: list, download, attach and new versions`,
      params: ownerParams,
      handler: async (call) => page(call),
    }),
    route({
      method: 'POST',
      url: `/${OWNER_PATHS[kind]}/:id/documents`,
      kind: 'page',
      action: 'caseDocuments.upload',
      summary: `Attach a document to a ${kind.replace('_', ' ')} (PDF, picture, Word, OpenDocument or plain text, up to 10 MB)`,
      params: ownerParams,
      body: attachForm,
      onInvalid: (call, errors) => page(call, errors, 400, formValues(raw(call))),
      handler: async (call) => {
        try {
          const documentDate = documentDateOf(raw(call));
          const { kind: documentKind, title, visibility, file } = call.body;
          await documents.attach(call.ctx, kind, call.params.id, { kind: documentKind, title, visibility, documentDate, file: fileOf(call, file) });
        } catch (error) {
          const refusal = fileRefusal(error);
          if (!refusal) throw error;
          return page(call, refusal.errors, refusal.status, formValues(raw(call)));
        }
        return call.redirect(base(call.params.id), call.t('case-documents:page.attached', { title: call.body.title }));
      },
    }),
    route({
      method: 'POST',
      url: `/${OWNER_PATHS[kind]}/:id/documents/:documentId/versions`,
      formPage: `/${OWNER_PATHS[kind]}/:id/documents`,
      kind: 'page',
      action: 'caseDocuments.upload',
      summary: `Add a new version of a ${kind.replace('_', ' ')}’s document (the earlier versions stay)`,
      params: documentParams,
      body: versionForm,
      onInvalid: (call, errors) => page(call, errors, 400, {}, call.params.documentId),
      handler: async (call) => {
        try {
          const documentDate = documentDateOf(raw(call));
          await documents.addVersion(call.ctx, kind, call.params.id, call.params.documentId, {
            documentDate,
            version: call.body.version,
            file: fileOf(call, call.body.file),
          });
        } catch (error) {
          const refusal = fileRefusal(error);
          if (!refusal) throw error;
          return page(call, refusal.errors, refusal.status, {}, call.params.documentId);
        }
        return call.redirect(base(call.params.id), call.t('case-documents:page.versionAdded'));
      },
    }),
    route({
      method: 'GET',
      url: `/${OWNER_PATHS[kind]}/:id/documents/:documentId/file`,
      kind: 'page',
      action: 'caseDocuments.view',
      summary: `Download a ${kind.replace('_', ' ')}’s document (checksum verified, the read audited)`,
      params: documentParams,
      query: fileQuery,
      handler: async (call) => sendStoredFile(call, await documents.download(call.ctx, kind, call.params.id, call.params.documentId, call.query.version)),
    }),
  ];
}

/** The documents pages of children, sibling groups, households and matches. */
export function caseDocumentPageRoutes(services: Services): RouteDefinition[] {
  return OWNER_KINDS.flatMap((kind) => ownerPageRoutes(services, kind));
}

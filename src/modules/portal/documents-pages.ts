import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.ts';
import { fields } from '../../platform/http/validation.ts';
import { dateFromQuery, formErrors, type Form } from '../../platform/forms/forms.ts';
import { errorViewModel } from '../../server/page.ts';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fileOf } from './conversation-pages.ts';
import { sendStoredFile, storedFileRefusal } from '../../server/uploads.ts';
import { documentItems } from './conversation-view.ts';
import { AGENCY_DOCUMENT_KINDS, FAMILY_DOCUMENT_KINDS } from './vocabulary.ts';

const fileRequired = z
  .instanceof(Buffer, { error: 'portal:errors.documents.fileRequired' })
  .refine((b) => b.length > 0, 'portal:errors.documents.fileRequired');
const householdParams = z.object({ id: fields.uuid() });
const documentParams = z.object({ id: fields.uuid(), documentId: fields.uuid() });
const ownDocumentParams = z.object({ documentId: fields.uuid() });
const version = z.coerce.number().int().min(1);
const uploadForm = z.object({ file: fileRequired, version });
/** The due date from its date input's boxes (or an ISO date), by the platform's reader; a date that is not real fails the check below. */
const withDueOn = (raw: unknown) => {
  const form = (raw ?? {}) as Form;
  const found = dateFromQuery(form, 'dueOn');
  return { ...form, dueOn: found.error ? 'not-a-date' : (found.value ?? undefined) };
};
const requestForm = z.preprocess(
  withDueOn,
  z.object({
    kind: z.enum(FAMILY_DOCUMENT_KINDS, { error: 'portal:errors.documents.kind' }),
    note: z.string().trim().max(1000).optional(),
    dueOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'portal:errors.documents.dueOn')
      .optional(),
  }),
);
const shareForm = z.object({
  kind: z.enum(AGENCY_DOCUMENT_KINDS, { error: 'portal:errors.documents.kind' }),
  note: z.string().trim().max(1000).optional(),
  file: fileRequired,
});
const reviewForm = z
  .object({ decision: z.enum(['accept', 'ask_again'], { error: 'portal:errors.documents.decision' }), reason: z.string().trim().max(1000).optional(), version })
  .refine((v) => v.decision === 'accept' || Boolean(v.reason), { path: ['reason'], message: 'portal:errors.documents.reasonRequired' });

/** Documents in the portal: the family's page (/my-application/documents) and the household's for its workers. */
export function documentPageRoutes(services: Services) {
  const documents = services.portalDocuments;
  const idle = services.sessionIdleMinutes;

  async function familyPage(call: Call, errors: FieldError[] = [], status = 200, failedId?: string) {
    const items = documentItems(await documents.familyDocuments(call.ctx), (id) => `/my-application/documents/${id}/file`, call.t, call.language);
    return call.render(
      'portal/views/family-documents.njk',
      {
        pageTitle: call.t('portal:documents.title'),
        idleMinutes: idle,
        toSend: items.filter((d) => d.awaitsFamily),
        sent: items.filter((d) => d.fromFamily && !d.awaitsFamily),
        shared: items.filter((d) => !d.fromFamily),
        failedId,
        ...errorViewModel(errors, call.t),
      },
      status,
    );
  }

  async function householdPage(call: Call<{ id: string }>, errors: FieldError[] = [], status = 200) {
    const view = await documents.householdDocuments(call.ctx, call.params.id);
    const base = `/households/${call.params.id}/portal-documents`;
    const items = documentItems(view.documents, (id) => `${base}/${id}/file`, call.t, call.language);
    return call.render(
      'portal/views/household-documents.njk',
      {
        pageTitle: call.t('portal:documents.staffTitle'),
        reference: view.reference,
        householdId: call.params.id,
        base,
        fromFamily: items.filter((d) => d.fromFamily),
        shared: items.filter((d) => !d.fromFamily),
        familyKinds: FAMILY_DOCUMENT_KINDS.map((k) => ({ value: k, text: call.t(`portal:documents.kind.${k}`) })),
        agencyKinds: AGENCY_DOCUMENT_KINDS.map((k) => ({ value: k, text: call.t(`portal:documents.kind.${k}`) })),
        // The due date's boxes as typed, after a mistake in the request form.
        values: errors.length ? (call.request.body ?? {}) : {},
        ...formErrors(errors, call.t, { dateFields: ['dueOn'] }),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/my-application/documents',
      kind: 'page',
      action: 'portalDocuments.view',
      summary: 'The family’s documents: what the agency asked for, what they sent, what was shared with them',
      handler: async (call) => familyPage(call),
    }),
    route({
      method: 'POST',
      url: '/my-application/documents/:documentId',
      formPage: '/my-application/documents',
      kind: 'page',
      action: 'portalDocuments.upload',
      summary: 'The family sends a document the agency asked for (PDF, picture or Word, up to 10 MB)',
      params: ownDocumentParams,
      body: uploadForm,
      onInvalid: (call, errors) => familyPage(call, errors, 400, call.params.documentId),
      handler: async (call) => {
        try {
          await documents.upload(call.ctx, call.params.documentId, { file: fileOf(call, call.body.file)!, version: call.body.version });
        } catch (error) {
          const refusal = storedFileRefusal(error);
          if (!refusal) throw error;
          return familyPage(call, refusal.errors, refusal.status, call.params.documentId);
        }
        return call.redirect('/my-application/documents', call.t('portal:documents.uploaded'));
      },
    }),
    route({
      method: 'GET',
      url: '/my-application/documents/:documentId/file',
      kind: 'page',
      action: 'portalDocuments.view',
      summary: 'Download one of the family’s documents (checksum verified)',
      params: ownDocumentParams,
      handler: async (call) => sendStoredFile(call, await documents.download(call.ctx, call.params.documentId)),
    }),
    route({
      method: 'GET',
      url: '/households/:id/portal-documents',
      kind: 'page',
      action: 'portalDocuments.view',
      summary: 'A household’s portal documents: ask for one, share one, accept or ask again',
      params: householdParams,
      handler: async (call) => householdPage(call),
    }),
    route({
      method: 'POST',
      url: '/households/:id/portal-documents/request',
      formPage: '/households/:id/portal-documents',
      kind: 'page',
      action: 'portalDocuments.request',
      summary: 'Ask the family for a document',
      params: householdParams,
      body: requestForm,
      onInvalid: (call, errors) => householdPage(call, errors, 400),
      handler: async (call) => {
        await documents.request(call.ctx, call.params.id, call.body);
        return call.redirect(`/households/${call.params.id}/portal-documents`, call.t('portal:documents.requested'));
      },
    }),
    route({
      method: 'POST',
      url: '/households/:id/portal-documents/share',
      formPage: '/households/:id/portal-documents',
      kind: 'page',
      action: 'portalDocuments.share',
      summary: 'Share a document with the family (a report for comment, a plan)',
      params: householdParams,
      body: shareForm,
      onInvalid: (call, errors) => householdPage(call, errors, 400),
      handler: async (call) => {
        try {
          await documents.share(call.ctx, call.params.id, { kind: call.body.kind, note: call.body.note, file: fileOf(call, call.body.file)! });
        } catch (error) {
          const refusal = storedFileRefusal(error);
          if (!refusal) throw error;
          return householdPage(call, refusal.errors, refusal.status);
        }
        return call.redirect(`/households/${call.params.id}/portal-documents`, call.t('portal:documents.sharedDone'));
      },
    }),
    route({
      method: 'POST',
      url: '/households/:id/portal-documents/:documentId/review',
      formPage: '/households/:id/portal-documents',
      kind: 'page',
      action: 'portalDocuments.review',
      summary: 'Accept a document the family sent, or ask for it again with a reason',
      params: documentParams,
      body: reviewForm,
      onInvalid: (call, errors) => householdPage(call, errors, 400),
      handler: async (call) => {
        await documents.review(call.ctx, call.params.id, call.params.documentId, call.body);
        return call.redirect(`/households/${call.params.id}/portal-documents`, call.t(`portal:documents.reviewed.${call.body.decision}`));
      },
    }),
    route({
      method: 'GET',
      url: '/households/:id/portal-documents/:documentId/file',
      kind: 'page',
      action: 'portalDocuments.view',
      summary: 'Download a household’s portal document (checksum verified)',
      params: documentParams,
      handler: async (call) => sendStoredFile(call, await documents.download(call.ctx, call.params.documentId, call.params.id)),
    }),
  ];
}

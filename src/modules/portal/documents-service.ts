import { recordAudit } from '../../platform/audit/audit.ts';
import type { DocumentStore, StoredFile } from '../../platform/documents/store.ts';
import { fileOrRefusal } from '../../platform/documents/store.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { ConflictError, DomainError, NotFoundError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { householdFor, ownHousehold, userIdOf } from './conversation-access.ts';
import * as repo from './conversation-repository.ts';
import type { Upload } from './conversation-service.ts';
import { AGENCY_DOCUMENT_KINDS, FAMILY_DOCUMENT_KINDS, type PortalDocumentKind, type PortalDocumentStatus } from './vocabulary.ts';

export type PortalDocument = {
  id: string;
  kind: PortalDocumentKind;
  fromFamily: boolean;
  status: PortalDocumentStatus;
  note: string | null;
  reason: string | null;
  dueOn: string | null;
  updatedAt: Date;
  version: number;
  file: { filename: string; byteSize: number; version: number; createdAt: Date } | null;
};

/** May the family send (or send again) a file for this request? */
export const awaitsFamily = (status: PortalDocumentStatus) => status === 'requested' || status === 'asked_again';

/**
 * Documents between a family and the agency: the worker asks for what the assessment needs, the
 * family uploads it, the worker accepts it or asks again with a reason; the agency shares what the
 * family should read. Files live in the platform's document store (checksummed, audited reads).
 * Notifications are not sent here: `portal.documentRequested` is published for whoever follows it.
 */
export function createPortalDocumentsService(runner: UseCaseRunner, store: DocumentStore) {
  const { run, events } = runner;

  async function describeAll(tx: Tx, rows: repo.PortalDocumentRow[]): Promise<PortalDocument[]> {
    const out: PortalDocument[] = [];
    for (const row of rows) {
      const file = row.documentId ? await store.describe(tx, row.documentId) : undefined;
      out.push({
        id: row.id,
        kind: row.kind,
        fromFamily: row.fromFamily,
        status: row.status,
        note: row.note,
        reason: row.reason,
        dueOn: row.dueOn,
        updatedAt: row.updatedAt,
        version: row.version,
        file: file ? { filename: file.filename, byteSize: file.byteSize, version: file.version, createdAt: file.createdAt } : null,
      });
    }
    return out;
  }

  /** The family's documents: asked for, sent, and shared with them. */
  async function familyDocuments(ctx: RequestContext): Promise<PortalDocument[]> {
    return run(ctx, async (tx) => {
      const household = await ownHousehold(tx, ctx, 'portalDocuments.view');
      const rows = await repo.portalDocumentsOfHousehold(tx, household.id);
      await recordAudit(tx, ctx, { action: 'portalDocuments.view', resourceType: 'household', resourceId: household.id, detail: { part: 'documents' } });
      return describeAll(tx, rows);
    });
  }

  /** A household's portal documents as its allocated worker (or the service manager) sees them. */
  async function householdDocuments(ctx: RequestContext, householdId: string): Promise<{ reference: string; documents: PortalDocument[] }> {
    return run(ctx, async (tx) => {
      const household = await householdFor(tx, ctx, householdId, 'portalDocuments.view');
      const rows = await repo.portalDocumentsOfHousehold(tx, household.id);
      await recordAudit(tx, ctx, { action: 'portalDocuments.view', resourceType: 'household', resourceId: household.id, detail: { part: 'documents' } });
      return { reference: household.reference, documents: await describeAll(tx, rows) };
    });
  }

  /** The worker asks the family for a document. */
  async function request(
    ctx: RequestContext,
    householdId: string,
    input: { kind: PortalDocumentKind; note?: string; dueOn?: string },
  ): Promise<{ id: string }> {
    if (!(FAMILY_DOCUMENT_KINDS as readonly string[]).includes(input.kind)) throw new DomainError(422, 'portal:errors.documents.kind');
    return run(ctx, async (tx) => {
      const household = await householdFor(tx, ctx, householdId, 'portalDocuments.request');
      const row = await repo.insertPortalDocument(tx, {
        organisationId: household.organisationId,
        householdId: household.id,
        kind: input.kind,
        fromFamily: true,
        status: 'requested',
        note: input.note || null,
        dueOn: input.dueOn || null,
        requestedBy: userIdOf(ctx),
      });
      await recordAudit(tx, ctx, {
        action: 'portalDocuments.request',
        resourceType: 'portal_document',
        resourceId: row.id,
        detail: { household: household.id, kind: input.kind },
      });
      await events.publish(tx, ctx, 'portal.documentRequested', {
        portalDocumentId: row.id,
        householdId: household.id,
        organisationId: household.organisationId,
        kind: row.kind,
        again: false,
        recipientUserIds: household.adopterUserIds,
      });
      return { id: row.id };
    });
  }

  /** The agency shares a document with the family (a report for comment, a plan). */
  async function share(ctx: RequestContext, householdId: string, input: { kind: PortalDocumentKind; note?: string; file: Upload }): Promise<{ id: string }> {
    if (!(AGENCY_DOCUMENT_KINDS as readonly string[]).includes(input.kind)) throw new DomainError(422, 'portal:errors.documents.kind');
    const file = await store.accept(input.file);
    return run(ctx, async (tx) => {
      const household = await householdFor(tx, ctx, householdId, 'portalDocuments.share');
      const stored = await store.create(tx, ctx, { organisationId: household.organisationId, ownerKind: 'household', ownerId: household.id }, input.kind, file);
      const row = await repo.insertPortalDocument(tx, {
        organisationId: household.organisationId,
        householdId: household.id,
        kind: input.kind,
        fromFamily: false,
        status: 'shared',
        note: input.note || null,
        documentId: stored.documentId,
        requestedBy: userIdOf(ctx),
      });
      await recordAudit(tx, ctx, {
        action: 'portalDocuments.share',
        resourceType: 'portal_document',
        resourceId: row.id,
        detail: { household: household.id, document: stored.documentId },
      });
      return { id: row.id };
    });
  }

  /** The family sends the file asked for (again, as a new version, when asked again). */
  async function upload(ctx: RequestContext, portalDocumentId: string, input: { file: Upload; version: number }): Promise<void> {
    const file = await store.accept(input.file);
    await run(ctx, async (tx) => {
      const household = await ownHousehold(tx, ctx, 'portalDocuments.upload');
      const row = await repo.getPortalDocument(tx, household.id, portalDocumentId);
      if (!row || !row.fromFamily) throw new NotFoundError();
      if (!awaitsFamily(row.status)) throw new ConflictError('portal:errors.documents.notAwaited', row.version);
      const owner = { organisationId: household.organisationId, ownerKind: 'household' as const, ownerId: household.id };
      const stored = row.documentId ? await store.addVersion(tx, ctx, row.documentId, file) : await store.create(tx, ctx, owner, row.kind, file);
      const saved = await repo.updatePortalDocument(tx, row.id, input.version, { status: 'submitted', documentId: stored.documentId });
      if (!saved) throw new ConflictError('errors.conflict.body', row.version);
      await recordAudit(tx, ctx, {
        action: 'portalDocuments.upload',
        resourceType: 'portal_document',
        resourceId: row.id,
        detail: { household: household.id, document: stored.documentId, version: stored.version },
      });
    });
  }

  /** The worker accepts what the family sent, or asks for it again with a reason the family reads. */
  async function review(
    ctx: RequestContext,
    householdId: string,
    portalDocumentId: string,
    input: { decision: 'accept' | 'ask_again'; reason?: string; version: number },
  ): Promise<void> {
    await run(ctx, async (tx) => {
      const household = await householdFor(tx, ctx, householdId, 'portalDocuments.review');
      const row = await repo.getPortalDocument(tx, household.id, portalDocumentId);
      if (!row || !row.fromFamily) throw new NotFoundError();
      if (row.status !== 'submitted') throw new ConflictError('portal:errors.documents.notSubmitted', row.version);
      const again = input.decision === 'ask_again';
      const saved = await repo.updatePortalDocument(tx, row.id, input.version, {
        status: again ? 'asked_again' : 'accepted',
        reason: again ? (input.reason ?? null) : null,
      });
      if (!saved) throw new ConflictError('errors.conflict.body', row.version);
      await recordAudit(tx, ctx, {
        action: 'portalDocuments.review',
        resourceType: 'portal_document',
        resourceId: row.id,
        detail: { household: household.id, decision: input.decision },
      });
      if (again)
        await events.publish(tx, ctx, 'portal.documentRequested', {
          portalDocumentId: row.id,
          householdId: household.id,
          organisationId: household.organisationId,
          kind: row.kind,
          again: true,
          recipientUserIds: household.adopterUserIds,
        });
    });
  }

  /** A document's file, for the family (their own household) or a worker; checksum verified, read audited. */
  async function download(ctx: RequestContext, portalDocumentId: string, householdId?: string): Promise<StoredFile> {
    const result = await run(ctx, async (tx) => {
      const household = householdId ? await householdFor(tx, ctx, householdId, 'portalDocuments.view') : await ownHousehold(tx, ctx, 'portalDocuments.view');
      const row = await repo.getPortalDocument(tx, household.id, portalDocumentId);
      if (!row?.documentId) throw new NotFoundError();
      return store.read(tx, ctx, row.documentId, { action: 'portalDocuments.view' });
    });
    const file = fileOrRefusal(result);
    if (!file) throw new NotFoundError();
    return file;
  }

  return { familyDocuments, householdDocuments, request, share, upload, review, download };
}

export type PortalDocumentsService = ReturnType<typeof createPortalDocumentsService>;

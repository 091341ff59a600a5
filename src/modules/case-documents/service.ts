import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { fileOrRefusal, type DocumentStore, type StoredFile } from '../../platform/documents/store.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { mayReadVisibility, visibilitiesFor, type DocumentVisibility } from '../../platform/policy/document-visibility.ts';
import { can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { loadOwner, type Owner } from './owners.ts';
import * as repo from './repository.ts';
import { OWNER_PATHS, type CaseDocumentKind, type OwnerKind } from './vocabulary.ts';

export type Upload = { filename?: string; bytes: Buffer };

/** One version of a case document as a list shows it. */
export type CaseDocumentVersion = {
  version: number;
  filename: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string | null;
};

export type CaseDocument = {
  id: string;
  kind: CaseDocumentKind;
  title: string;
  documentDate: string;
  visibility: DocumentVisibility;
  /** The record's version, for adding a new version of the file (409 when someone else did first). */
  version: number;
  versions: CaseDocumentVersion[];
};

/** The address of a case document's file (its newest version unless said). */
export function documentHref(ownerKind: OwnerKind, ownerId: string, documentId: string, version?: number): string {
  const base = `/${OWNER_PATHS[ownerKind]}/${ownerId}/documents/${documentId}/file`;
  return version ? `${base}?version=${version}` : base;
}

/**
 * Case documents of children, sibling groups, households and matches: filed in the platform's one
 * document store (checksummed, every read audited), each with its kind, date and who may read it
 * (document-visibility.ts; row-level security says the same). Nothing is deleted here: a new file
 * is a new version, and the old ones stay.
 */
export function createCaseDocumentsService(runner: UseCaseRunner, store: DocumentStore, clock: () => Date = () => new Date()) {
  const { run, recordStandalone } = runner;

  /** Asking for a record or document out of reach is audited too (the refused read rolls back). */
  async function audited<T>(ctx: RequestContext, kind: OwnerKind, id: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof NotFoundError)
        await recordStandalone(ctx, { action: 'caseDocuments.view', resourceType: kind, resourceId: id, outcome: 'not_found' });
      throw error;
    }
  }

  async function describe(tx: Tx, rows: repo.CaseDocumentRow[]): Promise<CaseDocument[]> {
    const versions = new Map<string, Awaited<ReturnType<DocumentStore['versions']>>>();
    for (const row of rows) versions.set(row.id, await store.versions(tx, row.documentId));
    const names = await repo.userNamesOf(
      tx,
      [...versions.values()].flat().map((v) => v.uploadedBy),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as CaseDocumentKind,
      title: row.title,
      documentDate: row.documentDate,
      visibility: row.visibility,
      version: row.version,
      versions: versions.get(row.id)!.map((v) => ({
        version: v.version,
        filename: v.filename,
        contentType: v.contentType,
        byteSize: v.byteSize,
        sha256: v.sha256,
        uploadedAt: v.createdAt,
        uploadedBy: v.uploadedBy ? (names.get(v.uploadedBy) ?? null) : null,
      })),
    }));
  }

  /** A record's documents the person may read, what they may give a new one, and whether they may add one. */
  async function documentsOf(ctx: RequestContext, kind: OwnerKind, id: string) {
    return audited(ctx, kind, id, () =>
      run(ctx, async (tx) => {
        const owner = await loadOwner(tx, ctx, kind, id, 'caseDocuments.view');
        const rows = (await repo.caseDocumentsOf(tx, kind, id)).filter((row) => mayReadVisibility(ctx.actor, row.visibility));
        const documents = await describe(tx, rows);
        await recordAudit(tx, ctx, { action: 'caseDocuments.view', resourceType: kind, resourceId: id, detail: { part: 'documents', rows: documents.length } });
        return {
          owner: { kind, id, label: owner.label },
          documents,
          mayUpload: can(ctx.actor, 'caseDocuments.upload', owner.resource),
          visibilities: visibilitiesFor(ctx.actor),
        };
      }),
    );
  }

  function checkDate(documentDate: string, errors: FieldError[]) {
    if (documentDate > dateInWales(clock())) errors.push({ field: 'documentDate', key: 'case-documents:errors.documentDate.future' });
  }

  /** Files a new document on the record: the file is checked (type, size, scan) before any transaction opens. */
  async function attach(
    ctx: RequestContext,
    kind: OwnerKind,
    id: string,
    input: { kind: CaseDocumentKind; title: string; documentDate: string; visibility: DocumentVisibility; file: Upload },
  ): Promise<CaseDocument> {
    const errors: FieldError[] = [];
    checkDate(input.documentDate, errors);
    if (!visibilitiesFor(ctx.actor).includes(input.visibility)) errors.push({ field: 'visibility', key: 'case-documents:errors.visibility.notYours' });
    if (errors.length) throw new ValidationError(errors, 422);
    const file = await store.accept(input.file, 'case');
    return run(ctx, async (tx) => {
      const owner = await loadOwner(tx, ctx, kind, id, 'caseDocuments.upload');
      const stored = await store.create(tx, ctx, storeOwner(owner), input.kind, file);
      const row = await repo.insertCaseDocument(tx, {
        organisationId: owner.organisationId,
        ownerKind: kind,
        ownerId: id,
        documentId: stored.documentId,
        kind: input.kind,
        title: input.title,
        documentDate: input.documentDate,
        visibility: input.visibility,
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      await recordAudit(tx, ctx, {
        action: 'caseDocuments.upload',
        resourceType: 'case_document',
        resourceId: row.id,
        detail: { ownerKind: kind, ownerId: id, documentKind: input.kind, visibility: input.visibility, version: stored.version },
      });
      return (await describe(tx, [row]))[0]!;
    });
  }

  /** A new version of a document's file; every earlier version stays, and can still be downloaded. */
  async function addVersion(
    ctx: RequestContext,
    kind: OwnerKind,
    id: string,
    documentId: string,
    input: { documentDate: string; version: number; file: Upload },
  ): Promise<CaseDocument> {
    const errors: FieldError[] = [];
    checkDate(input.documentDate, errors);
    if (errors.length) throw new ValidationError(errors, 422);
    const file = await store.accept(input.file, 'case');
    return run(ctx, async (tx) => {
      await loadOwner(tx, ctx, kind, id, 'caseDocuments.upload');
      const row = await repo.getCaseDocument(tx, kind, id, documentId);
      if (!row || !mayReadVisibility(ctx.actor, row.visibility)) throw new NotFoundError();
      const saved = await repo.markNewVersion(tx, row.id, input.version, input.documentDate);
      if (!saved) throw new ConflictError('errors.conflict.body', row.version);
      const stored = await store.addVersion(tx, ctx, row.documentId, file);
      await recordAudit(tx, ctx, {
        action: 'caseDocuments.upload',
        resourceType: 'case_document',
        resourceId: row.id,
        detail: { ownerKind: kind, ownerId: id, version: stored.version },
      });
      return (await describe(tx, [saved]))[0]!;
    });
  }

  /** A document's file (the newest version unless said): checksum verified, the read audited. */
  async function download(ctx: RequestContext, kind: OwnerKind, id: string, documentId: string, version?: number): Promise<StoredFile> {
    const result = await audited(ctx, kind, id, () =>
      run(ctx, async (tx) => {
        await loadOwner(tx, ctx, kind, id, 'caseDocuments.view');
        const row = await repo.getCaseDocument(tx, kind, id, documentId);
        // The policy decides first; row-level security would hide the row anyway.
        if (!row || !mayReadVisibility(ctx.actor, row.visibility)) throw new NotFoundError();
        const read = await store.read(tx, ctx, row.documentId, { action: 'caseDocuments.view', version });
        if (!read) throw new NotFoundError();
        return read;
      }),
    );
    return fileOrRefusal(result)!;
  }

  return { documentsOf, attach, addVersion, download };
}

/** The store's owner of a record's documents: the record itself, under its organisation. */
function storeOwner(owner: Owner) {
  return { organisationId: owner.organisationId, ownerKind: owner.kind, ownerId: owner.id };
}

export type CaseDocumentsService = ReturnType<typeof createCaseDocumentsService>;

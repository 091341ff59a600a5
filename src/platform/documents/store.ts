import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/pool.ts';
import { recordAudit } from '../audit/audit.ts';
import { DomainError } from '../http/errors.ts';
import type { RequestContext } from '../policy/actor.ts';
import { documentParts, documents, documentVersions } from './schema.ts';
import { scanWith } from './scan.ts';
import { detectContentType, MAX_DOCUMENT_BYTES, safeFilename, uploadProblem, type DocumentContentType, type TypeProfile } from './types.ts';

/** Parts of at most 1 MiB: no row, and no single value on the wire, carries a whole large file. */
const PART_BYTES = 1024 * 1024;

export type OwnerKind = (typeof documents.$inferSelect)['ownerKind'];
export type DocumentOwner = { organisationId: string; ownerKind: OwnerKind; ownerId: string };

/** A file that passed the limits and the scan, ready to be saved in a use case's transaction. */
export type AcceptedFile = { filename: string; contentType: DocumentContentType; bytes: Buffer; sha256: string };

export type DocumentVersion = {
  documentId: string;
  version: number;
  filename: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  createdAt: Date;
};

export type StoredFile = DocumentVersion & { bytes: Buffer };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The platform's one store of documents (see README.md): in PostgreSQL, so backups, row-level
 * security and transactions cover files as they cover records. Modules decide who may read a
 * document (policy first); the store checks types and sizes, runs the scanning hook, keeps every
 * version with its SHA-256, verifies it on every read and audits each read.
 */
export function createDocumentStore(options: { scanCommand?: string; maxBytes?: number } = {}) {
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;

  /**
   * Checks a file before any transaction opens (a scan may take seconds): empty 422, too large 413,
   * not PDF/picture/Word 415 (the `case` profile also takes OpenDocument and plain text), refused by
   * the scanner 422, scanner failing 503.
   */
  async function accept(upload: { filename?: string; bytes: Buffer }, profile: TypeProfile = 'standard'): Promise<AcceptedFile> {
    const problem = uploadProblem(upload.bytes, maxBytes, profile);
    if (problem === 'empty') throw new DomainError(422, 'documents:errors.empty');
    if (problem === 'tooLarge') throw new DomainError(413, 'documents:errors.tooLarge', { megabytes: Math.round(maxBytes / 1024 / 1024) });
    if (problem === 'type')
      throw titled(new DomainError(415, profile === 'case' ? 'documents:errors.caseType' : 'documents:errors.type'), 'documents:errors.typeTitle');
    const contentType = detectContentType(upload.bytes, profile)!;
    if (options.scanCommand) {
      const result = await scanWith(options.scanCommand, upload.bytes);
      if (result === 'infected') throw new DomainError(422, 'documents:errors.infected');
      if (result === 'failed') throw titled(new DomainError(503, 'documents:errors.scanFailed'), 'documents:errors.scanFailedTitle');
    }
    return { filename: safeFilename(upload.filename, contentType), contentType, bytes: upload.bytes, sha256: sha256(upload.bytes) };
  }

  /**
   * A new document with its first version. Written without reading anything back: until the
   * caller's own row (a case document, a portal document or message) files it, row-level security
   * hides the store's rows from everyone but the platform (migration 0033).
   */
  async function create(tx: Tx, ctx: RequestContext, owner: DocumentOwner, kind: string, file: AcceptedFile): Promise<DocumentVersion> {
    const documentId = randomUUID();
    await tx.insert(documents).values({ id: documentId, ...owner, kind, currentVersion: 1, createdBy: userOf(ctx) });
    return storeVersion(tx, ctx, { documentId, version: 1, ...owner }, file);
  }

  /** A further version of a filed document (the earlier ones stay, unchanged). */
  async function addVersion(tx: Tx, ctx: RequestContext, documentId: string, file: AcceptedFile): Promise<DocumentVersion> {
    const [doc] = await tx
      .update(documents)
      .set({ currentVersion: sql`${documents.currentVersion} + 1` })
      .where(eq(documents.id, documentId))
      .returning();
    if (!doc) throw new DomainError(404, 'errors.notFound.body');
    const owner = { organisationId: doc.organisationId, ownerKind: doc.ownerKind, ownerId: doc.ownerId };
    return storeVersion(tx, ctx, { documentId, version: doc.currentVersion, ...owner }, file);
  }

  async function storeVersion(tx: Tx, ctx: RequestContext, at: DocumentOwner & { documentId: string; version: number }, file: AcceptedFile) {
    const { documentId, version, ...owner } = at;
    const stored = {
      documentId,
      version,
      ...owner,
      filename: file.filename,
      contentType: file.contentType,
      byteSize: file.bytes.length,
      sha256: file.sha256,
      uploadedBy: userOf(ctx),
      createdAt: new Date(),
    };
    await tx.insert(documentVersions).values(stored);
    for (let offset = 0, part = 0; offset < file.bytes.length; offset += PART_BYTES, part++) {
      await tx.insert(documentParts).values({ documentId, version, part, ...owner, bytes: file.bytes.subarray(offset, offset + PART_BYTES) });
    }
    await recordAudit(tx, ctx, {
      action: 'documents.store',
      resourceType: 'document',
      resourceId: documentId,
      detail: { version, ownerKind: owner.ownerKind, ownerId: owner.ownerId, bytes: file.bytes.length, sha256: file.sha256 },
    });
    return toVersion(stored);
  }

  /** The newest version's facts, without its bytes (for lists). Undefined when the document is not there (or not visible). */
  async function describe(tx: Tx, documentId: string): Promise<DocumentVersion | undefined> {
    const [row] = await tx
      .select({ v: documentVersions })
      .from(documents)
      .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
      .where(eq(documents.id, documentId));
    return row ? toVersion(row.v) : undefined;
  }

  /** Every version of a document, newest first, with who uploaded each (for a record's list of documents). */
  async function versions(tx: Tx, documentId: string): Promise<(DocumentVersion & { uploadedBy: string | null })[]> {
    const rows = await tx.select().from(documentVersions).where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.version));
    return rows.map((row) => ({ ...toVersion(row), uploadedBy: row.uploadedBy }));
  }

  /**
   * A version's bytes (the newest unless said), verified against the SHA-256 recorded when it was
   * stored: bytes that changed since are refused (500 to the reader, the mismatch in the audit log),
   * never served. Every read is audited under `action`, the reader's action on the owning record.
   */
  async function read(tx: Tx, ctx: RequestContext, documentId: string, options: { action: string; version?: number }): Promise<ReadResult | undefined> {
    const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId));
    if (!doc) return undefined;
    const wanted = options.version ?? doc.currentVersion;
    const [version] = await tx
      .select()
      .from(documentVersions)
      .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, wanted)));
    if (!version) return undefined;
    const parts = await tx
      .select({ bytes: documentParts.bytes })
      .from(documentParts)
      .where(and(eq(documentParts.documentId, documentId), eq(documentParts.version, wanted)))
      .orderBy(asc(documentParts.part));
    const bytes = Buffer.concat(parts.map((p) => p.bytes));
    const intact = bytes.length === version.byteSize && sha256(bytes) === version.sha256;
    await recordAudit(tx, ctx, {
      action: options.action,
      resourceType: 'document',
      resourceId: documentId,
      outcome: intact ? 'success' : 'error',
      detail: { part: 'file', version: wanted, ...(intact ? {} : { reason: 'checksum-mismatch' }) },
    });
    // Not thrown here: the caller's transaction must commit, with the audit row of the refusal.
    if (!intact) return { state: 'corrupt', documentId, version: wanted };
    return { state: 'intact', file: { ...toVersion(version), bytes } };
  }

  return { accept, create, addVersion, describe, versions, read, maxBytes };
}

/** What a read found: the file, or bytes that no longer match their checksum (never served). */
export type ReadResult = { state: 'intact'; file: StoredFile } | { state: 'corrupt'; documentId: string; version: number };

/** Unwraps a read after its transaction committed: corrupt bytes become the refusal. */
export function fileOrRefusal(result: ReadResult | undefined): StoredFile | undefined {
  if (result?.state === 'corrupt') throw new DocumentCorruptError(result.documentId, result.version);
  return result?.file;
}

/** The stored bytes no longer match their checksum: the file is withheld, and the read says so. */
export class DocumentCorruptError extends DomainError {
  constructor(
    readonly documentId: string,
    readonly version: number,
  ) {
    super(500, 'documents:errors.corrupt');
    this.titleKey = 'documents:errors.corruptTitle';
  }
}

function titled(error: DomainError, titleKey: string): DomainError {
  error.titleKey = titleKey;
  return error;
}

function userOf(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

function toVersion(row: typeof documentVersions.$inferSelect): DocumentVersion {
  return {
    documentId: row.documentId,
    version: row.version,
    filename: row.filename,
    contentType: row.contentType,
    byteSize: row.byteSize,
    sha256: row.sha256,
    createdAt: row.createdAt,
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { destroyDocuments } from '../../platform/documents/destroy.ts';
import { caseDocuments } from './schema.ts';
import type { OwnerKind } from './vocabulary.ts';

/**
 * What the retention and subject-access modules need of case documents, through this front door:
 * the documents one organisation holds (id, what they are filed on, the store's document id), and
 * the documents filed on given records with their metadata. Run in the platform job's transaction.
 */
export async function caseDocumentsOfOrganisation(tx: Tx, organisationId: string): Promise<{ id: string; ownerKind: OwnerKind; ownerId: string }[]> {
  return tx
    .select({ id: caseDocuments.id, ownerKind: caseDocuments.ownerKind, ownerId: caseDocuments.ownerId })
    .from(caseDocuments)
    .where(eq(caseDocuments.organisationId, organisationId))
    .orderBy(asc(caseDocuments.id));
}

/** The documents filed on one kind of record, by the records' ids: metadata only (the bytes are the store's). */
export async function caseDocumentsFiledOn(tx: Tx, ownerKind: OwnerKind, ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return [];
  return tx
    .select({
      id: caseDocuments.id,
      ownerKind: caseDocuments.ownerKind,
      ownerId: caseDocuments.ownerId,
      documentId: caseDocuments.documentId,
      kind: caseDocuments.kind,
      title: caseDocuments.title,
      documentDate: caseDocuments.documentDate,
      visibility: caseDocuments.visibility,
      createdAt: caseDocuments.createdAt,
    })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.ownerKind, ownerKind), inArray(caseDocuments.ownerId, [...ownerIds])))
    .orderBy(asc(caseDocuments.documentDate), asc(caseDocuments.id));
}

/**
 * Destroys case documents of the organisation: the entries and their files in the document store
 * (every version and part), through the store's own delete. Only the retention job may (migration
 * 0041). Returns how many entries went.
 */
export async function destroyCaseDocumentsInTx(tx: Tx, organisationId: string, caseDocumentIds: readonly string[]): Promise<number> {
  if (caseDocumentIds.length === 0) return 0;
  const removed = await tx
    .delete(caseDocuments)
    .where(and(eq(caseDocuments.organisationId, organisationId), inArray(caseDocuments.id, [...caseDocumentIds])))
    .returning({ documentId: caseDocuments.documentId });
  await destroyDocuments(
    tx,
    removed.map((r) => r.documentId),
  );
  return removed.length;
}

/** Destroys every case document filed on one record (a destroyed child's), whichever organisation filed it. */
export async function destroyCaseDocumentsFiledOnInTx(tx: Tx, ownerKind: OwnerKind, ownerId: string): Promise<number> {
  const removed = await tx
    .delete(caseDocuments)
    .where(and(eq(caseDocuments.ownerKind, ownerKind), eq(caseDocuments.ownerId, ownerId)))
    .returning({ documentId: caseDocuments.documentId });
  await destroyDocuments(
    tx,
    removed.map((r) => r.documentId),
  );
  return removed.length;
}

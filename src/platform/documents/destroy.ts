import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/pool.ts';
import { documentParts, documentVersions, documents } from './schema.ts';

/**
 * Removes documents with every version and part, for the retention job only: the app role has no
 * DELETE on the store (migration 0027), the system role has it for this (migration 0034). The
 * caller has removed the rows that referred to them and audits the destruction.
 */
export async function destroyDocuments(tx: Tx, documentIds: readonly string[]): Promise<number> {
  const ids = [...new Set(documentIds)];
  if (ids.length === 0) return 0;
  await tx.delete(documentParts).where(inArray(documentParts.documentId, ids));
  await tx.delete(documentVersions).where(inArray(documentVersions.documentId, ids));
  const removed = await tx.delete(documents).where(inArray(documents.id, ids)).returning({ id: documents.id });
  return removed.length;
}

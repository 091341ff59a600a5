import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { caseDocuments } from './schema.ts';
import type { OwnerKind } from './vocabulary.ts';

export type CaseDocumentRow = typeof caseDocuments.$inferSelect;

/** A record's documents the person may read (row-level security hides the others), newest document date first. */
export async function caseDocumentsOf(tx: Tx, ownerKind: OwnerKind, ownerId: string): Promise<CaseDocumentRow[]> {
  return tx
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.ownerKind, ownerKind), eq(caseDocuments.ownerId, ownerId)))
    .orderBy(desc(caseDocuments.documentDate), desc(caseDocuments.createdAt));
}

export async function getCaseDocument(tx: Tx, ownerKind: OwnerKind, ownerId: string, id: string): Promise<CaseDocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, id), eq(caseDocuments.ownerKind, ownerKind), eq(caseDocuments.ownerId, ownerId)));
  return row;
}

export async function insertCaseDocument(tx: Tx, values: typeof caseDocuments.$inferInsert): Promise<CaseDocumentRow> {
  const [row] = await tx.insert(caseDocuments).values(values).returning();
  return row!;
}

/** Records a new version's date on the document, if it is still at the version the person saw. */
export async function markNewVersion(tx: Tx, id: string, version: number, documentDate: string): Promise<CaseDocumentRow | undefined> {
  const [row] = await tx
    .update(caseDocuments)
    .set({ documentDate, updatedAt: sql`now()`, version: sql`${caseDocuments.version} + 1` })
    .where(and(eq(caseDocuments.id, id), eq(caseDocuments.version, version)))
    .returning();
  return row;
}

/** People's names by id, for "uploaded by". */
export async function userNamesOf(tx: Tx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

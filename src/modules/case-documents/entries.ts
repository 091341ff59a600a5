import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import * as repo from './repository.ts';
import { documentHref } from './service.ts';
import type { CaseDocumentKind, OwnerKind } from './vocabulary.ts';

/** A case document as another page lists it (the chronology): its date, kind, title and link. */
export type CaseDocumentEntry = { id: string; date: string; kind: CaseDocumentKind; title: string; href: string };

/**
 * The documents of a record (a child, a sibling group, a household or a match) as plain entries,
 * newest first, for a page of another module such as the case chronology. Read in the caller's
 * transaction: row-level security leaves out what the person may not read (a clinical-only report
 * to a local authority); the caller has asserted its own action on the record and audits its page.
 * `kind` is a translation key under `case-documents:kind.`.
 */
export async function caseDocumentEntriesOf(tx: Tx, ownerKind: OwnerKind, ownerId: string): Promise<CaseDocumentEntry[]> {
  const rows = await repo.caseDocumentsOf(tx, ownerKind, ownerId);
  return rows.map((row) => ({
    id: row.id,
    date: row.documentDate,
    kind: row.kind as CaseDocumentKind,
    title: row.title,
    href: documentHref(ownerKind, ownerId, row.id),
  }));
}

/**
 * A record's documents as lines of its chronology, dated by the document's own date. Only for readers
 * who may view case documents; row-level security leaves out each one they may not read.
 */
export async function caseDocumentsChronology(tx: Tx, ctx: RequestContext, ownerKind: OwnerKind, ownerId: string): Promise<ChronologyEntry[]> {
  if (!can(ctx.actor, 'caseDocuments.view')) return [];
  const entries = await caseDocumentEntriesOf(tx, ownerKind, ownerId);
  return entries.map((entry) => ({
    on: entry.date,
    kind: 'document',
    text: { key: 'chronology:entries.document', params: { title: entry.title }, terms: { kind: `case-documents:kind.${entry.kind}` } },
    href: entry.href,
  }));
}

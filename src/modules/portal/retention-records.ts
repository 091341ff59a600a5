import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { destroyDocuments } from '../../platform/documents/destroy.ts';
import { portalDocuments, portalMessages, portalThreads } from './schema.ts';

/**
 * What the retention module and subject access need of the portal, through this front door: the
 * conversations of some households (ids and dates only), destroying them with their attachments,
 * and a household's conversation as written. Always narrowed to the organisation asked for.
 */

export type ConversationDates = { id: string; householdId: string; organisationId: string; lastMessageAt: Date };

export async function conversationsOfHouseholds(tx: Tx, organisationId: string, householdIds: readonly string[]): Promise<ConversationDates[]> {
  if (householdIds.length === 0) return [];
  return tx
    .select({
      id: portalThreads.id,
      householdId: portalThreads.householdId,
      organisationId: portalThreads.organisationId,
      lastMessageAt: portalThreads.lastMessageAt,
    })
    .from(portalThreads)
    .where(and(eq(portalThreads.organisationId, organisationId), inArray(portalThreads.householdId, [...householdIds])));
}

/** Removes one conversation of the organisation, its messages and their attachments. False when there is none. */
export async function destroyConversationInTx(tx: Tx, organisationId: string, threadId: string): Promise<boolean> {
  const [thread] = await tx
    .select({ id: portalThreads.id })
    .from(portalThreads)
    .where(and(eq(portalThreads.id, threadId), eq(portalThreads.organisationId, organisationId)));
  if (!thread) return false;
  const attached = await tx.delete(portalMessages).where(eq(portalMessages.threadId, threadId)).returning({ documentId: portalMessages.documentId });
  await tx.delete(portalThreads).where(eq(portalThreads.id, threadId));
  await destroyDocuments(
    tx,
    attached.flatMap((m) => (m.documentId ? [m.documentId] : [])),
  );
  return true;
}

/** Removes everything the portal holds on a household of the organisation (before the household itself goes). */
export async function destroyPortalOfHouseholdInTx(tx: Tx, organisationId: string, householdId: string): Promise<number> {
  const threads = await conversationsOfHouseholds(tx, organisationId, [householdId]);
  for (const thread of threads) await destroyConversationInTx(tx, organisationId, thread.id);
  const documents = await tx
    .delete(portalDocuments)
    .where(and(eq(portalDocuments.householdId, householdId), eq(portalDocuments.organisationId, organisationId)))
    .returning({ documentId: portalDocuments.documentId });
  await destroyDocuments(
    tx,
    documents.flatMap((d) => (d.documentId ? [d.documentId] : [])),
  );
  return threads.length;
}

/** A household's conversations as written, oldest message first, for a subject access request. */
export async function conversationsForSubjectAccess(tx: Tx, householdId: string) {
  const threads = await tx.select().from(portalThreads).where(eq(portalThreads.householdId, householdId)).orderBy(asc(portalThreads.createdAt));
  const messages = threads.length
    ? await tx
        .select()
        .from(portalMessages)
        .where(
          inArray(
            portalMessages.threadId,
            threads.map((t) => t.id),
          ),
        )
        .orderBy(asc(portalMessages.createdAt))
    : [];
  const documents = await tx.select().from(portalDocuments).where(eq(portalDocuments.householdId, householdId)).orderBy(asc(portalDocuments.createdAt));
  return { threads, messages, documents };
}

import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { adopterRecords } from '../recruitment/index.ts';
import { portalDocuments, portalMessages, portalThreads } from './schema.ts';
import type { PortalDocumentKind, PortalDocumentStatus } from './vocabulary.ts';
import { adoptionWorkers } from '../recruitment/index.ts';

/** The portal's own tables: threads, messages and the documents asked for or shared. */

export type ThreadRow = typeof portalThreads.$inferSelect;
export type MessageRow = typeof portalMessages.$inferSelect;
export type PortalDocumentRow = typeof portalDocuments.$inferSelect;

export async function insertThread(tx: Tx, values: typeof portalThreads.$inferInsert): Promise<ThreadRow> {
  const [row] = await tx.insert(portalThreads).values(values).returning();
  return row!;
}

export async function getThread(tx: Tx, id: string): Promise<ThreadRow | undefined> {
  const [row] = await tx.select().from(portalThreads).where(eq(portalThreads.id, id));
  return row;
}

/** A household's threads, newest conversation first, with how many messages the reader has not read. */
export async function threadsOfHousehold(tx: Tx, householdId: string, unreadFromFamily: boolean) {
  return threadsWhere(tx, eq(portalThreads.householdId, householdId), unreadFromFamily);
}

/** The threads a worker answers: handed to them, or of a household allocated to them. */
export async function threadsOfWorker(tx: Tx, userId: string, householdIds: readonly string[]) {
  const mine = householdIds.length
    ? or(eq(portalThreads.workerId, userId), inArray(portalThreads.householdId, [...householdIds]))
    : eq(portalThreads.workerId, userId);
  return threadsWhere(tx, mine!, true);
}

/** Every thread of the organisation (the service manager's view). */
export async function threadsOfOrganisation(tx: Tx, organisationId: string) {
  return threadsWhere(tx, eq(portalThreads.organisationId, organisationId), true);
}

async function threadsWhere(tx: Tx, where: ReturnType<typeof eq>, unreadFromFamily: boolean) {
  const unread = sql<number>`(select count(*)::int from ${portalMessages} m where m.thread_id = ${portalThreads.id} and m.read_at is null and m.from_family = ${unreadFromFamily})`;
  return tx
    .select({ thread: portalThreads, unread, workerName: users.name })
    .from(portalThreads)
    .leftJoin(users, eq(users.id, portalThreads.workerId))
    .where(where)
    .orderBy(desc(portalThreads.lastMessageAt), desc(portalThreads.id))
    .limit(500);
}

export async function insertMessage(tx: Tx, values: typeof portalMessages.$inferInsert): Promise<MessageRow> {
  const [row] = await tx.insert(portalMessages).values(values).returning();
  await tx.update(portalThreads).set({ lastMessageAt: row!.createdAt }).where(eq(portalThreads.id, row!.threadId));
  return row!;
}

export async function messagesOfThread(tx: Tx, threadId: string) {
  return tx
    .select({ message: portalMessages, authorName: users.name })
    .from(portalMessages)
    .leftJoin(users, eq(users.id, portalMessages.authorId))
    .where(eq(portalMessages.threadId, threadId))
    .orderBy(asc(portalMessages.createdAt), asc(portalMessages.id));
}

export async function getMessage(tx: Tx, threadId: string, messageId: string): Promise<MessageRow | undefined> {
  const [row] = await tx
    .select()
    .from(portalMessages)
    .where(and(eq(portalMessages.threadId, threadId), eq(portalMessages.id, messageId)));
  return row;
}

/** Marks the other side's unread messages read by this person (the read receipt). Returns how many. */
export async function markRead(tx: Tx, threadId: string, fromFamily: boolean, readerId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(portalMessages)
    .set({ readAt: at, readBy: readerId })
    .where(and(eq(portalMessages.threadId, threadId), eq(portalMessages.fromFamily, fromFamily), isNull(portalMessages.readAt)))
    .returning({ id: portalMessages.id });
  return rows.length;
}

export async function reassignThread(tx: Tx, threadId: string, workerId: string, version: number): Promise<ThreadRow | undefined> {
  const [row] = await tx
    .update(portalThreads)
    .set({ workerId, version: sql`${portalThreads.version} + 1` })
    .where(and(eq(portalThreads.id, threadId), eq(portalThreads.version, version)))
    .returning();
  return row;
}

/** Who may be handed a thread: the organisation's adoption workers, by name (the same list as allocating a household). */
export { adoptionWorkers };

/** Whether this person is an active member of staff of the organisation who may answer families. */
export async function isAdoptionWorker(tx: Tx, userId: string, organisationId: string): Promise<boolean> {
  return (await adoptionWorkers(tx, organisationId)).some((worker) => worker.id === userId);
}

export async function insertPortalDocument(
  tx: Tx,
  values: {
    organisationId: string;
    householdId: string;
    kind: PortalDocumentKind;
    fromFamily: boolean;
    status: PortalDocumentStatus;
    note?: string | null;
    dueOn?: string | null;
    documentId?: string | null;
    requestedBy?: string | null;
  },
): Promise<PortalDocumentRow> {
  const [row] = await tx.insert(portalDocuments).values(values).returning();
  return row!;
}

export async function getPortalDocument(tx: Tx, householdId: string, id: string): Promise<PortalDocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(portalDocuments)
    .where(and(eq(portalDocuments.householdId, householdId), eq(portalDocuments.id, id)));
  return row;
}

export async function portalDocumentsOfHousehold(tx: Tx, householdId: string): Promise<PortalDocumentRow[]> {
  return tx
    .select()
    .from(portalDocuments)
    .where(eq(portalDocuments.householdId, householdId))
    .orderBy(desc(portalDocuments.updatedAt), desc(portalDocuments.id))
    .limit(500);
}

export async function updatePortalDocument(
  tx: Tx,
  id: string,
  version: number,
  changes: { status: PortalDocumentStatus; reason?: string | null; documentId?: string | null },
): Promise<PortalDocumentRow | undefined> {
  const [row] = await tx
    .update(portalDocuments)
    .set({ ...changes, updatedAt: new Date(), version: sql`${portalDocuments.version} + 1` })
    .where(and(eq(portalDocuments.id, id), eq(portalDocuments.version, version)))
    .returning();
  return row;
}

export const { getHousehold, applicantOfUser } = adopterRecords;
export type HouseholdRow = adopterRecords.HouseholdRow;

/** Households allocated to a worker (their social worker): the households whose threads they answer. */
export const householdsAllocatedTo = (tx: Tx, userId: string): Promise<string[]> => adopterRecords.householdIdsOfSocialWorker(tx, userId);

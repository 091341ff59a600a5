import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { children, siblingGroupHistory, siblingGroupMembers, siblingGroups, siblingRelationships } from './schema.ts';

export type SiblingGroupRow = typeof siblingGroups.$inferSelect;

export async function insertGroup(tx: Tx, values: typeof siblingGroups.$inferInsert): Promise<SiblingGroupRow> {
  const [row] = await tx.insert(siblingGroups).values(values).returning();
  return row!;
}

/**
 * Adds members. The partial unique index refuses a child already in another active group;
 * the caller turns that refusal into a message.
 */
export async function addMembers(tx: Tx, groupId: string, organisationId: string, childIds: string[]): Promise<void> {
  if (childIds.length) await tx.insert(siblingGroupMembers).values(childIds.map((childId) => ({ groupId, childId, organisationId, active: true })));
}

export async function addRelationships(tx: Tx, rows: (typeof siblingRelationships.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(siblingRelationships).values(rows);
}

export async function activeGroupOf(tx: Tx, childId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ groupId: siblingGroupMembers.groupId })
    .from(siblingGroupMembers)
    .where(and(eq(siblingGroupMembers.childId, childId), eq(siblingGroupMembers.active, true)));
  return row?.groupId;
}

export async function getGroup(tx: Tx, id: string): Promise<SiblingGroupRow | undefined> {
  const [row] = await tx.select().from(siblingGroups).where(eq(siblingGroups.id, id));
  return row;
}

export async function membersOf(tx: Tx, groupId: string) {
  return tx
    .select({
      id: children.id,
      legalGivenNames: children.legalGivenNames,
      legalFamilyName: children.legalFamilyName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
    })
    .from(siblingGroupMembers)
    .innerJoin(children, eq(children.id, siblingGroupMembers.childId))
    .where(eq(siblingGroupMembers.groupId, groupId))
    .orderBy(asc(children.dateOfBirth));
}

export async function relationshipsOf(tx: Tx, groupId: string) {
  return tx.select().from(siblingRelationships).where(eq(siblingRelationships.groupId, groupId));
}

export async function historyOf(tx: Tx, groupId: string) {
  return tx.select().from(siblingGroupHistory).where(eq(siblingGroupHistory.groupId, groupId)).orderBy(asc(siblingGroupHistory.at));
}

export async function addHistory(tx: Tx, values: typeof siblingGroupHistory.$inferInsert): Promise<void> {
  await tx.insert(siblingGroupHistory).values(values);
}

export async function updateGroup(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof siblingGroups.$inferInsert>,
): Promise<SiblingGroupRow | undefined> {
  const [row] = await tx
    .update(siblingGroups)
    .set({ ...values, version: sql`${siblingGroups.version} + 1`, updatedAt: new Date() })
    .where(and(eq(siblingGroups.id, id), eq(siblingGroups.version, version)))
    .returning();
  return row;
}

const groupOrder = keyset(sql`${siblingGroups.createdAt}`, siblingGroups.id, 'asc', 'timestamptz');

/** Active groups, oldest first, keyset-paginated. */
export async function listGroups(tx: Tx, page: PageRequest) {
  const rows = await tx
    .select({ group: siblingGroups, sortValue: groupOrder.value })
    .from(siblingGroups)
    .where(and(eq(siblingGroups.active, true), groupOrder.after(page.after)))
    .orderBy(...groupOrder.orderBy)
    .limit(page.limit + 1);
  const { items, next } = pageOf(
    rows,
    page.limit,
    (r) => ({ value: r.sortValue, id: r.group.id }),
    (r) => r.group,
  );
  const groups = items;
  const ids = groups.map((g) => g.id);
  const members = ids.length
    ? await tx
        .select({ groupId: siblingGroupMembers.groupId, childId: siblingGroupMembers.childId })
        .from(siblingGroupMembers)
        .where(inArray(siblingGroupMembers.groupId, ids))
    : [];
  return { items: groups.map((g) => ({ ...g, childIds: members.filter((m) => m.groupId === g.id).map((m) => m.childId) })), next };
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { children, siblingGroupMembers } from './schema.ts';

/**
 * What other modules (preparation, matching's introductions) may read of children: named queries, read through
 * row-level security: a child the person may not see is simply not found.
 */

export type ChildFacts = {
  id: string;
  name: string;
  fullName: string;
  dateOfBirth: string;
  status: string;
  organisationId: string;
  sharedWith: string[];
  familyFinderId: string | null;
  socialWorkerId: string | null;
};

const childColumns = {
  id: children.id,
  preferredName: children.preferredName,
  legalGivenNames: children.legalGivenNames,
  legalFamilyName: children.legalFamilyName,
  dateOfBirth: children.dateOfBirth,
  status: children.status,
  organisationId: children.organisationId,
  sharedWith: children.sharedWith,
  familyFinderId: children.familyFinderId,
  socialWorkerId: children.socialWorkerId,
};

function toFacts(row: { id: string; preferredName: string | null; legalGivenNames: string; legalFamilyName: string; dateOfBirth: string; status: string; organisationId: string; sharedWith: string[]; familyFinderId: string | null; socialWorkerId: string | null }): ChildFacts {
  const name = row.preferredName || row.legalGivenNames;
  return { id: row.id, name, fullName: `${name} ${row.legalFamilyName}`, dateOfBirth: row.dateOfBirth, status: row.status, organisationId: row.organisationId, sharedWith: row.sharedWith, familyFinderId: row.familyFinderId, socialWorkerId: row.socialWorkerId };
}

export async function childrenByIds(tx: Tx, ids: readonly string[]): Promise<ChildFacts[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select(childColumns).from(children).where(inArray(children.id, [...ids])).orderBy(asc(children.dateOfBirth));
  return rows.map(toFacts);
}

/** The brothers and sisters in a child's active group (the child included), or null when the child is on their own. */
export async function activeGroupOf(tx: Tx, childId: string): Promise<{ groupId: string; memberIds: string[] } | null> {
  const [own] = await tx.select({ groupId: siblingGroupMembers.groupId }).from(siblingGroupMembers).where(and(eq(siblingGroupMembers.childId, childId), eq(siblingGroupMembers.active, true)));
  if (!own) return null;
  const members = await tx.select({ childId: siblingGroupMembers.childId }).from(siblingGroupMembers).where(and(eq(siblingGroupMembers.groupId, own.groupId), eq(siblingGroupMembers.active, true)));
  return { groupId: own.groupId, memberIds: members.map((m) => m.childId) };
}

/**
 * Children in therapeutic preparation the person may see: accepted for family finding and not yet
 * closed, the longest waiting first. A clinical partner sees only children shared with it.
 */
export async function childrenInPreparation(tx: Tx, limit: number): Promise<ChildFacts[]> {
  const rows = await tx
    .select(childColumns)
    .from(children)
    .where(inArray(children.status, ['family_finding', 'linked', 'matched', 'placed']))
    .orderBy(asc(children.referralDate), asc(children.id))
    .limit(limit);
  return rows.map(toFacts);
}

import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { IsoDate } from '../../platform/dates/dates.ts';
import { anonymise, type AnonymisedChild } from './profile-sharing.ts';
import { children, siblingGroupMembers, siblingGroups } from './schema.ts';

/**
 * Profiles shown to approved families, and the sharing choice on a child's record. The children
 * module's tables are read and written here only; matching reads the anonymised profiles through
 * the front door, as the platform's `sharedChildProfiles` job (a family may not read a child's record).
 */

/** Statuses of children whose plan is adoption and for whom a family is still looked for (profile-sharing.ts). */
const SHOWN_STATUSES = ['family_finding', 'linked'] as const;

/** The active sibling group a child is placed together with (null: on their own, or assessed to live apart). */
const togetherGroup = sql<
  string | null
>`(SELECT g.id FROM ${siblingGroupMembers} m JOIN ${siblingGroups} g ON g.id = m.group_id WHERE m.child_id = children.id AND g.active AND g.assessment <> 'apart' LIMIT 1)`;
const membersOfGroup = sql<number>`(SELECT count(*)::int FROM ${siblingGroupMembers} m2 WHERE m2.group_id = (SELECT m.group_id FROM ${siblingGroupMembers} m JOIN ${siblingGroups} g ON g.id = m.group_id WHERE m.child_id = children.id AND g.active AND g.assessment <> 'apart' LIMIT 1))`;

/** One entry a family sees: one child, or brothers and sisters placed together (eldest first). */
export type SharedEntry = { unitKey: string; childIds: string[]; children: AnonymisedChild[] };

/**
 * The profiles the children's workers chose to show to the families of `agencyId` (the children
 * shared with that agency), anonymised, one entry per unit. A sibling group is shown only when all
 * its members are (sharing is chosen for the group at once; a member who moved on hides the group).
 */
export async function sharedProfilesFor(tx: Tx, agencyId: string, today: IsoDate): Promise<SharedEntry[]> {
  const rows = await tx
    .select({
      id: children.id,
      preferredName: children.preferredName,
      legalGivenNames: children.legalGivenNames,
      dateOfBirth: children.dateOfBirth,
      profileEn: children.profileEn,
      profileCy: children.profileCy,
      groupId: togetherGroup,
      groupSize: membersOfGroup,
    })
    .from(children)
    .where(
      and(
        isNotNull(children.profileSharedAt),
        inArray(children.status, [...SHOWN_STATUSES]),
        sql`${agencyId}::uuid = ANY (${children.sharedWith})`,
        sql`(coalesce(btrim(${children.profileEn}), '') <> '' OR coalesce(btrim(${children.profileCy}), '') <> '')`,
      ),
    )
    .orderBy(children.dateOfBirth, children.id);
  const units = new Map<string, { size: number; rows: typeof rows }>();
  for (const row of rows) {
    const key = row.groupId ?? row.id;
    const unit = units.get(key) ?? { size: row.groupId ? row.groupSize : 1, rows: [] };
    unit.rows.push(row);
    units.set(key, unit);
  }
  return [...units.entries()]
    .filter(([, unit]) => unit.rows.length === unit.size)
    .map(([unitKey, unit]) => ({ unitKey, childIds: unit.rows.map((r) => r.id).sort(), children: unit.rows.map((r) => anonymise(r, today)) }));
}

/** The children a family expressed interest in, as the family may see them (first name and age), by id. */
export async function anonymisedChildrenOf(tx: Tx, ids: readonly string[], today: IsoDate): Promise<Map<string, AnonymisedChild>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx
    .select({
      id: children.id,
      preferredName: children.preferredName,
      legalGivenNames: children.legalGivenNames,
      dateOfBirth: children.dateOfBirth,
      profileEn: sql<null>`NULL`,
      profileCy: sql<null>`NULL`,
    })
    .from(children)
    .where(inArray(children.id, unique));
  return new Map(rows.map((r) => [r.id, anonymise(r, today)]));
}

/** The sharing choice of these children as the child's page shows it: when, and by whom. */
export async function sharingOf(tx: Tx, id: string) {
  const [row] = await tx
    .select({ sharedAt: children.profileSharedAt, sharedByName: users.name })
    .from(children)
    .leftJoin(users, eq(users.id, children.profileSharedBy))
    .where(eq(children.id, id));
  return row;
}

/** Shows or hides the profiles of these children (a unit at once); versions move on like any change. */
export async function setSharing(tx: Tx, ids: readonly string[], value: { at: Date; by: string | null } | null) {
  if (!ids.length) return;
  await tx
    .update(children)
    .set({ profileSharedAt: value?.at ?? null, profileSharedBy: value?.by ?? null, version: sql`${children.version} + 1`, updatedAt: new Date() })
    .where(inArray(children.id, [...ids]));
}

/** The family finders allocated to these children (ids, each once): the workers told of a family's interest. */
export async function familyFindersOf(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ familyFinderId: children.familyFinderId })
    .from(children)
    .where(inArray(children.id, [...ids]));
  return [...new Set(rows.flatMap((r) => (r.familyFinderId ? [r.familyFinderId] : [])))];
}

import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { childNeeds, children, referrals, siblingGroupMembers, siblingGroups } from './schema.ts';

type ChildRow = typeof children.$inferSelect;

/**
 * What other modules (preparation, matching, support) may read of children: named queries, read through
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

function toFacts(row: {
  id: string;
  preferredName: string | null;
  legalGivenNames: string;
  legalFamilyName: string;
  dateOfBirth: string;
  status: string;
  organisationId: string;
  sharedWith: string[];
  familyFinderId: string | null;
  socialWorkerId: string | null;
}): ChildFacts {
  const name = row.preferredName || row.legalGivenNames;
  return {
    id: row.id,
    name,
    fullName: `${name} ${row.legalFamilyName}`,
    dateOfBirth: row.dateOfBirth,
    status: row.status,
    organisationId: row.organisationId,
    sharedWith: row.sharedWith,
    familyFinderId: row.familyFinderId,
    socialWorkerId: row.socialWorkerId,
  };
}

export async function childrenByIds(tx: Tx, ids: readonly string[]): Promise<ChildFacts[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select(childColumns)
    .from(children)
    .where(inArray(children.id, [...ids]))
    .orderBy(asc(children.dateOfBirth));
  return rows.map(toFacts);
}

/** The brothers and sisters in a child's active group (the child included), or null when the child is on their own. */
export async function activeGroupOf(tx: Tx, childId: string): Promise<{ groupId: string; memberIds: string[] } | null> {
  const [own] = await tx
    .select({ groupId: siblingGroupMembers.groupId })
    .from(siblingGroupMembers)
    .where(and(eq(siblingGroupMembers.childId, childId), eq(siblingGroupMembers.active, true)));
  if (!own) return null;
  const members = await tx
    .select({ childId: siblingGroupMembers.childId })
    .from(siblingGroupMembers)
    .where(and(eq(siblingGroupMembers.groupId, own.groupId), eq(siblingGroupMembers.active, true)));
  return { groupId: own.groupId, memberIds: members.map((m) => m.childId) };
}

/**
 * A sibling group as another module (case documents) decides on it: its organisation and the
 * brothers and sisters in it the person may see. Undefined when the group is not there, is out of
 * reach (row-level security) or shows no member.
 */
export async function siblingGroupFacts(tx: Tx, groupId: string): Promise<{ id: string; organisationId: string; members: ChildFacts[] } | undefined> {
  const [group] = await tx
    .select({ id: siblingGroups.id, organisationId: siblingGroups.organisationId })
    .from(siblingGroups)
    .where(eq(siblingGroups.id, groupId));
  if (!group) return undefined;
  const rows = await tx
    .select(childColumns)
    .from(siblingGroupMembers)
    .innerJoin(children, eq(children.id, siblingGroupMembers.childId))
    .where(eq(siblingGroupMembers.groupId, groupId))
    .orderBy(asc(children.dateOfBirth));
  if (rows.length === 0) return undefined;
  return { ...group, members: rows.map(toFacts) };
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

/** The matching unit of a child: its active sibling group to be placed together, or the child alone. */
export async function matchingUnitOf(tx: Tx, childId: string): Promise<{ unitKey: string; siblingGroupId: string | null; childIds: string[] } | undefined> {
  const [child] = await tx.select({ id: children.id }).from(children).where(eq(children.id, childId));
  if (!child) return undefined;
  const [membership] = await tx
    .select({ groupId: siblingGroups.id, assessment: siblingGroups.assessment })
    .from(siblingGroupMembers)
    .innerJoin(siblingGroups, eq(siblingGroups.id, siblingGroupMembers.groupId))
    .where(and(eq(siblingGroupMembers.childId, childId), eq(siblingGroups.active, true)));
  // Brothers and sisters assessed to live apart are matched one by one; otherwise the group is one unit.
  if (!membership || membership.assessment === 'apart') return { unitKey: childId, siblingGroupId: null, childIds: [childId] };
  const members = await tx
    .select({ childId: siblingGroupMembers.childId })
    .from(siblingGroupMembers)
    .where(eq(siblingGroupMembers.groupId, membership.groupId));
  return { unitKey: membership.groupId, siblingGroupId: membership.groupId, childIds: members.map((m) => m.childId).sort() };
}

/** The children of a match, with what its pages show and its stages change (their version), eldest first. */
export async function childrenForMatch(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return tx
    .select({
      id: children.id,
      organisationId: children.organisationId,
      legalGivenNames: children.legalGivenNames,
      legalFamilyName: children.legalFamilyName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
      status: children.status,
      version: children.version,
      profileEn: children.profileEn,
      profileCy: children.profileCy,
      familyFinderId: children.familyFinderId,
      socialWorkerId: children.socialWorkerId,
    })
    .from(children)
    .where(inArray(children.id, [...ids]))
    .orderBy(asc(children.dateOfBirth));
}

/** Each child's first name (preferred, or legal given names) and date of birth, by id; those the person may not see are missing. */
export async function childNamesOf(tx: Tx, ids: readonly string[]): Promise<Map<string, { name: string; dateOfBirth: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: children.id, name: sql<string>`coalesce(${children.preferredName}, ${children.legalGivenNames})`, dateOfBirth: children.dateOfBirth })
    .from(children)
    .where(inArray(children.id, unique))
    .orderBy(asc(children.dateOfBirth));
  return new Map(rows.map(({ id, ...child }) => [id, child]));
}

/** Children at these statuses (waiting for a family) the person may see, with their needs and active sibling group (unless assessed to live apart). */
export async function waitingForMatching(tx: Tx, statuses: readonly ChildRow['status'][]) {
  const rows = await tx
    .select({
      id: children.id,
      organisationId: children.organisationId,
      givenNames: children.legalGivenNames,
      familyName: children.legalFamilyName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
      languages: children.languages,
      ethnicity: children.ethnicity,
      religion: children.religion,
      referralDate: children.referralDate,
      placementOrderDate: children.placementOrderDate,
      requiredContact: children.requiredContact,
      identityConsiderations: children.identityConsiderations,
      birthFamilyPostcodes: children.birthFamilyPostcodes,
      importantContactPostcodes: children.importantContactPostcodes,
      // Outer columns are named in full: drizzle leaves them unqualified in a single-table select.
      groupId: sql<
        string | null
      >`(SELECT g.id FROM ${siblingGroupMembers} m JOIN ${siblingGroups} g ON g.id = m.group_id WHERE m.child_id = children.id AND g.active AND g.assessment <> 'apart' LIMIT 1)`,
    })
    .from(children)
    .where(inArray(children.status, [...statuses]));
  const ids = rows.map((r) => r.id);
  const needs = ids.length
    ? await tx
        .select({ childId: childNeeds.childId, category: childNeeds.category, severity: childNeeds.severity })
        .from(childNeeds)
        .where(inArray(childNeeds.childId, ids))
    : [];
  return rows.map((r) => ({ ...r, needs: needs.filter((n) => n.childId === r.id) }));
}

/**
 * What finance's financial return reads of placed children: date of birth, authority and the
 * placement at referral (from which the alternative care is first chosen). No names.
 */
export async function childrenForFinancialReturn(
  tx: Tx,
  ids: readonly string[],
): Promise<{ id: string; dateOfBirth: string; localAuthorityId: string; currentPlacement: string | null }[]> {
  if (ids.length === 0) return [];
  // Rows as node-postgres gives them, already in this shape: a year's 10,000 children, not mapped one by one.
  // The ids as a set joined, not `= any(array)`: the planner would weigh each of them.
  const result = await tx.execute(sql`
    select id, date_of_birth as "dateOfBirth", organisation_id as "localAuthorityId", current_placement as "currentPlacement"
      from ${children}
     where id in (select unnest(${uuidArray(ids)}::uuid[]))`);
  return result.rows as { id: string; dateOfBirth: string; localAuthorityId: string; currentPlacement: string | null }[];
}

/** Many ids as one parameter (a year's children can be more than a statement's parameters allow). */
const uuidArray = (ids: readonly string[]) => `{${[...new Set(ids)].join(',')}}`;

/**
 * Each child's local authority (the referring authority), for finance's cost per authority: a
 * year's 10,000 children, so the rows are read as node-postgres gives them, not mapped by the query builder.
 */
export async function localAuthoritiesOfChildren(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await tx.execute(
    sql`select ${children.id} as id, ${children.organisationId} as la from ${children} where ${children.id} = any(${uuidArray(ids)}::uuid[])`,
  );
  const byChild = new Map<string, string>();
  for (const r of result.rows as { id: string; la: string }[]) byChild.set(r.id, r.la);
  return byChild;
}

/** Which of these children are shared with an organisation (referred to the agency): finance counts a clinical partner's work about them. */
export async function childrenSharedWith(tx: Tx, ids: readonly string[], organisationId: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: children.id })
    .from(children)
    .where(sql`${children.id} = any(${uuidArray(ids)}::uuid[]) and ${organisationId}::uuid = any(${children.sharedWith})`);
  return new Set(rows.map((r) => r.id));
}

/**
 * What outcome measurement needs of each child (by id; those the person may not see are missing):
 * the day the agency accepted the referral (the baseline of instruments started then), the
 * priority reasons and the count of known or suspected ACEs (the cohort report's filters).
 */
export async function outcomeFactsOf(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, { referralAcceptedOn: string | null; referredOn: string; priorityReasons: string[]; aceKnownOrSuspected: number | null }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({
      id: children.id,
      referralAcceptedOn: sql<
        string | null
      >`(SELECT (r.decided_at AT TIME ZONE 'Europe/London')::date::text FROM ${referrals} r WHERE r.id = children.referral_id AND r.status = 'accepted')`,
      /** The referral date on the child's own record (every child has one, with or without a referral record). */
      referredOn: children.referralDate,
      priorityReasons: children.priorityReasons,
      aceKnownOrSuspected: children.aceKnownOrSuspected,
    })
    .from(children)
    .where(inArray(children.id, unique));
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}

/** ACE bands of the cohort reports: 0–3, 4–6 and 7 or more known or suspected ACEs. */
export const ACE_BANDS = { '0-3': [0, 3], '4-6': [4, 6], '7+': [7, 10] } as const;

/**
 * The children with a priority reason, in an ACE band or allocated to a family finder, as a subquery of their ids for another
 * module's query (`child_id IN (...)`): children's row-level security applies inside it.
 */
export function childIdsWhere(filter: { priorityReason?: string; aceBand?: keyof typeof ACE_BANDS; familyFinderId?: string }): SQL {
  const conditions: SQL[] = [];
  if (filter.familyFinderId) conditions.push(sql`${children.familyFinderId} = ${filter.familyFinderId}::uuid`);
  // Age is worked out from the dates, never stored (LIVE_REASONS): four or older when referred.
  if (filter.priorityReason === 'age') conditions.push(sql`${children.dateOfBirth} <= ${children.referralDate} - interval '4 years'`);
  else if (filter.priorityReason) conditions.push(sql`${filter.priorityReason} = ANY (${children.priorityReasons})`);
  if (filter.aceBand) {
    const [low, high] = ACE_BANDS[filter.aceBand];
    conditions.push(sql`${children.aceKnownOrSuspected} BETWEEN ${low} AND ${high}`);
  }
  return sql`SELECT ${children.id} FROM ${children} WHERE ${conditions.length ? sql.join(conditions, sql` AND `) : sql`true`}`;
}

/**
 * Organisations the given one works with on children: those holding a live sharing grant on a
 * child it owns or that is shared with it (support offers a clinical partner's psychologists as
 * a family's support worker only when the agency and the partner share children). Read through
 * row-level security, so only children the reader may see count.
 */
export async function organisationsSharingChildrenWith(tx: Tx, organisationId: string): Promise<string[]> {
  const result = await tx.execute(
    sql`select distinct unnest(${children.sharedWith}) as id from ${children}
        where ${children.organisationId} = ${organisationId}::uuid or ${organisationId}::uuid = any(${children.sharedWith})`,
  );
  return (result.rows as { id: string }[]).map((r) => r.id).filter((id) => id !== organisationId);
}

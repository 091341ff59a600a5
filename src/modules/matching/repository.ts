import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, type PageKey } from '../../platform/db/keyset.ts';
import { users } from '../../platform/auth/schema.ts';
import { children, siblingGroupMembers, siblingGroups } from '../children/schema.ts';
import { applicants, households } from '../recruitment/schema.ts';
import { matchEvents, matches, transitionSteps } from './schema.ts';
import { ACTIVE_MATCH_STAGES, CLOSED_MATCH_STAGES, LINK_STAGES, type MatchStage } from './vocabulary.ts';

export type MatchRow = typeof matches.$inferSelect;

/** The matching unit of a child: its active sibling group to be placed together, or the child alone. */
export async function unitOfChild(tx: Tx, childId: string): Promise<{ unitKey: string; siblingGroupId: string | null; childIds: string[] } | undefined> {
  const [child] = await tx.select({ id: children.id }).from(children).where(eq(children.id, childId));
  if (!child) return undefined;
  const [membership] = await tx
    .select({ groupId: siblingGroups.id, assessment: siblingGroups.assessment })
    .from(siblingGroupMembers)
    .innerJoin(siblingGroups, eq(siblingGroups.id, siblingGroupMembers.groupId))
    .where(and(eq(siblingGroupMembers.childId, childId), eq(siblingGroups.active, true)));
  // Brothers and sisters assessed to live apart are matched one by one; otherwise the group is one unit.
  if (!membership || membership.assessment === 'apart') return { unitKey: childId, siblingGroupId: null, childIds: [childId] };
  const members = await tx.select({ childId: siblingGroupMembers.childId }).from(siblingGroupMembers).where(eq(siblingGroupMembers.groupId, membership.groupId));
  return { unitKey: membership.groupId, siblingGroupId: membership.groupId, childIds: members.map((m) => m.childId).sort() };
}

export async function childrenByIds(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: children.id, organisationId: children.organisationId, legalGivenNames: children.legalGivenNames, legalFamilyName: children.legalFamilyName, preferredName: children.preferredName, dateOfBirth: children.dateOfBirth, status: children.status, version: children.version, profileEn: children.profileEn, profileCy: children.profileCy, familyFinderId: children.familyFinderId, socialWorkerId: children.socialWorkerId })
    .from(children)
    .where(inArray(children.id, [...ids]))
    .orderBy(asc(children.dateOfBirth));
}

export async function insertMatch(tx: Tx, values: typeof matches.$inferInsert): Promise<MatchRow> {
  const [row] = await tx.insert(matches).values(values).returning();
  return row!;
}

export async function getMatch(tx: Tx, id: string, forUpdate = false): Promise<MatchRow | undefined> {
  const query = tx.select().from(matches).where(eq(matches.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateMatch(tx: Tx, id: string, version: number, values: Partial<typeof matches.$inferInsert>): Promise<MatchRow | undefined> {
  const [row] = await tx
    .update(matches)
    .set({ ...values, version: sql`${matches.version} + 1`, updatedAt: new Date() })
    .where(and(eq(matches.id, id), eq(matches.version, version)))
    .returning();
  return row;
}

export async function insertMatchEvent(tx: Tx, values: typeof matchEvents.$inferInsert) {
  await tx.insert(matchEvents).values(values);
}

export async function eventsOf(tx: Tx, matchId: string) {
  return tx
    .select({ fromStage: matchEvents.fromStage, toStage: matchEvents.toStage, effectiveDate: matchEvents.effectiveDate, reason: matchEvents.reason, at: matchEvents.at, actorName: users.name })
    .from(matchEvents)
    .leftJoin(users, eq(users.id, matchEvents.actorId))
    .where(eq(matchEvents.matchId, matchId))
    .orderBy(desc(matchEvents.at));
}

/** Open links or matches (not closed) of a household or a unit, optionally only those at some stages. */
export async function openMatches(tx: Tx, filter: { householdId?: string; unitKey?: string; stages?: readonly MatchStage[]; exceptId?: string }) {
  const conditions: SQL[] = [sql`${matches.stage} NOT IN ('adoption_order', 'declined', 'ended', 'disrupted')`];
  if (filter.householdId) conditions.push(eq(matches.householdId, filter.householdId));
  if (filter.unitKey) conditions.push(eq(matches.unitKey, filter.unitKey));
  if (filter.stages) conditions.push(inArray(matches.stage, [...filter.stages]));
  if (filter.exceptId) conditions.push(ne(matches.id, filter.exceptId));
  return tx.select({ id: matches.id, stage: matches.stage, householdId: matches.householdId, unitKey: matches.unitKey }).from(matches).where(and(...conditions));
}

export const isLinkStage = (stage: MatchStage) => (LINK_STAGES as readonly string[]).includes(stage);
export const isActiveStage = (stage: MatchStage) => (ACTIVE_MATCH_STAGES as readonly string[]).includes(stage);
export const isClosedStage = (stage: MatchStage) => (CLOSED_MATCH_STAGES as readonly string[]).includes(stage);

/** Matches with the names a worker recognises: the household's reference and applicants, the children. */
/** Most recently changed first (a match changed between two pages moves to the front). */
const matchOrder = keyset(sql`${matches.updatedAt}`, matches.id, 'desc', 'timestamptz');

export async function listMatches(tx: Tx, filter: { householdId?: string; childId?: string; open?: boolean; organisationId?: string; limit: number; after?: PageKey }) {
  const conditions: SQL[] = [];
  if (filter.householdId) conditions.push(eq(matches.householdId, filter.householdId));
  if (filter.childId) conditions.push(sql`${filter.childId}::uuid = ANY (${matches.childIds})`);
  if (filter.open) conditions.push(sql`${matches.stage} NOT IN ('adoption_order', 'declined', 'ended', 'disrupted')`);
  if (filter.organisationId) conditions.push(sql`${filter.organisationId}::uuid = ANY (${matches.sharedWith})`);
  const after = matchOrder.after(filter.after);
  if (after) conditions.push(after);
  return tx
    .select({
      match: matches,
      sortValue: matchOrder.value,
      householdReference: households.reference,
      applicantNames: sql<string[]>`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = ${matches.householdId}), '{}')`,
      childNames: sql<string[]>`coalesce((SELECT array_agg(coalesce(c.preferred_name, c.legal_given_names) ORDER BY c.date_of_birth) FROM ${children} c WHERE c.id = ANY (${matches.childIds})), '{}')`,
    })
    .from(matches)
    .leftJoin(households, eq(households.id, matches.householdId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...matchOrder.orderBy)
    .limit(filter.limit);
}


export async function transitionStepsOf(tx: Tx, matchId: string) {
  return tx.select().from(transitionSteps).where(eq(transitionSteps.matchId, matchId)).orderBy(asc(transitionSteps.plannedDate));
}

export async function householdNames(tx: Tx, householdId: string) {
  const [row] = await tx
    .select({ reference: households.reference, stage: households.stage, organisationId: households.organisationId, names: sql<string[]>`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = households.id), '{}')` })
    .from(households)
    .where(eq(households.id, householdId));
  return row;
}

/** Approved families of the agency who may be linked, with what they can consider now. */
export async function linkableHouseholds(tx: Tx, organisationId: string) {
  return tx
    .select({
      id: households.id,
      reference: households.reference,
      stage: households.stage,
      // Outer columns are named in full: drizzle leaves them unqualified in a single-table select.
      names: sql<string[]>`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = households.id), '{}')`,
      profile: sql<{ childrenMin: number; childrenMax: number; ageMin: number; ageMax: number; siblingGroups: boolean } | null>`(SELECT json_build_object('childrenMin', p.children_min, 'childrenMax', p.children_max, 'ageMin', p.age_min, 'ageMax', p.age_max, 'siblingGroups', p.sibling_groups) FROM consideration_profiles p WHERE p.household_id = households.id AND p.is_current)`,
    })
    .from(households)
    .where(and(eq(households.organisationId, organisationId), inArray(households.stage, ['approved', 'linked', 'matched'])))
    .orderBy(asc(households.approvedDate), asc(households.reference));
}

import { and, asc, eq, gte, inArray, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { children, siblingGroupMembers } from './schema.ts';

/**
 * Named read queries for the placement success measures (outcomes module), in the caller's
 * transaction and through row-level security: the dates of each child's journey, the children
 * waiting for a match on a day, the plans changed away from adoption in a period, and the brothers
 * and sisters of placed children. Narrow rows (no names): the measures run over a year of a large
 * service; names are read for the one list a person opens (childrenByIds).
 */

export type JourneyDates = {
  id: string;
  organisationId: string;
  enteredCareDate: string | null;
  placementOrderDate: string | null;
  adoptionPlanDate: string | null;
};

/** The journey dates of these children (those the reader may not see are missing). */
export async function journeyDatesOf(tx: Tx, ids: readonly string[]): Promise<JourneyDates[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: children.id,
      organisationId: children.organisationId,
      enteredCareDate: children.enteredCareDate,
      placementOrderDate: children.placementOrderDate,
      adoptionPlanDate: children.adoptionPlanDate,
    })
    .from(children)
    .where(sql`${children.id} = ANY (${sql.param([...new Set(ids)])}::uuid[])`);
}

/**
 * Children whose wait for a match had begun on or before `startedBy` (placement order, or the
 * decision that they should be adopted when there is no order) and whose journey had not ended by
 * `on` (no outcome recorded on or before it). Whether a match was decided is matching's to say.
 */
export async function waitingCandidatesOn(tx: Tx, options: { on: string; startedBy: string; localAuthorityId?: string }) {
  const since = sql<string>`coalesce(${children.placementOrderDate}, ${children.adoptionPlanDate})`;
  return tx
    .select({ id: children.id, organisationId: children.organisationId, since })
    .from(children)
    .where(
      and(
        sql`${since} <= ${options.startedBy}`,
        lte(children.referralDate, options.on),
        or(sql`${children.outcomeDate} IS NULL`, sql`${children.outcomeDate} > ${options.on}`),
        ne(children.status, 'declined'),
        options.localAuthorityId ? eq(children.organisationId, options.localAuthorityId) : undefined,
      ),
    );
}

/** Children whose plan changed away from adoption in the period: any outcome but placed for adoption, with its reason. */
export async function planChangesBetween(tx: Tx, options: { from: string; to: string; localAuthorityId?: string }) {
  return tx
    .select({
      id: children.id,
      organisationId: children.organisationId,
      outcome: sql<string>`${children.outcome}`,
      outcomeReason: children.outcomeReason,
      outcomeDate: sql<string>`${children.outcomeDate}`,
    })
    .from(children)
    .where(
      and(
        isNotNull(children.outcome),
        ne(children.outcome, 'placed_for_adoption'),
        gte(children.outcomeDate, options.from),
        lte(children.outcomeDate, options.to),
        options.localAuthorityId ? eq(children.organisationId, options.localAuthorityId) : undefined,
      ),
    )
    .orderBy(asc(children.outcomeDate), asc(children.id));
}

/** Each of these children's brothers and sisters in their active group (the child included); a child on their own is missing. */
export async function activeGroupsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const own = await tx
    .select({ childId: siblingGroupMembers.childId, groupId: siblingGroupMembers.groupId })
    .from(siblingGroupMembers)
    .where(and(sql`${siblingGroupMembers.childId} = ANY (${sql.param([...new Set(ids)])}::uuid[])`, eq(siblingGroupMembers.active, true)));
  if (own.length === 0) return new Map();
  const groupIds = [...new Set(own.map((r) => r.groupId))];
  const members = await tx
    .select({ childId: siblingGroupMembers.childId, groupId: siblingGroupMembers.groupId })
    .from(siblingGroupMembers)
    .where(and(inArray(siblingGroupMembers.groupId, groupIds), eq(siblingGroupMembers.active, true)));
  const byGroup = new Map<string, string[]>();
  for (const m of members) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m.childId]);
  return new Map(own.map((r) => [r.childId, byGroup.get(r.groupId) ?? [r.childId]]));
}

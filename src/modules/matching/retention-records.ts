import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { matches } from './schema.ts';

/**
 * What the retention module needs of matches, through this front door: each placement's legal
 * outcome (the children, the family and the day of the adoption order) for the matches one
 * organisation holds, as the agency finding the family or the children's local authority. Ids and
 * dates only. Run in the retention job's transaction.
 */
export type AdoptionOutcomeRow = {
  matchId: string;
  householdId: string;
  siblingGroupId: string | null;
  childIds: string[];
  stage: string;
  adoptionOrderDate: string | null;
  stageSince: string;
};

export async function adoptionOutcomesOf(tx: Tx, organisationId: string): Promise<AdoptionOutcomeRow[]> {
  return tx
    .select({
      matchId: matches.id,
      householdId: matches.householdId,
      siblingGroupId: matches.siblingGroupId,
      childIds: matches.childIds,
      stage: matches.stage,
      adoptionOrderDate: matches.adoptionOrderDate,
      stageSince: matches.stageSince,
    })
    .from(matches)
    .where(
      and(
        or(eq(matches.organisationId, organisationId), eq(matches.childOrganisationId, organisationId)),
        or(eq(matches.stage, 'adoption_order'), isNotNull(matches.adoptionOrderDate)),
      ),
    )
    .orderBy(sql`${matches.id}`);
}

/**
 * Takes a destroyed child off their matches. The match itself stays: it is also the adoptive
 * family's record (the family's class runs from its adoption order, and its support records
 * refer to it), and goes with the family's record. A sibling matched with the child stays on it.
 * The caller has checked that the child is of the organisation destroying it. Returns how many
 * matches named the child.
 */
export async function removeChildFromMatchesInTx(tx: Tx, childId: string): Promise<number> {
  const changed = await tx
    .update(matches)
    .set({ childIds: sql`array_remove(${matches.childIds}, ${childId}::uuid)` })
    .where(sql`${childId}::uuid = ANY(${matches.childIds})`)
    .returning({ id: matches.id });
  return changed.length;
}

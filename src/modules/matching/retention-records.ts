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

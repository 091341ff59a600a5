import { inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { supportPlanItems, supportPlans, supportSessions } from './schema.ts';

/** What a subject access request for a child needs of support, through this front door: the support plans and sessions of the child's placements. */
export async function supportOfMatchesForSubjectAccess(tx: Tx, matchIds: readonly string[]) {
  if (matchIds.length === 0) return { plans: [], planItems: [], sessions: [] };
  const plans = await tx
    .select()
    .from(supportPlans)
    .where(inArray(supportPlans.matchId, [...matchIds]));
  const planItems = plans.length
    ? await tx
        .select()
        .from(supportPlanItems)
        .where(
          inArray(
            supportPlanItems.planId,
            plans.map((p) => p.id),
          ),
        )
    : [];
  const sessions = await tx
    .select()
    .from(supportSessions)
    .where(inArray(supportSessions.matchId, [...matchIds]));
  return { plans, planItems, sessions };
}

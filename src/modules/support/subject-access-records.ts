import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { supportEventAttendance, supportEvents, supportPlanItems, supportPlans, supportRequests, supportSessions } from './schema.ts';

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

/**
 * What a subject access request for an applicant needs of support, through this front door: their
 * family's support plans (with items), sessions, requests and the groups and events they attended,
 * all narrowed to the one household (never another family's session or attendance). The caller
 * redacts staff and the children's names.
 */
export async function householdSupportForSubjectAccess(tx: Tx, householdId: string) {
  const plans = await tx.select().from(supportPlans).where(eq(supportPlans.householdId, householdId)).orderBy(asc(supportPlans.agreedDate));
  const planItems = plans.length
    ? await tx
        .select()
        .from(supportPlanItems)
        .where(
          and(
            eq(supportPlanItems.householdId, householdId),
            inArray(
              supportPlanItems.planId,
              plans.map((p) => p.id),
            ),
          ),
        )
    : [];
  const sessions = await tx.select().from(supportSessions).where(eq(supportSessions.householdId, householdId)).orderBy(asc(supportSessions.startsAt));
  const requests = await tx.select().from(supportRequests).where(eq(supportRequests.householdId, householdId)).orderBy(asc(supportRequests.requestedAt));
  const events = await tx
    .select({
      eventId: supportEvents.id,
      kind: supportEvents.kind,
      title: supportEvents.title,
      titleCy: supportEvents.titleCy,
      startsAt: supportEvents.startsAt,
      endsAt: supportEvents.endsAt,
      venue: supportEvents.venue,
      facilitatorId: supportEvents.facilitatorId,
      attended: supportEventAttendance.attended,
      adults: supportEventAttendance.adults,
      children: supportEventAttendance.children,
    })
    .from(supportEventAttendance)
    .innerJoin(supportEvents, eq(supportEvents.id, supportEventAttendance.eventId))
    .where(eq(supportEventAttendance.householdId, householdId))
    .orderBy(asc(supportEvents.startsAt));
  return { plans, planItems, sessions, requests, events };
}

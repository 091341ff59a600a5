import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { supportEventAttendance, supportEvents, supportPlans, supportRequests, supportSessions } from './schema.ts';

/**
 * What the retention module needs of adoption support, through this front door: for each family
 * one organisation has supported, the days support was given or decided (plans agreed, sessions
 * held, requests closed) and whether anything is still open (a request waiting or allocated, a
 * session planned, a plan review to come). Dates only, never a note. Run in the retention job's transaction.
 */
export type SupportActivityRow = { householdId: string; activityDates: string[]; open: boolean };

export async function supportActivityOf(tx: Tx, organisationId: string, today: string): Promise<SupportActivityRow[]> {
  const byHousehold = new Map<string, SupportActivityRow>();
  const row = (householdId: string) => {
    const existing = byHousehold.get(householdId) ?? { householdId, activityDates: [], open: false };
    byHousehold.set(householdId, existing);
    return existing;
  };
  const plans = await tx
    .select({ householdId: supportPlans.householdId, agreedDate: supportPlans.agreedDate, nextReviewDate: supportPlans.nextReviewDate })
    .from(supportPlans)
    .where(eq(supportPlans.organisationId, organisationId));
  for (const plan of plans) {
    const r = row(plan.householdId);
    r.activityDates.push(plan.agreedDate);
    if (plan.nextReviewDate && plan.nextReviewDate >= today) r.open = true;
  }
  const sessions = await tx
    .select({
      householdId: supportSessions.householdId,
      status: supportSessions.status,
      on: sql<string>`(${supportSessions.startsAt} at time zone 'Europe/London')::date::text`,
    })
    .from(supportSessions)
    .where(eq(supportSessions.organisationId, organisationId));
  for (const session of sessions) {
    const r = row(session.householdId);
    if (session.status === 'planned') r.open = true;
    else r.activityDates.push(session.on);
  }
  const requests = await tx
    .select({
      householdId: supportRequests.householdId,
      status: supportRequests.status,
      on: sql<string>`(coalesce(${supportRequests.closedAt}, ${supportRequests.requestedAt}) at time zone 'Europe/London')::date::text`,
    })
    .from(supportRequests)
    .where(eq(supportRequests.organisationId, organisationId));
  for (const request of requests) {
    const r = row(request.householdId);
    if (request.status !== 'closed') r.open = true;
    r.activityDates.push(request.on);
  }
  return [...byHousehold.values()];
}

/**
 * Removes a family's adoption support records held by the organisation, once their 75 years are
 * over: plans with their items, sessions, requests, and the family's attendance at the
 * organisation's support events (the events themselves stay: other families came). Returns false
 * when the organisation held no support record of that family.
 */
export async function destroySupportOfHouseholdInTx(tx: Tx, organisationId: string, householdId: string): Promise<boolean> {
  const ours = <T extends typeof supportPlans | typeof supportSessions | typeof supportRequests>(table: T) =>
    and(eq(table.organisationId, organisationId), eq(table.householdId, householdId));
  const plans = await tx.delete(supportPlans).where(ours(supportPlans)).returning({ id: supportPlans.id });
  const sessions = await tx.delete(supportSessions).where(ours(supportSessions)).returning({ id: supportSessions.id });
  const requests = await tx.delete(supportRequests).where(ours(supportRequests)).returning({ id: supportRequests.id });
  const events = tx.select({ id: supportEvents.id }).from(supportEvents).where(eq(supportEvents.organisationId, organisationId));
  await tx.delete(supportEventAttendance).where(and(eq(supportEventAttendance.householdId, householdId), inArray(supportEventAttendance.eventId, events)));
  return plans.length + sessions.length + requests.length > 0;
}

import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { supportPlans, supportRequests, supportSessions } from './schema.ts';

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

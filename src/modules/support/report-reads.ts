import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { supportRequests, supportSessions } from './schema.ts';

/**
 * A named aggregate read for the reports module: households with support delivered in a period, and
 * the days each request answered in the period waited from asking to being allocated. Counts and days only.
 */
export async function supportReportCounts(tx: Tx, scope: { from: string; to: string; organisationIds: readonly string[] }) {
  const orgs = `{${scope.organisationIds.join(',')}}`;
  const families = await tx.execute(sql`
    select count(distinct ${supportSessions.householdId})::int as n from ${supportSessions}
    where ${supportSessions.organisationId} = any(${orgs}::uuid[]) and ${supportSessions.status} = 'delivered'
      and (${supportSessions.startsAt} at time zone 'Europe/London')::date between ${scope.from}::date and ${scope.to}::date`);
  const waits = await tx.execute(sql`
    select ((${supportRequests.allocatedAt} at time zone 'Europe/London')::date - (${supportRequests.requestedAt} at time zone 'Europe/London')::date)::int as days
    from ${supportRequests}
    where ${supportRequests.organisationId} = any(${orgs}::uuid[]) and ${supportRequests.allocatedAt} is not null
      and (${supportRequests.allocatedAt} at time zone 'Europe/London')::date between ${scope.from}::date and ${scope.to}::date`);
  return {
    families: Number((families.rows[0] as { n: number }).n),
    waitingDays: (waits.rows as { days: number }[]).map((r) => Number(r.days)),
  };
}

/** Support requests still waiting to be allocated: the day each was asked for. Dates only. */
export async function supportRequestsWaitingSince(tx: Tx, scope: { organisationIds: readonly string[] }): Promise<string[]> {
  const result = await tx.execute(sql`
    select (${supportRequests.requestedAt} at time zone 'Europe/London')::date::text as requested from ${supportRequests}
    where ${supportRequests.organisationId} = any(${`{${scope.organisationIds.join(',')}}`}::uuid[]) and ${supportRequests.status} = 'waiting'`);
  return (result.rows as { requested: string }[]).map((r) => r.requested);
}

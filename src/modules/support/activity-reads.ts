import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';

import { supportSessions } from './schema.ts';

/** The dates and the organisations (the agency and its clinical partners) whose recorded work is counted. */
export type WorkPeriod = { from: string; to: string; organisationIds: readonly string[] };

/**
 * A named read for finance's cost of the work, in the caller's transaction: support sessions
 * delivered per month and per match (the placement they support; none for support not tied to one),
 * with their recorded minutes. Matching says which children a match placed.
 */
export type SupportWork = { month: string; matchId: string | null; records: number; recordedMinutes: number };

/**
 * The period's first and last days become two instants once (Welsh midnights), so the sessions are
 * compared as they are stored rather than each converted to a local date; sessions are grouped by
 * their local month as a timestamp and only each group's month is written as text.
 */
export async function deliveredSupportByMonth(tx: Tx, period: WorkPeriod): Promise<SupportWork[]> {
  const result = await tx.execute(sql`
    select to_char(date_trunc('month', ${supportSessions.startsAt} at time zone 'Europe/London'), 'YYYY-MM-DD') as month,
           ${supportSessions.matchId}::text as match_id, count(*) as records, sum(${supportSessions.durationMinutes})::bigint as minutes
    from ${supportSessions}
    where ${supportSessions.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${supportSessions.status} = 'delivered'
      and ${supportSessions.startsAt} >= ${period.from}::date::timestamp at time zone 'Europe/London'
      and ${supportSessions.startsAt} < (${period.to}::date + 1)::timestamp at time zone 'Europe/London'
    group by date_trunc('month', ${supportSessions.startsAt} at time zone 'Europe/London'), ${supportSessions.matchId}`);
  return (result.rows as { month: string; match_id: string | null; records: string; minutes: string }[]).map((r) => ({
    month: r.month,
    matchId: r.match_id,
    records: Number(r.records),
    recordedMinutes: Number(r.minutes),
  }));
}

/**
 * Months of a placement's delivered support with the same recorded minutes in the same financial
 * year (April to March, named by the year it starts): `months` of them. Finance costs each month as
 * a line at its year's rates, so such months cost the same pence, and a return over 10,000
 * placements receives a row per placement and year rather than per month.
 */
export type SupportMonthsOfMatch = { matchId: string; financialYear: number; recordedMinutes: number; months: number };

/**
 * The support of named placements only, up to a date, per match, financial year and minutes a
 * month (delivered, recorded minutes): the financial return reads its own placements' support, not
 * every session the agency ever delivered. The matches are one array, joined as a set: written as
 * `= any(array)` PostgreSQL weighs each of 10,000 ids while planning (longer than the query runs).
 * The last day is turned into an instant once, not each session's time into a local date.
 */
export async function deliveredSupportOfMatches(
  tx: Tx,
  scope: { matchIds: readonly string[]; to: string; organisationIds: readonly string[] },
): Promise<SupportMonthsOfMatch[]> {
  if (scope.matchIds.length === 0) return [];
  const result = await tx.execute(sql`
    select match_id::text as "matchId", extract(year from month - interval '3 months')::int as "financialYear",
           minutes as "recordedMinutes", count(*)::int as months
    from (select date_trunc('month', ${supportSessions.startsAt} at time zone 'Europe/London') as month, ${supportSessions.matchId} as match_id,
                 coalesce(sum(${supportSessions.durationMinutes}), 0)::int as minutes
            from ${supportSessions}
           where ${supportSessions.matchId} in (select unnest(${`{${scope.matchIds.join(',')}}`}::uuid[]))
             and ${supportSessions.organisationId} = any(${`{${scope.organisationIds.join(',')}}`}::uuid[])
             and ${supportSessions.status} = 'delivered'
             and ${supportSessions.startsAt} < (${scope.to}::date + 1)::timestamp at time zone 'Europe/London'
           group by 1, 2) monthly
    group by match_id, 2, minutes`);
  // Rows already in this shape (named and typed in the query): tens of thousands, not copied.
  return result.rows as SupportMonthsOfMatch[];
}

import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { children, referrals } from './schema.ts';

/** A report's period, and the one local authority whose children it covers (a commissioner's report). */
export type ChildrenReportScope = { from: string; to: string; localAuthorityId?: string };

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Named aggregate reads for the reports module, in the caller's transaction: children referred and
 * accepted in a period per local authority, children referred by priority reason, and the ACE count
 * distribution of given children. Only counts leave them.
 */
export async function childrenReportCounts(tx: Tx, scope: ChildrenReportScope) {
  const la = scope.localAuthorityId ? sql`and ${children.organisationId} = ${scope.localAuthorityId}` : sql``;
  const referred = await tx.execute(sql`
    select ${children.organisationId}::text as authority, count(*)::int as n from ${children}
    where ${children.referralDate} between ${scope.from}::date and ${scope.to}::date ${la}
    group by 1`);
  const accepted = await tx.execute(sql`
    select ${children.organisationId}::text as authority, count(*)::int as n
    from ${children} join ${referrals} on ${referrals.id} = ${children.referralId}
    where ${referrals.status} = 'accepted'
      and (${referrals.decidedAt} at time zone 'Europe/London')::date between ${scope.from}::date and ${scope.to}::date ${la}
    group by 1`);
  const reasons = await tx.execute(sql`
    select reason, count(*)::int as n from ${children}, unnest(${children.priorityReasons}) as reason
    where ${children.referralDate} between ${scope.from}::date and ${scope.to}::date ${la}
    group by 1`);
  const byAuthority = (rows: unknown[]) => new Map((rows as { authority: string; n: number }[]).map((r) => [r.authority, Number(r.n)]));
  return {
    referred: byAuthority(referred.rows),
    accepted: byAuthority(accepted.rows),
    priorityReasons: (reasons.rows as { reason: string; n: number }[]).map((r) => ({ code: r.reason, children: Number(r.n) })),
  };
}

/** How many of these children have each number of known ACEs (index = ACEs); children with none recorded are left out. */
export async function aceDistributionOf(tx: Tx, childIds: readonly string[]): Promise<number[]> {
  if (!childIds.length) return [];
  const result = await tx.execute(sql`
    select ${children.aceKnown} as aces, count(*)::int as n from ${children}
    where ${children.id} = any(${uuidArray(childIds)}::uuid[]) and ${children.aceKnown} is not null
    group by 1`);
  const rows = result.rows as { aces: number; n: number }[];
  const top = Math.max(10, ...rows.map((r) => Number(r.aces)));
  const distribution = Array.from({ length: top + 1 }, () => 0);
  for (const r of rows) distribution[Number(r.aces)] = Number(r.n);
  return distribution;
}

/**
 * The one meaning of "a child waiting" on a day, for the headline and every bar of the trend chart:
 * the referral was accepted by that day (a child written straight in as already accepted, such as
 * the demo's, counts from their referral date), no closing outcome by then, and not among
 * `matched(day)` (a subquery of the child ids matching had matched by that day; a placement follows
 * a match). Declined children never wait; a closed child without an outcome date has left the list.
 */
function waitingOn(day: string, matched: (day: string) => SQL): SQL {
  return sql`(case when ${children.referralId} is null then ${children.referralDate} <= ${day}::date
      else ${referrals.status} = 'accepted' and (${referrals.decidedAt} at time zone 'Europe/London')::date <= ${day}::date end)
    and (${children.outcomeDate} is null or ${children.outcomeDate} > ${day}::date)
    and ${children.id} not in (${matched(day)})`;
}

const waitingRows = sql`${children} left join ${referrals} on ${referrals.id} = ${children.referralId}
  where ${children.status} <> 'declined' and not (${children.status} = 'closed' and ${children.outcomeDate} is null)`;

/** The children waiting on `day` (see waitingOn): the date each was referred, for how long they have waited. Dates only. */
export async function childrenWaitingOn(tx: Tx, day: string, matched: (day: string) => SQL): Promise<string[]> {
  const result = await tx.execute(sql`select ${children.referralDate}::text as referred from ${waitingRows} and ${waitingOn(day, matched)}`);
  return (result.rows as { referred: string }[]).map((r) => r.referred);
}

/** How many children were waiting (see waitingOn) on each of these days: one query for the whole series (the trend chart). */
export async function childrenWaitingOnDays(tx: Tx, days: readonly string[], matched: (day: string) => SQL): Promise<number[]> {
  if (!days.length) return [];
  const counts = days.map((day) => sql`count(*) filter (where ${waitingOn(day, matched)})::int`);
  const result = await tx.execute(sql`select array[${sql.join(counts, sql`, `)}] as counts from ${waitingRows}`);
  return ((result.rows[0] as { counts: (number | string)[] }).counts ?? []).map(Number);
}

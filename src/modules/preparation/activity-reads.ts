import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';

import { adopterPreparationSessions, consultations, tacMeetings } from './schema.ts';

/** The dates and the organisations (the agency and its clinical partners) whose recorded work is counted. */
export type WorkPeriod = { from: string; to: string; organisationIds: readonly string[] };

/**
 * Named reads for finance's cost of the work, in the caller's transaction: Team Around the Child
 * meetings and consultations per month and per the children they were about (their recorded
 * length), and adopters' therapeutic preparation sessions per month. Counts and minutes only.
 *
 * A year's records are tens of thousands: each is grouped by its month as a timestamp (a date's
 * month without a time zone; a meeting's period compared with two instants, as it is stored), and
 * only each group's month is written as text.
 */
export type MonthlyWork = { month: string; childIds: string[]; records: number; recordedMinutes: number; withoutDuration: number };

/** Children's ids come as one comma-joined string: split natively, far cheaper than parsing an array literal row by row. */
type Row = { month: string; child_ids: string | null; records: string | number; minutes: string | number | null };
const rows = (result: { rows: unknown[] }): MonthlyWork[] =>
  (result.rows as Row[]).map((r) => ({
    month: r.month,
    childIds: r.child_ids ? r.child_ids.split(',') : [],
    records: Number(r.records),
    recordedMinutes: Number(r.minutes ?? 0),
    withoutDuration: 0,
  }));

export async function tacMeetingsByMonth(tx: Tx, period: WorkPeriod): Promise<MonthlyWork[]> {
  return rows(
    await tx.execute(sql`
      select to_char(date_trunc('month', ${tacMeetings.startsAt} at time zone 'Europe/London'), 'YYYY-MM-DD') as month,
             array_to_string(${tacMeetings.childIds}, ',') as child_ids, count(*) as records,
             sum(round(extract(epoch from (${tacMeetings.endsAt} - ${tacMeetings.startsAt})) / 60)::bigint) as minutes
      from ${tacMeetings}
      where ${tacMeetings.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
        and ${tacMeetings.startsAt} >= ${period.from}::date::timestamp at time zone 'Europe/London'
        and ${tacMeetings.startsAt} < (${period.to}::date + 1)::timestamp at time zone 'Europe/London'
      group by date_trunc('month', ${tacMeetings.startsAt} at time zone 'Europe/London'), ${tacMeetings.childIds}`),
  );
}

export async function consultationsByMonth(tx: Tx, period: WorkPeriod): Promise<MonthlyWork[]> {
  return rows(
    await tx.execute(sql`
      select to_char(date_trunc('month', ${consultations.consultationDate}::timestamp), 'YYYY-MM-DD') as month,
             array_to_string(${consultations.childIds}, ',') as child_ids, count(*) as records, sum(${consultations.durationMinutes})::bigint as minutes
      from ${consultations}
      where ${consultations.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${consultations.consultationDate} between ${period.from}::date and ${period.to}::date
      group by date_trunc('month', ${consultations.consultationDate}::timestamp), ${consultations.childIds}`),
  );
}

export async function adopterPreparationByMonth(tx: Tx, period: WorkPeriod): Promise<MonthlyWork[]> {
  return rows(
    await tx.execute(sql`
      select to_char(date_trunc('month', ${adopterPreparationSessions.sessionDate}::timestamp), 'YYYY-MM-DD') as month,
             null::text as child_ids, count(*) as records, sum(${adopterPreparationSessions.durationMinutes})::bigint as minutes
      from ${adopterPreparationSessions}
      where ${adopterPreparationSessions.organisationId} = any(${`{${period.organisationIds.join(',')}}`}::uuid[])
      and ${adopterPreparationSessions.sessionDate} between ${period.from}::date and ${period.to}::date
      group by date_trunc('month', ${adopterPreparationSessions.sessionDate}::timestamp)`),
  );
}

import { and, asc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, type PageKey } from '../../platform/db/keyset.ts';
import { users } from '../../platform/auth/schema.ts';
import { tacActions, tacAttendees, tacMeetings } from './schema.ts';

/** Team Around the Child meetings, their attendees and agreed actions. Row-level security shows what the person may see. */

export type MeetingRow = typeof tacMeetings.$inferSelect;
export type AttendeeRow = typeof tacAttendees.$inferSelect;
export type ActionRow = typeof tacActions.$inferSelect;

export async function insertMeeting(tx: Tx, values: typeof tacMeetings.$inferInsert): Promise<MeetingRow> {
  const [row] = await tx.insert(tacMeetings).values(values).returning();
  return row!;
}

export async function getMeeting(tx: Tx, id: string): Promise<MeetingRow | undefined> {
  const [row] = await tx.select().from(tacMeetings).where(eq(tacMeetings.id, id));
  return row;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateMeeting(tx: Tx, id: string, version: number, values: Partial<typeof tacMeetings.$inferInsert>): Promise<MeetingRow | undefined> {
  const [row] = await tx
    .update(tacMeetings)
    .set({ ...values, version: sql`${tacMeetings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(tacMeetings.id, id), eq(tacMeetings.version, version)))
    .returning();
  return row;
}

/** Meetings about a child (any of their children), or all the person may see, newest first. */
const meetingOrder = keyset(sql`${tacMeetings.startsAt}`, tacMeetings.id, 'desc', 'timestamptz');

export async function listMeetings(
  tx: Tx,
  filter: { childId?: string; from?: Date; to?: Date; limit: number; after?: PageKey },
): Promise<(MeetingRow & { sortValue: string })[]> {
  const conditions: SQL[] = [];
  if (filter.childId) conditions.push(sql`${filter.childId}::uuid = any(${tacMeetings.childIds})`);
  if (filter.from) conditions.push(gte(tacMeetings.startsAt, filter.from));
  if (filter.to) conditions.push(lt(tacMeetings.startsAt, filter.to));
  const after = meetingOrder.after(filter.after);
  if (after) conditions.push(after);
  const rows = await tx
    .select({ meeting: tacMeetings, sortValue: meetingOrder.value })
    .from(tacMeetings)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...meetingOrder.orderBy)
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.meeting, sortValue: r.sortValue }));
}

/** Meetings a person attends (named as a person of the platform) or called, between two instants, soonest first. */
export async function meetingsOfPerson(tx: Tx, userId: string, from: Date, to: Date): Promise<MeetingRow[]> {
  return tx
    .select()
    .from(tacMeetings)
    .where(
      and(
        gte(tacMeetings.startsAt, from),
        lt(tacMeetings.startsAt, to),
        or(
          eq(tacMeetings.createdBy, userId),
          sql`exists (select 1 from ${tacAttendees} a where a.meeting_id = ${tacMeetings.id} and a.user_id = ${userId}::uuid)`,
        ),
      ),
    )
    .orderBy(asc(tacMeetings.startsAt))
    .limit(200);
}

export async function attendeesOf(tx: Tx, meetingIds: readonly string[]): Promise<AttendeeRow[]> {
  if (meetingIds.length === 0) return [];
  return tx
    .select()
    .from(tacAttendees)
    .where(inArray(tacAttendees.meetingId, [...meetingIds]))
    .orderBy(asc(tacAttendees.name));
}

export async function insertAttendee(tx: Tx, values: typeof tacAttendees.$inferInsert): Promise<AttendeeRow> {
  const [row] = await tx.insert(tacAttendees).values(values).returning();
  return row!;
}

export async function deleteAttendee(tx: Tx, meetingId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(tacAttendees)
    .where(and(eq(tacAttendees.id, id), eq(tacAttendees.meetingId, meetingId)))
    .returning({ id: tacAttendees.id });
  return rows.length > 0;
}

export async function actionsOfMeeting(tx: Tx, meetingId: string) {
  return tx
    .select({ action: tacActions, ownerName: users.name })
    .from(tacActions)
    .innerJoin(users, eq(users.id, tacActions.ownerId))
    .where(eq(tacActions.meetingId, meetingId))
    .orderBy(asc(tacActions.dueDate), asc(tacActions.createdAt));
}

export async function insertAction(tx: Tx, values: typeof tacActions.$inferInsert): Promise<ActionRow> {
  const [row] = await tx.insert(tacActions).values(values).returning();
  return row!;
}

export async function getAction(tx: Tx, id: string): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(tacActions).where(eq(tacActions.id, id));
  return row;
}

/** Marks an action done once: a stale version, or an action done already, changes nothing. */
export async function completeAction(tx: Tx, id: string, version: number, doneBy: string | null, at: Date): Promise<ActionRow | undefined> {
  const [row] = await tx
    .update(tacActions)
    .set({ doneAt: at, doneBy, version: sql`${tacActions.version} + 1` })
    .where(and(eq(tacActions.id, id), eq(tacActions.version, version), isNull(tacActions.doneAt)))
    .returning();
  return row;
}

/** A person's open actions with the meeting they came from (their own are visible to them whatever the meeting). */
export async function openActionsOfOwner(tx: Tx, ownerId: string) {
  return tx
    .select({ action: tacActions, meetingStartsAt: tacMeetings.startsAt, meetingChildIds: tacMeetings.childIds })
    .from(tacActions)
    .leftJoin(tacMeetings, eq(tacMeetings.id, tacActions.meetingId))
    .where(and(eq(tacActions.ownerId, ownerId), isNull(tacActions.doneAt)))
    .orderBy(asc(tacActions.dueDate))
    .limit(500);
}

/** Open actions of the meetings about a child, for the child's preparation page. */
export async function openActionCounts(tx: Tx, meetingIds: readonly string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await tx
    .select({ meetingId: tacActions.meetingId, n: sql<number>`count(*)::int` })
    .from(tacActions)
    .where(and(inArray(tacActions.meetingId, [...meetingIds]), isNull(tacActions.doneAt)))
    .groupBy(tacActions.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n]));
}

/** For each child, the next meeting ahead and the last one held (for the list of children in preparation). */
export async function meetingTimesOfChildren(tx: Tx, childIds: readonly string[], now: Date): Promise<Map<string, { next: Date | null; last: Date | null }>> {
  if (childIds.length === 0) return new Map();
  const ids = sql`array[${sql.join(
    childIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const result = await tx.execute(sql`
    select c.child_id::text as child_id,
           min(m.starts_at) filter (where m.starts_at > ${now}) as next,
           max(m.starts_at) filter (where m.starts_at <= ${now}) as last
    from ${tacMeetings} m, unnest(m.child_ids) as c(child_id)
    where m.child_ids && ${ids} and c.child_id = any(${ids})
    group by c.child_id`);
  const rows = result.rows as { child_id: string; next: string | Date | null; last: string | Date | null }[];
  const asDate = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  return new Map(rows.map((r) => [r.child_id, { next: asDate(r.next), last: asDate(r.last) }]));
}

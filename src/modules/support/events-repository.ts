import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { keyset, pageOf, type PageRequest } from '../../platform/db/keyset.ts';
import { withHouseholds } from './household-references.ts';
import { supportEventAttendance, supportEvents } from './schema.ts';

/** Support groups and events for families, and who came. */

export type EventRow = typeof supportEvents.$inferSelect;
export type AttendanceRow = typeof supportEventAttendance.$inferSelect;

export async function insertEvent(tx: Tx, values: typeof supportEvents.$inferInsert): Promise<EventRow> {
  const [row] = await tx.insert(supportEvents).values(values).returning();
  return row!;
}

export async function getEvent(tx: Tx, id: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(supportEvents).where(eq(supportEvents.id, id));
  return row;
}

export async function updateEvent(tx: Tx, id: string, version: number, values: Partial<typeof supportEvents.$inferInsert>): Promise<EventRow | undefined> {
  const [row] = await tx
    .update(supportEvents)
    .set({ ...values, version: sql`${supportEvents.version} + 1` })
    .where(and(eq(supportEvents.id, id), eq(supportEvents.version, version)))
    .returning();
  return row;
}

/** The organisation's events: upcoming ones soonest first, or past ones latest first; with families expected and attended. */
const upcomingOrder = keyset(sql`${supportEvents.startsAt}`, supportEvents.id, 'asc', 'timestamptz');
const pastOrder = keyset(sql`${supportEvents.startsAt}`, supportEvents.id, 'desc', 'timestamptz');

export async function listEvents(tx: Tx, organisationId: string, when: 'upcoming' | 'past', now: Date, page: PageRequest) {
  const order = when === 'upcoming' ? upcomingOrder : pastOrder;
  const rows = await tx
    .select({
      sortValue: order.value,
      event: supportEvents,
      families: sql<number>`(select count(*)::int from support_event_attendance a where a.event_id = "support_events"."id")`,
      attended: sql<number>`(select count(*)::int from support_event_attendance a where a.event_id = "support_events"."id" and a.attended)`,
    })
    .from(supportEvents)
    .where(
      and(
        eq(supportEvents.organisationId, organisationId),
        when === 'upcoming' ? gte(supportEvents.endsAt, now) : lt(supportEvents.endsAt, now),
        order.after(page.after),
      ),
    )
    .orderBy(...order.orderBy)
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => ({ value: r.sortValue, id: r.event.id }));
}

/** Who answered for an event, in order of the family's reference. */
export async function attendanceOfEvent(tx: Tx, eventId: string) {
  const rows = await tx.select().from(supportEventAttendance).where(eq(supportEventAttendance.eventId, eventId));
  const withReferences = await withHouseholds(tx, rows, (r) => r.householdId, { byReference: true });
  return withReferences.map(({ row, householdReference }) => ({ attendance: row, householdReference }));
}

/** One row per family and event: a second answer for the same family replaces the first. */
export async function upsertAttendance(tx: Tx, values: typeof supportEventAttendance.$inferInsert): Promise<AttendanceRow> {
  const [row] = await tx
    .insert(supportEventAttendance)
    .values(values)
    .onConflictDoUpdate({
      target: [supportEventAttendance.eventId, supportEventAttendance.householdId],
      set: { attended: values.attended ?? null, adults: values.adults ?? 1, children: values.children ?? 0 },
    })
    .returning();
  return row!;
}

export async function deleteAttendance(tx: Tx, eventId: string, householdId: string): Promise<boolean> {
  const rows = await tx
    .delete(supportEventAttendance)
    .where(and(eq(supportEventAttendance.eventId, eventId), eq(supportEventAttendance.householdId, householdId)))
    .returning({ id: supportEventAttendance.id });
  return rows.length > 0;
}

/** Locks an event's row for the rest of the transaction, so attendance follows the event's own times. */
export async function lockEvent(tx: Tx, id: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(supportEvents).where(eq(supportEvents.id, id)).for('update');
  return row;
}

import { and, asc, desc, eq, gte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { withHouseholds } from './household-references.ts';
import { supportRequests } from './schema.ts';

/** Requests for support from families and workers, and the waiting list they make. */

export type RequestRow = typeof supportRequests.$inferSelect;
export type RequestStatus = RequestRow['status'];

export async function insertRequest(tx: Tx, values: typeof supportRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await tx.insert(supportRequests).values(values).returning();
  return row!;
}

export async function getRequest(tx: Tx, id: string) {
  const rows = await tx.select().from(supportRequests).where(eq(supportRequests.id, id));
  const [found] = await withHouseholds(tx, rows, (r) => r.householdId);
  return found && { request: found.row, householdReference: found.householdReference, householdSocialWorkerId: found.householdSocialWorkerId };
}

export async function updateRequest(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof supportRequests.$inferInsert>,
): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(supportRequests)
    .set({ ...values, version: sql`${supportRequests.version} + 1` })
    .where(and(eq(supportRequests.id, id), eq(supportRequests.version, version)))
    .returning();
  return row;
}

/** The organisation's requests of one status, oldest first, with the family's reference. */
export async function listRequests(tx: Tx, organisationId: string, status: RequestStatus) {
  const rows = await tx
    .select()
    .from(supportRequests)
    .where(and(eq(supportRequests.organisationId, organisationId), eq(supportRequests.status, status)))
    .orderBy(status === 'closed' ? desc(supportRequests.closedAt) : asc(supportRequests.requestedAt), asc(supportRequests.id))
    .limit(2000);
  return (await withHouseholds(tx, rows, (r) => r.householdId)).map(({ row, householdReference }) => ({ request: row, householdReference }));
}

/** The headings the requests list can be sorted by. */
export const REQUEST_LIST_SORTS = ['requested', 'source'] as const;
export type RequestListSort = (typeof REQUEST_LIST_SORTS)[number];
export type RequestSource = RequestRow['source'];

/** One numbered page of the organisation's requests of one status, sorted by a heading, with how many there are. */
export async function pageRequests(
  tx: Tx,
  organisationId: string,
  filter: { status: RequestStatus; source?: RequestSource },
  order: { sort: RequestListSort; dir: 'asc' | 'desc'; limit: number; offset: number },
) {
  const where = and(
    eq(supportRequests.organisationId, organisationId),
    eq(supportRequests.status, filter.status),
    filter.source ? eq(supportRequests.source, filter.source) : undefined,
  );
  const by = order.dir === 'asc' ? asc : desc;
  const key = order.sort === 'source' ? by(supportRequests.source) : by(supportRequests.requestedAt);
  const [counted] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(supportRequests)
    .where(where);
  const rows = await tx
    .select()
    .from(supportRequests)
    .where(where)
    .orderBy(key, by(supportRequests.requestedAt), asc(supportRequests.id))
    .limit(order.limit)
    .offset(order.offset);
  const found = (await withHouseholds(tx, rows, (r) => r.householdId)).map(({ row, householdReference }) => ({ request: row, householdReference }));
  return { rows: found, total: counted?.total ?? 0 };
}

/** What the waiting list's summary counts: when each waiting family asked (no family named). */
export async function waitingFacts(tx: Tx, organisationId: string) {
  return tx
    .select({
      id: supportRequests.id,
      status: supportRequests.status,
      requestedAt: supportRequests.requestedAt,
      allocatedAt: supportRequests.allocatedAt,
      closedAt: supportRequests.closedAt,
    })
    .from(supportRequests)
    .where(and(eq(supportRequests.organisationId, organisationId), eq(supportRequests.status, 'waiting')));
}

/** A household's requests, newest first. */
export async function requestsOfHousehold(tx: Tx, householdId: string): Promise<RequestRow[]> {
  return tx
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.householdId, householdId))
    .orderBy(desc(supportRequests.requestedAt), asc(supportRequests.id))
    .limit(200);
}

/**
 * Serialises a household's requests until the transaction ends, so one form sent twice (a double
 * click) is seen as the same request rather than two.
 */
export async function lockHouseholdRequests(tx: Tx, householdId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`support-requests:${householdId}`}, 0))`);
}

/**
 * The facts the month-by-month waiting times need: requests still waiting, and those allocated or
 * closed since `since` (dates only, no family or need).
 */
export async function waitingFactsSince(tx: Tx, organisationId: string, since: Date) {
  return tx
    .select({
      id: supportRequests.id,
      status: supportRequests.status,
      requestedAt: supportRequests.requestedAt,
      allocatedAt: supportRequests.allocatedAt,
      closedAt: supportRequests.closedAt,
    })
    .from(supportRequests)
    .where(
      and(
        eq(supportRequests.organisationId, organisationId),
        or(eq(supportRequests.status, 'waiting'), gte(supportRequests.allocatedAt, since), gte(supportRequests.closedAt, since)),
      ),
    );
}

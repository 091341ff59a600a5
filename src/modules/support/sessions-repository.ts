import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { withHouseholds, withSessionHouseholds } from './household-references.ts';
import { supportSessions } from './schema.ts';

/** Support sessions delivered to families. */

export type SessionRow = typeof supportSessions.$inferSelect;

export async function insertSession(tx: Tx, values: typeof supportSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await tx.insert(supportSessions).values(values).returning();
  return row!;
}

/**
 * A session with what every page about it needs: the family's reference and allocated worker, the
 * worker's name. A partner's psychologist who leads it gets the family's reference only.
 */
export async function getSession(tx: Tx, id: string) {
  const rows = await tx
    .select({ session: supportSessions, workerName: users.name })
    .from(supportSessions)
    .leftJoin(users, eq(users.id, supportSessions.workerId))
    .where(eq(supportSessions.id, id));
  const [found] = await withSessionHouseholds(tx, rows, (r) => r.session.householdId);
  return (
    found && {
      session: found.row.session,
      householdReference: found.householdReference,
      householdSocialWorkerId: found.householdSocialWorkerId,
      workerName: found.row.workerName,
    }
  );
}

/** Locks a session's row for the rest of the transaction, so the rules are checked against what is saved. */
export async function lockSession(tx: Tx, id: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(supportSessions).where(eq(supportSessions.id, id)).for('update');
  return row;
}

export async function updateSession(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof supportSessions.$inferInsert>,
): Promise<SessionRow | undefined> {
  const [row] = await tx
    .update(supportSessions)
    .set({ ...values, version: sql`${supportSessions.version} + 1` })
    .where(and(eq(supportSessions.id, id), eq(supportSessions.version, version)))
    .returning();
  return row;
}

export type SessionFilters = {
  householdId?: string;
  workerId?: string;
  matchId?: string;
  status?: SessionRow['status'];
  from?: Date;
  before?: Date;
  newestFirst?: boolean;
  limit?: number;
  /** Also the sessions this person leads for another organisation (a clinical partner's psychologist). */
  orLedBy?: string;
};

/** Sessions of the organisation, filtered; with the family's reference and the worker's name (never the notes' text here). */
export async function listSessions(tx: Tx, organisationId: string | null, filters: SessionFilters) {
  const where: SQL[] = [];
  if (organisationId) {
    const ofOrganisation = eq(supportSessions.organisationId, organisationId);
    where.push(filters.orLedBy ? or(ofOrganisation, eq(supportSessions.workerId, filters.orLedBy))! : ofOrganisation);
  }
  if (filters.householdId) where.push(eq(supportSessions.householdId, filters.householdId));
  if (filters.workerId) where.push(eq(supportSessions.workerId, filters.workerId));
  if (filters.matchId) where.push(eq(supportSessions.matchId, filters.matchId));
  if (filters.status) where.push(eq(supportSessions.status, filters.status));
  if (filters.from) where.push(gte(supportSessions.startsAt, filters.from));
  if (filters.before) where.push(lt(supportSessions.startsAt, filters.before));
  const rows = await tx
    .select({
      id: supportSessions.id,
      householdId: supportSessions.householdId,
      matchId: supportSessions.matchId,
      kind: supportSessions.kind,
      workerId: supportSessions.workerId,
      startsAt: supportSessions.startsAt,
      durationMinutes: supportSessions.durationMinutes,
      mode: supportSessions.mode,
      status: supportSessions.status,
      hasNotes: sql<boolean>`(${supportSessions.notes} is not null and ${supportSessions.notes} <> '')`,
      version: supportSessions.version,
      workerName: users.name,
    })
    .from(supportSessions)
    .leftJoin(users, eq(users.id, supportSessions.workerId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(filters.newestFirst ? desc(supportSessions.startsAt) : asc(supportSessions.startsAt), asc(supportSessions.id))
    .limit(filters.limit ?? 500);
  return (await withSessionHouseholds(tx, rows, (r) => r.householdId)).map(({ row, householdReference }) => {
    const { workerName, ...session } = row;
    return { ...session, householdReference, workerName };
  });
}

export type SessionListRow = Awaited<ReturnType<typeof listSessions>>[number];

/** What the hours report counts: delivered sessions starting in a range of instants (a day either side of the period in Wales). */
export async function deliveredSessions(tx: Tx, organisationId: string, { from, before, householdId }: { from?: Date; before?: Date; householdId?: string }) {
  const where: SQL[] = [eq(supportSessions.organisationId, organisationId), eq(supportSessions.status, 'delivered')];
  if (householdId) where.push(eq(supportSessions.householdId, householdId));
  if (from) where.push(gte(supportSessions.startsAt, from));
  if (before) where.push(lt(supportSessions.startsAt, before));
  const rows = await tx
    .select({
      householdId: supportSessions.householdId,
      workerId: supportSessions.workerId,
      status: supportSessions.status,
      durationMinutes: supportSessions.durationMinutes,
      startsAt: supportSessions.startsAt,
    })
    .from(supportSessions)
    .where(and(...where))
    .limit(100_000);
  return (await withHouseholds(tx, rows, (r) => r.householdId)).map(({ row, householdReference }) => ({
    householdId: row.householdId,
    householdReference,
    workerId: row.workerId,
    status: row.status,
    durationMinutes: row.durationMinutes,
    startsAt: row.startsAt,
  }));
}

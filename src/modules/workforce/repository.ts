import { and, arrayOverlaps, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { toActor } from '../../platform/auth/repository.ts';
import type { UserActor } from '../../platform/policy/actor.ts';
import type { Role } from '../../platform/policy/roles.ts';
import { calendarFeeds, staffTraining, supervisionSessions } from './schema.ts';

/** The only place the workforce tables (and the few columns of people they need) are read or written. */

export type TrainingRow = typeof staffTraining.$inferSelect;
export type SupervisionRow = typeof supervisionSessions.$inferSelect;

/** A member of staff as the workforce pages need them (never an adopter's account). */
export type StaffMember = {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  organisationNameCy: string | null;
  roles: string[];
  createdAt: Date;
  disabled: boolean;
};

const staffColumns = {
  id: users.id,
  name: users.name,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  organisationNameCy: organisations.nameCy,
  roles: users.roles,
  createdAt: users.createdAt,
  disabled: sql<boolean>`${users.disabledAt} is not null`,
};

export async function getStaffMember(tx: Tx, id: string): Promise<StaffMember | undefined> {
  const [row] = await tx.select(staffColumns).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.id, id));
  return row;
}

/** Active people holding one of the roles, of one organisation or (without it) every organisation the reader may see. */
export async function staffWithRoles(tx: Tx, roles: readonly Role[], organisationId?: string): Promise<StaffMember[]> {
  return tx
    .select(staffColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(isNull(users.disabledAt), arrayOverlaps(users.roles, [...roles]), organisationId ? eq(users.organisationId, organisationId) : undefined))
    .orderBy(asc(users.name), asc(users.id))
    .limit(2000);
}

export async function userNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- training

export async function insertTraining(tx: Tx, values: typeof staffTraining.$inferInsert): Promise<TrainingRow> {
  const [row] = await tx.insert(staffTraining).values(values).returning();
  return row!;
}

export async function getTraining(tx: Tx, id: string): Promise<TrainingRow | undefined> {
  const [row] = await tx.select().from(staffTraining).where(eq(staffTraining.id, id));
  return row;
}

/** Updates only when the version read is still current; undefined means someone else changed it. */
export async function updateTraining(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof staffTraining.$inferInsert>,
): Promise<TrainingRow | undefined> {
  const [row] = await tx
    .update(staffTraining)
    .set({ ...values, version: sql`${staffTraining.version} + 1` })
    .where(and(eq(staffTraining.id, id), eq(staffTraining.version, version)))
    .returning();
  return row;
}

/** One person's training, latest first. */
export async function trainingOfUser(tx: Tx, userId: string): Promise<TrainingRow[]> {
  return tx
    .select()
    .from(staffTraining)
    .where(eq(staffTraining.userId, userId))
    .orderBy(desc(staffTraining.completedDate), desc(staffTraining.createdAt))
    .limit(5000);
}

/** Tenths of an hour and records per person of an organisation within a period (both days included). */
export async function trainingTotals(tx: Tx, organisationId: string, from: string, to: string): Promise<Map<string, { tenths: number; records: number }>> {
  const rows = await tx
    .select({ userId: staffTraining.userId, tenths: sql<number>`coalesce(sum(${staffTraining.hours} * 10), 0)::int`, records: sql<number>`count(*)::int` })
    .from(staffTraining)
    .where(and(eq(staffTraining.organisationId, organisationId), gte(staffTraining.completedDate, from), lte(staffTraining.completedDate, to)))
    .groupBy(staffTraining.userId);
  return new Map(rows.map((r) => [r.userId, { tenths: r.tenths, records: r.records }]));
}

// ---------------------------------------------------------------- supervision

export async function insertSupervision(tx: Tx, values: typeof supervisionSessions.$inferInsert): Promise<SupervisionRow> {
  const [row] = await tx.insert(supervisionSessions).values(values).returning();
  return row!;
}

export async function getSupervision(tx: Tx, id: string): Promise<SupervisionRow | undefined> {
  const [row] = await tx.select().from(supervisionSessions).where(eq(supervisionSessions.id, id));
  return row;
}

export async function updateSupervision(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof supervisionSessions.$inferInsert>,
): Promise<SupervisionRow | undefined> {
  const [row] = await tx
    .update(supervisionSessions)
    .set({ ...values, version: sql`${supervisionSessions.version} + 1` })
    .where(and(eq(supervisionSessions.id, id), eq(supervisionSessions.version, version)))
    .returning();
  return row;
}

/** Sessions of one supervisee, of one supervisor, or of either, latest first. */
export async function supervisionSessionsOf(
  tx: Tx,
  who: { superviseeId?: string; supervisorId?: string; eitherId?: string },
  limit = 500,
): Promise<SupervisionRow[]> {
  const where = who.eitherId
    ? or(eq(supervisionSessions.superviseeId, who.eitherId), eq(supervisionSessions.supervisorId, who.eitherId))
    : and(
        who.superviseeId ? eq(supervisionSessions.superviseeId, who.superviseeId) : undefined,
        who.supervisorId ? eq(supervisionSessions.supervisorId, who.supervisorId) : undefined,
      );
  return tx.select().from(supervisionSessions).where(where).orderBy(desc(supervisionSessions.sessionDate), desc(supervisionSessions.createdAt)).limit(limit);
}

/** Each supervisee's latest session (up to a day) and how many they have had, within an organisation or for the given people. */
export async function lastSessions(
  tx: Tx,
  scope: { organisationId?: string; superviseeIds?: readonly string[] },
  upTo: string,
): Promise<{ superviseeId: string; lastSession: string; sessions: number }[]> {
  if (scope.superviseeIds && scope.superviseeIds.length === 0) return [];
  return tx
    .select({
      superviseeId: supervisionSessions.superviseeId,
      lastSession: sql<string>`max(${supervisionSessions.sessionDate})::text`,
      sessions: sql<number>`count(*)::int`,
    })
    .from(supervisionSessions)
    .where(
      and(
        lte(supervisionSessions.sessionDate, upTo),
        scope.organisationId ? eq(supervisionSessions.organisationId, scope.organisationId) : undefined,
        scope.superviseeIds ? inArray(supervisionSessions.superviseeId, [...scope.superviseeIds]) : undefined,
      ),
    )
    .groupBy(supervisionSessions.superviseeId);
}

// ---------------------------------------------------------------- calendar feeds

export async function liveFeedOf(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt))
    .limit(1);
  return row;
}

/** Revokes every live feed of a person; returns how many were live. */
export async function revokeFeedsOf(tx: Tx, userId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(calendarFeeds)
    .set({ revokedAt: at })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.length;
}

export async function insertFeed(tx: Tx, userId: string, tokenHash: string): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx.insert(calendarFeeds).values({ userId, tokenHash }).returning({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt });
  return row!;
}

/**
 * The live feed behind a token's hash, with the person it belongs to as an actor, or nothing when
 * the feed was revoked or the person disabled. Read by the platform (the token is the credential).
 */
export async function feedByTokenHash(
  tx: Tx,
  tokenHash: string,
): Promise<{ feedId: string; lastUsedAt: Date | null; actor: UserActor; preferredLanguage: 'en' | 'cy' } | undefined> {
  const [row] = await tx
    .select({ feedId: calendarFeeds.id, lastUsedAt: calendarFeeds.lastUsedAt, user: users, organisation: organisations })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt), isNull(users.disabledAt)));
  if (!row) return undefined;
  return { feedId: row.feedId, lastUsedAt: row.lastUsedAt, actor: toActor(row.user, row.organisation), preferredLanguage: row.user.preferredLanguage };
}

export async function markFeedUsed(tx: Tx, feedId: string, at: Date): Promise<void> {
  await tx.update(calendarFeeds).set({ lastUsedAt: at }).where(eq(calendarFeeds.id, feedId));
}

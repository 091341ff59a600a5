import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { applicantNamesOf, householdLabelOf } from '../recruitment/index.ts';
import { adopterPreparationSessions } from './schema.ts';

/** Therapeutic preparation sessions with adopter households, and the household facts they need. */

export type SessionRow = typeof adopterPreparationSessions.$inferSelect;

/** The household's reference, organisation, stage and people (recruitment's, read through its front door). */
export const getHousehold = householdLabelOf;

export async function applicantsOf(tx: Tx, householdId: string) {
  return (await applicantNamesOf(tx, householdId)).map(({ id, givenNames, familyName }) => ({ id, givenNames, familyName }));
}

/** The household's sessions; the worker's name only where the reader may see them (an adopter sees the clinical partner's sessions, not its staff). */
export async function sessionsOfHousehold(tx: Tx, householdId: string) {
  return tx
    .select({ session: adopterPreparationSessions, workerName: users.name })
    .from(adopterPreparationSessions)
    .leftJoin(users, eq(users.id, adopterPreparationSessions.workerId))
    .where(eq(adopterPreparationSessions.householdId, householdId))
    .orderBy(desc(adopterPreparationSessions.sessionDate), desc(adopterPreparationSessions.createdAt));
}

export async function getSession(tx: Tx, id: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(adopterPreparationSessions).where(eq(adopterPreparationSessions.id, id));
  return row;
}

export async function insertSession(tx: Tx, values: typeof adopterPreparationSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await tx.insert(adopterPreparationSessions).values(values).returning();
  return row!;
}

export async function updateSession(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<typeof adopterPreparationSessions.$inferInsert>,
): Promise<SessionRow | undefined> {
  const [row] = await tx
    .update(adopterPreparationSessions)
    .set({ ...values, version: sql`${adopterPreparationSessions.version} + 1` })
    .where(and(eq(adopterPreparationSessions.id, id), eq(adopterPreparationSessions.version, version)))
    .returning();
  return row;
}

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { expressionsOfInterest, matches } from './schema.ts';
import { ACTIVE_MATCH_STAGES } from './vocabulary.ts';

/** Families' expressions of interest: the only place their table is read or written. */

export type InterestRow = typeof expressionsOfInterest.$inferSelect;

export async function insertInterest(tx: Tx, values: typeof expressionsOfInterest.$inferInsert): Promise<InterestRow> {
  const [row] = await tx.insert(expressionsOfInterest).values(values).returning();
  return row!;
}

export async function getInterest(tx: Tx, id: string, forUpdate = false): Promise<InterestRow | undefined> {
  const query = tx.select().from(expressionsOfInterest).where(eq(expressionsOfInterest.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** A household's interests, newest first. */
export async function interestsOfHousehold(tx: Tx, householdId: string): Promise<InterestRow[]> {
  return tx.select().from(expressionsOfInterest).where(eq(expressionsOfInterest.householdId, householdId)).orderBy(desc(expressionsOfInterest.createdAt));
}

/** Interests in a child (or the sibling group the child is placed with), newest first. */
export async function interestsInChild(tx: Tx, childId: string): Promise<InterestRow[]> {
  return tx
    .select()
    .from(expressionsOfInterest)
    .where(sql`${childId}::uuid = ANY (${expressionsOfInterest.childIds})`)
    .orderBy(desc(expressionsOfInterest.createdAt));
}

/** Changes an interest only when the version read is still current; undefined means someone else answered first. */
export async function updateInterest(tx: Tx, id: string, version: number, values: Partial<typeof expressionsOfInterest.$inferInsert>) {
  const [row] = await tx
    .update(expressionsOfInterest)
    .set({ ...values, version: sql`${expressionsOfInterest.version} + 1`, updatedAt: new Date() })
    .where(and(eq(expressionsOfInterest.id, id), eq(expressionsOfInterest.version, version)))
    .returning();
  return row;
}

/** Which of these units are in THE match of their children (matching meeting to placement). */
export async function unitsInActiveMatch(tx: Tx, unitKeys: readonly string[]): Promise<Set<string>> {
  if (!unitKeys.length) return new Set();
  const rows = await tx
    .select({ unitKey: matches.unitKey })
    .from(matches)
    .where(and(inArray(matches.unitKey, [...unitKeys]), inArray(matches.stage, [...ACTIVE_MATCH_STAGES])));
  return new Set(rows.map((r) => r.unitKey));
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { applicantNamesOf, householdLabelOf } from '../recruitment/index.ts';
import { matches, transitionSteps } from './schema.ts';

/** Transition plans: the dated steps of introductions of one match. Row-level security follows the match. */

export type MatchRow = typeof matches.$inferSelect;
export type StepRow = typeof transitionSteps.$inferSelect;

export async function getMatch(tx: Tx, id: string): Promise<MatchRow | undefined> {
  const [row] = await tx.select().from(matches).where(eq(matches.id, id));
  return row;
}

/** Matches of a household (an adopter sees only their own household's). */
export async function matchesOfHousehold(tx: Tx, householdId: string): Promise<MatchRow[]> {
  return tx.select().from(matches).where(eq(matches.householdId, householdId)).orderBy(asc(matches.linkedDate));
}

export async function stepsOf(tx: Tx, matchIds: readonly string[]) {
  if (matchIds.length === 0) return [];
  return tx
    .select({ step: transitionSteps, updatedByName: users.name })
    .from(transitionSteps)
    .leftJoin(users, eq(users.id, transitionSteps.updatedBy))
    .where(
      sql`${transitionSteps.matchId} = any(array[${sql.join(
        matchIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}])`,
    )
    .orderBy(asc(transitionSteps.plannedDate));
}

export async function getStep(tx: Tx, id: string): Promise<StepRow | undefined> {
  const [row] = await tx.select().from(transitionSteps).where(eq(transitionSteps.id, id));
  return row;
}

export async function insertStep(tx: Tx, values: typeof transitionSteps.$inferInsert): Promise<StepRow> {
  const [row] = await tx.insert(transitionSteps).values(values).returning();
  return row!;
}

export async function updateStep(tx: Tx, id: string, version: number, values: Partial<typeof transitionSteps.$inferInsert>): Promise<StepRow | undefined> {
  const [row] = await tx
    .update(transitionSteps)
    .set({ ...values, version: sql`${transitionSteps.version} + 1`, updatedAt: new Date() })
    .where(and(eq(transitionSteps.id, id), eq(transitionSteps.version, version)))
    .returning();
  return row;
}

/** The household's reference, its assessing worker and its applicants' names (recruitment's, read through its front door). */
export async function householdOf(tx: Tx, id: string) {
  const household = await householdLabelOf(tx, id);
  if (!household) return undefined;
  const people = await applicantNamesOf(tx, id);
  return {
    id: household.id,
    reference: household.reference,
    socialWorkerId: household.socialWorkerId,
    organisationId: household.organisationId,
    adopterUserIds: household.adopterUserIds,
    names: people.map((p) => `${p.givenNames} ${p.familyName}`),
  };
}

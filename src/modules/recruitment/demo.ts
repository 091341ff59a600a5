import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicants, households } from './schema.ts';
import { insertSyntheticHouseholds } from './synthetic-repository.ts';
import { storyHouseholds, type StoryFamily } from './synthetic-story.ts';

/**
 * Writes the approved families of the demo's story (as the platform, in the caller's transaction)
 * and answers their ids by story key. Households are allocated to the given workers in turn.
 */
export async function insertStoryHouseholds(
  tx: Tx,
  families: readonly StoryFamily[],
  options: { seed: number; organisationId: string; socialWorkerIds: readonly string[]; postcodes?: readonly string[] },
): Promise<Map<string, string>> {
  const rows = storyHouseholds(families, options.seed, options.postcodes);
  await insertSyntheticHouseholds(tx, rows, { organisationId: options.organisationId, campaignIds: [], socialWorkerIds: options.socialWorkerIds });
  const found = await tx
    .select({ id: households.id, reference: households.reference })
    .from(households)
    .where(
      inArray(
        households.reference,
        rows.map((r) => r.reference),
      ),
    );
  const byReference = new Map(found.map((h) => [h.reference, h.id]));
  // Written in one statement, both applicants would share a moment of creation: the second comes second.
  await tx
    .update(applicants)
    .set({ createdAt: sql`${applicants.createdAt} + interval '1 second'` })
    .where(and(inArray(applicants.householdId, [...byReference.values()]), like(applicants.email, '%.b@example.invalid')));
  return new Map(families.map((family, i) => [family.key, byReference.get(rows[i]!.reference)!]));
}

/**
 * Gives the household's applicant with the adopter's e-mail address their account, as an accepted
 * portal invitation would, and adds them to the household's adopters who may sign in.
 */
export async function linkAdopterToHousehold(tx: Tx, householdId: string, adopter: { userId: string; email: string }): Promise<void> {
  const [applicant] = await tx
    .select({ id: applicants.id })
    .from(applicants)
    .where(and(eq(applicants.householdId, householdId), eq(applicants.email, adopter.email)))
    .limit(1);
  if (!applicant) return;
  await tx.update(applicants).set({ userId: adopter.userId }).where(eq(applicants.id, applicant.id));
  await tx
    .update(households)
    .set({ adopterUserIds: [adopter.userId] })
    .where(eq(households.id, householdId));
}

/** What records about the story's households name: their reference and when their Stage 1 began, in the order of their ids. */
export async function householdFacts(tx: Tx, ids: readonly string[]): Promise<{ id: string; reference: string; stage1Date: string | null }[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: households.id, reference: households.reference, stage1Date: households.stage1Date })
    .from(households)
    .where(inArray(households.id, [...ids]));
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is (typeof rows)[number] => Boolean(r));
}

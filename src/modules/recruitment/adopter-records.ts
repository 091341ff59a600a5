import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicants, householdChecks, households } from './schema.ts';

/**
 * The household record as the adoption portal needs it (the family's own view), and the one write an
 * accepted invitation makes here: the adopter account linked to the applicant and to
 * households.adopter_user_ids, which row-level security reads. The portal asks through index.ts.
 */

export type HouseholdRow = typeof households.$inferSelect;

export type ApplicantRow = typeof applicants.$inferSelect;

export async function getHousehold(tx: Tx, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx.select().from(households).where(eq(households.id, id));
  return row;
}

export async function getApplicantOfHousehold(tx: Tx, householdId: string, applicantId: string): Promise<ApplicantRow | undefined> {
  const [row] = await tx
    .select()
    .from(applicants)
    .where(and(eq(applicants.id, applicantId), eq(applicants.householdId, householdId)));
  return row;
}

export async function applicantsOfHousehold(tx: Tx, householdId: string): Promise<ApplicantRow[]> {
  return tx.select().from(applicants).where(eq(applicants.householdId, householdId)).orderBy(asc(applicants.createdAt), asc(applicants.id));
}

/** The applicant an adopter account belongs to (at most one: applicants.user_id is unique). */
export async function applicantOfUser(tx: Tx, userId: string): Promise<ApplicantRow | undefined> {
  const [row] = await tx.select().from(applicants).where(eq(applicants.userId, userId));
  return row;
}

/** Links the account to the applicant and adds it to the household's adopters, in one transaction. */
export async function linkAdopter(tx: Tx, householdId: string, applicantId: string, userId: string): Promise<void> {
  await tx.update(applicants).set({ userId }).where(eq(applicants.id, applicantId));
  await tx
    .update(households)
    .set({
      adopterUserIds: sql`case when ${userId}::uuid = any(${households.adopterUserIds}) then ${households.adopterUserIds} else array_append(${households.adopterUserIds}, ${userId}::uuid) end`,
    })
    .where(eq(households.id, householdId));
}

export async function checksOfHousehold(tx: Tx, householdId: string) {
  return tx
    .select({
      kind: householdChecks.kind,
      applicantId: householdChecks.applicantId,
      receivedDate: householdChecks.receivedDate,
      outcome: householdChecks.outcome,
    })
    .from(householdChecks)
    .where(eq(householdChecks.householdId, householdId));
}

/** The households whose social worker this person is (the portal's threads they answer). */
export async function householdIdsOfSocialWorker(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.select({ id: households.id }).from(households).where(eq(households.socialWorkerId, userId));
  return rows.map((r) => r.id);
}

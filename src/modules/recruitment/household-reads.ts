import { and, asc, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicants, households } from './schema.ts';
import { CLOSED_STAGES, type Stage } from './vocabulary.ts';

/**
 * Named read queries for the modules that refer to households and applicants (support, training,
 * preparation, matching): recruitment owns the tables, so the others read them here, in their own
 * transaction (row-level security applies: a household the actor may not see is not answered).
 */

/** What another module shows or checks of a household: its reference, organisation, stage and people. */
export type HouseholdLabel = { id: string; organisationId: string; reference: string; stage: Stage; socialWorkerId: string | null; adopterUserIds: string[] };

const labelColumns = {
  id: households.id,
  organisationId: households.organisationId,
  reference: households.reference,
  stage: households.stage,
  socialWorkerId: households.socialWorkerId,
  adopterUserIds: households.adopterUserIds,
};

export async function householdLabelOf(tx: Tx, id: string): Promise<HouseholdLabel | undefined> {
  const [row] = await tx.select(labelColumns).from(households).where(eq(households.id, id));
  return row;
}

/** The labels of these households, by id in order of reference; those the actor may not see are missing. */
export async function householdLabelsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, HouseholdLabel>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.select(labelColumns).from(households).where(inArray(households.id, unique)).orderBy(asc(households.reference));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The household's applicants, first recorded first. */
export async function applicantNamesOf(tx: Tx, householdId: string) {
  return tx
    .select({ id: applicants.id, givenNames: applicants.givenNames, familyName: applicants.familyName, preferredLanguage: applicants.preferredLanguage })
    .from(applicants)
    .where(eq(applicants.householdId, householdId))
    .orderBy(asc(applicants.createdAt), asc(applicants.id));
}

export type ApplicantLabel = { id: string; givenNames: string; familyName: string; preferredLanguage: 'en' | 'cy'; householdId: string; organisationId: string; stage: Stage; householdReference: string };

/** These applicants with their household's reference, organisation and stage, by id in order of family and given names; those the actor may not see are missing. */
export async function applicantLabelsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, ApplicantLabel>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({
      id: applicants.id,
      givenNames: applicants.givenNames,
      familyName: applicants.familyName,
      preferredLanguage: applicants.preferredLanguage,
      householdId: applicants.householdId,
      organisationId: households.organisationId,
      stage: households.stage,
      householdReference: households.reference,
    })
    .from(applicants)
    .innerJoin(households, eq(households.id, applicants.householdId))
    .where(inArray(applicants.id, unique))
    .orderBy(asc(applicants.familyName), asc(applicants.givenNames));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Applicants of an organisation's households still on their journey, by family name, given names and reference. */
export async function openApplicantsOf(tx: Tx, organisationId: string, limit: number) {
  return tx
    .select({ id: applicants.id, givenNames: applicants.givenNames, familyName: applicants.familyName, householdReference: households.reference })
    .from(applicants)
    .innerJoin(households, eq(households.id, applicants.householdId))
    .where(and(eq(households.organisationId, organisationId), notInArray(households.stage, [...CLOSED_STAGES])))
    .orderBy(asc(applicants.familyName), asc(applicants.givenNames), asc(households.reference))
    .limit(limit);
}

/** The household an adopter is an applicant of (row-level security shows them no other). */
export async function householdOfAdopter(tx: Tx, userId: string): Promise<HouseholdLabel | undefined> {
  const [row] = await tx
    .select(labelColumns)
    .from(households)
    .where(sql`${userId}::uuid = ANY (${households.adopterUserIds})`)
    .orderBy(asc(households.createdAt))
    .limit(1);
  return row;
}

/**
 * The organisation's households at these stages or among `alsoIds`, never at `exceptStages`, by
 * reference (for forms that offer a family).
 */
export async function householdsOfOrganisation(tx: Tx, organisationId: string, options: { stages: readonly Stage[]; alsoIds: readonly string[]; exceptStages: readonly Stage[]; limit: number }) {
  const atStage = inArray(households.stage, [...options.stages]);
  return tx
    .select({ id: households.id, reference: households.reference, stage: households.stage })
    .from(households)
    .where(and(eq(households.organisationId, organisationId), options.alsoIds.length ? or(atStage, inArray(households.id, [...options.alsoIds])) : atStage, notInArray(households.stage, [...options.exceptStages])))
    .orderBy(asc(households.reference))
    .limit(options.limit);
}

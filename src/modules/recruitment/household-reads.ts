import { and, asc, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { applicants, considerationProfiles, households } from './schema.ts';
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

export type ApplicantLabel = {
  id: string;
  givenNames: string;
  familyName: string;
  preferredLanguage: 'en' | 'cy';
  householdId: string;
  organisationId: string;
  stage: Stage;
  householdReference: string;
};

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
export async function householdsOfOrganisation(
  tx: Tx,
  organisationId: string,
  options: { stages: readonly Stage[]; alsoIds: readonly string[]; exceptStages: readonly Stage[]; limit: number },
) {
  const atStage = inArray(households.stage, [...options.stages]);
  return tx
    .select({ id: households.id, reference: households.reference, stage: households.stage })
    .from(households)
    .where(
      and(
        eq(households.organisationId, organisationId),
        options.alsoIds.length ? or(atStage, inArray(households.id, [...options.alsoIds])) : atStage,
        notInArray(households.stage, [...options.exceptStages]),
      ),
    )
    .orderBy(asc(households.reference))
    .limit(options.limit);
}

/** Each household's applicants as "given names family name", first recorded first, by household id; households the reader may not see are missing. */
export async function applicantFullNamesOf(tx: Tx, householdIds: readonly string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(householdIds)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ householdId: applicants.householdId, name: sql<string>`${applicants.givenNames} || ' ' || ${applicants.familyName}` })
    .from(applicants)
    .where(inArray(applicants.householdId, unique))
    .orderBy(asc(applicants.createdAt), asc(applicants.id));
  const names = new Map<string, string[]>();
  for (const row of rows) names.set(row.householdId, [...(names.get(row.householdId) ?? []), row.name]);
  return names;
}

/** Approved families of the agency who may be linked (approved, linked, matched), with their applicants' names and what they can consider now. */
export async function linkableHouseholdsOf(tx: Tx, organisationId: string) {
  return tx
    .select({
      id: households.id,
      reference: households.reference,
      stage: households.stage,
      // Outer columns are named in full: drizzle leaves them unqualified in a single-table select.
      names: sql<
        string[]
      >`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = households.id), '{}')`,
      profile: sql<{
        childrenMin: number;
        childrenMax: number;
        ageMin: number;
        ageMax: number;
        siblingGroups: boolean;
      } | null>`(SELECT json_build_object('childrenMin', p.children_min, 'childrenMax', p.children_max, 'ageMin', p.age_min, 'ageMax', p.age_max, 'siblingGroups', p.sibling_groups) FROM consideration_profiles p WHERE p.household_id = households.id AND p.is_current)`,
    })
    .from(households)
    .where(and(eq(households.organisationId, organisationId), inArray(households.stage, ['approved', 'linked', 'matched'])))
    .orderBy(asc(households.approvedDate), asc(households.reference));
}

/** The organisation's households at these stages, with their applicants' names and current consideration profile (for the matching pool). */
export async function householdsForPool(tx: Tx, organisationId: string, stages: readonly Stage[]) {
  const rows = await tx
    .select({
      id: households.id,
      reference: households.reference,
      stage: households.stage,
      languages: households.languages,
      ethnicity: households.ethnicity,
      religion: households.religion,
      postcode: households.postcode,
      experienceOfChildren: households.experienceOfChildren,
      supportNetworkRating: households.supportNetworkRating,
      approvedDate: households.approvedDate,
      names: sql<
        string[]
      >`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = households.id), '{}')`,
      profile: considerationProfiles,
    })
    .from(households)
    .leftJoin(considerationProfiles, and(eq(considerationProfiles.householdId, households.id), eq(considerationProfiles.isCurrent, true)))
    .where(and(eq(households.organisationId, organisationId), inArray(households.stage, [...stages])));
  return rows;
}

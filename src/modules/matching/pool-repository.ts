import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { childNeeds, children, siblingGroupMembers, siblingGroups } from '../children/schema.ts';
import { applicants, considerationProfiles, households } from '../recruitment/schema.ts';
import { courseBookings, courseSessions, courses } from '../training/schema.ts';
import { matches, postcodeCentroids } from './schema.ts';

/** Children still waiting for a family: accepted for family finding, or only linked so far. */
const WAITING_STATUSES = ['family_finding', 'linked'] as const;

/** Waiting children the asker may see, with their needs and active sibling group, and whether a match is in progress. */
export async function waitingChildren(tx: Tx) {
  const rows = await tx
    .select({
      id: children.id,
      organisationId: children.organisationId,
      givenNames: children.legalGivenNames,
      familyName: children.legalFamilyName,
      preferredName: children.preferredName,
      dateOfBirth: children.dateOfBirth,
      languages: children.languages,
      ethnicity: children.ethnicity,
      religion: children.religion,
      referralDate: children.referralDate,
      placementOrderDate: children.placementOrderDate,
      requiredContact: children.requiredContact,
      identityConsiderations: children.identityConsiderations,
      birthFamilyPostcodes: children.birthFamilyPostcodes,
      importantContactPostcodes: children.importantContactPostcodes,
      // Outer columns are named in full: drizzle leaves them unqualified in a single-table select.
      groupId: sql<string | null>`(SELECT g.id FROM ${siblingGroupMembers} m JOIN ${siblingGroups} g ON g.id = m.group_id WHERE m.child_id = children.id AND g.active AND g.assessment <> 'apart' LIMIT 1)`,
      inActiveMatch: sql<boolean>`EXISTS (SELECT 1 FROM ${matches} x WHERE children.id = ANY (x.child_ids) AND x.stage IN ('matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed'))`,
    })
    .from(children)
    .where(inArray(children.status, [...WAITING_STATUSES]));
  const ids = rows.map((r) => r.id);
  const needs = ids.length ? await tx.select({ childId: childNeeds.childId, category: childNeeds.category, severity: childNeeds.severity }).from(childNeeds).where(inArray(childNeeds.childId, ids)) : [];
  return rows.map((r) => ({ ...r, needs: needs.filter((n) => n.childId === r.id) }));
}

/** The agency's approved families not already in a match, with their current profile and training. */
export async function availableHouseholds(tx: Tx, organisationId: string) {
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
      names: sql<string[]>`coalesce((SELECT array_agg(a.given_names || ' ' || a.family_name ORDER BY a.created_at, a.id) FROM ${applicants} a WHERE a.household_id = households.id), '{}')`,
      profile: considerationProfiles,
      therapeuticPreparation: sql<boolean>`EXISTS (SELECT 1 FROM ${courseBookings} b JOIN ${courseSessions} s ON s.id = b.session_id JOIN ${courses} c ON c.id = s.course_id WHERE b.household_id = households.id AND b.attendance = 'attended' AND c.kind = 'therapeutic_preparation')`,
    })
    .from(households)
    .leftJoin(considerationProfiles, and(eq(considerationProfiles.householdId, households.id), eq(considerationProfiles.isCurrent, true)))
    .where(and(eq(households.organisationId, organisationId), inArray(households.stage, ['approved', 'linked'])));
  return rows;
}

export async function centroids(tx: Tx) {
  const rows = await tx.select().from(postcodeCentroids);
  return new Map(rows.map((r) => [r.postcode, { lat: r.latitude, lon: r.longitude }]));
}

export async function upsertCentroids(tx: Tx, rows: { postcode: string; latitude: number; longitude: number; source: string }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insert(postcodeCentroids)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({ target: postcodeCentroids.postcode, set: { latitude: sql`excluded.latitude`, longitude: sql`excluded.longitude`, source: sql`excluded.source`, loadedAt: new Date() } });
  }
}

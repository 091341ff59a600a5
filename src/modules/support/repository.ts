import { and, asc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { users } from '../../platform/auth/schema.ts';
import { children } from '../children/schema.ts';
import { matches } from '../matching/schema.ts';
import { households } from '../recruitment/schema.ts';
import { supportPlans } from './schema.ts';

/**
 * Lookups the support module needs of other modules' tables (households, matches, staff), read
 * the way row-level security lets the person asking read them. Support's own tables are in the
 * plans-, sessions-, requests- and events-repository files.
 */

/** Staff who may deliver support to a family or be allocated a request: the clinical team and the agency's social workers. */
export const SUPPORT_WORKER_ROLES = ['therapeutic_social_worker', 'clinical_psychologist', 'social_worker', 'family_finder', 'service_manager'] as const;

/** Households whose journey ended before a child came: no support is offered to them here. */
const CLOSED_HOUSEHOLD_STAGES = ['withdrawn', 'not_approved'] as const;

/** Stages from which a household is offered in support forms (approved onward). */
export const SUPPORTED_HOUSEHOLD_STAGES = ['approved', 'linked', 'matched', 'placed'] as const;

export type HouseholdRow = { id: string; organisationId: string; reference: string; stage: string; socialWorkerId: string | null; adopterUserIds: string[] };

const householdColumns = {
  id: households.id,
  organisationId: households.organisationId,
  reference: households.reference,
  stage: households.stage,
  socialWorkerId: households.socialWorkerId,
  adopterUserIds: households.adopterUserIds,
};

export async function getHousehold(tx: Tx, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx.select(householdColumns).from(households).where(eq(households.id, id));
  return row;
}

/** The household an adopter is an applicant of (row-level security shows them no other). */
export async function householdOfAdopter(tx: Tx, userId: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx
    .select(householdColumns)
    .from(households)
    .where(sql`${userId}::uuid = ANY (${households.adopterUserIds})`)
    .orderBy(asc(households.createdAt))
    .limit(1);
  return row;
}

export function isClosedHousehold(stage: string): boolean {
  return (CLOSED_HOUSEHOLD_STAGES as readonly string[]).includes(stage);
}

/** Households a form may offer: approved onward, or any already receiving support. */
export async function householdsForSupport(tx: Tx, organisationId: string) {
  return tx
    .select({ id: households.id, reference: households.reference, stage: households.stage })
    .from(households)
    .where(
      and(
        eq(households.organisationId, organisationId),
        or(inArray(households.stage, [...SUPPORTED_HOUSEHOLD_STAGES]), sql`exists (select 1 from support_plans p where p.household_id = ${households.id})`),
        notInArray(households.stage, [...CLOSED_HOUSEHOLD_STAGES]),
      ),
    )
    .orderBy(asc(households.reference))
    .limit(2000);
}

export type MatchRow = typeof matches.$inferSelect;

export async function getMatch(tx: Tx, id: string): Promise<MatchRow | undefined> {
  const [row] = await tx.select().from(matches).where(eq(matches.id, id));
  return row;
}

/** Match stages at which an adoption support plan is agreed and kept: from the matching meeting on. */
export const PLANNABLE_STAGES = ['matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed', 'adoption_order', 'disrupted'] as const;

export function isPlannable(stage: string): boolean {
  return (PLANNABLE_STAGES as readonly string[]).includes(stage);
}

/** The organisation's matches that could have a support plan and have none yet. */
export async function matchesWithoutPlan(tx: Tx, organisationId: string) {
  return tx
    .select({ id: matches.id, stage: matches.stage, placementDate: matches.placementDate, childCount: sql<number>`cardinality(${matches.childIds})`, householdReference: households.reference })
    .from(matches)
    .innerJoin(households, eq(households.id, matches.householdId))
    .leftJoin(supportPlans, eq(supportPlans.matchId, matches.id))
    .where(and(eq(matches.organisationId, organisationId), inArray(matches.stage, [...PLANNABLE_STAGES]), isNull(supportPlans.id)))
    .orderBy(asc(households.reference))
    .limit(1000);
}

/** First names of the children the person may see (row-level security leaves out the others). */
export async function childNames(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ name: sql<string>`coalesce(${children.preferredName}, ${children.legalGivenNames})` })
    .from(children)
    .where(inArray(children.id, [...ids]))
    .orderBy(asc(children.dateOfBirth));
  return rows.map((r) => r.name);
}

/** Staff of an organisation who may deliver support or be allocated a request. */
export async function supportWorkers(tx: Tx, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNull(users.disabledAt), sql`${users.roles} && ${sql.raw(`ARRAY[${SUPPORT_WORKER_ROLES.map((r) => `'${r}'`).join(',')}]::text[]`)}`))
    .orderBy(asc(users.name))
    .limit(1000);
}

export async function userNames(tx: Tx, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Every placement (a match with a placement date) for the stability report: those the agency made,
 * or, for a children's local authority, those of its children. The household is joined only for its
 * reference, so the counts never depend on who may see households.
 */
export async function placementsOf(tx: Tx, scope: { agencyId: string } | { childOrganisationId: string }) {
  return tx
    .select({
      id: matches.id,
      householdId: matches.householdId,
      householdReference: households.reference,
      childCount: sql<number>`cardinality(${matches.childIds})`,
      stage: matches.stage,
      placementDate: matches.placementDate,
      adoptionOrderDate: matches.adoptionOrderDate,
      disruptionDate: matches.disruptionDate,
      disruptionReasons: matches.disruptionReasons,
    })
    .from(matches)
    .leftJoin(households, eq(households.id, matches.householdId))
    .where(and('agencyId' in scope ? eq(matches.organisationId, scope.agencyId) : eq(matches.childOrganisationId, scope.childOrganisationId), isNotNull(matches.placementDate)))
    .orderBy(asc(matches.placementDate), asc(matches.id))
    .limit(20_000);
}

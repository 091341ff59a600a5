import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { organisations, users } from '../../platform/auth/schema.ts';
import { childrenByIds, organisationsSharingChildrenWith } from '../children/index.ts';
import { matchById, matchesAtStages, placementsOf as placementsOfMatches, type MatchRow } from '../matching/index.ts';
import { householdLabelOf, householdLabelsOf, householdOfAdopter as adoptersHousehold, householdsOfOrganisation } from '../recruitment/index.ts';
import { withHouseholds } from './household-references.ts';
import { supportPlans } from './schema.ts';

/**
 * Lookups the support module needs of other modules (households, matches, children: through their
 * front doors) and of staff, read
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

export async function getHousehold(tx: Tx, id: string): Promise<HouseholdRow | undefined> {
  return householdLabelOf(tx, id);
}

/** The household an adopter is an applicant of (row-level security shows them no other). */
export async function householdOfAdopter(tx: Tx, userId: string): Promise<HouseholdRow | undefined> {
  return adoptersHousehold(tx, userId);
}

export function isClosedHousehold(stage: string): boolean {
  return (CLOSED_HOUSEHOLD_STAGES as readonly string[]).includes(stage);
}

/** Households a form may offer: approved onward, or any already receiving support. */
export async function householdsForSupport(tx: Tx, organisationId: string) {
  const withPlans = await tx
    .selectDistinct({ householdId: supportPlans.householdId })
    .from(supportPlans)
    .where(eq(supportPlans.organisationId, organisationId));
  return householdsOfOrganisation(tx, organisationId, {
    stages: SUPPORTED_HOUSEHOLD_STAGES,
    alsoIds: withPlans.map((p) => p.householdId),
    exceptStages: CLOSED_HOUSEHOLD_STAGES,
    limit: 2000,
  });
}

export type { MatchRow };

export async function getMatch(tx: Tx, id: string): Promise<MatchRow | undefined> {
  return matchById(tx, id);
}

/** Match stages at which an adoption support plan is agreed and kept: from the matching meeting on. */
export const PLANNABLE_STAGES = ['matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed', 'adoption_order', 'disrupted'] as const;

export function isPlannable(stage: string): boolean {
  return (PLANNABLE_STAGES as readonly string[]).includes(stage);
}

/** The organisation's matches that could have a support plan and have none yet, by the family's reference. */
export async function matchesWithoutPlan(tx: Tx, organisationId: string) {
  const candidates = await matchesAtStages(tx, organisationId, PLANNABLE_STAGES);
  if (candidates.length === 0) return [];
  const planned = new Set(
    (
      await tx
        .select({ matchId: supportPlans.matchId })
        .from(supportPlans)
        .where(
          inArray(
            supportPlans.matchId,
            candidates.map((m) => m.id),
          ),
        )
    ).map((p) => p.matchId),
  );
  const rows = await withHouseholds(
    tx,
    candidates.filter((m) => !planned.has(m.id)),
    (m) => m.householdId,
    { byReference: true },
  );
  return rows
    .slice(0, 1000)
    .map(({ row, householdReference }) => ({ id: row.id, stage: row.stage, placementDate: row.placementDate, childCount: row.childCount, householdReference }));
}

/** First names of the children the person may see (row-level security leaves out the others). */
export async function childNames(tx: Tx, ids: readonly string[]): Promise<string[]> {
  return (await childrenByIds(tx, ids)).map((child) => child.name);
}

/** Staff of an organisation who may deliver support or be allocated a request. */
export async function supportWorkers(tx: Tx, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        isNull(users.disabledAt),
        sql`${users.roles} && ${sql.raw(`ARRAY[${SUPPORT_WORKER_ROLES.map((r) => `'${r}'`).join(',')}]::text[]`)}`,
      ),
    )
    .orderBy(asc(users.name))
    .limit(1000);
}

/**
 * Who may lead a family's support session: the organisation's support staff, and the clinical
 * psychologists of the clinical partners it works with (those it shares children with), who often
 * deliver the therapeutic support after placement. A partner's psychologist carries their
 * organisation's name, so the form can say whose they are.
 */
export async function sessionWorkers(
  tx: Tx,
  organisationId: string,
): Promise<{ id: string; name: string; organisationName: string | null; organisationNameCy: string | null }[]> {
  const staff = (await supportWorkers(tx, organisationId)).map((s) => ({ ...s, organisationName: null, organisationNameCy: null }));
  const partnerIds = await organisationsSharingChildrenWith(tx, organisationId);
  if (partnerIds.length === 0) return staff;
  const psychologists = await tx
    .select({ id: users.id, name: users.name, organisationName: organisations.name, organisationNameCy: organisations.nameCy })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        inArray(users.organisationId, partnerIds),
        eq(organisations.type, 'clinical_partner'),
        isNull(users.disabledAt),
        sql`'clinical_psychologist' = any(${users.roles})`,
      ),
    )
    .orderBy(asc(users.name))
    .limit(1000);
  return [...staff, ...psychologists];
}

export async function userNames(tx: Tx, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Every placement (a match with a placement date) for the stability report: those the agency made,
 * or, for a children's local authority, those of its children (matching's). The household gives only its
 * reference, null where the reader may not see it, so the counts never depend on who may see households.
 */
export async function placementsOf(tx: Tx, scope: { agencyId: string } | { childOrganisationId: string }) {
  const placements = await placementsOfMatches(tx, scope);
  const households = await householdLabelsOf(
    tx,
    placements.map((p) => p.householdId),
  );
  return placements.map(({ id, householdId, ...rest }) => ({ id, householdId, householdReference: households.get(householdId)?.reference ?? null, ...rest }));
}

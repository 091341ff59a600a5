import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { matches } from './schema.ts';

/**
 * Named read queries of matches for other modules (support plans and the stability report), in
 * the caller's transaction: matching owns the table, so the others read it here.
 */

export type MatchRow = typeof matches.$inferSelect;

export async function matchById(tx: Tx, id: string): Promise<MatchRow | undefined> {
  const [row] = await tx.select().from(matches).where(eq(matches.id, id));
  return row;
}

/** The organisation's matches at these stages, with how many children each places. */
export async function matchesAtStages(tx: Tx, organisationId: string, stages: readonly string[]) {
  return tx
    .select({
      id: matches.id,
      householdId: matches.householdId,
      stage: matches.stage,
      placementDate: matches.placementDate,
      childCount: sql<number>`cardinality(${matches.childIds})`,
    })
    .from(matches)
    .where(and(eq(matches.organisationId, organisationId), inArray(matches.stage, stages as MatchRow['stage'][])));
}

/** These matches' stage, placement date and number of children, by id. */
export async function matchSummariesOf(tx: Tx, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { stage: MatchRow['stage']; placementDate: string | null; childCount: number }>();
  const rows = await tx
    .select({ id: matches.id, stage: matches.stage, placementDate: matches.placementDate, childCount: sql<number>`cardinality(${matches.childIds})` })
    .from(matches)
    .where(inArray(matches.id, unique));
  return new Map(rows.map(({ id, ...summary }) => [id, summary]));
}

/**
 * Every placement (a match with a placement date): those the agency made, or, for a children's
 * local authority, those of its children; by placement date.
 */
export async function placementsOf(tx: Tx, scope: { agencyId: string } | { childOrganisationId: string }) {
  return tx
    .select({
      id: matches.id,
      householdId: matches.householdId,
      childCount: sql<number>`cardinality(${matches.childIds})`,
      stage: matches.stage,
      placementDate: matches.placementDate,
      adoptionOrderDate: matches.adoptionOrderDate,
      disruptionDate: matches.disruptionDate,
      disruptionReasons: matches.disruptionReasons,
    })
    .from(matches)
    .where(
      and(
        'agencyId' in scope ? eq(matches.organisationId, scope.agencyId) : eq(matches.childOrganisationId, scope.childOrganisationId),
        isNotNull(matches.placementDate),
      ),
    )
    .orderBy(asc(matches.placementDate), asc(matches.id))
    .limit(20_000);
}

/**
 * Placements that lasted (placed or adopted, never disrupted), placed on or before `upTo`: the
 * children's support goes on, and each anniversary begins a further year of it (support follows them).
 */
export async function lastingPlacementsUpTo(tx: Tx, upTo: string) {
  return tx
    .select({
      id: matches.id,
      organisationId: matches.organisationId,
      childOrganisationId: matches.childOrganisationId,
      childIds: matches.childIds,
      placementDate: sql<string>`${matches.placementDate}::text`,
    })
    .from(matches)
    .where(
      and(
        isNotNull(matches.placementDate),
        isNull(matches.disruptionDate),
        inArray(matches.stage, ['placed', 'adoption_order']),
        lte(matches.placementDate, upTo),
      ),
    )
    .orderBy(asc(matches.placementDate), asc(matches.id));
}

/**
 * Each child's placement (the latest match with a placement date, and not ended by a disruption),
 * by child id: when the child moved in, with which family. Outcome schedules count from it.
 */
export async function placementsOfChildren(tx: Tx, childIds: readonly string[]) {
  const unique = [...new Set(childIds)];
  const found = new Map<string, { matchId: string; householdId: string; placementDate: string }>();
  if (unique.length === 0) return found;
  const rows = await tx
    .select({ id: matches.id, householdId: matches.householdId, placementDate: matches.placementDate, childIds: matches.childIds })
    .from(matches)
    .where(
      and(
        isNotNull(matches.placementDate),
        isNull(matches.disruptionDate),
        sql`${matches.childIds} && ARRAY[${sql.join(
          unique.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}]`,
      ),
    )
    .orderBy(asc(matches.placementDate));
  for (const row of rows) {
    for (const childId of row.childIds)
      if (unique.includes(childId)) found.set(childId, { matchId: row.id, householdId: row.householdId, placementDate: row.placementDate! });
  }
  return found;
}

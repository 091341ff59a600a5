import { and, eq, gte, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { matches } from './schema.ts';

/**
 * Named read queries of matches for the placement success measures (outcomes module), in the
 * caller's transaction. Scope: the agency's own matches, or a local authority's children's.
 */
export type MatchScope = { agencyId?: string; localAuthorityId?: string };

function inScope(scope: MatchScope) {
  return and(
    scope.agencyId ? eq(matches.organisationId, scope.agencyId) : undefined,
    scope.localAuthorityId ? eq(matches.childOrganisationId, scope.localAuthorityId) : undefined,
  );
}

export type PlacementSuccessMatch = {
  id: string;
  childIds: string[];
  /** Set when the match placed a whole sibling group as one unit. */
  siblingGroupId: string | null;
  decisionDate: string | null;
  decision: 'match' | 'do_not_match' | null;
  placementDate: string | null;
  adoptionOrderDate: string | null;
  disruptionDate: string | null;
  disruptionReasons: string | null;
};

/**
 * Matches with something to count in the period: decided (to match) in it, a child moved in during
 * it, or a placement that ended in it.
 */
export async function matchesForPlacementSuccess(tx: Tx, period: { from: string; to: string }, scope: MatchScope): Promise<PlacementSuccessMatch[]> {
  // Rows as node-postgres gives them, already in PlacementSuccessMatch's shape: a year of a large
  // service is tens of thousands of matches, and mapping each through the query builder cost more than reading it.
  // The children's ids come as one string split here: node-postgres reads a uuid[] character by
  // character, which cost more than the rest of the row.
  const result = await tx.execute(sql`
    select id, array_to_string(child_ids, ' ') as "childIds", sibling_group_id as "siblingGroupId",
           decision_date as "decisionDate", decision, placement_date as "placementDate",
           adoption_order_date as "adoptionOrderDate", disruption_date as "disruptionDate", disruption_reasons as "disruptionReasons"
      from ${matches}
     where ${inPeriod(period, scope)}`);
  const rows = result.rows as (Omit<PlacementSuccessMatch, 'childIds'> & { childIds: string })[];
  return rows.map((row) => ({ ...row, childIds: row.childIds === '' ? [] : row.childIds.split(' ') }));
}

/** The children of those matches, as a subquery (one column of child ids) for children's reads of their dates and brothers and sisters. */
export function childrenOfPlacementSuccessMatchesQuery(period: { from: string; to: string }, scope: MatchScope): SQL {
  return sql`SELECT unnest(${matches.childIds}) FROM ${matches} WHERE ${inPeriod(period, scope)}`;
}

function inPeriod(period: { from: string; to: string }, scope: MatchScope) {
  const within = (column: typeof matches.decisionDate | typeof matches.placementDate | typeof matches.disruptionDate) =>
    and(gte(column, period.from), lte(column, period.to));
  return and(
    inScope(scope),
    or(and(eq(matches.decision, 'match'), within(matches.decisionDate)), within(matches.placementDate), within(matches.disruptionDate)),
  );
}

/**
 * The children a match was decided for on or before `on` (whose wait for a match had ended by
 * then), as a subquery (one column of child ids) for another module's query to leave out: counting who is still waiting over a large service stays one query in PostgreSQL.
 */
export function childrenMatchedByQuery(on: string, scope: MatchScope): SQL {
  const where = and(inScope(scope), eq(matches.decision, 'match'), isNotNull(matches.decisionDate), lte(matches.decisionDate, on));
  return sql`SELECT unnest(${matches.childIds}) FROM ${matches} WHERE ${where}`;
}

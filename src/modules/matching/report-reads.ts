import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../platform/db/pool.ts';
import { matches } from './schema.ts';

/** A report's period, and the one local authority whose children it covers (a commissioner's report). */
export type MatchingReportScope = { from: string; to: string; localAuthorityId?: string };

/**
 * A named aggregate read for the reports module, in the caller's transaction: per local authority,
 * the children whose match the agency decided in the period, who moved in, and whose adoption order
 * was made; and the ids of the children placed (for the ACEs of children placed). Ids, never names.
 */
export async function matchingReportCounts(tx: Tx, scope: MatchingReportScope) {
  const la = scope.localAuthorityId ? sql`and ${matches.childOrganisationId} = ${scope.localAuthorityId}` : sql``;
  const between = (column: SQLWrapper) => sql`${column} between ${scope.from}::date and ${scope.to}::date`;
  const result = await tx.execute(sql`
    select ${matches.childOrganisationId}::text as authority,
      coalesce(sum(cardinality(${matches.childIds})) filter (where ${between(matches.decisionDate)} and ${matches.decision} = 'match'), 0)::int as matched,
      coalesce(sum(cardinality(${matches.childIds})) filter (where ${between(matches.placementDate)}), 0)::int as placed,
      coalesce(sum(cardinality(${matches.childIds})) filter (where ${between(matches.adoptionOrderDate)}), 0)::int as adopted
    from ${matches}
    where (${between(matches.decisionDate)} or ${between(matches.placementDate)} or ${between(matches.adoptionOrderDate)}) ${la}
    group by 1`);
  const placedIds = await tx.execute(sql`
    select distinct unnest(${matches.childIds})::text as id from ${matches} where ${between(matches.placementDate)} ${la}`);
  return {
    byAuthority: (result.rows as { authority: string; matched: number; placed: number; adopted: number }[]).map((r) => ({
      authority: r.authority,
      matched: Number(r.matched),
      placed: Number(r.placed),
      adopted: Number(r.adopted),
    })),
    placedChildIds: (placedIds.rows as { id: string }[]).map((r) => r.id),
  };
}

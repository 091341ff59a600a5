import type { Tx } from '../../platform/db/pool.ts';
import { addDays, addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import { childrenByIds, journeyDatesOf, planChangesBetween, waitingForMatchOn } from '../children/index.ts';
import { childrenMatchedByQuery, childrenOfPlacementSuccessMatchesQuery, matchesForPlacementSuccess } from '../matching/index.ts';
import { familiesWaitingForMatchOn, householdLabelsOf } from '../recruitment/index.ts';
import {
  FAMILY_WAITING_MONTHS,
  WAITING_MONTHS,
  type ChildPlacement,
  type MatchDecision,
  type Measure,
  type Period,
  type PlacementSuccessFacts,
} from './placement-success.ts';

/**
 * The facts behind the placement success measures, read through the owners' front doors (children,
 * matching, recruitment) in the caller's transaction: outcomes owns no table of these. Scope: the
 * agency's own matches and families (agencyId), one local authority's children (localAuthorityId),
 * or both; neither for the platform's aggregate over every agency.
 */
export type FactsScope = { agencyId?: string; localAuthorityId?: string; includeFamilies: boolean };

export async function placementSuccessFacts(tx: Tx, period: Period, scope: FactsScope, list?: Measure): Promise<PlacementSuccessFacts> {
  const matchScope = { agencyId: scope.agencyId, localAuthorityId: scope.localAuthorityId };
  const found = await matchesForPlacementSuccess(tx, period, matchScope);
  // The children of those matches stay a subquery: a year of a large service places thousands.
  // One query after another: a transaction is one connection, which runs one query at a time.
  const theirChildren = childrenOfPlacementSuccessMatchesQuery(period, matchScope);
  const journeys = await journeyDatesOf(tx, theirChildren, { localAuthorityId: scope.localAuthorityId });
  // A child the reader may not see (or of another authority) has no journey row and is left out.
  const journeyOf = new Map(journeys.map((j) => [j.id, j] as const));

  const placements: ChildPlacement[] = [];
  const decisions: MatchDecision[] = [];
  for (const match of found) {
    for (const childId of match.childIds) {
      const journey = journeyOf.get(childId);
      if (!journey) continue;
      if (match.placementDate) {
        placements.push({
          childId,
          matchId: match.id,
          matchChildIds: match.childIds,
          placementDate: match.placementDate,
          adoptionOrderDate: match.adoptionOrderDate,
          disruptionDate: match.disruptionDate,
          disruptionReasons: match.disruptionReasons,
          enteredCareDate: journey.enteredCareDate,
          inSiblingGroup: journey.inSiblingGroup,
          placedAsGroup: match.siblingGroupId !== null,
        });
      }
      if (match.decision === 'match' && match.decisionDate) {
        decisions.push({ childId, matchId: match.id, decisionDate: match.decisionDate, placementOrderDate: journey.placementOrderDate });
      }
    }
  }

  // Waiting on the period's last day, no match decided by then: counted in PostgreSQL (tens of
  // thousands of children in a large service), the children themselves read only for their list.
  const waiting = await waitingForMatchOn(tx, {
    on: period.to,
    months: WAITING_MONTHS,
    matched: childrenMatchedByQuery(period.to, matchScope),
    localAuthorityId: scope.localAuthorityId,
    list: list === 'waitingOver6Months' ? 6 : list === 'waitingOver12Months' ? 12 : undefined,
  });
  const planChanges = await planChangesBetween(tx, { from: period.from, to: period.to, localAuthorityId: scope.localAuthorityId });
  const families = scope.includeFamilies
    ? await familiesWaitingForMatchOn(tx, { on: period.to, approvedBy: addDays(addMonths(period.to, -FAMILY_WAITING_MONTHS), 3), agencyId: scope.agencyId })
    : null;
  return {
    placements,
    decisions,
    waiting: waiting.rows.map((c) => ({ childId: c.id, since: c.since })),
    waitingCounts: { over6Months: waiting.counts[0]!, over12Months: waiting.counts[1]! },
    planChanges: planChanges.map((c) => ({ childId: c.id, outcome: c.outcome, reason: c.outcomeReason, outcomeDate: c.outcomeDate })),
    families: families?.map((f) => ({ householdId: f.id, reference: f.reference, approvedDate: f.approvedDate })) ?? null,
  };
}

/** Names of the children on one page of a list (those the reader may not see are missing). */
export async function childNamesFor(tx: Tx, ids: readonly string[]): Promise<Map<string, { name: string; dateOfBirth: IsoDate; organisationId: string }>> {
  const facts = await childrenByIds(tx, ids);
  return new Map(facts.map((c) => [c.id, { name: c.fullName, dateOfBirth: c.dateOfBirth, organisationId: c.organisationId }]));
}

/** References of the families on one page of a list. */
export async function familyLabelsFor(tx: Tx, ids: readonly string[]) {
  return householdLabelsOf(tx, ids);
}

import type { Tx } from '../../platform/db/pool.ts';
import { adoptionPanelsByMonth, homeStudyVisitsByMonth } from '../recruitment/index.ts';
import { adopterPreparationByMonth, consultationsByMonth, tacMeetingsByMonth } from '../preparation/index.ts';
import { deliveredSupportByMonth } from '../support/index.ts';
import { supervisionByMonth } from '../workforce/index.ts';
import { trainingDeliveredByMonth } from '../training/index.ts';
import { childIdsOfMatches, matchingPanelsByMonth } from '../matching/index.ts';
import { campaignSpendByMonth } from '../campaigns/index.ts';
import { childrenSharedWith } from '../children/index.ts';
import type { ActivityTotal } from './costs.ts';
import type { Activity } from './costs-vocabulary.ts';
import type { DirectCost } from './recovery.ts';

/**
 * The recorded work of a period, read through each owning module's front door (never their
 * tables), as finance's ActivityTotal rows: records, minutes and the children they were about,
 * per month. Support sessions name a match; matching says which children it placed.
 */
export type WorkScope = { from: string; to: string; organisationIds: readonly string[] };

type Monthly = { month: string; childIds?: readonly string[]; records: number; recordedMinutes: number; withoutDuration?: number };

const as = (activity: Activity, rows: readonly Monthly[]): ActivityTotal[] =>
  rows.map((r) => ({
    activity,
    month: r.month,
    childIds: r.childIds ?? [],
    records: r.records,
    recordedMinutes: r.recordedMinutes,
    withoutDuration: r.withoutDuration ?? 0,
  }));

/** Support delivered to families, about the children their match placed. */
export async function supportWork(tx: Tx, scope: WorkScope): Promise<ActivityTotal[]> {
  const support = await deliveredSupportByMonth(tx, scope);
  const placed = await childIdsOfMatches(
    tx,
    support.flatMap((s) => (s.matchId ? [s.matchId] : [])),
  );
  return as(
    'support_session',
    support.map((s) => ({ ...s, childIds: s.matchId ? (placed.get(s.matchId) ?? []) : [] })),
  );
}

/**
 * The agency's own recorded work, and its clinical partners' work about children referred to the
 * agency (TAC meetings and consultations; a partner's other work is its own business).
 */
export async function recordedWork(tx: Tx, scope: WorkScope & { agencyId: string }): Promise<ActivityTotal[]> {
  const partners = { ...scope, organisationIds: scope.organisationIds.filter((id) => id !== scope.agencyId) };
  const own = await agencyWork(tx, { ...scope, organisationIds: [scope.agencyId] });
  if (partners.organisationIds.length === 0) return own;
  const partnerRows = [...as('tac_meeting', await tacMeetingsByMonth(tx, partners)), ...as('consultation', await consultationsByMonth(tx, partners))];
  const shared = await childrenSharedWith(
    tx,
    partnerRows.flatMap((r) => r.childIds),
    scope.agencyId,
  );
  return [...own, ...partnerRows.filter((r) => r.childIds.length > 0 && r.childIds.some((id) => shared.has(id)))];
}

async function agencyWork(tx: Tx, scope: WorkScope): Promise<ActivityTotal[]> {
  return [
    ...as('home_study_visit', await homeStudyVisitsByMonth(tx, scope)),
    ...as('adoption_panel', await adoptionPanelsByMonth(tx, scope)),
    ...as('matching_panel', await matchingPanelsByMonth(tx, scope)),
    ...as('tac_meeting', await tacMeetingsByMonth(tx, scope)),
    ...as('consultation', await consultationsByMonth(tx, scope)),
    ...as('adopter_preparation', await adopterPreparationByMonth(tx, scope)),
    ...(await supportWork(tx, scope)),
    ...as('supervision', await supervisionByMonth(tx, scope)),
    ...as('training_session', await trainingDeliveredByMonth(tx, scope)),
  ];
}

/** Campaign spend recorded by recruitment campaigns: a shared direct cost. */
export async function campaignSpend(tx: Tx, scope: WorkScope): Promise<DirectCost[]> {
  return (await campaignSpendByMonth(tx, scope)).map((r) => ({
    incurredOn: r.month,
    amountPence: r.amountPence,
    category: 'campaign',
    localAuthorityId: null,
  }));
}

import type { Tx } from '../../platform/db/pool.ts';
import { adoptionPanelsByMonth, homeStudyVisitsByMonth } from '../recruitment/index.ts';
import { adopterPreparationByMonth, consultationsByMonth, tacMeetingsByMonth } from '../preparation/index.ts';
import { deliveredSupportByMonth } from '../support/index.ts';
import { supervisionByMonth } from '../workforce/index.ts';
import { trainingDeliveredByMonth } from '../training/index.ts';
import { childIdsOfMatches, matchingPanelsByMonth } from '../matching/index.ts';
import { campaignSpendByMonth } from '../campaigns/index.ts';
import { childrenSharedWith } from '../children/index.ts';
import type { ActivityWork, MonthOfWork } from './costs.ts';
import type { Activity } from './costs-vocabulary.ts';
import type { DirectCost } from './recovery.ts';

/**
 * The recorded work of a period, read through each owning module's front door (never their
 * tables), as finance's ActivityWork: per kind of work, the owner's rows as they come (records,
 * minutes and the children they were about, per month), not copied: a year is tens of thousands
 * of them. Support sessions name a match; matching says which children it placed.
 */
export type WorkScope = { from: string; to: string; organisationIds: readonly string[] };

const as = (activity: Activity, rows: readonly MonthOfWork[]): ActivityWork => ({ activity, rows });

const NO_CHILDREN: readonly string[] = [];

/** Support delivered to families, about the children their match placed. */
export async function supportWork(tx: Tx, scope: WorkScope): Promise<ActivityWork> {
  const support = await deliveredSupportByMonth(tx, scope);
  const matchIds: string[] = [];
  for (const s of support) if (s.matchId) matchIds.push(s.matchId);
  const placed = await childIdsOfMatches(tx, matchIds);
  const rows: MonthOfWork[] = new Array<MonthOfWork>(support.length);
  for (let i = 0; i < support.length; i++) {
    const s = support[i]!;
    rows[i] = { month: s.month, childIds: (s.matchId && placed.get(s.matchId)) || NO_CHILDREN, records: s.records, recordedMinutes: s.recordedMinutes };
  }
  return as('support_session', rows);
}

/**
 * The agency's own recorded work, and its clinical partners' work about children referred to the
 * agency (TAC meetings and consultations; a partner's other work is its own business).
 */
export async function recordedWork(tx: Tx, scope: WorkScope & { agencyId: string }): Promise<ActivityWork[]> {
  const partners = { ...scope, organisationIds: scope.organisationIds.filter((id) => id !== scope.agencyId) };
  const own = await agencyWork(tx, { ...scope, organisationIds: [scope.agencyId] });
  if (partners.organisationIds.length === 0) return own;
  const partnerWork = [as('tac_meeting', await tacMeetingsByMonth(tx, partners)), as('consultation', await consultationsByMonth(tx, partners))];
  const shared = await childrenSharedWith(
    tx,
    partnerWork.flatMap((w) => w.rows.flatMap((r) => r.childIds ?? [])),
    scope.agencyId,
  );
  return [
    ...own,
    ...partnerWork.map((w) =>
      as(
        w.activity,
        w.rows.filter((r) => r.childIds && r.childIds.length > 0 && r.childIds.some((id) => shared.has(id))),
      ),
    ),
  ];
}

async function agencyWork(tx: Tx, scope: WorkScope): Promise<ActivityWork[]> {
  return [
    as('home_study_visit', await homeStudyVisitsByMonth(tx, scope)),
    as('adoption_panel', await adoptionPanelsByMonth(tx, scope)),
    as('matching_panel', await matchingPanelsByMonth(tx, scope)),
    as('tac_meeting', await tacMeetingsByMonth(tx, scope)),
    as('consultation', await consultationsByMonth(tx, scope)),
    as('adopter_preparation', await adopterPreparationByMonth(tx, scope)),
    await supportWork(tx, scope),
    as('supervision', await supervisionByMonth(tx, scope)),
    as('training_session', await trainingDeliveredByMonth(tx, scope)),
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

import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { childrenWaitingSince } from '../children/index.ts';
import { matchingReportCounts } from '../matching/index.ts';
import { createPlacementSuccessService } from '../outcomes/index.ts';
import { householdsInAssessment } from '../recruitment/index.ts';
import { supportRequestsWaitingSince } from '../support/index.ts';
import { financialYearStart, supervisionCompliance, waiting } from './key-figures.ts';

export type KeyFigures = {
  yearFrom: IsoDate;
  today: IsoDate;
  childrenWaiting: { count: number; medianDays: number | null };
  placements: number;
  disruptions: number | null;
  inAssessment: { stage: string; households: number }[];
  supportWaiting: { count: number; medianDays: number | null };
  supervision: { workers: number; compliant: number; percent: number | null } | null;
};

/** How the figures ask workforce for each supervised worker's state (overdue, due soon, ok). */
export type SupervisionLevels = (ctx: RequestContext) => Promise<string[]>;

/**
 * The service manager's key figures, read through each module's front door as the manager (RLS stands
 * behind). Only the person who issues the agency's reports sees them: the figures are the agency's.
 */
export function createKeyFiguresService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const placementSuccess = createPlacementSuccessService(runner, options);

  async function keyFigures(ctx: RequestContext, supervisionLevels: SupervisionLevels): Promise<KeyFigures | null> {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || actor.organisationType !== 'agency' || !can(actor, 'reports.issue')) return null;
    const today = dateInWales(clock());
    const yearFrom = financialYearStart(today);
    const counted = await runner.run(ctx, async (tx) => {
      const children = await childrenWaitingSince(tx);
      const matching = await matchingReportCounts(tx, { from: yearFrom, to: today });
      const inAssessment = await householdsInAssessment(tx, { organisationId: actor.organisationId });
      const support = await supportRequestsWaitingSince(tx, { organisationIds: [actor.organisationId] });
      await recordAudit(tx, ctx, { action: 'reports.view', resourceType: 'report', detail: { keyFigures: true } });
      return {
        childrenWaiting: waiting(children, today),
        placements: matching.byAuthority.reduce((sum, row) => sum + row.placed, 0),
        inAssessment,
        supportWaiting: waiting(support, today),
      };
    });
    const success = can(actor, 'placementSuccess.view') ? await placementSuccess.placementSuccessReport(ctx, { from: yearFrom, to: today }) : null;
    const disruptions = success && !success.disclosed ? success.figures.disruptionsBeforeOrder : null;
    const supervision = can(actor, 'supervision.view') ? supervisionCompliance(await supervisionLevels(ctx)) : null;
    return { yearFrom, today, ...counted, disruptions, supervision };
  }

  return { keyFigures };
}

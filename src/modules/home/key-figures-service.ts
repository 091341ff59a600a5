import { recordAudit } from '../../platform/audit/audit.ts';
import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { can } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { addMonths } from '../../platform/dates/dates.ts';
import { childrenWaitingOn, childrenWaitingOnDays } from '../children/index.ts';
import { childrenMatchedByQuery, matchingReportCounts } from '../matching/index.ts';
import { createPlacementSuccessService } from '../outcomes/index.ts';
import { householdsInAssessment } from '../recruitment/index.ts';
import { supportRequestsWaitingSince } from '../support/index.ts';
import { discloseTable } from '../reporting/index.ts';
import { financialYearStart, improvementShare, lastTwelveMonths, previousPeriod, supervisionCompliance, waiting } from './key-figures.ts';

export type KeyFigures = {
  yearFrom: IsoDate;
  today: IsoDate;
  childrenWaiting: { count: number; medianDays: number | null };
  placements: number;
  disruptions: number | null;
  inAssessment: { stage: string; households: number }[];
  supportWaiting: { count: number; medianDays: number | null };
  supervision: { workers: number; compliant: number; percent: number | null } | null;
  /** This period against the same span a year before: children waiting a year ago, placements in last year's span. */
  previous: { childrenWaiting: number; placements: number };
  /** The last twelve months: children waiting at each month's end (today for this month), children placed in each. */
  months: { month: string; waiting: number; placed: number }[];
  money: MoneyOwed | null;
  improvement: ReturnType<typeof improvementShare> | null;
};

/** What authorities owe the agency, in pence (finance). */
export type MoneyOwed = { owedPence: number; overduePence: number; overdueInvoices: number };

/** How the figures ask other modules' services (each read as the manager, and audited there). */
export type KeyFigureReaders = {
  /** Each supervised worker's state (overdue, due soon, ok), as workforce decides it. */
  supervisionLevels: (ctx: RequestContext) => Promise<string[]>;
  /** What authorities owe and what is overdue (finance's front door). */
  money?: (ctx: RequestContext) => Promise<MoneyOwed>;
  /** Children with two or more measures on the SDQ total difficulties, and how many reliably improved (outcomes). */
  improvement?: (ctx: RequestContext) => Promise<{ improved: number; children: number } | null>;
};

/**
 * The service manager's key figures, read through each module's front door as the manager (RLS stands
 * behind). Only the person who issues the agency's reports sees them: the figures are the agency's.
 */
export function createKeyFiguresService(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const placementSuccess = createPlacementSuccessService(runner, options);

  async function keyFigures(ctx: RequestContext, readers: KeyFigureReaders): Promise<KeyFigures | null> {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || actor.organisationType !== 'agency' || !can(actor, 'reports.issue')) return null;
    const today = dateInWales(clock());
    const yearFrom = financialYearStart(today);
    const months = lastTwelveMonths(today);
    const lastYear = previousPeriod({ from: yearFrom, to: today });
    const placedIn = async (tx: Parameters<typeof matchingReportCounts>[0], period: { from: string; to: string }) =>
      (await matchingReportCounts(tx, period)).byAuthority.reduce((sum, row) => sum + row.placed, 0);
    const counted = await runner.run(ctx, async (tx) => {
      // One meaning of waiting (children's waitingOn) for the headline today, a year ago and each month's end:
      // this month's bar ends today, so it is the headline's count.
      const matchedBy = (day: string) => childrenMatchedByQuery(day, { agencyId: actor.organisationId });
      const children = await childrenWaitingOn(tx, today, matchedBy);
      const [aYearAgo, ...monthEnds] = await childrenWaitingOnDays(tx, [addMonths(today, -12), ...months.map((m) => m.to)], matchedBy);
      const placedByMonth: number[] = [];
      for (const m of months) placedByMonth.push(await placedIn(tx, m));
      const inAssessment = await householdsInAssessment(tx, { organisationId: actor.organisationId });
      const support = await supportRequestsWaitingSince(tx, { organisationIds: [actor.organisationId] });
      await recordAudit(tx, ctx, { action: 'reports.view', resourceType: 'report', detail: { keyFigures: true } });
      return {
        childrenWaiting: waiting(children, today),
        placements: await placedIn(tx, { from: yearFrom, to: today }),
        inAssessment,
        supportWaiting: waiting(support, today),
        previous: { childrenWaiting: aYearAgo ?? 0, placements: await placedIn(tx, lastYear) },
        months: months.map((m, i) => ({ month: m.month, waiting: monthEnds[i] ?? 0, placed: placedByMonth[i] ?? 0 })),
      };
    });
    const success = can(actor, 'placementSuccess.view') ? await placementSuccess.placementSuccessReport(ctx, { from: yearFrom, to: today }) : null;
    const disruptions = success && !success.disclosed ? success.figures.disruptionsBeforeOrder : null;
    const supervision = can(actor, 'supervision.view') ? supervisionCompliance(await readers.supervisionLevels(ctx)) : null;
    const money = readers.money && can(actor, 'statements.view') ? await readers.money(ctx) : null;
    const outcome = readers.improvement && can(actor, 'outcomes.cohort') ? await readers.improvement(ctx) : null;
    // Published as statistics are: small counts withheld (reporting's disclosure control).
    const improvement = outcome ? improvementShare(outcome.improved, outcome.children, (row) => discloseTable([row]).cells[0]!) : null;
    return { yearFrom, today, ...counted, disruptions, supervision, money, improvement };
  }

  return { keyFigures };
}

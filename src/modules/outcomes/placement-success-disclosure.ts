import { discloseCohort, discloseTable, SUPPRESSED, type Cell, type DisclosureConfig } from '../reporting/index.ts';
import type { Average, PlacementSuccess, Period, Share } from './placement-success.ts';

/**
 * Placement success as anyone outside the agency may see it: every figure passes the reporting
 * module's disclosure control (counts 1–4 shown as "c", a second cell hidden wherever a hidden one
 * could be worked out from its total, totals rounded, averages and percentages only where no
 * count behind them is hidden). No list of children, no reason written about a child.
 */
export type DisclosedAverage = { children: Cell; averageDays: Cell | null };
export type DisclosedShare = { children: Cell; within: Cell; percent: Cell | null };
export type DisclosedWindow = { months: number; reached: Cell; open: Cell; disrupted: Cell; openPercent: Cell | null };

export type DisclosedPlacementSuccess = {
  period: Period;
  asOf: string;
  careToMovedIn: DisclosedAverage;
  orderToDecision: DisclosedAverage;
  movedInWithin14Months: DisclosedShare;
  waiting: { over6Months: Cell; over12Months: Cell };
  planChanges: { total: Cell; byOutcome: { outcome: string; children: Cell }[] };
  siblings: { together: Cell; separated: Cell };
  disruptionsBeforeOrder: Cell;
  windows: DisclosedWindow[];
  familiesWaitingOver3Months: Cell | null;
};

function discloseAverage(average: Average, config: DisclosureConfig): DisclosedAverage {
  const disclosed = discloseCohort([average.children], { averageDays: average.averageDays }, config);
  return { children: disclosed.cells[0] ?? 0, averageDays: disclosed.statistics.averageDays };
}

function discloseShare(share: Share, config: DisclosureConfig): DisclosedShare {
  const table = discloseTable([[share.within, share.children - share.within]], config);
  const within = table.cells[0]![0]!;
  const hidden = table.cells[0]!.includes(SUPPRESSED);
  return { children: table.grandTotal, within, percent: share.percent === null ? null : hidden ? SUPPRESSED : share.percent };
}

/** One count on its own (a table of one cell). */
function discloseOne(n: number, config: DisclosureConfig): Cell {
  return discloseTable([[n]], config).cells[0]![0]!;
}

export function disclosePlacementSuccess(figures: Omit<PlacementSuccess, 'lists'>, config: DisclosureConfig): DisclosedPlacementSuccess {
  // Waiting more than 12 months is part of waiting more than 6: published as two disjoint cells with their total.
  const waiting = discloseTable([[figures.waiting.over6Months - figures.waiting.over12Months, figures.waiting.over12Months]], config);
  const plans = discloseTable([figures.planChanges.byOutcome.map((o) => o.children)], config);
  const siblings = discloseTable([[figures.siblings.together, figures.siblings.separated]], config);
  const windows = discloseTable(
    figures.windows.map((w) => [w.open, w.disrupted]),
    config,
  );
  return {
    period: figures.period,
    asOf: figures.asOf,
    careToMovedIn: discloseAverage(figures.careToMovedIn, config),
    orderToDecision: discloseAverage(figures.orderToDecision, config),
    movedInWithin14Months: discloseShare(figures.movedInWithin14Months, config),
    waiting: { over6Months: waiting.grandTotal, over12Months: waiting.cells[0]![1]! },
    planChanges: {
      total: plans.grandTotal,
      byOutcome: figures.planChanges.byOutcome.map((o, i) => ({ outcome: o.outcome, children: plans.cells[0]![i]! })),
    },
    siblings: { together: siblings.cells[0]![0]!, separated: siblings.cells[0]![1]! },
    disruptionsBeforeOrder: discloseOne(figures.disruptionsBeforeOrder, config),
    windows: figures.windows.map((w, i) => {
      const [open, disrupted] = windows.cells[i]!;
      const reached = windows.rowTotals[i]!;
      const hidden = open === SUPPRESSED || disrupted === SUPPRESSED || reached === SUPPRESSED;
      return {
        months: w.months,
        reached,
        open: open!,
        disrupted: disrupted!,
        openPercent: w.openPercent === null ? null : hidden ? SUPPRESSED : w.openPercent,
      };
    }),
    familiesWaitingOver3Months: figures.familiesWaitingOver3Months === null ? null : discloseOne(figures.familiesWaitingOver3Months, config),
  };
}

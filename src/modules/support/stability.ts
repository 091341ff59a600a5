import { addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import { discloseTable, SUPPRESSED, type Cell, type DisclosureConfig } from '../reporting/index.ts';

/**
 * Placement stability (domain.md, "Evaluation"): a placement that ends before the adoption order
 * is a disruption; the service also asks, at 6, 12 and 24 months after the child moved in, whether
 * the placement is still open. An ending after the order is not a disruption: the order made the
 * family permanent, so the windows count the placement as held.
 */
export type PlacementFacts = { placementDate: IsoDate; adoptionOrderDate: IsoDate | null; disruptionDate: IsoDate | null };

/** Where a placement stands at one window: not there yet, still open, or disrupted by then. */
export type WindowState = 'not_reached' | 'open' | 'disrupted';

/** A disruption is an ending before the adoption order (or with no order made). */
export function isDisruption(placement: PlacementFacts): boolean {
  if (!placement.disruptionDate) return false;
  return placement.adoptionOrderDate === null || placement.disruptionDate < placement.adoptionOrderDate;
}

/** The date a window falls on: `months` calendar months after the child moved in. */
export function windowDate(placementDate: IsoDate, months: number): IsoDate {
  return addMonths(placementDate, months);
}

/**
 * The state of one placement at one window, as known on `asOf`. A window not yet reached says
 * nothing (it is left out of the counts). A placement that ended on the anniversary itself is not
 * open at it.
 */
export function windowState(placement: PlacementFacts, months: number, asOf: IsoDate): WindowState {
  const at = windowDate(placement.placementDate, months);
  // Only placements that have reached the window are counted at it, disrupted or not: counting early
  // disruptions of recent placements before their open peers could be counted would bias the rate.
  if (at > asOf) return 'not_reached';
  if (isDisruption(placement) && placement.disruptionDate! <= at) return 'disrupted';
  return 'open';
}

export type WindowCounts = { months: number; reached: number; open: number; disrupted: number; openPercent: number | null };

export type StabilityCounts = {
  asOf: IsoDate;
  placements: number;
  disruptions: number;
  ordersMade: number;
  /** Still living together, no order yet. */
  continuing: number;
  windows: WindowCounts[];
};

/**
 * The counts of the stability report. A window is counted over the placements that reached it
 * (or were disrupted before they could): open + disrupted = reached.
 */
export function stabilityCounts(placements: readonly PlacementFacts[], asOf: IsoDate, windows: readonly number[]): StabilityCounts {
  const known = placements.filter((p) => p.placementDate <= asOf);
  const disruptions = known.filter((p) => isDisruption(p) && p.disruptionDate! <= asOf).length;
  const ordersMade = known.filter((p) => p.adoptionOrderDate !== null && p.adoptionOrderDate <= asOf).length;
  return {
    asOf,
    placements: known.length,
    disruptions,
    ordersMade,
    continuing: known.length - disruptions - ordersMade,
    windows: windows.map((months) => {
      let open = 0;
      let disrupted = 0;
      for (const p of known) {
        const state = windowState(p, months, asOf);
        if (state === 'open') open += 1;
        else if (state === 'disrupted') disrupted += 1;
      }
      const reached = open + disrupted;
      return { months, reached, open, disrupted, openPercent: reached ? Math.round((100 * open) / reached) : null };
    }),
  };
}

export type DisclosedWindow = { months: number; reached: Cell; open: Cell; disrupted: Cell; openPercent: Cell | null };
export type DisclosedStability = { asOf: IsoDate; placements: Cell; disruptions: Cell; ordersMade: Cell; continuing: Cell; windows: DisclosedWindow[] };

/**
 * The same counts as anyone outside the agency may see them: small numbers shown as "c", a second
 * cell hidden wherever a hidden one could be worked out from its window's total, totals rounded, and
 * no percentage of a window with a hidden cell.
 */
export function discloseStability(counts: StabilityCounts, config: DisclosureConfig): DisclosedStability {
  const table = discloseTable(
    counts.windows.map((w) => [w.open, w.disrupted]),
    config,
  );
  const outcomes = discloseTable([[counts.disruptions, counts.ordersMade, counts.continuing]], config);
  return {
    asOf: counts.asOf,
    placements: outcomes.grandTotal,
    disruptions: outcomes.cells[0]![0]!,
    ordersMade: outcomes.cells[0]![1]!,
    continuing: outcomes.cells[0]![2]!,
    windows: counts.windows.map((w, i) => {
      const [open, disrupted] = table.cells[i]!;
      const reached = table.rowTotals[i]!;
      const hidden = open === SUPPRESSED || disrupted === SUPPRESSED || reached === SUPPRESSED;
      return {
        months: w.months,
        reached,
        open: open!,
        disrupted: disrupted!,
        openPercent: w.openPercent === null ? null : hidden ? SUPPRESSED : w.openPercent,
      };
    }),
  };
}

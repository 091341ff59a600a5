import { addMonths, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';
import { isDisruption, windowState, type WindowState } from '../support/index.ts';

/**
 * Placement success (domain.md, "Evaluation"; the sector's adoption scorecard measures of
 * timeliness): pure measures over the facts of one period. No database and no clock: the service
 * reads the facts and passes `asOf` (today) in. Every measure counts children (a sibling group
 * placed together counts each child) and keeps the list of children behind its figure.
 */

export type Period = { from: IsoDate; to: IsoDate };

/** One child's part in a placement (a match with a moved-in date). */
export type ChildPlacement = {
  childId: string;
  matchId: string;
  /** The children the match placed together. */
  matchChildIds: readonly string[];
  placementDate: IsoDate;
  adoptionOrderDate: IsoDate | null;
  disruptionDate: IsoDate | null;
  disruptionReasons: string | null;
  enteredCareDate: IsoDate | null;
  /** Referred with brothers or sisters (a sibling group). */
  inSiblingGroup: boolean;
  /** Matched with their whole sibling group as one unit (matching never splits a unit it links). */
  placedAsGroup: boolean;
};

/** One child of a match the agency decision maker decided to make. */
export type MatchDecision = { childId: string; matchId: string; decisionDate: IsoDate; placementOrderDate: IsoDate | null };

/** A child whose wait for a match began on `since` (placement order, or the adoption decision without one). */
export type WaitingChild = { childId: string; since: IsoDate };

/** A child whose plan changed away from adoption, the outcome recorded and why. */
export type PlanChange = { childId: string; outcome: string; reason: string | null; outcomeDate: IsoDate };

/** An approved family not yet matched. */
export type WaitingFamily = { householdId: string; reference: string; approvedDate: IsoDate };

export type PlacementSuccessFacts = {
  /** Every child placement the service read for the period (moved in, decided or ended in it). */
  placements: readonly ChildPlacement[];
  decisions: readonly MatchDecision[];
  /** Children whose wait had begun and had not ended in a match or an outcome by the period's end. */
  waiting: readonly WaitingChild[];
  /**
   * The same children counted in the database, over a large service, where only the figures are
   * wanted (the rows above then hold only the list asked for). The rule is the same: more than 6
   * (12) calendar months, the anniversary itself not counted; an integration test holds them together.
   */
  waitingCounts?: { over6Months: number; over12Months: number };
  planChanges: readonly PlanChange[];
  /** Null when the reader may not see families (a local authority). */
  families: readonly WaitingFamily[] | null;
};

export const TIMELINESS_MONTHS = 14;
export const WAITING_MONTHS = [6, 12] as const;
export const FAMILY_WAITING_MONTHS = 3;
export const STABILITY_MONTHS = [6, 12, 24] as const;
export const DISRUPTION_MONTHS = [12, 24] as const;

/** Every figure of the page, by code: the list page opens one of them. */
export const MEASURES = [
  'careToMovedIn',
  'orderToDecision',
  'movedInWithin14Months',
  'waitingOver6Months',
  'waitingOver12Months',
  'planChanges',
  'siblingsTogether',
  'siblingsSeparated',
  'disruptionsBeforeOrder',
  'disruptedWithin12Months',
  'disruptedWithin24Months',
  'stableAt6Months',
  'stableAt12Months',
  'stableAt24Months',
  'familiesWaitingOver3Months',
] as const;
export type Measure = (typeof MEASURES)[number];

/** One line of the list behind a figure: the child (or family), its dates and what counted it. */
export type MeasureRow = {
  childId?: string;
  householdId?: string;
  reference?: string;
  matchId?: string;
  /** The dates the measure compares, by name (enteredCareDate, placementDate, ...). */
  dates: Record<string, IsoDate | null>;
  days?: number;
  /** Whether the row counts toward the figure (the 14-month share lists both). */
  counted: boolean;
  outcome?: string;
  reason?: string | null;
};

export type Average = { children: number; averageDays: number | null; leftOut: number };
export type Share = { children: number; within: number; percent: number | null; leftOut: number };
export type WindowFigure = { months: number; reached: number; open: number; disrupted: number; openPercent: number | null };

export type PlacementSuccess = {
  period: Period;
  asOf: IsoDate;
  careToMovedIn: Average;
  orderToDecision: Average;
  movedInWithin14Months: Share;
  waiting: { over6Months: number; over12Months: number };
  planChanges: { total: number; byOutcome: { outcome: string; children: number }[] };
  siblings: { together: number; separated: number };
  disruptionsBeforeOrder: number;
  /** Placements begun in the period, at 6, 12 and 24 months: reached, still open, disrupted by then. */
  windows: WindowFigure[];
  familiesWaitingOver3Months: number | null;
  lists: Record<Measure, MeasureRow[]>;
};

const inPeriod = (date: IsoDate | null, period: Period) => date !== null && date >= period.from && date <= period.to;

/** Whole-day average, or null when nobody is counted. */
export function averageDays(days: readonly number[]): number | null {
  return days.length ? Math.round(days.reduce((a, b) => a + b, 0) / days.length) : null;
}

/** Did the child move in within 14 months of entering care? Exactly 14 calendar months counts as within. */
export function movedInWithinMonths(enteredCareDate: IsoDate, placementDate: IsoDate, months = TIMELINESS_MONTHS): boolean {
  return placementDate <= addMonths(enteredCareDate, months);
}

/** Has the wait begun on `since` lasted more than `months` calendar months on `on`? On the anniversary itself it has lasted exactly that. */
export function waitedMoreThan(since: IsoDate, months: number, on: IsoDate): boolean {
  return addMonths(since, months) < on;
}

/**
 * Placed together: the child's sibling group moved in as one unit. A child of a group matched on
 * their own (the group assessed to live apart, or split later) was placed separately; a child
 * without brothers or sisters in the service counts in neither.
 */
export function placedWithSiblings(placement: Pick<ChildPlacement, 'inSiblingGroup' | 'placedAsGroup'>): boolean | null {
  if (!placement.inSiblingGroup) return null;
  return placement.placedAsGroup;
}

function windowOf(p: ChildPlacement, months: number, asOf: IsoDate): WindowState {
  return windowState({ placementDate: p.placementDate, adoptionOrderDate: p.adoptionOrderDate, disruptionDate: p.disruptionDate }, months, asOf);
}

function timeliness(placements: readonly ChildPlacement[], decisions: readonly MatchDecision[], lists: Record<Measure, MeasureRow[]>) {
  const careDays: number[] = [];
  let within = 0;
  for (const p of placements) {
    const dates = { enteredCareDate: p.enteredCareDate, placementDate: p.placementDate };
    if (!p.enteredCareDate) continue;
    const days = daysBetween(p.enteredCareDate, p.placementDate);
    careDays.push(days);
    const inTime = movedInWithinMonths(p.enteredCareDate, p.placementDate);
    if (inTime) within += 1;
    lists.careToMovedIn.push({ childId: p.childId, matchId: p.matchId, dates, days, counted: true });
    lists.movedInWithin14Months.push({ childId: p.childId, matchId: p.matchId, dates, days, counted: inTime });
  }
  const orderDays: number[] = [];
  for (const d of decisions) {
    if (!d.placementOrderDate) continue;
    const days = daysBetween(d.placementOrderDate, d.decisionDate);
    orderDays.push(days);
    lists.orderToDecision.push({
      childId: d.childId,
      matchId: d.matchId,
      dates: { placementOrderDate: d.placementOrderDate, decisionDate: d.decisionDate },
      days,
      counted: true,
    });
  }
  const leftOut = placements.length - careDays.length;
  return {
    careToMovedIn: { children: careDays.length, averageDays: averageDays(careDays), leftOut },
    orderToDecision: { children: orderDays.length, averageDays: averageDays(orderDays), leftOut: decisions.length - orderDays.length },
    movedInWithin14Months: { children: careDays.length, within, percent: careDays.length ? Math.round((100 * within) / careDays.length) : null, leftOut },
  };
}

function waitingChildren(waiting: readonly WaitingChild[], on: IsoDate, lists: Record<Measure, MeasureRow[]>) {
  const sorted = [...waiting].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  for (const w of sorted) {
    const row = (months: number) => ({
      childId: w.childId,
      dates: { waitingSince: w.since },
      days: daysBetween(w.since, on),
      counted: waitedMoreThan(w.since, months, on),
    });
    if (waitedMoreThan(w.since, 6, on)) lists.waitingOver6Months.push(row(6));
    if (waitedMoreThan(w.since, 12, on)) lists.waitingOver12Months.push(row(12));
  }
  return { over6Months: lists.waitingOver6Months.length, over12Months: lists.waitingOver12Months.length };
}

function stability(placements: readonly ChildPlacement[], asOf: IsoDate, lists: Record<Measure, MeasureRow[]>): WindowFigure[] {
  return STABILITY_MONTHS.map((months) => {
    let open = 0;
    let disrupted = 0;
    for (const p of placements) {
      const state = windowOf(p, months, asOf);
      if (state === 'not_reached') continue;
      const row = { childId: p.childId, matchId: p.matchId, dates: { placementDate: p.placementDate, disruptionDate: p.disruptionDate }, counted: true };
      if (state === 'open') {
        open += 1;
        lists[`stableAt${months}Months` as Measure].push(row);
      } else if (state === 'disrupted') {
        disrupted += 1;
        if ((DISRUPTION_MONTHS as readonly number[]).includes(months))
          lists[`disruptedWithin${months}Months` as Measure].push({ ...row, reason: p.disruptionReasons });
      }
    }
    const reached = open + disrupted;
    return { months, reached, open, disrupted, openPercent: reached ? Math.round((100 * open) / reached) : null };
  });
}

/**
 * The figures of one period, as known on `asOf`. Moved-in measures, brothers and sisters and the
 * windows count the placements begun in the period; the order-to-decision measure the matches
 * decided in it; disruptions and plan changes those dated in it; children and families waiting
 * are counted on the period's last day.
 */
export function placementSuccess(facts: PlacementSuccessFacts, period: Period, asOf: IsoDate): PlacementSuccess {
  const lists = Object.fromEntries(MEASURES.map((m) => [m, [] as MeasureRow[]])) as Record<Measure, MeasureRow[]>;
  const byPlacement = (a: ChildPlacement, b: ChildPlacement) => (a.placementDate < b.placementDate ? -1 : a.placementDate > b.placementDate ? 1 : 0);
  const movedIn = facts.placements.filter((p) => inPeriod(p.placementDate, period)).sort(byPlacement);
  const decided = facts.decisions.filter((d) => inPeriod(d.decisionDate, period)).sort((a, b) => (a.decisionDate < b.decisionDate ? -1 : 1));
  const onTime = timeliness(movedIn, decided, lists);
  const waiting = waitingChildren(facts.waiting, period.to, lists);

  const byOutcome = new Map<string, number>();
  for (const change of [...facts.planChanges].filter((c) => inPeriod(c.outcomeDate, period)).sort((a, b) => (a.outcomeDate < b.outcomeDate ? -1 : 1))) {
    byOutcome.set(change.outcome, (byOutcome.get(change.outcome) ?? 0) + 1);
    lists.planChanges.push({
      childId: change.childId,
      dates: { outcomeDate: change.outcomeDate },
      outcome: change.outcome,
      reason: change.reason,
      counted: true,
    });
  }

  for (const p of movedIn) {
    const together = placedWithSiblings(p);
    if (together === null) continue;
    lists[together ? 'siblingsTogether' : 'siblingsSeparated'].push({
      childId: p.childId,
      matchId: p.matchId,
      dates: { placementDate: p.placementDate },
      counted: true,
    });
  }

  // Filtered before sorted (the sort is stable, so the same order): a year has few disruptions among many placements.
  for (const p of facts.placements.filter((p) => isDisruption(p) && inPeriod(p.disruptionDate, period)).sort(byPlacement)) {
    lists.disruptionsBeforeOrder.push({
      childId: p.childId,
      matchId: p.matchId,
      dates: { placementDate: p.placementDate, disruptionDate: p.disruptionDate },
      days: daysBetween(p.placementDate, p.disruptionDate!),
      reason: p.disruptionReasons,
      counted: true,
    });
  }

  const windows = stability(movedIn, asOf, lists);

  let familiesWaitingOver3Months: number | null = null;
  if (facts.families) {
    for (const f of [...facts.families].sort((a, b) => (a.approvedDate < b.approvedDate ? -1 : 1))) {
      if (!waitedMoreThan(f.approvedDate, FAMILY_WAITING_MONTHS, period.to)) continue;
      lists.familiesWaitingOver3Months.push({
        householdId: f.householdId,
        reference: f.reference,
        dates: { approvedDate: f.approvedDate },
        days: daysBetween(f.approvedDate, period.to),
        counted: true,
      });
    }
    familiesWaitingOver3Months = lists.familiesWaitingOver3Months.length;
  }

  return {
    period,
    asOf,
    ...onTime,
    waiting: facts.waitingCounts ?? waiting,
    planChanges: { total: lists.planChanges.length, byOutcome: [...byOutcome].map(([outcome, children]) => ({ outcome, children })) },
    siblings: { together: lists.siblingsTogether.length, separated: lists.siblingsSeparated.length },
    disruptionsBeforeOrder: lists.disruptionsBeforeOrder.length,
    windows,
    familiesWaitingOver3Months,
    lists,
  };
}

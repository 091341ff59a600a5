import type { IsoDate } from '../../platform/dates/dates.ts';
import { divideHalfEven, penceHalfEven, wholeHalfEven } from './costs-money.ts';
import { financialYearOf } from './costs.ts';
import type { CareKind, UnitCost } from './costs-vocabulary.ts';

/**
 * The financial return of placements: for each child placed, the care the placement avoided until
 * the child turns 18, priced at the report's year and discounted, less what the adoption route cost.
 * Pure: every assumption comes in as data and goes out with the figures (the method page prints them).
 *
 * Method, step by step (each rounding is the half-even rule of costs-money.ts):
 * 1. Weeks avoided = whole weeks from the placement date to the child's 18th birthday (none when the
 *    child was 18 already); "years avoided − 2" in the sensitivity table takes off 104 weeks.
 * 2. Weekly unit cost at the report's prices = the dated unit cost × index(report year) ÷
 *    index(unit cost's year), rounded to the penny (the latest unit cost dated no later than the
 *    report's year; the nearest later one when none is that old).
 * 3. The weeks fall into years after placement: year 0 holds weeks 1–52, year 1 weeks 53–104, and so on.
 *    Year t's cost is discounted by 1 / (1 + r)^t (Green Book: year 0 is not discounted). The sum is
 *    worked out exactly as one fraction and rounded once, per child.
 * 4. The adoption route's cost = the fees recorded for the child (or the default fee when none is
 *    recorded) + the staff cost of the family's post-placement support. It is not discounted: it is
 *    paid at or soon after placement. Counting support on top of the fee that pays for it lowers
 *    the return: the cautious side.
 * 5. Net return = discounted care cost avoided − route cost; totals add the children's pence.
 */

export const WEEKS_PER_YEAR = 52;
const SCALE = 10_000n;

export type ReturnAssumptions = {
  /** The financial year whose prices the report is in (the year of its `to` date). */
  reportYear: number;
  discountBasisPoints: number;
  unitCosts: readonly UnitCost[];
  /** Price index by financial year, in thousandths. */
  priceIndex: Readonly<Record<number, number>>;
  defaultRouteFeePence: number;
};

export type PlacedChild = {
  childId: string;
  localAuthorityId: string;
  dateOfBirth: IsoDate;
  placementDate: IsoDate;
  careKind: CareKind;
  /** Fees recorded for the child (null: none recorded, the default fee stands in). */
  feesPence: number | null;
  supportCostPence: number;
};

export type ChildReturn = {
  childId: string;
  localAuthorityId: string;
  placementDate: IsoDate;
  placementYear: number;
  ageAtPlacement: number;
  careKind: CareKind;
  weeksAvoided: number;
  weeklyPence: number;
  undiscountedPence: number;
  discountedPence: number;
  routeCostPence: number;
  feeAssumed: boolean;
  netPence: number;
};

/** The 18th birthday (29 February birthdays turn 18 on 1 March in a common year). */
export function eighteenthBirthday(dateOfBirth: IsoDate): IsoDate {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + 18, m - 1, d));
  return date.toISOString().slice(0, 10);
}

// Year, month and day of an ISO date by position: run for every child of every report, so no
// splitting into arrays or building Dates and strings (the same figures as eighteenthBirthday).
const yearOf = (date: IsoDate) => Number(date.slice(0, 4));
const monthOf = (date: IsoDate) => Number(date.slice(5, 7));
const dayOf = (date: IsoDate) => Number(date.slice(8, 10));

/** Whole weeks of care from the placement to the 18th birthday. */
export function weeksToEighteen(dateOfBirth: IsoDate, placementDate: IsoDate): number {
  // Date.UTC rolls 29 February of a common year over to 1 March, as eighteenthBirthday does.
  const eighteen = Date.UTC(yearOf(dateOfBirth) + 18, monthOf(dateOfBirth) - 1, dayOf(dateOfBirth));
  const days = Math.round((eighteen - Date.UTC(yearOf(placementDate), monthOf(placementDate) - 1, dayOf(placementDate))) / 86_400_000);
  return days > 0 ? Math.floor(days / 7) : 0;
}

/** Whole years of age on a date. */
function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const [bm, bd, m, d] = [monthOf(dateOfBirth), dayOf(dateOfBirth), monthOf(on), dayOf(on)];
  return yearOf(on) - yearOf(dateOfBirth) - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The unit cost used for a year: the latest dated no later than it, else the earliest. */
export function unitCostFor(unitCosts: readonly UnitCost[], careKind: CareKind, year: number): UnitCost | undefined {
  const own = unitCosts.filter((u) => u.careKind === careKind).sort((a, b) => a.priceYear - b.priceYear);
  return own.filter((u) => u.priceYear <= year).at(-1) ?? own[0];
}

/** The index of a year: its own figure, else the nearest earlier one (an index not yet published stays flat). */
export function indexFor(priceIndex: Readonly<Record<number, number>>, year: number): number {
  const years = Object.keys(priceIndex)
    .map(Number)
    .sort((a, b) => a - b);
  const year0 = years.filter((y) => y <= year).at(-1) ?? years[0];
  if (year0 === undefined) throw new RangeError('no price index');
  return priceIndex[year0]!;
}

/** A weekly unit cost brought from its price year to the report's year (step 2). */
export function upliftedWeeklyPence(unit: UnitCost, reportYear: number, priceIndex: Readonly<Record<number, number>>): number {
  return penceHalfEven(BigInt(unit.weeklyPence) * BigInt(indexFor(priceIndex, reportYear)), BigInt(indexFor(priceIndex, unit.priceYear)));
}

/**
 * Discount factors of years 0..years-1 over one common denominator, with running sums, so a child's
 * discounted cost is two multiplications: factor_t = 10000^t × (10000 + bp)^(years−1−t) over
 * (10000 + bp)^(years−1) is exactly 1 / (1 + bp/10000)^t.
 */
export type DiscountTable = { denominator: bigint; factors: bigint[]; prefix: bigint[] };

export function discountTable(basisPoints: number, years = 20): DiscountTable {
  if (!Number.isInteger(basisPoints) || basisPoints < 0) throw new RangeError('discount rate must be whole basis points, not negative');
  const growth = SCALE + BigInt(basisPoints);
  const factors: bigint[] = [];
  for (let t = 0; t < years; t++) factors.push(SCALE ** BigInt(t) * growth ** BigInt(years - 1 - t));
  const prefix = [0n];
  for (const f of factors) prefix.push(prefix.at(-1)! + f);
  return { denominator: growth ** BigInt(years - 1), factors, prefix };
}

/** Discounted cost of `weeks` of care at `weeklyPence` (step 3), rounded once. */
export function discountedCarePence(weeklyPence: number, weeks: number, table: DiscountTable): number {
  if (weeks <= 0) return 0;
  const fullYears = Math.floor(weeks / WEEKS_PER_YEAR);
  const rest = weeks - fullYears * WEEKS_PER_YEAR;
  if (fullYears + (rest ? 1 : 0) > table.factors.length) throw new RangeError('more years than the discount table holds');
  const weighted = BigInt(WEEKS_PER_YEAR) * table.prefix[fullYears]! + (rest ? BigInt(rest) * table.factors[fullYears]! : 0n);
  return penceHalfEven(BigInt(weeklyPence) * weighted, table.denominator);
}

export type Scenario = { unitCostPercent: number; discountBasisPoints: number; weeksLess: number };

/** What a child's figures need that does not change between scenarios (worked out once per child). */
type ChildFacts = { weeks: number; ageAtPlacement: number; placementYear: number; routeCostPence: number; feeAssumed: boolean };

function factsOf(child: PlacedChild, assumptions: ReturnAssumptions): ChildFacts {
  return {
    weeks: weeksToEighteen(child.dateOfBirth, child.placementDate),
    ageAtPlacement: ageOn(child.dateOfBirth, child.placementDate),
    placementYear: financialYearOf(child.placementDate),
    routeCostPence: (child.feesPence ?? assumptions.defaultRouteFeePence) + child.supportCostPence,
    feeAssumed: child.feesPence === null,
  };
}

/** Weekly unit costs at the report's prices, by kind of care (0 when the agency has none). */
function weeklyByCare(assumptions: ReturnAssumptions): Record<CareKind, number> {
  const weekly = (careKind: CareKind) => {
    const unit = unitCostFor(assumptions.unitCosts, careKind, assumptions.reportYear);
    return unit ? upliftedWeeklyPence(unit, assumptions.reportYear, assumptions.priceIndex) : 0;
  };
  return { foster_care: weekly('foster_care'), residential_care: weekly('residential_care') };
}

/**
 * One scenario over every child. Children placed at the same age on the same weekly cost have the
 * same discounted sum, so each (weekly cost, weeks) pair is worked out once.
 */
function scenarioReturns(
  placed: readonly PlacedChild[],
  assumptions: ReturnAssumptions,
  base: Record<CareKind, number>,
  table: DiscountTable,
  scenario: Pick<Scenario, 'unitCostPercent' | 'weeksLess'>,
): ChildReturn[] {
  const { weekly, discounted } = discountedMemo(base, table, scenario);
  // One object per child, the row itself: a return is worked for 10,000 children per request.
  return placed.map((child) => {
    const f = factsOf(child, assumptions);
    const weeksAvoided = Math.max(0, f.weeks - scenario.weeksLess);
    const weeklyPence = weekly[child.careKind];
    const discountedPence = discounted(child.careKind, weeksAvoided);
    return {
      childId: child.childId,
      localAuthorityId: child.localAuthorityId,
      placementDate: child.placementDate,
      placementYear: f.placementYear,
      ageAtPlacement: f.ageAtPlacement,
      careKind: child.careKind,
      weeksAvoided,
      weeklyPence,
      undiscountedPence: weeklyPence * weeksAvoided,
      discountedPence,
      routeCostPence: f.routeCostPence,
      feeAssumed: f.feeAssumed,
      netPence: discountedPence - f.routeCostPence,
    };
  });
}

function discountedMemo(base: Record<CareKind, number>, table: DiscountTable, scenario: Pick<Scenario, 'unitCostPercent'>) {
  const weekly = {
    foster_care: scenario.unitCostPercent === 100 ? base.foster_care : wholeHalfEven(base.foster_care * scenario.unitCostPercent, 100),
    residential_care: scenario.unitCostPercent === 100 ? base.residential_care : wholeHalfEven(base.residential_care * scenario.unitCostPercent, 100),
  };
  const memo = { foster_care: new Map<number, number>(), residential_care: new Map<number, number>() };
  const discounted = (careKind: CareKind, weeks: number): number => {
    let pence = memo[careKind].get(weeks);
    if (pence === undefined) memo[careKind].set(weeks, (pence = discountedCarePence(weekly[careKind], weeks, table)));
    return pence;
  };
  return { weekly, discounted };
}

type WeeksHistogram = { careKind: CareKind; weeks: number; children: number }[];

/** The base scenario's children counted by care and weeks to 18 (their weeks avoided with none taken off). */
function weeksHistogram(children: readonly ChildReturn[]): { histogram: WeeksHistogram; routeCostPence: number } {
  const counts = { foster_care: new Map<number, number>(), residential_care: new Map<number, number>() };
  let routeCostPence = 0;
  for (const child of children) {
    const kind = counts[child.careKind];
    kind.set(child.weeksAvoided, (kind.get(child.weeksAvoided) ?? 0) + 1);
    routeCostPence += child.routeCostPence;
  }
  const histogram: WeeksHistogram = [];
  for (const careKind of ['foster_care', 'residential_care'] as const)
    for (const [weeks, count] of counts[careKind]) histogram.push({ careKind, weeks, children: count });
  return { histogram, routeCostPence };
}

function scenarioTotals(
  counted: { histogram: WeeksHistogram; routeCostPence: number },
  base: Record<CareKind, number>,
  table: DiscountTable,
  scenario: Scenario,
): { discountedPence: number; netPence: number } {
  const { discounted } = discountedMemo(base, table, scenario);
  let discountedPence = 0;
  for (const { careKind, weeks, children } of counted.histogram) discountedPence += children * discounted(careKind, Math.max(0, weeks - scenario.weeksLess));
  const routeCostPence = counted.routeCostPence;
  if (!Number.isSafeInteger(discountedPence) || !Number.isSafeInteger(routeCostPence)) throw new RangeError('pence must be whole');
  // Net of the children's nets = discounted less route cost, both whole pence: the same sum.
  return { discountedPence, netPence: discountedPence - routeCostPence };
}

/** One child's return under the assumptions (and a scenario of the sensitivity table). */
export function childReturn(
  child: PlacedChild,
  assumptions: ReturnAssumptions,
  table: DiscountTable,
  scenario: Pick<Scenario, 'unitCostPercent' | 'weeksLess'> = { unitCostPercent: 100, weeksLess: 0 },
): ChildReturn {
  return scenarioReturns([child], assumptions, weeklyByCare(assumptions), table, scenario)[0]!;
}

export type ReturnTotals = { children: number; discountedPence: number; undiscountedPence: number; routeCostPence: number; netPence: number };

export function totalsOf(rows: readonly ChildReturn[]): ReturnTotals {
  const totals = emptyTotals();
  for (const r of rows) addTo(totals, r);
  return totals;
}

const emptyTotals = (): ReturnTotals => ({ children: 0, discountedPence: 0, undiscountedPence: 0, routeCostPence: 0, netPence: 0 });

/** Adds a child's pence to running totals (sumPence's check, without an array per figure). */
function addTo(totals: ReturnTotals, r: ChildReturn): void {
  if (
    !Number.isSafeInteger(r.discountedPence) ||
    !Number.isSafeInteger(r.undiscountedPence) ||
    !Number.isSafeInteger(r.routeCostPence) ||
    !Number.isSafeInteger(r.netPence)
  )
    throw new RangeError('pence must be whole');
  totals.children += 1;
  totals.discountedPence += r.discountedPence;
  totals.undiscountedPence += r.undiscountedPence;
  totals.routeCostPence += r.routeCostPence;
  totals.netPence += r.netPence;
}

/** Totals per key, in the key's order: one pass, running totals per group rather than a list of its children. */
function groupTotals<K extends string | number>(rows: readonly ChildReturn[], key: (r: ChildReturn) => K) {
  const groups = new Map<K, ReturnTotals>();
  for (const r of rows) {
    const k = key(r);
    let totals = groups.get(k);
    if (!totals) groups.set(k, (totals = emptyTotals()));
    addTo(totals, r);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, totals]) => ({ key: k, ...totals }));
}

/** The sensitivity table's scenarios: unit costs −20%/as set/+20% at 0, 1.5 and 3.5%, and years avoided − 2. */
export function sensitivityScenarios(discountBasisPoints: number): Scenario[] {
  const rates = [...new Set([0, 150, 350, discountBasisPoints])].sort((a, b) => a - b);
  const rows: Scenario[] = [];
  for (const unitCostPercent of [80, 100, 120]) for (const rate of rates) rows.push({ unitCostPercent, discountBasisPoints: rate, weeksLess: 0 });
  for (const rate of rates) rows.push({ unitCostPercent: 100, discountBasisPoints: rate, weeksLess: 2 * WEEKS_PER_YEAR });
  return rows;
}

export type FinancialReturn = {
  assumptions: ReturnAssumptions;
  /** The weekly unit costs at the report's prices, as used. */
  weeklyAtReportYear: { careKind: CareKind; unit: UnitCost; weeklyPence: number; indexFrom: number; indexTo: number }[];
  children: ChildReturn[];
  totals: ReturnTotals;
  byYear: ({ key: number } & ReturnTotals)[];
  byLocalAuthority: ({ key: string } & ReturnTotals)[];
  sensitivity: (Scenario & { netPence: number; discountedPence: number })[];
};

/** The whole report: per child, totals per year of placement and per local authority, and the sensitivity table. */
export function financialReturn(placed: readonly PlacedChild[], assumptions: ReturnAssumptions): FinancialReturn {
  const tables = new Map<number, DiscountTable>();
  const tableOf = (bp: number) => tables.get(bp) ?? tables.set(bp, discountTable(bp)).get(bp)!;
  const base = weeklyByCare(assumptions);
  const children = scenarioReturns(placed, assumptions, base, tableOf(assumptions.discountBasisPoints), { unitCostPercent: 100, weeksLess: 0 });
  const counted = weeksHistogram(children);
  const sensitivity = sensitivityScenarios(assumptions.discountBasisPoints).map((scenario) => ({
    ...scenario,
    ...scenarioTotals(counted, base, tableOf(scenario.discountBasisPoints), scenario),
  }));
  const weeklyAtReportYear = (['foster_care', 'residential_care'] as const).flatMap((careKind) => {
    const unit = unitCostFor(assumptions.unitCosts, careKind, assumptions.reportYear);
    if (!unit) return [];
    return [
      {
        careKind,
        unit,
        weeklyPence: upliftedWeeklyPence(unit, assumptions.reportYear, assumptions.priceIndex),
        indexFrom: indexFor(assumptions.priceIndex, unit.priceYear),
        indexTo: indexFor(assumptions.priceIndex, assumptions.reportYear),
      },
    ];
  });
  return {
    assumptions,
    weeklyAtReportYear,
    children,
    totals: totalsOf(children),
    byYear: groupTotals(children, (r) => r.placementYear),
    byLocalAuthority: groupTotals(children, (r) => r.localAuthorityId),
    sensitivity,
  };
}

/** An exact decimal of a discount factor, for the method page (1 / 1.035^t to six places). */
export function discountFactorText(basisPoints: number, year: number): string {
  const table = discountTable(basisPoints, year + 1);
  const millionths = divideHalfEven(table.factors[year]! * 1_000_000n, table.denominator);
  return `${millionths / 1_000_000n}.${(millionths % 1_000_000n).toString().padStart(6, '0')}`;
}

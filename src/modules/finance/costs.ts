import type { IsoDate } from '../../platform/dates/dates.ts';
import { financialYearOf } from './fees.ts';
import { addShares, wholeHalfEven } from './costs-money.ts';
import { DEFAULT_HOURLY_RATES_PENCE, type Activity, type ActivitySetting, type CostedRole } from './costs-vocabulary.ts';

/**
 * What the work cost in staff time: recorded activities (grouped by month and by the children they
 * were about) × minutes (recorded, or the activity's default) × each attending role's hourly rate
 * for the financial year. Pure: the records come from their owners' front doors, the settings from
 * this module's tables.
 *
 * Rounding: each line's cost per role, minutes × rate ÷ 60, is rounded to the penny half-even once;
 * a line about several children is shared among them in whole pence (shareEvenly), so the
 * children's costs add up exactly to the line's.
 */

/** The financial year (April to March) a date falls in, named by the year it starts: 2025 = 2025–26 (fees.ts). */
export { financialYearOf };

/** The first and last day of a financial year. */
export function financialYearDates(year: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/** "2025–26". */
export function financialYearText(year: number): string {
  return `${year}–${String((year + 1) % 100).padStart(2, '0')}`;
}

/** Recorded work of one kind, one month, about the same children (none: the service's shared work). */
export type MonthOfWork = {
  /** Any day of the month (the first). */
  month: IsoDate;
  /** None (or missing): shared work. */
  childIds?: readonly string[];
  records: number;
  /** Minutes of the records that say how long they took. */
  recordedMinutes: number;
  /** Records that do not: the activity's default stands in for each (missing: none). */
  withoutDuration?: number;
};

/** A kind of work's months, as its owner's named read gives them (not copied one by one to add the kind). */
export type ActivityWork = { activity: Activity; rows: readonly MonthOfWork[] };

export type HourlyRate = { role: CostedRole; financialYear: number; pencePerHour: number };

export type CostSettings = {
  activities: Readonly<Record<Activity, ActivitySetting>>;
  rates: readonly HourlyRate[];
};

/** The rate of a role in a year: the latest set for that year or before, else the starting default. */
export function rateFor(rates: readonly HourlyRate[], role: CostedRole, year: number): number {
  let best: HourlyRate | undefined;
  for (const r of rates) if (r.role === role && r.financialYear <= year && (!best || r.financialYear > best.financialYear)) best = r;
  return best?.pencePerHour ?? DEFAULT_HOURLY_RATES_PENCE[role];
}

export type CostLine = {
  activity: Activity;
  financialYear: number;
  childIds: readonly string[];
  records: number;
  minutes: number;
  /** Records costed at the default duration. */
  defaulted: number;
  pence: number;
};

/** Rates indexed once per role and year (a year of 100,000 records asks the same few many times). */
function rateLookup(rates: readonly HourlyRate[]) {
  const cache = new Map<string, number>();
  return (role: CostedRole, year: number) => {
    const key = `${role}|${year}`;
    let rate = cache.get(key);
    if (rate === undefined) cache.set(key, (rate = rateFor(rates, role, year)));
    return rate;
  };
}

const NO_CHILDREN: readonly string[] = [];

/** The staff cost of each group of records (a line per month of each kind of work, in the order given). */
export function costLines(work: readonly ActivityWork[], settings: CostSettings): CostLine[] {
  const rate = rateLookup(settings.rates);
  const lines: CostLine[] = [];
  for (const { activity, rows } of work) {
    const setting = settings.activities[activity];
    // The roles' rates of each month, looked up once per month rather than once per line and role.
    const ratesOfMonth = new Map<string, { financialYear: number; rates: number[] }>();
    for (const t of rows) {
      let month = ratesOfMonth.get(t.month);
      if (!month) {
        const financialYear = financialYearOf(t.month);
        ratesOfMonth.set(t.month, (month = { financialYear, rates: setting.roles.map((role) => rate(role, financialYear)) }));
      }
      const defaulted = t.withoutDuration ?? 0;
      const minutes = t.recordedMinutes + defaulted * setting.defaultMinutes;
      let pence = 0;
      for (const r of month.rates) pence += wholeHalfEven(minutes * r, 60);
      lines.push({ activity, financialYear: month.financialYear, childIds: t.childIds ?? NO_CHILDREN, records: t.records, minutes, defaulted, pence });
    }
  }
  return lines;
}

/** Each child's share of the lines about them, in pence (shareEvenly's shares, without an array per line). */
export function costByChild(lines: readonly CostLine[], filter: (line: CostLine) => boolean = () => true): Map<string, number> {
  const byChild = new Map<string, number>();
  for (const line of lines) {
    const children = line.childIds;
    if (children.length === 0 || !filter(line)) continue;
    addShares(byChild, children, line.pence);
  }
  return byChild;
}

/** Lines summed per activity (for the table of what the work cost). */
export function costByActivity(lines: readonly CostLine[]): { activity: Activity; records: number; minutes: number; defaulted: number; pence: number }[] {
  const by = new Map<Activity, { activity: Activity; records: number; minutes: number; defaulted: number; pence: number }>();
  for (const l of lines) {
    const row = by.get(l.activity) ?? { activity: l.activity, records: 0, minutes: 0, defaulted: 0, pence: 0 };
    row.records += l.records;
    row.minutes += l.minutes;
    row.defaulted += l.defaulted;
    row.pence += l.pence;
    by.set(l.activity, row);
  }
  return [...by.values()];
}

/**
 * Months of delivered support for one placement (match) with the same recorded minutes in the same
 * financial year, as the support module counts them: `months` lines that cost the same pence.
 */
export type PlacementSupportMonths = { matchId: string; financialYear: number; recordedMinutes: number; months: number };

/**
 * The staff cost of placements' support per child, for the financial return: each month of a
 * placement's support is one line costed as costLines costs it (minutes × each role's rate for the
 * financial year, rounded half-even once per role) and shared among the placement's children in
 * whole pence as costByChild shares it. Months alike (same placement, year and minutes) cost and
 * share alike, so each child's share of one is counted `months` times: the same pence as
 * costByChild(costLines(...)) over every month, without an object per month.
 */
export function supportCostByChild(
  support: readonly PlacementSupportMonths[],
  childrenOf: ReadonlyMap<string, readonly string[]>,
  settings: CostSettings,
): Map<string, number> {
  const roles = settings.activities.support_session.roles;
  const rate = rateLookup(settings.rates);
  // Each year's roles' rates, looked up once per year rather than once per placement and role.
  const ratesOfYear = new Map<number, number[]>();
  const byChild = new Map<string, number>();
  for (const s of support) {
    const children = childrenOf.get(s.matchId);
    if (!children || children.length === 0) continue;
    let rates = ratesOfYear.get(s.financialYear);
    if (!rates) ratesOfYear.set(s.financialYear, (rates = roles.map((role) => rate(role, s.financialYear))));
    let pence = 0;
    for (const r of rates) pence += wholeHalfEven(s.recordedMinutes * r, 60);
    // Each month alike shared once and counted `months` times.
    addShares(byChild, children, pence, s.months);
  }
  return byChild;
}

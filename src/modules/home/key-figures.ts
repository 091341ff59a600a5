import { addDays, addMonths, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';

/** The middle value (the mean of the two middle values when even); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The first day of the financial year (1 April) that `today` falls in. */
export function financialYearStart(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= 4 ? year : year - 1}-04-01`;
}

/** How many are waiting since these days, and the median days they have waited by `today`. */
export function waiting(since: readonly string[], today: IsoDate): { count: number; medianDays: number | null } {
  const days = since.map((d) => daysBetween(d, today));
  const m = median(days);
  return { count: since.length, medianDays: m === null ? null : Math.round(m) };
}

/** Share (whole percent) of workers whose supervision is not overdue; null when nobody is supervised. */
export function supervisionCompliance(levels: readonly string[]): { workers: number; compliant: number; percent: number | null } {
  const compliant = levels.filter((l) => l !== 'overdue').length;
  return { workers: levels.length, compliant, percent: levels.length ? Math.round((compliant / levels.length) * 100) : null };
}

/** One month of the trend chart: its first day, and the day its figures are counted to (its last day, or today). */
export type TrendMonth = { month: string; from: IsoDate; to: IsoDate };

/** The last twelve months to today, oldest first; the current month ends today. */
export function lastTwelveMonths(today: IsoDate): TrendMonth[] {
  const months: TrendMonth[] = [];
  for (let back = 11; back >= 0; back--) {
    const from = `${addMonths(`${today.slice(0, 7)}-01`, -back).slice(0, 7)}-01`;
    const end = addDays(addMonths(from, 1), -1);
    months.push({ month: from.slice(0, 7), from, to: end < today ? end : today });
  }
  return months;
}

/** The same span a year earlier: this period's figures are compared with it. */
export function previousPeriod(period: { from: IsoDate; to: IsoDate }): { from: IsoDate; to: IsoDate } {
  return { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
}

/**
 * The share of children reliably improved, as published outside a case: the reporting module's
 * small-number suppression over improved and not improved, so a count of 1–4 (or one that would
 * reveal it) shows as "c" and no percentage is given.
 */
export function improvementShare(improved: number, children: number, disclose: (row: number[]) => (number | 'c')[]) {
  if (children === 0) return { improved: 0, children: 0, percent: null, suppressed: false };
  const [shown] = disclose([improved, children - improved]);
  const suppressed = shown === 'c';
  return { improved, children, percent: suppressed ? null : Math.round((improved / children) * 100), suppressed };
}

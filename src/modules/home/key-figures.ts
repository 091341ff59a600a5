import { daysBetween, type IsoDate } from '../../platform/dates/dates.ts';

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

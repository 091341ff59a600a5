export { addMonths, daysBetween, dateInWales, type IsoDate } from './dates.ts';

/** The date `days` days after an ISO date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

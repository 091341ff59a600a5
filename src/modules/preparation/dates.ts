import type { IsoDate } from '../../platform/dates/dates.ts';

/** The calendar date `days` days after `date` (before, when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

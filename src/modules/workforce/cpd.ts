import type { IsoDate } from '../../platform/dates/dates.ts';

/**
 * Continuing professional development: hours of training per CPD year. Hours are kept to one
 * decimal place (the column is numeric(5,1)), so they are summed as whole tenths, never as floats.
 */

/** "7.5" (as the database gives it) or 7.5 → 75 tenths of an hour. */
export function hoursToTenths(hours: string | number): number {
  return Math.round(Number(hours) * 10);
}

/** 75 → "7.5"; 300 → "30". */
export function formatHours(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/** The year a CPD year starts in, for a date ("2026-03-31" is in 2025's year when years start in April). */
export function cpdYearOf(date: IsoDate, yearStartMonth: number): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= yearStartMonth ? year : year - 1;
}

/** The first and last days of the CPD year starting in `startYear`. */
export function cpdYearRange(startYear: number, yearStartMonth: number): { from: IsoDate; to: IsoDate } {
  const from = new Date(Date.UTC(startYear, yearStartMonth - 1, 1));
  const to = new Date(Date.UTC(startYear + 1, yearStartMonth - 1, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export type CpdYear = { startYear: number; from: IsoDate; to: IsoDate; tenths: number; records: number; targetTenths: number; targetMet: boolean };

/**
 * Hours per CPD year, latest first. The current year is always listed (with 0 hours when nothing is
 * recorded yet), so a worker sees where they stand against the target.
 */
export function cpdHoursByYear(
  records: readonly { completedDate: IsoDate; hours: string | number }[],
  today: IsoDate,
  config: { yearStartMonth: number; targetHoursPerYear: number },
): CpdYear[] {
  const years = new Map<number, { tenths: number; records: number }>();
  years.set(cpdYearOf(today, config.yearStartMonth), { tenths: 0, records: 0 });
  for (const r of records) {
    const year = cpdYearOf(r.completedDate, config.yearStartMonth);
    const entry = years.get(year) ?? { tenths: 0, records: 0 };
    entry.tenths += hoursToTenths(r.hours);
    entry.records += 1;
    years.set(year, entry);
  }
  const targetTenths = Math.round(config.targetHoursPerYear * 10);
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([startYear, entry]) => ({
      startYear,
      ...cpdYearRange(startYear, config.yearStartMonth),
      ...entry,
      targetTenths,
      targetMet: entry.tenths >= targetTenths,
    }));
}

/** A CPD year as people say it: "2026" for calendar years, "2026 to 2027" otherwise. */
export function cpdYearLabel(startYear: number, yearStartMonth: number, to: string): string {
  return yearStartMonth === 1 ? String(startYear) : `${startYear} ${to} ${startYear + 1}`;
}

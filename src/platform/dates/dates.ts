/**
 * Dates of the domain are calendar dates ('YYYY-MM-DD'), never instants: a date of birth or a
 * placement order date does not move with a timezone. "Today" is the date in Wales.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parts(date: IsoDate): [number, number, number] {
  const match = ISO.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function toUtc(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

/** The calendar date in Wales at an instant (GMT in winter, BST in summer). */
export function dateInWales(instant: Date): IsoDate {
  return WALES.format(instant);
}

// Built once: constructing an Intl formatter costs far more than formatting with it.
const WALES = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * The date `months` calendar months after `date`. A day that does not exist in the target month
 * falls back to its last day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const targetMonthIndex = m - 1 + months;
  const year = y + Math.floor(targetMonthIndex / 12);
  const month = ((targetMonthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDate(year, month + 1, Math.min(d, lastDay));
}

/**
 * Age in completed years on a date. Someone born on 29 February has their birthday on
 * 1 March in other years (as in UK law).
 */
export function ageInYears(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(on);
  let age = y - by;
  const birthdayPassed = m > bm || (m === bm && d >= bd);
  if (!birthdayPassed) age -= 1;
  return age;
}

/** Whole calendar months from `from` to `to` (0 when `to` is not later). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  if (to <= from) return 0;
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  let months = (ty - fy) * 12 + (tm - fm);
  if (addMonths(from, months) > to) months -= 1;
  return months;
}

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

/** The value of `count` ASCII digits from `at`, or -1 when one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// Read character by character, not with the ISO expression: a year's report over a large service
// takes tens of thousands of dates apart, several times each. Same rule: 'YYYY-MM-DD', ASCII digits.
function parts(date: IsoDate): [number, number, number] {
  const y = typeof date === 'string' && date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45 ? digits(date, 0, 4) : -1;
  const m = y < 0 ? -1 : digits(date, 5, 2);
  const d = m < 0 ? -1 : digits(date, 8, 2);
  if (d < 0) throw new RangeError(`not a date: ${date}`);
  return [y, m, d];
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
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
  return isoDate(year, month + 1, Math.min(d, daysInMonth(year, month + 1)));
}

/**
 * The day a wait must have begun before to have lasted more than `months` calendar months on `on`:
 * `addMonths(since, months) < on` exactly when `since` is before the day returned. Adding months
 * never goes backwards, so the long waits are the earliest ones, and a long list (or a query over
 * every child) compares one date instead of adding months to each.
 */
export function startedMoreThanMonthsBefore(on: IsoDate, months: number): IsoDate {
  let day = addMonths(on, -months);
  while (addMonths(day, months) < on) day = addDays(day, 1);
  for (let before = addDays(day, -1); addMonths(before, months) >= on; before = addDays(before, -1)) day = before;
  return day;
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

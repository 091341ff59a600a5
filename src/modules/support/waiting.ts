import { addDays, addMonths, dateInWales, daysBetween } from '../../platform/dates/dates.ts';

/**
 * The waiting list for support: how long each family has waited, counted in whole days in Wales
 * from the day they asked to the day a worker was allocated (or today, while they still wait).
 */
export type RequestFacts = { id: string; status: 'waiting' | 'allocated' | 'closed'; requestedAt: Date; allocatedAt: Date | null; closedAt: Date | null };

export type WaitingLevel = 'normal' | 'long' | 'very_long';

/** Days from the request to allocation, closing without allocation, or now. Never negative. */
export function daysWaiting(request: RequestFacts, now: Date): number {
  const end = request.allocatedAt ?? (request.status === 'closed' ? request.closedAt : null) ?? now;
  return Math.max(0, daysBetween(dateInWales(request.requestedAt), dateInWales(end)));
}

export function waitingLevel(days: number, thresholds: { waitingLongDays: number; waitingVeryLongDays: number }): WaitingLevel {
  if (days >= thresholds.waitingVeryLongDays) return 'very_long';
  if (days >= thresholds.waitingLongDays) return 'long';
  return 'normal';
}

/** Longest wait first; among equal waits, the earlier request first (then by id, so the order is stable). */
export function orderWaitingList<T extends RequestFacts>(requests: readonly T[], now: Date): T[] {
  return [...requests].sort(
    (a, b) => daysWaiting(b, now) - daysWaiting(a, now) || a.requestedAt.getTime() - b.requestedAt.getTime() || a.id.localeCompare(b.id),
  );
}

export type WaitingSummary = { waiting: number; longestDays: number | null; medianDays: number | null; waitingLong: number };

/** What the manager sees at the top of the list: how many wait, for how long, how many too long. */
export function waitingSummary(
  requests: readonly RequestFacts[],
  now: Date,
  thresholds: { waitingLongDays: number; waitingVeryLongDays: number },
): WaitingSummary {
  const days = requests
    .filter((r) => r.status === 'waiting')
    .map((r) => daysWaiting(r, now))
    .sort((a, b) => a - b);
  if (days.length === 0) return { waiting: 0, longestDays: null, medianDays: null, waitingLong: 0 };
  const middle = Math.floor(days.length / 2);
  const median = days.length % 2 ? days[middle]! : Math.round((days[middle - 1]! + days[middle]!) / 2);
  return {
    waiting: days.length,
    longestDays: days.at(-1)!,
    medianDays: median,
    waitingLong: days.filter((d) => waitingLevel(d, thresholds) !== 'normal').length,
  };
}

export type MonthOfWaiting = {
  /** The calendar month in Wales, YYYY-MM. */
  month: string;
  /** Families allocated a worker in the month. */
  allocated: number;
  /** Median and longest days those families had waited; null when nobody was allocated. */
  medianDays: number | null;
  longestDays: number | null;
  /** Families still waiting at the month's end (today, for this month). */
  waitingAtEnd: number;
};

/**
 * Support waiting times month by month, oldest first, this month last: how long the families
 * allocated a worker in each month had waited, and how many were still waiting at its end. A
 * request closed without allocation leaves the list on the day it closed and is in no month's
 * waits (nobody was allocated). Months are calendar months in Wales.
 */
export function monthlyWaits(requests: readonly RequestFacts[], now: Date, months = 12): MonthOfWaiting[] {
  const today = dateInWales(now);
  const first = addMonths(`${today.slice(0, 7)}-01`, -(months - 1));
  const result: MonthOfWaiting[] = [];
  for (let i = 0; i < months; i += 1) {
    const start = addMonths(first, i);
    const month = start.slice(0, 7);
    const end = i === months - 1 ? today : addDays(addMonths(start, 1), -1);
    const waits = requests
      .filter((r) => r.allocatedAt && dateInWales(r.allocatedAt).slice(0, 7) === month)
      .map((r) => daysWaiting(r, now))
      .sort((a, b) => a - b);
    const left = (r: RequestFacts) => r.allocatedAt ?? (r.status === 'closed' ? r.closedAt : null);
    const waitingAtEnd = requests.filter((r) => {
      if (dateInWales(r.requestedAt) > end) return false;
      const gone = left(r);
      return !gone || dateInWales(gone) > end;
    }).length;
    const middle = Math.floor(waits.length / 2);
    result.push({
      month,
      allocated: waits.length,
      medianDays: waits.length === 0 ? null : waits.length % 2 ? waits[middle]! : Math.round((waits[middle - 1]! + waits[middle]!) / 2),
      longestDays: waits.at(-1) ?? null,
      waitingAtEnd,
    });
  }
  return result;
}

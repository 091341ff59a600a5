import { dateInWales, daysBetween } from '../../platform/dates/dates.ts';

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

import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';

/**
 * Hours of support delivered, per family and per worker. Only sessions delivered count (planned
 * and cancelled ones are not hours of support); a period is a range of days in Wales, both ends
 * included. Minutes are summed exactly and only turned into hours for display.
 */
export type SessionFacts = { householdId: string; workerId: string; status: 'planned' | 'delivered' | 'cancelled'; durationMinutes: number; startsAt: Date };

export type Period = { from?: IsoDate | null; to?: IsoDate | null };

export type HoursLine = { id: string; sessions: number; minutes: number };
export type HoursDelivered = { sessions: number; minutes: number; byHousehold: HoursLine[]; byWorker: HoursLine[] };

export function inPeriod(startsAt: Date, period: Period): boolean {
  const day = dateInWales(startsAt);
  return (!period.from || day >= period.from) && (!period.to || day <= period.to);
}

function tally(lines: Map<string, HoursLine>, id: string, minutes: number): void {
  const line = lines.get(id) ?? { id, sessions: 0, minutes: 0 };
  line.sessions += 1;
  line.minutes += minutes;
  lines.set(id, line);
}

/** Most hours first, then by id so the order is stable. */
const byMinutes = (a: HoursLine, b: HoursLine) => b.minutes - a.minutes || a.id.localeCompare(b.id);

export function hoursDelivered(sessions: readonly SessionFacts[], period: Period = {}): HoursDelivered {
  const households = new Map<string, HoursLine>();
  const workers = new Map<string, HoursLine>();
  let count = 0;
  let minutes = 0;
  for (const s of sessions) {
    if (s.status !== 'delivered' || !inPeriod(s.startsAt, period)) continue;
    count += 1;
    minutes += s.durationMinutes;
    tally(households, s.householdId, s.durationMinutes);
    tally(workers, s.workerId, s.durationMinutes);
  }
  return { sessions: count, minutes, byHousehold: [...households.values()].sort(byMinutes), byWorker: [...workers.values()].sort(byMinutes) };
}

/** Minutes as hours to one decimal place (90 → 1.5), for people to read. */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

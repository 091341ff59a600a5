import { addMonths, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';

/**
 * Clinical supervision: how often each worker is expected to have it, when their next is due, and
 * who is overdue. Pure: "today" and the sessions are passed in.
 */

/** The choices a manager has for the expected frequency; the default is monthly. */
export const SUPERVISION_FREQUENCIES = ['weekly', 'fortnightly', 'every_4_weeks', 'monthly', 'every_6_weeks', 'every_2_months', 'quarterly'] as const;
export type SupervisionFrequency = (typeof SUPERVISION_FREQUENCIES)[number];

const INTERVAL: Record<SupervisionFrequency, { days: number } | { months: number }> = {
  weekly: { days: 7 },
  fortnightly: { days: 14 },
  every_4_weeks: { days: 28 },
  monthly: { months: 1 },
  every_6_weeks: { days: 42 },
  every_2_months: { months: 2 },
  quarterly: { months: 3 },
};

function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The date one interval of the frequency after `date` (a month after 31 January is 28 or 29 February). */
export function addInterval(date: IsoDate, frequency: SupervisionFrequency): IsoDate {
  const interval = INTERVAL[frequency];
  return 'months' in interval ? addMonths(date, interval.months) : addDays(date, interval.days);
}

export type SupervisionLevel = 'overdue' | 'due_soon' | 'ok';

export type SupervisionDue = {
  /** The last session, or null when the worker has never had one recorded. */
  lastSession: IsoDate | null;
  /** When the next session is due: one interval after the last, or after the worker started. */
  due: IsoDate;
  /** Days from today to the due date; negative when overdue. */
  daysLeft: number;
  level: SupervisionLevel;
};

/**
 * When a worker's next supervision is due. Someone never supervised is given one interval from the
 * day they started (their account was created), so a new starter is not overdue on day one. On the
 * due date itself supervision is due, not yet overdue.
 */
export function supervisionDue(
  input: { lastSession: IsoDate | null; startedOn: IsoDate },
  today: IsoDate,
  config: { frequency: SupervisionFrequency; dueSoonDays: number },
): SupervisionDue {
  const due = addInterval(input.lastSession ?? input.startedOn, config.frequency);
  const daysLeft = daysBetween(today, due);
  const level: SupervisionLevel = daysLeft < 0 ? 'overdue' : daysLeft <= config.dueSoonDays ? 'due_soon' : 'ok';
  return { lastSession: input.lastSession, due, daysLeft, level };
}

export type Supervisee = { id: string; name: string; startedOn: IsoDate };
export type SessionFact = { superviseeId: string; sessionDate: IsoDate };
/** Each worker's latest session and how many they have had (what the database sums up). */
export type SupervisionHistory = { superviseeId: string; lastSession: IsoDate; sessions: number };
export type SupervisionLine = Supervisee & SupervisionDue & { sessions: number };

const LEVEL_ORDER: Record<SupervisionLevel, number> = { overdue: 0, due_soon: 1, ok: 2 };

/** Sessions summed up per worker; a session dated after today does not count. */
export function summariseSessions(sessions: readonly SessionFact[], today: IsoDate): SupervisionHistory[] {
  const byWorker = new Map<string, SupervisionHistory>();
  for (const s of sessions) {
    if (s.sessionDate > today) continue;
    const seen = byWorker.get(s.superviseeId);
    if (!seen) byWorker.set(s.superviseeId, { superviseeId: s.superviseeId, lastSession: s.sessionDate, sessions: 1 });
    else
      byWorker.set(s.superviseeId, { ...seen, sessions: seen.sessions + 1, lastSession: s.sessionDate > seen.lastSession ? s.sessionDate : seen.lastSession });
  }
  return [...byWorker.values()];
}

/**
 * Every worker with their supervision due, most urgent first: overdue (longest overdue first), then
 * due soon, then the rest by due date; ties by name.
 */
export function supervisionList(
  workers: readonly Supervisee[],
  history: readonly SupervisionHistory[],
  today: IsoDate,
  config: { frequency: SupervisionFrequency; dueSoonDays: number },
): SupervisionLine[] {
  const byWorker = new Map(history.map((h) => [h.superviseeId, h]));
  return workers
    .map((w) => {
      const h = byWorker.get(w.id);
      return { ...w, sessions: h?.sessions ?? 0, ...supervisionDue({ lastSession: h?.lastSession ?? null, startedOn: w.startedOn }, today, config) };
    })
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.daysLeft - b.daysLeft || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Only those overdue. */
export function overdueWorkers(lines: readonly SupervisionLine[]): SupervisionLine[] {
  return lines.filter((l) => l.level === 'overdue');
}

import { dateInWales, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';
import type { SupervisionDue } from './supervision.ts';

/**
 * What "my work" shows and in which order. Pure: the service gathers each part from the module
 * that owns it (meetings and actions from preparation, sessions from support, timescales from
 * recruitment, supervision from here) and passes "now" in.
 */

/** A meeting or session in a person's diary, described by references only (never a child's name). */
export type DiaryEntry = {
  kind: 'tac_meeting' | 'support_session';
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Children's or household references the entry is about: all the calendar feed ever shows of them. */
  references: string[];
  /** Names for the person's own page only (never written into the calendar feed). */
  namesForPage: string[];
  /** A code saying more (a session's kind, e.g. "theraplay"), translated by the page. */
  detail: string | null;
  /** How it happens (a session's mode: in person, video, phone), or null. */
  mode: string | null;
  status: 'planned' | 'delivered' | 'cancelled' | null;
  href: string | null;
};

/** An open action as "my work" counts it; the preparation module's partial shows the actions themselves. */
export type ActionFact = { dueDate: IsoDate; doneAt: Date | null };

/** A household whose statutory timescale is about to pass (from recruitment). */
export type TimescaleFact = {
  id: string;
  reference: string;
  names: string;
  clock: string;
  due: IsoDate;
  daysLeft: number;
  level: 'overdue' | 'due_soon' | 'ok';
};

export type MyWorkInput = {
  now: Date;
  /** Each part is undefined when its source is not connected (or not for this person). */
  meetings?: readonly DiaryEntry[];
  sessions?: readonly DiaryEntry[];
  actions?: readonly ActionFact[];
  timescales?: readonly TimescaleFact[];
  /** The person's own supervision, when they are someone who is supervised. */
  mySupervision?: SupervisionDue;
  /** Workers overdue for supervision, for those who oversee it. */
  teamOverdue?: number;
  /** Outcome measures overdue for the children the person enters scores for (the outcomes module says which). */
  outcomesOverdue?: number;
};

export type DiaryDay = { date: IsoDate; isToday: boolean; entries: DiaryEntry[] };

/** One line of the "needs your attention" panel, most pressing first; `anchor` is the section it leads to. */
export type AttentionLine =
  | { key: 'actionsOverdue'; count: number; anchor: 'actions' }
  | { key: 'actionsDueToday'; count: number; anchor: 'actions' }
  | { key: 'supervisionOverdue'; due: IsoDate; days: number; anchor: 'supervision' }
  | { key: 'timescalesPassed'; count: number; anchor: 'timescales' }
  | { key: 'teamSupervisionOverdue'; count: number; anchor: 'supervision' }
  | { key: 'outcomesOverdue'; count: number; anchor: 'outcomes-due' }
  | { key: 'today'; count: number; anchor: 'diary' };

export type MyWork = {
  today: IsoDate;
  attention: AttentionLine[];
  /** Meetings and sessions from now to the end of the window, by day; null when neither source is connected. */
  diary: DiaryDay[] | null;
  diaryEntries: number;
  actions: { overdue: number; dueToday: number; dueSoon: number; open: number } | null;
  supervision: { mine: SupervisionDue | null; teamOverdue: number | null } | null;
  timescales: TimescaleFact[] | null;
};

const KIND_ORDER: Record<DiaryEntry['kind'], number> = { tac_meeting: 0, support_session: 1 };

/**
 * The diary: what has not ended yet and starts before the window closes, cancelled sessions
 * left out, in time order (a meeting before a session starting at the same minute), grouped by the
 * day in Wales.
 */
export function diaryDays(entries: readonly DiaryEntry[], now: Date, daysAhead: number): DiaryDay[] {
  const today = dateInWales(now);
  const days = new Map<IsoDate, DiaryEntry[]>();
  const shown = entries
    .filter((e) => e.status !== 'cancelled' && e.endsAt.getTime() > now.getTime())
    .filter((e) => daysBetween(today, dateInWales(e.startsAt)) < daysAhead)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id));
  for (const entry of shown) {
    // Something that started before today and runs on (rare) is listed today.
    const day = dateInWales(entry.startsAt) < today ? today : dateInWales(entry.startsAt);
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return [...days.entries()].map(([date, list]) => ({ date, isToday: date === today, entries: list }));
}

/** Open actions counted by how soon they are due (an action is overdue the day after its due date). */
export function actionCounts(actions: readonly ActionFact[], today: IsoDate, dueSoonDays: number) {
  const counts = { overdue: 0, dueToday: 0, dueSoon: 0, open: 0 };
  for (const a of actions) {
    if (a.doneAt) continue;
    const days = daysBetween(today, a.dueDate);
    if (days < 0) counts.overdue += 1;
    else if (days === 0) counts.dueToday += 1;
    else if (days <= dueSoonDays) counts.dueSoon += 1;
    else counts.open += 1;
  }
  return counts;
}

/**
 * "My work": the attention panel first (overdue actions, then actions due today, your own
 * supervision overdue, households whose timescales have passed, workers overdue for supervision,
 * then what is on today), then the sections in a fixed order: actions, diary, supervision,
 * timescales. A section whose source is not connected is null, never an empty list pretending
 * there is nothing to do.
 */
export function arrangeMyWork(input: MyWorkInput, config: { daysAhead: number; dueSoonDays: number }): MyWork {
  const today = dateInWales(input.now);
  const diarySources = [input.meetings, input.sessions].filter((s): s is readonly DiaryEntry[] => s !== undefined);
  const diary = diarySources.length ? diaryDays(diarySources.flat(), input.now, config.daysAhead) : null;
  const actions = input.actions ? actionCounts(input.actions, today, config.dueSoonDays) : null;
  const timescales = input.timescales ? [...input.timescales].sort((a, b) => a.daysLeft - b.daysLeft || a.reference.localeCompare(b.reference)) : null;
  const supervision =
    input.mySupervision || input.teamOverdue !== undefined ? { mine: input.mySupervision ?? null, teamOverdue: input.teamOverdue ?? null } : null;

  const attention: AttentionLine[] = [];
  if (actions?.overdue) attention.push({ key: 'actionsOverdue', count: actions.overdue, anchor: 'actions' });
  if (actions?.dueToday) attention.push({ key: 'actionsDueToday', count: actions.dueToday, anchor: 'actions' });
  if (input.mySupervision?.level === 'overdue')
    attention.push({ key: 'supervisionOverdue', due: input.mySupervision.due, days: -input.mySupervision.daysLeft, anchor: 'supervision' });
  const passed = timescales?.filter((t) => t.level === 'overdue').length ?? 0;
  if (passed) attention.push({ key: 'timescalesPassed', count: passed, anchor: 'timescales' });
  if (input.teamOverdue) attention.push({ key: 'teamSupervisionOverdue', count: input.teamOverdue, anchor: 'supervision' });
  if (input.outcomesOverdue) attention.push({ key: 'outcomesOverdue', count: input.outcomesOverdue, anchor: 'outcomes-due' });
  const todays = diary?.find((d) => d.isToday)?.entries.length ?? 0;
  if (todays) attention.push({ key: 'today', count: todays, anchor: 'diary' });

  return { today, attention, diary, diaryEntries: diary?.reduce((n, d) => n + d.entries.length, 0) ?? 0, actions, supervision, timescales };
}

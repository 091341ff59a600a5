import { daysBetween, type IsoDate } from '../../platform/dates/dates.ts';
import { addDays } from './dates.ts';

/**
 * When an action agreed at a Team Around the Child meeting is due, and how late it is. Pure: the
 * service passes today's date in Wales. An action is overdue from the day after its due date.
 */

/** An action is "due soon" this many days before its due date (a week's notice on "my work"). */
export const DUE_SOON_DAYS = 7;
/** A meeting's actions are due within a year of it; anything later is a typing mistake, not a plan. */
export const LONGEST_ACTION_DAYS = 366;
/** What the action form suggests: two weeks after the meeting, the usual interval between TAC reviews' tasks. */
export const SUGGESTED_ACTION_DAYS = 14;

export type ActionState = 'overdue' | 'due_today' | 'due_soon' | 'open' | 'done';

export type ActionTiming = { dueDate: IsoDate; doneAt: Date | null };

/** The state of one action on a date. */
export function actionState(action: ActionTiming, today: IsoDate, dueSoonDays = DUE_SOON_DAYS): ActionState {
  if (action.doneAt) return 'done';
  const days = daysBetween(today, action.dueDate);
  if (days < 0) return 'overdue';
  if (days === 0) return 'due_today';
  if (days <= dueSoonDays) return 'due_soon';
  return 'open';
}

/** Whole days past the due date (0 when not overdue or done). */
export function daysOverdue(action: ActionTiming, today: IsoDate): number {
  if (action.doneAt) return 0;
  return Math.max(0, daysBetween(action.dueDate, today));
}

/** Whole days until the due date (negative when overdue). */
export function daysUntilDue(action: ActionTiming, today: IsoDate): number {
  return daysBetween(today, action.dueDate);
}

const STATE_ORDER: Record<ActionState, number> = { overdue: 0, due_today: 1, due_soon: 2, open: 3, done: 4 };

/**
 * The order an owner reads their actions in: overdue first (the longest overdue at the top), then
 * due today, due soon and the rest by due date; done last. Ties keep the order given.
 */
export function orderForOwner<A extends ActionTiming>(actions: readonly A[], today: IsoDate): A[] {
  return actions
    .map((action, index) => ({ action, index, state: actionState(action, today) }))
    .sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        (a.action.dueDate < b.action.dueDate ? -1 : a.action.dueDate > b.action.dueDate ? 1 : 0) ||
        a.index - b.index,
    )
    .map((entry) => entry.action);
}

/** Counts for a heading ("2 overdue, 1 due today"). */
export function countByState(actions: readonly ActionTiming[], today: IsoDate): Record<ActionState, number> {
  const counts: Record<ActionState, number> = { overdue: 0, due_today: 0, due_soon: 0, open: 0, done: 0 };
  for (const action of actions) counts[actionState(action, today)] += 1;
  return counts;
}

export type DueDateRefusal = 'before-meeting' | 'too-far';

/**
 * Why a due date cannot be right for an action agreed at a meeting on `meetingDate`, or null.
 * An action may be due on the day of the meeting (a task done before everyone leaves), never before.
 */
export function dueDateRefusal(dueDate: IsoDate, meetingDate: IsoDate): DueDateRefusal | null {
  const days = daysBetween(meetingDate, dueDate);
  if (days < 0) return 'before-meeting';
  if (days > LONGEST_ACTION_DAYS) return 'too-far';
  return null;
}

/** The due date the action form offers: two weeks after the meeting, or after today if the meeting was long ago. */
export function suggestedDueDate(meetingDate: IsoDate, today: IsoDate): IsoDate {
  const from = meetingDate > today ? meetingDate : today;
  return addDays(from, SUGGESTED_ACTION_DAYS);
}

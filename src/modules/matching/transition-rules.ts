import { daysBetween, type IsoDate } from '../../platform/dates/dates.ts';
import type { MatchStage } from './vocabulary.ts';
import { TRANSITION_STEP_KINDS, TRANSITION_STEP_STATUSES } from './vocabulary.ts';

/**
 * A transition plan: introductions as dated steps (first meeting, visits, overnight stays, moving
 * day, reviews). Pure rules; the service passes today's date in Wales.
 */

export type StepKind = (typeof TRANSITION_STEP_KINDS)[number];
export type StepStatus = (typeof TRANSITION_STEP_STATUSES)[number];

export type PlanStep = { id: string; kind: StepKind; plannedDate: IsoDate; status: StepStatus };

/** A step as a person asks to save it: a new one (no id) or a change to one of the plan's. */
export type StepChange = { id?: string; kind: StepKind; plannedDate: IsoDate; status: Exclude<StepStatus, 'moved'>; reason: string | null };

export type StepRefusal = {
  field: 'plannedDate' | 'kind' | 'status' | 'reason';
  code: 'before-link' | 'second-moving-day' | 'done-in-future' | 'reason-required' | 'after-moving-day';
};

/** The plan is written from the matching meeting, through introductions, to reviews after the child has moved in. */
export const PLAN_STAGES = ['matching_meeting', 'matching_panel', 'agency_decision', 'introductions', 'placed'] as const satisfies readonly MatchStage[];

export function planEditable(stage: MatchStage): boolean {
  return (PLAN_STAGES as readonly string[]).includes(stage);
}

/** Steps that count: cancelled steps stay on the record but are not part of the plan any more. */
const live = (step: { status: StepStatus }) => step.status !== 'cancelled';

/** The date the child moves in: the plan's live moving day, if it has one. */
export function movingDay(steps: readonly PlanStep[]): IsoDate | null {
  return steps.find((s) => s.kind === 'moving_day' && live(s))?.plannedDate ?? null;
}

/**
 * Introductions lead up to moving day; after it come only reviews. A live step of another kind
 * dated after moving day is unusual (an overnight stay after the child has moved in?) and needs a reason.
 */
export function afterMovingDay(steps: readonly PlanStep[]): PlanStep[] {
  const day = movingDay(steps);
  if (!day) return [];
  return steps.filter((s) => live(s) && s.kind !== 'review' && s.kind !== 'moving_day' && s.plannedDate > day);
}

/** The plan as it would be with the change saved (a new step gets the id "new"). */
export function withChange(steps: readonly PlanStep[], change: StepChange): PlanStep[] {
  const previous = change.id ? steps.find((s) => s.id === change.id) : undefined;
  const status: StepStatus =
    change.status === 'planned' && previous && previous.plannedDate !== change.plannedDate
      ? 'moved'
      : change.status === 'planned' && previous?.status === 'moved'
        ? 'moved'
        : change.status;
  const saved: PlanStep = { id: change.id ?? 'new', kind: change.kind, plannedDate: change.plannedDate, status };
  return previous ? steps.map((s) => (s.id === change.id ? saved : s)) : [...steps, saved];
}

/** The status a change saves: a planned step given a new date is "moved" (and stays so until done or cancelled). */
export function statusAfter(steps: readonly PlanStep[], change: StepChange): StepStatus {
  return withChange(steps, change).find((s) => s.id === (change.id ?? 'new'))!.status;
}

/**
 * Everything wrong with a change to a plan, each on its field (empty when it may be saved).
 * Changes to a step's date, and cancelling it, need a reason, so the plan's history says why.
 */
export function stepRefusals(steps: readonly PlanStep[], change: StepChange, context: { linkedDate: IsoDate; today: IsoDate }): StepRefusal[] {
  const refusals: StepRefusal[] = [];
  const previous = change.id ? steps.find((s) => s.id === change.id) : undefined;
  const hasReason = Boolean(change.reason && change.reason.trim());
  if (change.plannedDate < context.linkedDate) refusals.push({ field: 'plannedDate', code: 'before-link' });
  if (change.kind === 'moving_day' && change.status !== 'cancelled' && steps.some((s) => s.id !== change.id && s.kind === 'moving_day' && live(s))) {
    refusals.push({ field: 'kind', code: 'second-moving-day' });
  }
  if (change.status === 'done' && change.plannedDate > context.today) refusals.push({ field: 'status', code: 'done-in-future' });
  if (!hasReason) {
    const dateChanged = previous !== undefined && previous.plannedDate !== change.plannedDate;
    const cancelled = change.status === 'cancelled' && previous?.status !== 'cancelled';
    const before = new Set(afterMovingDay(steps).map((s) => s.id));
    const newlyAfter = afterMovingDay(withChange(steps, change)).some((s) => !before.has(s.id) || s.id === (change.id ?? 'new'));
    if (newlyAfter) refusals.push({ field: 'reason', code: 'after-moving-day' });
    else if (dateChanged || cancelled) refusals.push({ field: 'reason', code: 'reason-required' });
  }
  return refusals;
}

const KIND_ORDER = Object.fromEntries(TRANSITION_STEP_KINDS.map((k, i) => [k, i])) as Record<StepKind, number>;

/** Steps in the order they happen (same day: first meeting before visits, moving day before the review). */
export function inOrder<S extends { plannedDate: IsoDate; kind: StepKind }>(steps: readonly S[]): S[] {
  return [...steps].sort((a, b) => (a.plannedDate < b.plannedDate ? -1 : a.plannedDate > b.plannedDate ? 1 : KIND_ORDER[a.kind] - KIND_ORDER[b.kind]));
}

export type PlanProgress = {
  steps: number;
  done: number;
  movingDay: IsoDate | null;
  /** Days from today to moving day (negative once the child has moved in). */
  daysToMovingDay: number | null;
  /** The next live step not yet done, today or later. */
  nextStepId: string | null;
  /** Live steps whose date has passed without being recorded as done. */
  notRecorded: number;
};

/** How far introductions have come, for the plan's heading and the family's view. */
export function planProgress(steps: readonly PlanStep[], today: IsoDate): PlanProgress {
  const current = inOrder(steps.filter(live));
  const day = movingDay(steps);
  return {
    steps: current.length,
    done: current.filter((s) => s.status === 'done').length,
    movingDay: day,
    daysToMovingDay: day ? daysBetween(today, day) : null,
    nextStepId: current.find((s) => s.status !== 'done' && s.plannedDate >= today)?.id ?? null,
    notRecorded: current.filter((s) => s.status !== 'done' && s.plannedDate < today).length,
  };
}

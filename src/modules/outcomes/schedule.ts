import { addDays, addMonths, type IsoDate } from '../../platform/dates/dates.ts';
import type { InstrumentDefinition } from './instrument.ts';

/**
 * When an instrument is due for a child (domain.md: baseline, then 6, 12 and 24 months after
 * placement). Each point has a window: an administration completed inside it counts for it. A
 * point not done by the end of its window is overdue until the next point's window opens; after
 * that it is missed (the next one matters more than a late one). An administration completed while
 * its point is overdue counts for it, late: a developmental baseline recorded months after the
 * referral is still the child's baseline, and a child not yet placed would otherwise stay overdue
 * for ever once the window had closed.
 */

export type Anchors = { referralAcceptedOn: IsoDate | null; placementDate: IsoDate | null };

/**
 * The anchors of a child's schedule from the children and matching modules' facts.
 *
 * A child with no referral record (entered straight onto the agency's register, or imported) still
 * gets a baseline for the instruments anchored at referral acceptance (the developmental check):
 * the referral date on the child's own record. A clinician wants the developmental baseline when
 * the agency starts work with the child — it describes the child's developmental uncertainty to
 * the families considered, so it belongs before family finding, not at the first match stage
 * (too late, and never for a child not yet linked) — and the record's referral date is the date
 * the agency took the child on. The record's creation date is not used: for an imported child it
 * is the day of the import, which would make a long-placed child's baseline look due today.
 */
export function anchorsOf(
  facts: { referralAcceptedOn: IsoDate | null; referredOn: IsoDate } | undefined,
  placement: { placementDate: IsoDate } | undefined,
): Anchors {
  return { referralAcceptedOn: facts ? (facts.referralAcceptedOn ?? facts.referredOn) : null, placementDate: placement?.placementDate ?? null };
}

export type PointState = 'done' | 'upcoming' | 'due' | 'overdue' | 'missed';

export type SchedulePoint = {
  /** 0 = baseline, otherwise months after placement. */
  months: number;
  dueOn: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  state: PointState;
  completedOn: IsoDate | null;
};

/** The dates each point falls due; points whose anchor is not known yet are left out. */
export function dueDates(schedule: InstrumentDefinition['schedule'], anchors: Anchors): { months: number; dueOn: IsoDate }[] {
  const points: { months: number; dueOn: IsoDate }[] = [];
  const baseline = schedule.baseline === 'placement' ? anchors.placementDate : schedule.baseline === 'referral_acceptance' ? anchors.referralAcceptedOn : null;
  if (baseline) points.push({ months: 0, dueOn: baseline });
  if (anchors.placementDate) for (const months of schedule.followUpMonths) points.push({ months, dueOn: addMonths(anchors.placementDate, months) });
  return points.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.months - b.months));
}

/** Every point of the schedule with its state on `today`, given the dates administrations were completed. */
export function scheduleFor(schedule: InstrumentDefinition['schedule'], anchors: Anchors, completed: readonly IsoDate[], today: IsoDate): SchedulePoint[] {
  const unused = [...completed].sort();
  const points = dueDates(schedule, anchors).map((p) => ({
    ...p,
    windowStart: addDays(p.dueOn, -schedule.windowDaysBefore),
    windowEnd: addDays(p.dueOn, schedule.windowDaysAfter),
  }));
  return points.map((p, i) => {
    const next = points[i + 1];
    // Each administration counts once, for the earliest point whose window holds it; failing that,
    // one completed late (after the window, before the next point's window opens) counts for it.
    const inWindow = unused.findIndex((d) => d >= p.windowStart && d <= p.windowEnd);
    const index = inWindow >= 0 ? inWindow : unused.findIndex((d) => d > p.windowEnd && (!next || d < next.windowStart));
    if (index >= 0) {
      const [completedOn] = unused.splice(index, 1);
      return { ...p, state: 'done' as const, completedOn: completedOn! };
    }
    let state: PointState;
    if (today < p.windowStart) state = 'upcoming';
    else if (today <= p.windowEnd) state = 'due';
    else if (next && today >= next.windowStart) state = 'missed';
    else state = 'overdue';
    return { ...p, state, completedOn: null };
  });
}

/** The one point needing attention now (due or overdue), if any. */
export function pointNeedingAttention(points: readonly SchedulePoint[]): SchedulePoint | undefined {
  return points.find((p) => p.state === 'overdue') ?? points.find((p) => p.state === 'due');
}

import { addMonths, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';

/** The waiting clocks a family finder watches for each child. */
export const CLOCKS = ['enteredCare', 'placementOrder', 'referral', 'adoptionPlan'] as const;
export type ClockName = (typeof CLOCKS)[number];

export type ClockConfig = { warningMonths: number; urgentMonths: number };
export const DEFAULT_CLOCK_CONFIG: ClockConfig = { warningMonths: 6, urgentMonths: 12 };

export type ClockLevel = 'ok' | 'warning' | 'urgent';
export type Clock = { name: ClockName; since: IsoDate; days: number; level: ClockLevel };

export type ClockDates = {
  enteredCareDate: IsoDate | null;
  placementOrderDate: IsoDate | null;
  referralDate: IsoDate | null;
  adoptionPlanDate: IsoDate | null;
};

/** Level of one clock on `today`: warning from 6 months, urgent from 12 (configurable). */
export function clockLevel(since: IsoDate, today: IsoDate, config: ClockConfig = DEFAULT_CLOCK_CONFIG): ClockLevel {
  if (addMonths(since, config.urgentMonths) <= today) return 'urgent';
  if (addMonths(since, config.warningMonths) <= today) return 'warning';
  return 'ok';
}

/** Every clock that has started, with days elapsed and its level. A stopped journey has no running clocks. */
export function clocksFor(dates: ClockDates, today: IsoDate, config: ClockConfig = DEFAULT_CLOCK_CONFIG): Clock[] {
  const starts: Record<ClockName, IsoDate | null> = {
    enteredCare: dates.enteredCareDate,
    placementOrder: dates.placementOrderDate,
    referral: dates.referralDate,
    adoptionPlan: dates.adoptionPlanDate,
  };
  return CLOCKS.flatMap((name) => {
    const since = starts[name];
    if (!since || since > today) return [];
    return [{ name, since, days: daysBetween(since, today), level: clockLevel(since, today, config) }];
  });
}

/** The most pressing level among a child's clocks, for lists and dashboards. */
export function worstLevel(clocks: readonly Clock[]): ClockLevel {
  if (clocks.some((c) => c.level === 'urgent')) return 'urgent';
  if (clocks.some((c) => c.level === 'warning')) return 'warning';
  return 'ok';
}

/**
 * The days a child's clocks passed their warning and urgent levels, up to `today`: lines of the
 * child's chronology (the day the wait became a worry, whether or not anyone looked that day).
 */
export function thresholdsPassed(dates: ClockDates, today: IsoDate, config: ClockConfig = DEFAULT_CLOCK_CONFIG) {
  return clocksFor(dates, today, config).flatMap((clock) =>
    (
      [
        ['warning', config.warningMonths],
        ['urgent', config.urgentMonths],
      ] as const
    )
      .map(([level, months]) => ({ name: clock.name, level, months, on: addMonths(clock.since, months) }))
      .filter((passed) => passed.on <= today),
  );
}

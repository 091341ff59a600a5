import { addMonths, daysBetween, type IsoDate } from '../../platform/dates/dates.ts';
import type { Stage } from './vocabulary.ts';

/**
 * Statutory timescales of the adopter's journey (Adoption Agencies (Wales) Regulations as amended
 * 2020): Stage 1 about two months, Stage 2 about four, a break of up to six months between them.
 * Configuration, not law in code: an agency may set its own.
 */
export type Timescales = {
  stage1Months: number;
  stage2Months: number;
  breakMaxMonths: number;
  /** How many days before a due date the worker is warned. */
  warningDays: number;
};

export const DEFAULT_TIMESCALES: Timescales = { stage1Months: 2, stage2Months: 4, breakMaxMonths: 6, warningDays: 14 };

export type DueLevel = 'ok' | 'due_soon' | 'overdue';

/** The one date the household's current stage is measured against, and how close it is. */
export type Due = { clock: 'stage1' | 'break' | 'stage2'; since: IsoDate; due: IsoDate; daysLeft: number; level: DueLevel };

type Dates = { stage: Stage; stage1Date: IsoDate | null; breakDate: IsoDate | null; stage2Date: IsoDate | null };

/** The due date of the stage the household is in, if that stage has one. */
export function dueFor(household: Dates, today: IsoDate, config: Timescales = DEFAULT_TIMESCALES): Due | undefined {
  const clock =
    household.stage === 'stage1' && household.stage1Date
      ? { clock: 'stage1' as const, since: household.stage1Date, months: config.stage1Months }
      : household.stage === 'break' && household.breakDate
        ? { clock: 'break' as const, since: household.breakDate, months: config.breakMaxMonths }
        : household.stage === 'stage2' && household.stage2Date
          ? { clock: 'stage2' as const, since: household.stage2Date, months: config.stage2Months }
          : undefined;
  if (!clock) return undefined;
  const due = addMonths(clock.since, clock.months);
  const daysLeft = daysBetween(today, due);
  const level: DueLevel = daysLeft < 0 ? 'overdue' : daysLeft <= config.warningDays ? 'due_soon' : 'ok';
  return { clock: clock.clock, since: clock.since, due, daysLeft, level };
}

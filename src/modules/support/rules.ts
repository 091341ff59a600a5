import type { FieldError } from '../../platform/http/errors.ts';
import { daysBetween, type IsoDate } from '../../platform/dates/dates.ts';

/** Rules of support sessions, plans and events: pure, so each refusal is tested on its own. */

export type SessionStatus = 'planned' | 'delivered' | 'cancelled';

/**
 * What is wrong with a session as it would be saved. A session cannot have been delivered before it
 * starts; its length must be a sensible number of minutes.
 */
export function sessionProblems(
  session: { status: SessionStatus; startsAt: Date; durationMinutes: number },
  now: Date,
  minutes: { min: number; max: number },
): FieldError[] {
  const problems: FieldError[] = [];
  if (session.status === 'delivered' && session.startsAt.getTime() > now.getTime())
    problems.push({ field: 'status', key: 'support:errors.status.deliveredInFuture' });
  if (!Number.isInteger(session.durationMinutes) || session.durationMinutes < minutes.min || session.durationMinutes > minutes.max) {
    problems.push({ field: 'durationMinutes', key: 'support:errors.durationMinutes.range', params: { min: minutes.min, max: minutes.max } });
  }
  return problems;
}

export type ReviewState = 'none' | 'overdue' | 'due_soon' | 'scheduled';

/** Where a support plan's next review stands today. */
export function reviewState(nextReviewDate: IsoDate | null, today: IsoDate, dueSoonDays: number): ReviewState {
  if (!nextReviewDate) return 'none';
  const days = daysBetween(today, nextReviewDate);
  if (days < 0) return 'overdue';
  if (days <= dueSoonDays) return 'due_soon';
  return 'scheduled';
}

/** A plan is agreed on a day that has happened, and reviewed after it was agreed. */
export function planProblems(plan: { agreedDate: IsoDate; nextReviewDate: IsoDate | null }, today: IsoDate): FieldError[] {
  const problems: FieldError[] = [];
  if (plan.agreedDate > today) problems.push({ field: 'agreedDate', key: 'support:errors.agreedDate.inFuture' });
  if (plan.nextReviewDate && plan.nextReviewDate <= plan.agreedDate)
    problems.push({ field: 'nextReviewDate', key: 'support:errors.nextReviewDate.notAfterAgreed' });
  return problems;
}

/** An event ends after it starts. */
export function eventProblems(event: { startsAt: Date; endsAt: Date }): FieldError[] {
  return event.endsAt.getTime() <= event.startsAt.getTime() ? [{ field: 'endsAt', key: 'support:errors.endsAt.beforeStart' }] : [];
}

/**
 * Whether a family came is known only once the event has begun; before that a family can only be
 * expected (attended unknown).
 */
export function attendanceProblems(attendance: { attended: boolean | null; adults: number; children: number }, eventStartsAt: Date, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  if (attendance.attended !== null && eventStartsAt.getTime() > now.getTime()) problems.push({ field: 'attended', key: 'support:errors.attended.notStarted' });
  if (attendance.adults + attendance.children === 0) problems.push({ field: 'adults', key: 'support:errors.adults.nobody' });
  return problems;
}

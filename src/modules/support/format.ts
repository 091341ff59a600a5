import { walesDateTime } from '../../platform/dates/times.ts';
import { dayInWales as sessionDate, escapeHtml, longDate, tagHtml, type T } from '../../platform/format/format.ts';
import { hoursOf } from './hours.ts';

/** How support pages say times, lengths, hours and states, in the page's language. */

export { escapeHtml, longDate, tagHtml, type T };

/** "Wednesday 1 July 2026, 10:00 to 11:30" for a session of `minutes` from its start. */
export function sessionWhen(startsAt: Date, minutes: number, t: T, language: string): string {
  const end = new Date(startsAt.getTime() + minutes * 60_000);
  return t('support:when.range', { date: sessionDate(startsAt, language), start: walesDateTime(startsAt).time, end: walesDateTime(end).time });
}

/** "Wednesday 1 July 2026, 10:00 to 13:00" for an event. */
export function eventWhen(startsAt: Date, endsAt: Date, t: T, language: string): string {
  return t('support:when.range', { date: sessionDate(startsAt, language), start: walesDateTime(startsAt).time, end: walesDateTime(endsAt).time });
}

/** "1 July 2026" from an instant, the day in Wales. */
export function dayOf(instant: Date | null, language: string): string {
  return instant ? longDate(walesDateTime(instant).date, language) : '';
}

/** "1.5 hours" / "1.5 awr" from minutes. */
export function hoursText(minutes: number, t: T, language: string): string {
  const hours = hoursOf(minutes);
  return t('support:hours.value', {
    count: hours,
    hours: new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 1 }).format(hours),
  });
}

/** "1 day" / "12 days" ("1 diwrnod" / "2 ddiwrnod" / "12 diwrnod"). */
export function daysText(days: number, t: T): string {
  return t('support:request.days', { count: days });
}

export const SESSION_STATUS_TAG: Record<string, string> = { planned: 'govuk-tag--blue', delivered: 'govuk-tag--green', cancelled: 'govuk-tag--grey' };
export const REQUEST_STATUS_TAG: Record<string, string> = { waiting: 'govuk-tag--yellow', allocated: 'govuk-tag--blue', closed: 'govuk-tag--grey' };
export const WAITING_TAG: Record<string, string> = { normal: 'govuk-tag--grey', long: 'govuk-tag--orange', very_long: 'govuk-tag--red' };
export const REVIEW_TAG: Record<string, string> = {
  none: 'govuk-tag--grey',
  overdue: 'govuk-tag--red',
  due_soon: 'govuk-tag--orange',
  scheduled: 'govuk-tag--green',
};
export const WINDOW_TAG: Record<string, string> = { not_reached: 'govuk-tag--grey', open: 'govuk-tag--green', disrupted: 'govuk-tag--red' };

/** A cell of a disclosure-controlled figure: "c" is explained on the page. */
export function figure(value: number | 'c' | null, language: string): string {
  if (value === null) return '–';
  if (value === 'c') return 'c';
  return new Intl.NumberFormat(language === 'cy' ? 'cy-GB' : 'en-GB').format(value);
}

/** Text typed in a box, as paragraphs for the page (one per line, blank lines dropped). */
export function paragraphs(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

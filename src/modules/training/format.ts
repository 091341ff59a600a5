import { walesDateTime } from '../../platform/dates/times.ts';
import { dayInWales as sessionDate } from '../../platform/format/format.ts';

export { escapeHtml, longDate, tagHtml } from '../../platform/format/format.ts';
export { sessionDate };

/** How training pages say dates and times, in the page's language. */

export type T = (key: string, params?: Record<string, unknown>) => string;
export type Language = 'en' | 'cy';

/** "Wednesday 1 July 2026, 10:00 to 13:00" in the page's language. */
export function sessionWhen(startsAt: Date, endsAt: Date, t: T, language: string): string {
  return t('training:when.range', { date: sessionDate(startsAt, language), start: walesDateTime(startsAt).time, end: walesDateTime(endsAt).time });
}

/** A course's title in the page's language. */
export function courseTitle(course: { title: string; titleCy: string }, language: string): string {
  return language === 'cy' ? course.titleCy : course.title;
}

export const STATUS_TAG: Record<string, string> = { booked: 'govuk-tag--blue', cancelled: 'govuk-tag--grey' };
export const ATTENDANCE_TAG: Record<string, string> = { attended: 'govuk-tag--green', absent: 'govuk-tag--red', none: 'govuk-tag--grey' };

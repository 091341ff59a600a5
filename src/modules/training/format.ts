import { walesDateTime } from '../../platform/dates/times.ts';

/** How training pages say dates and times, in the page's language. */

export type T = (key: string, params?: Record<string, unknown>) => string;
export type Language = 'en' | 'cy';

const locale = (language: string) => (language === 'cy' ? 'cy-GB' : 'en-GB');

/** "Wednesday 1 July 2026" / "Dydd Mercher 1 Gorffennaf 2026", the day in Wales. */
export function sessionDate(instant: Date, language: string): string {
  const weekday = new Intl.DateTimeFormat(locale(language), { weekday: 'long', timeZone: 'Europe/London' }).format(instant);
  const date = new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(instant);
  return `${weekday} ${date}`;
}

/** "Wednesday 1 July 2026, 10:00 to 13:00" in the page's language. */
export function sessionWhen(startsAt: Date, endsAt: Date, t: T, language: string): string {
  return t('training:when.range', { date: sessionDate(startsAt, language), start: walesDateTime(startsAt).time, end: walesDateTime(endsAt).time });
}

/** A calendar date ("2026-07-01") as "1 July 2026" / "1 Gorffennaf 2026". */
export function longDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A course's title in the page's language. */
export function courseTitle(course: { title: string; titleCy: string }, language: string): string {
  return language === 'cy' ? course.titleCy : course.title;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A GOV.UK tag as HTML for a table cell. */
export function tagHtml(text: string, classes: string, testid?: string): string {
  return `<strong class="govuk-tag ${classes}"${testid ? ` data-testid="${testid}"` : ''}>${escapeHtml(text)}</strong>`;
}

export const STATUS_TAG: Record<string, string> = { booked: 'govuk-tag--blue', cancelled: 'govuk-tag--grey' };
export const ATTENDANCE_TAG: Record<string, string> = { attended: 'govuk-tag--green', absent: 'govuk-tag--red', none: 'govuk-tag--grey' };

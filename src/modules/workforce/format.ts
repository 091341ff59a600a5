/** How workforce pages say dates, times and hours in the page's language. */

import { locale } from '../../platform/format/format.ts';

export { dayHeading, longDate, type T } from '../../platform/format/format.ts';

/** The clock time in Wales of an instant, 24-hour ("14:30"). */
export function timeInWales(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(instant);
}

/** An instant as a date and time in Wales, for "last used" lines. */
export function dateTimeInWales(instant: Date, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/London',
  }).format(instant);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A GOV.UK tag as HTML for a table cell. */
export function tagHtml(text: string, classes: string, testid?: string): string {
  return `<strong class="govuk-tag ${classes}"${testid ? ` data-testid="${testid}"` : ''}>${escapeHtml(text)}</strong>`;
}

export function linkHtml(href: string, text: string, testid?: string, hidden?: string): string {
  const named = hidden ? `<span class="govuk-visually-hidden"> ${escapeHtml(hidden)}</span>` : '';
  return `<a class="govuk-link" href="${escapeHtml(href)}"${testid ? ` data-testid="${testid}"` : ''}>${escapeHtml(text)}${named}</a>`;
}

/** Colours of supervision and timescale levels. */
export const LEVEL_TAG: Record<string, string> = { overdue: 'govuk-tag--red', due_soon: 'govuk-tag--yellow', ok: 'govuk-tag--green' };

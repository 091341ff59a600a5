/** How pages say dates, lists and tags in the reader's language: helpers every module shares, knowing no domain. */

import { conjunctionContext } from '../i18n/welsh.ts';

export type T = (key: string, params?: Record<string, unknown>) => string;

/** The Intl locale of a page's language. */
export const locale = (language: string) => (language === 'cy' ? 'cy-GB' : 'en-GB');

/** A calendar date ("2019-03-27") as "27 March 2019" / "27 Mawrth 2019". */
export function longDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A calendar month ("2026-03") as "Mar 2026" / "Maw 2026" (short, for a chart's axis) or "March 2026" / "Mawrth 2026". */
export function monthOfYear(value: string, language: string, style: 'short' | 'long' = 'long'): string {
  const [y, m] = value.slice(0, 7).split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(language), { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

/** "Wednesday 1 July 2026" / "Dydd Mercher 1 Gorffennaf 2026": the day in Wales of an instant. */
export function dayInWales(instant: Date, language: string): string {
  const weekday = new Intl.DateTimeFormat(locale(language), { weekday: 'long', timeZone: 'Europe/London' }).format(instant);
  const date = new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(instant);
  return `${weekday} ${date}`;
}

/**
 * A day of a diary: "Wednesday 1 July" / "Dydd Mercher 1 Gorffennaf". Built from parts because the
 * runtime's Welsh pattern for a day and month alone puts the month first ("Gorffennaf 1").
 */
export function dayHeading(value: string, language: string): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const parts = new Intl.DateTimeFormat(locale(language), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')}`;
}

/** Query string of the non-empty filters (for "Next page" and "Download CSV" links). */
export function queryString(values: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A GOV.UK tag as HTML for a table cell. */
export function tagHtml(text: string, classes: string, testid?: string): string {
  return `<strong class="govuk-tag ${classes}"${testid ? ` data-testid="${testid}"` : ''}>${escapeHtml(text)}</strong>`;
}

/** Names joined as people say them: "Ayla", "Ayla and Bryn", "Ayla, Bryn and Cai" ("Ayla a Bryn"). */
export function namesText(names: readonly string[], t: T): string {
  if (names.length <= 1) return names[0] ?? '';
  const last = names[names.length - 1];
  return t('names.and', { first: names.slice(0, -1).join(', '), last, context: conjunctionContext(last) });
}

/** Cells of a spreadsheet never start a formula: a value beginning =, +, - or @ is quoted as text. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

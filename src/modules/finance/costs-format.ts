import { dateInWales, type IsoDate } from '../../platform/dates/dates.ts';
import { escapeHtml } from '../../platform/format/format.ts';
import { organisationNameHtml } from '../../platform/i18n/agency-text.ts';
import type { Language } from '../../platform/i18n/i18n.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { financialYearDates, financialYearOf, financialYearText } from './costs.ts';
import { poundsText } from './costs-money.ts';
import { periodQuery, type Period } from './costs-inputs.ts';

/** What the cost side's pages share: money cells, the choice of period, and links. */

export type T = (key: string, params?: Record<string, unknown>) => string;

/** The first financial year the service could have records of (Adopting Together began in 2018). */
export const FIRST_YEAR = 2018;

/** A money cell of a GOV.UK table, right-aligned. */
export const moneyCell = (pence: number) => ({ text: poundsText(pence), format: 'numeric' });
export const numberCell = (n: number) => ({ text: String(n), format: 'numeric' });
export const moneyHead = (text: string) => ({ text, format: 'numeric' });
/**
 * A local authority's cell of a GOV.UK table: its name in the reader's language (its English name, marked as
 * English, when it has no Welsh one), or `otherwise` (no authority, or one no longer known).
 */
export const authorityCell = (authority: { name: string; nameCy: string | null } | undefined, otherwise: string, language: Language) =>
  authority ? { html: organisationNameHtml(authority, language) } : { text: otherwise };
export const linkHtml = (href: string, text: string, testid?: string) =>
  `<a class="govuk-link" href="${escapeHtml(href)}"${testid ? ` data-testid="${testid}"` : ''}>${escapeHtml(text)}</a>`;

/**
 * The period a page shows: a financial year (`year=2025`), every year (`year=all`), or dates
 * (`from`, `to`, as the API takes them). By default the current financial year.
 */
export function periodFromQuery(query: Record<string, unknown>, today: IsoDate = dateInWales(new Date())): { period: Period; year: string } {
  const current = financialYearOf(today);
  if (typeof query.from === 'string' && typeof query.to === 'string' && (query.from || query.to)) {
    const parsed = periodQuery.safeParse({ from: query.from, to: query.to });
    if (!parsed.success)
      throw new ValidationError(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'from'), key: i.message }) satisfies FieldError));
    return { period: parsed.data, year: '' };
  }
  const year = typeof query.year === 'string' ? query.year : String(current);
  if (year === 'all') return { period: { from: financialYearDates(FIRST_YEAR).from, to: financialYearDates(current).to }, year };
  const n = Number(year);
  if (!/^\d{4}$/.test(year) || n < FIRST_YEAR || n > current) throw new ValidationError([{ field: 'year', key: 'finance-costs:errors.year.invalid' }]);
  return { period: financialYearDates(n), year };
}

/** The choice of financial year (newest first) and "every year". */
export function yearItems(selected: string, t: T, today: IsoDate = dateInWales(new Date())) {
  const years = [];
  for (let y = financialYearOf(today); y >= FIRST_YEAR; y--) years.push({ value: String(y), text: financialYearText(y), selected: selected === String(y) });
  return [...years, { value: 'all', text: t('finance-costs:period.allYears'), selected: selected === 'all' }];
}

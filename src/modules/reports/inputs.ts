import { z } from 'zod';
import { isIsoDate } from '../../platform/dates/dates.ts';

/** Validation of a report to issue or preview, at every edge (API body, and the page's form read into it). */
const date = (required: string) => z.string({ error: required }).trim().min(1, required).refine(isIsoDate, 'reports:errors.date.invalid');

export const reportInput = z
  .strictObject({
    /** The funder's or commissioning local authority's organisation slug. */
    organisation: z.string({ error: 'reports:errors.organisation.required' }).trim().min(1, 'reports:errors.organisation.required').max(100),
    from: date('reports:errors.from.required'),
    to: date('reports:errors.to.required'),
    language: z.enum(['en', 'cy'], { error: 'reports:errors.language.required' }),
  })
  .refine((r) => r.to >= r.from, { path: ['to'], message: 'reports:errors.to.beforeFrom' });
export type ReportInput = z.infer<typeof reportInput>;

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The period a person chose on the form: a quarter, a financial year (April to March) or any dates.
 * Quarters are the financial year's: Q1 April–June ... Q4 January–March.
 */
export function periodOf(choice: { kind: string; year?: string; quarter?: string; from?: string; to?: string }): { from: string; to: string } | null {
  const year = Number(choice.year);
  if (choice.kind === 'year' && Number.isInteger(year) && year > 2000 && year < 2200) return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
  const quarter = Number(choice.quarter);
  if (choice.kind === 'quarter' && Number.isInteger(year) && year > 2000 && year < 2200 && quarter >= 1 && quarter <= 4) {
    const starts = [
      [`${year}-04-01`, `${year}-06-30`],
      [`${year}-07-01`, `${year}-09-30`],
      [`${year}-10-01`, `${year}-12-31`],
      [`${year + 1}-01-01`, `${year + 1}-03-31`],
    ] as const;
    const [from, to] = starts[quarter - 1]!;
    return { from, to };
  }
  if (choice.kind === 'dates' && choice.from && choice.to) return { from: choice.from, to: choice.to };
  return null;
}

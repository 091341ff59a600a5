import { publishTable, SUPPRESSED, type Cell, type DisclosureConfig } from '../reporting/index.ts';
import type { ReportChart, ReportTable, ReportValue } from './document.ts';
import type { ReportWords } from './words.ts';

/** What every section builder is handed: the report's words and the agency's disclosure rule. */
export type Build = { w: ReportWords; config: DisclosureConfig; language: 'en' | 'cy' };

/** A figure for a sentence: the number as the report writes it, or "c". */
export function say(cell: ReportValue, build: Build, kind: 'count' | 'percent' | 'decimal' = 'count'): string {
  if (cell === null) return '–';
  if (cell === SUPPRESSED) return SUPPRESSED;
  const locale = build.language === 'cy' ? 'cy-GB' : 'en-GB';
  if (kind === 'percent') return `${cell}%`;
  if (kind === 'decimal') return cell.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return cell.toLocaleString(locale);
}

/** The notes under a table: whether anything in it is hidden, and whether its totals are rounded. */
export function notesOf(values: readonly unknown[], build: Build, roundedTotals: boolean): string[] {
  const notes: string[] = [];
  if (values.includes(SUPPRESSED)) notes.push(build.w.suppressedNote);
  if (roundedTotals && build.config.roundTotalsTo > 1) notes.push(build.w.roundedNote(build.config.roundTotalsTo));
  return notes;
}

/** Values of a table, flattened (to look for "c"). */
export function valuesOf(table: Pick<ReportTable, 'rows'>): unknown[] {
  return table.rows.flatMap((row) => row.values);
}

/** A bar chart from labelled figures; hidden bars keep their place as "c" and are named in the table's notes. */
export function chartOf(code: string, title: string, description: string, unit: string, bars: { label: string; value: ReportValue }[]): ReportChart {
  return { code, title, description, unit, bars: bars.map((b) => ({ label: b.label, value: b.value })) };
}

/**
 * A share (met of a whole) as published: the part and the rest pass publishTable as one row, so the
 * part, the whole (rounded as a total) and the percentage never give a hidden figure back.
 */
export function publishShare(met: number, of: number, config: DisclosureConfig): { met: Cell; rest: Cell; of: Cell; percent: Cell | null } {
  if (of <= 0) return { met: 0, rest: 0, of: 0, percent: null };
  const published = publishTable({ counts: [[met, Math.max(0, of - met)]] }, config);
  return { met: published.cells[0]![0]!, rest: published.cells[0]![1]!, of: published.grandTotal, percent: published.percentages[0]![0]! };
}

/** Minutes as whole hours (a figure of work, not of people: never suppressed). */
export const hoursOf = (minutes: number) => Math.round(minutes / 60);

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

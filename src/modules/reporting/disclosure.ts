/**
 * The one disclosure-control function every aggregate shown outside the agency passes through,
 * following official practice for children's statistics: small counts (1–4 by default) are shown
 * as "c"; further cells are suppressed so that no suppressed cell can be worked out exactly from
 * the row, column and sub-totals (publish-table.ts, the rule in suppression.ts); totals are
 * rounded (to 5 by default); percentages are whole numbers and never of a suppressed cell; means
 * and medians are shown only over enough children and never beside a suppressed cell.
 */
import { DEFAULT_DISCLOSURE, SUPPRESSED, isSmall, type Cell, type DisclosureConfig } from './figures.ts';
import { publishTable } from './publish-table.ts';

export { DEFAULT_DISCLOSURE, SUPPRESSED, isSmall, roundTotal, type Cell, type DisclosureConfig } from './figures.ts';

/** A single published count. */
export function discloseCount(n: number, config: DisclosureConfig = DEFAULT_DISCLOSURE): Cell {
  return isSmall(n, config) ? SUPPRESSED : n;
}

export type DisclosedTable = {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  grandTotal: Cell;
  /** Whole-number percentages of the grand total, "c" where the cell is suppressed. */
  percentages: Cell[][];
};

/**
 * A table with row and column totals as published outside the agency (see publishTable for the
 * rule). The shape every caller before sub-totals and reasons used.
 */
export function discloseTable(table: readonly (readonly number[])[], config: DisclosureConfig = DEFAULT_DISCLOSURE): DisclosedTable {
  const { cells, rowTotals, columnTotals, grandTotal, percentages } = publishTable({ counts: table }, config);
  return { cells, rowTotals, columnTotals, grandTotal, percentages };
}

/** A distribution (one row) with its total: the common case of a chart with a table beside it. */
export function discloseDistribution(counts: readonly number[], config: DisclosureConfig = DEFAULT_DISCLOSURE) {
  const table = discloseTable([counts], config);
  return { cells: table.cells[0] ?? [], total: table.grandTotal, percentages: table.percentages[0] ?? [] };
}

/**
 * The one decision on a cohort's statistics (a mean, a median) shown outside the agency: they are
 * published only when at least the smallest count shown stands behind them AND no cell of the
 * table beside them is suppressed. Beside a suppressed cell they would give it back: the mean
 * times the number of children, less what the shown cells add up to, leaves the hidden ones (and
 * with every cell shown they tell nothing the table does not).
 */
export function publishesStatistics(cells: readonly (readonly Cell[])[], cohortSize: number, config: DisclosureConfig = DEFAULT_DISCLOSURE): boolean {
  return cohortSize >= config.minimumCount && cells.every((row) => row.every((cell) => cell !== SUPPRESSED));
}

export type DisclosedCohort<S extends string> = { cells: Cell[]; total: Cell; statistics: Record<S, Cell | null> };

/**
 * A cohort's distribution with its statistics, as published outside the agency: the distribution
 * passes discloseTable (small cells and a second cell suppressed, total rounded) and the
 * statistics pass publishesStatistics. A statistic with no value (no children) stays null.
 */
export function discloseCohort<S extends string>(
  counts: readonly number[],
  statistics: Record<S, number | null>,
  config: DisclosureConfig = DEFAULT_DISCLOSURE,
): DisclosedCohort<S> {
  const { cells, total } = discloseDistribution(counts, config);
  const cohortSize = counts.reduce((a, b) => a + b, 0);
  const shown = publishesStatistics([cells], cohortSize, config);
  const disclosed = Object.fromEntries(
    Object.entries<number | null>(statistics).map(([name, value]) => [name, value === null ? null : shown ? value : SUPPRESSED]),
  ) as Record<S, Cell | null>;
  return { cells, total, statistics: disclosed };
}

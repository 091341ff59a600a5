/**
 * The one disclosure-control function every aggregate shown outside the agency passes through,
 * following official practice for children's statistics: small counts (1–4 by default) are shown
 * as "c", a second cell is suppressed where one suppressed cell could be worked out from its
 * row or column total, totals are rounded (to 5 by default), percentages are whole numbers.
 */
export type DisclosureConfig = {
  /** Counts from 1 up to this number minus one are suppressed (default 5: suppress 1–4). */
  minimumCount: number;
  /** Published totals are rounded to a multiple of this (default 5; 1 means no rounding). */
  roundTotalsTo: number;
};

export const DEFAULT_DISCLOSURE: DisclosureConfig = { minimumCount: 5, roundTotalsTo: 5 };

export const SUPPRESSED = 'c' as const;
export type Cell = number | typeof SUPPRESSED;

function isSmall(n: number, config: DisclosureConfig): boolean {
  return n > 0 && n < config.minimumCount;
}

export function roundTotal(n: number, config: DisclosureConfig = DEFAULT_DISCLOSURE): number {
  return config.roundTotalsTo > 1 ? Math.round(n / config.roundTotalsTo) * config.roundTotalsTo : n;
}

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
 * Suppresses a table with row and column totals. Primary: small cells. Secondary: in any row or
 * column with exactly one suppressed cell, the next smallest cell is suppressed too (or, when no
 * cell is left, the total), repeated until no suppressed cell can be derived by subtraction.
 */
export function discloseTable(table: readonly (readonly number[])[], config: DisclosureConfig = DEFAULT_DISCLOSURE): DisclosedTable {
  const rows = table.length;
  const columns = rows ? table[0]!.length : 0;
  const hidden = table.map((row) => row.map((n) => isSmall(n, config)));
  const rowTotalHidden = Array.from({ length: rows }, () => false);
  const columnTotalHidden = Array.from({ length: columns }, () => false);

  const protect = (line: { value: number; hide: () => void; hidden: boolean }[], totalHidden: boolean, hideTotal: () => void) => {
    if (totalHidden) return false;
    const suppressed = line.filter((c) => c.hidden).length;
    if (suppressed !== 1) return false;
    const candidates = line.filter((c) => !c.hidden).sort((a, b) => a.value - b.value);
    if (candidates[0]) candidates[0].hide();
    else hideTotal();
    return true;
  };

  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r < rows; r++) {
      const line = Array.from({ length: columns }, (_, c) => ({ value: table[r]![c]!, hidden: hidden[r]![c]!, hide: () => (hidden[r]![c] = true) }));
      changed = protect(line, rowTotalHidden[r]!, () => (rowTotalHidden[r] = true)) || changed;
    }
    // A single row or column is its own total line only when there is more than one of the other.
    if (rows > 1) {
      for (let c = 0; c < columns; c++) {
        const line = Array.from({ length: rows }, (_, r) => ({ value: table[r]![c]!, hidden: hidden[r]![c]!, hide: () => (hidden[r]![c] = true) }));
        changed = protect(line, columnTotalHidden[c]!, () => (columnTotalHidden[c] = true)) || changed;
      }
    }
  }

  const grand = table.flat().reduce((a, b) => a + b, 0);
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columnSums = Array.from({ length: columns }, (_, c) => table.reduce((sum, row) => sum + row[c]!, 0));
  const total = (n: number, hiddenTotal: boolean): Cell => (hiddenTotal || isSmall(n, config) ? SUPPRESSED : roundTotal(n, config));
  return {
    cells: table.map((row, r) => row.map((n, c) => (hidden[r]![c] ? SUPPRESSED : n))),
    rowTotals: rowSums.map((n, r) => total(n, rowTotalHidden[r]!)),
    columnTotals: columnSums.map((n, c) => total(n, columnTotalHidden[c]!)),
    grandTotal: total(grand, false),
    percentages: table.map((row, r) => row.map((n, c) => (hidden[r]![c] || grand === 0 ? SUPPRESSED : Math.round((100 * n) / grand)))),
  };
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

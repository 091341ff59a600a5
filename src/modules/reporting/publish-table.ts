import { DEFAULT_DISCLOSURE, SUPPRESSED, isSmall, roundTotal, type Cell, type DisclosureConfig } from './figures.ts';
import { suppressLinked, type LinkedFigures, type SuppressionReason } from './suppression.ts';

/** A table of counts as the agency holds it: rows × columns, optionally rows in groups with sub-totals. */
export type TableIn = {
  counts: readonly (readonly number[])[];
  /** Groups of rows each published with a sub-total row (e.g. local authorities within a region). */
  rowGroups?: readonly (readonly number[])[];
};

/** Where a figure of a published table is. A sub-total's column is null for the group's own total. */
export type FigureAt =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'rowTotal'; row: number }
  | { kind: 'columnTotal'; column: number }
  | { kind: 'subTotal'; group: number; column: number | null }
  | { kind: 'grandTotal' };

/** Why a figure shows "c": a small count (1 up to the threshold), or hidden so a small one cannot be worked out. */
export type Suppression = { at: FigureAt; reason: SuppressionReason };

export type PublishedTable = {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  grandTotal: Cell;
  /** One per row group: its sub-total in each column and its own total. */
  subTotals: { rows: number[]; cells: Cell[]; total: Cell }[];
  /** Whole-number percentages of the grand total; "c" for a suppressed cell or a suppressed grand total. */
  percentages: Cell[][];
  /** Every suppressed figure with its reason (the first place a report's notes read from). */
  suppressed: Suppression[];
};

/**
 * The one function every table that leaves the agency passes: a table in, a published table out.
 * Counts of 1 up to the agency's threshold (and totals that small) are "c"; further figures are
 * hidden by the rule in suppression.ts, so that no suppressed figure can be worked out exactly
 * from the row totals, column totals, sub-totals and grand total; the totals shown are rounded
 * as the agency's settings say; percentages are whole and never of a suppressed figure.
 * A single row's (or column's) totals are its cells: they are one figure, published once.
 */
export function publishTable(table: TableIn, config: DisclosureConfig = DEFAULT_DISCLOSURE): PublishedTable {
  const rows = table.counts.length;
  const columns = rows ? table.counts[0]!.length : 0;
  const values: number[] = [];
  const isTotal: boolean[] = [];
  const at: FigureAt[] = [];
  const figure = (value: number, where: FigureAt, total: boolean) => {
    values.push(value);
    isTotal.push(total);
    at.push(where);
    return values.length - 1;
  };
  const sums: { total: number; parts: number[] }[] = [];
  const count = (r: number, c: number) => table.counts[r]![c] ?? 0;
  const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

  const cell = table.counts.map((_, r) => Array.from({ length: columns }, (_, c) => figure(count(r, c), { kind: 'cell', row: r, column: c }, false)));
  const rowTotal = cell.map((line, r) => (columns > 1 ? figure(sum(line.map((i) => values[i]!)), { kind: 'rowTotal', row: r }, true) : (line[0] ?? -1)));
  const columnTotal = Array.from({ length: columns }, (_, c) =>
    rows > 1 ? figure(sum(cell.map((line) => values[line[c]!]!)), { kind: 'columnTotal', column: c }, true) : cell[0]![c]!,
  );
  if (columns > 1) cell.forEach((line, r) => sums.push({ total: rowTotal[r]!, parts: line }));
  if (rows > 1) columnTotal.forEach((total, c) => sums.push({ total, parts: cell.map((line) => line[c]!) }));
  let grand = rows > 1 ? (columnTotal[0] ?? -1) : (rowTotal[0] ?? -1);
  if (rows > 1 && columns > 1) {
    grand = figure(sum(rowTotal.map((i) => values[i]!)), { kind: 'grandTotal' }, true);
    sums.push({ total: grand, parts: rowTotal }, { total: grand, parts: columnTotal });
  }
  const groups = rows > 1 ? (table.rowGroups ?? []) : [];
  const subTotal = groups.map((members, g) => {
    const perColumn = Array.from({ length: columns }, (_, c) => {
      const parts = members.map((r) => cell[r]![c]!);
      const total = figure(sum(parts.map((i) => values[i]!)), { kind: 'subTotal', group: g, column: c }, true);
      sums.push({ total, parts });
      return total;
    });
    if (columns <= 1) return { perColumn, total: perColumn[0] ?? -1 };
    const total = figure(sum(perColumn.map((i) => values[i]!)), { kind: 'subTotal', group: g, column: null }, true);
    sums.push({ total, parts: members.map((r) => rowTotal[r]!) }, { total, parts: perColumn });
    return { perColumn, total };
  });

  // Totals are dearer to hide than any cell: they are what a reader of the report needs most.
  const dear = 1 + sum(cell.flat().map((i) => values[i]!));
  const figures: LinkedFigures = {
    values,
    sums,
    cost: values.map((v, i) => v + (isTotal[i] ? dear : 0) + (at[i]!.kind === 'grandTotal' ? dear : 0)),
  };
  const primary = new Set(values.flatMap((v, i) => (isSmall(v, config) ? [i] : [])));
  const reasons = suppressLinked(figures, primary);
  const publish = (i: number): Cell => (i < 0 ? 0 : reasons[i] ? SUPPRESSED : isTotal[i] ? roundTotal(values[i]!, config) : values[i]!);
  const grandHidden = grand < 0 || reasons[grand] !== null || values[grand] === 0;

  return {
    cells: cell.map((line) => line.map(publish)),
    rowTotals: rowTotal.map(publish),
    columnTotals: columnTotal.map(publish),
    grandTotal: publish(grand),
    subTotals: subTotal.map((s, g) => ({ rows: [...groups[g]!], cells: s.perColumn.map(publish), total: publish(s.total) })),
    percentages: cell.map((line) => line.map((i) => (reasons[i] || grandHidden ? SUPPRESSED : Math.round((100 * values[i]!) / values[grand]!)))),
    suppressed: reasons.flatMap((reason, i) => (reason ? [{ at: at[i]!, reason }] : [])),
  };
}

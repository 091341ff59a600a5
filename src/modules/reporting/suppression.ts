/**
 * Secondary suppression on any set of published figures tied by sums (a table's cells, its
 * sub-totals and totals, or several tables of one report that share figures).
 *
 * The rule, and why it is safe:
 * - A figure can be worked out exactly from what is published only if the published sums pin it
 *   down. Write every sum as an equation over the hidden figures (the published figures move to
 *   the other side). A hidden figure is pinned down exactly when no change to the hidden figures
 *   that keeps every equation true can move it; in linear algebra, when dropping its column from
 *   the equations' matrix lowers the matrix's rank.
 * - A zero is never hidden as a complement, so every hidden figure is at least 1. For the sums
 *   of a table (rows, columns, sub-totals of groups of rows, totals) the matrix is totally
 *   unimodular, so any hidden figure that is not pinned down lies on a change of +1/−1 steps;
 *   with every hidden figure at least 1 the change fits both ways, and the figure could as well
 *   have been one more or one less. No suppressed cell collapses to one value.
 * - Complements are chosen for the least information lost: while some hidden figure is pinned
 *   down, hide the one further figure (never a zero) that frees it and is cheapest, cheapest
 *   being the smallest count, and any total dearer than any cell (totals are what readers need).
 *   When no single figure frees it, hide the cheapest figure that shares a sum with it and look
 *   again. Hiding more never pins down a figure that was free, so this ends; at worst every
 *   non-zero figure is hidden, and then none is pinned down (the true figures themselves are a
 *   change that keeps every sum).
 */
export type LinkedFigures = {
  /** Every figure, by position. */
  values: readonly number[];
  /** values[total] = the sum of values[parts], for every sum a reader can see or infer. */
  sums: readonly { total: number; parts: readonly number[] }[];
  /** Information lost by hiding each figure (lower is hidden first). */
  cost: readonly number[];
};

export type SuppressionReason = 'small' | 'complementary';

const EPSILON = 1e-9;

/** Which hidden figures are pinned down by the sums (see the rule above). */
export function pinnedDown(figures: LinkedFigures, hidden: ReadonlySet<number>): number[] {
  const columns = [...hidden].sort((a, b) => a - b);
  const columnOf = new Map(columns.map((figure, k) => [figure, k]));
  const matrix: number[][] = [];
  for (const { total, parts } of figures.sums) {
    const row = new Array<number>(columns.length).fill(0);
    let touches = false;
    const add = (figure: number, coefficient: number) => {
      const k = columnOf.get(figure);
      if (k === undefined) return;
      row[k]! += coefficient;
      touches = true;
    };
    add(total, 1);
    parts.forEach((p) => add(p, -1));
    if (touches) matrix.push(row);
  }
  // Reduced row echelon form: a pivot whose row has nothing else in it is fixed by the sums.
  const pivots: { row: number; column: number }[] = [];
  let r = 0;
  for (let c = 0; c < columns.length && r < matrix.length; c++) {
    let best = r;
    for (let i = r + 1; i < matrix.length; i++) if (Math.abs(matrix[i]![c]!) > Math.abs(matrix[best]![c]!)) best = i;
    if (Math.abs(matrix[best]![c]!) < EPSILON) continue;
    [matrix[r], matrix[best]] = [matrix[best]!, matrix[r]!];
    const pivotRow = matrix[r]!;
    const scale = pivotRow[c]!;
    for (let k = 0; k < columns.length; k++) pivotRow[k]! /= scale;
    for (let i = 0; i < matrix.length; i++) {
      if (i === r) continue;
      const factor = matrix[i]![c]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let k = 0; k < columns.length; k++) matrix[i]![k]! -= factor * pivotRow[k]!;
    }
    pivots.push({ row: r, column: c });
    r += 1;
  }
  return pivots.filter(({ row, column }) => matrix[row]!.every((v, k) => k === column || Math.abs(v) < EPSILON)).map(({ column }) => columns[column]!);
}

/**
 * Hides the primary figures and as few, and as cheap, further figures as it takes for no hidden
 * figure to be pinned down. Returns the reason each figure is hidden, or null where it is shown.
 */
export function suppressLinked(figures: LinkedFigures, primary: ReadonlySet<number>): (SuppressionReason | null)[] {
  const hidden = new Set(primary);
  const reasons: (SuppressionReason | null)[] = figures.values.map((_, i) => (primary.has(i) ? 'small' : null));
  const byCost = figures.values.map((_, i) => i).sort((a, b) => figures.cost[a]! - figures.cost[b]! || a - b);
  const members = figures.sums.map((s) => [s.total, ...s.parts]);
  const sumsOf = figures.values.map((_, i) => members.filter((m) => m.includes(i)));
  const sharesASum = (a: number, b: number) => sumsOf[a]!.some((m) => m.includes(b));
  for (;;) {
    const pinned = pinnedDown(figures, hidden);
    if (!pinned.length) return reasons;
    const figure = pinned[0]!;
    const candidates = byCost.filter((i) => !hidden.has(i) && figures.values[i]! > 0);
    // Only a figure in a sum with a hidden one can free anything: the others are not tried.
    const near = candidates.filter((c) => [...hidden].some((h) => sharesASum(h, c)));
    const freeing = near.find((c) => !pinnedDown(figures, new Set([...hidden, c])).includes(figure));
    const chosen = freeing ?? candidates.find((c) => sharesASum(figure, c)) ?? candidates[0];
    // Unreachable (see the rule above); guarded so a bad sum can never loop forever.
    if (chosen === undefined) throw new Error('Secondary suppression found nothing left to hide');
    hidden.add(chosen);
    reasons[chosen] = 'complementary';
  }
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  discloseCohort,
  discloseCount,
  discloseDistribution,
  discloseTable,
  publishesStatistics,
  roundTotal,
  SUPPRESSED,
  type Cell,
  type DisclosureConfig,
} from './disclosure.ts';

describe('disclosure control', () => {
  it('shows small counts of 1 to 4 as c, but zero and 5 as they are', () => {
    assert.deepEqual(
      [0, 1, 4, 5, 12].map((n) => discloseCount(n)),
      [0, 'c', 'c', 5, 12],
    );
  });

  it('suppresses a second cell so the first cannot be worked out from the total', () => {
    const result = discloseDistribution([20, 3, 9, 15]);
    assert.deepEqual(result.cells, [20, 'c', 'c', 15]);
    assert.equal(result.total, 45);
  });

  it('rounds published totals to 5', () => {
    assert.equal(roundTotal(47), 45);
    assert.equal(roundTotal(48), 50);
    assert.equal(discloseDistribution([20, 27]).total, 45);
  });

  it('protects rows and columns of a two-way table', () => {
    const table = discloseTable([
      [10, 2, 8],
      [12, 9, 11],
    ]);
    assert.deepEqual(table.cells, [
      [10, 'c', 'c'],
      [12, 'c', 'c'],
    ]);
  });

  it('never leaves exactly one hidden cell in any row or column (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(30), { minLength: 2, maxLength: 5 }), { minLength: 2, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 0));
        const { cells, rowTotals, columnTotals } = discloseTable(table);
        cells.forEach((row, r) => {
          const hidden = row.filter((c) => c === SUPPRESSED).length;
          assert.ok(hidden !== 1 || rowTotals[r] === SUPPRESSED, `row ${r} has one hidden cell: ${JSON.stringify(cells)}`);
        });
        for (let c = 0; c < width; c++) {
          const hidden = cells.filter((row) => row[c] === SUPPRESSED).length;
          assert.ok(hidden !== 1 || columnTotals[c] === SUPPRESSED, `column ${c} has one hidden cell: ${JSON.stringify(cells)}`);
        }
        // every small count is hidden
        table.forEach((row, r) => row.forEach((n, c) => n > 0 && n < 5 && assert.equal(cells[r]![c], SUPPRESSED)));
      }),
    );
  });

  it('gives whole-number percentages and c for suppressed cells', () => {
    assert.deepEqual(discloseDistribution([10, 2, 8]).percentages, [50, 'c', 'c']);
  });

  it('withholds a mean of a cohort smaller than five', () => {
    assert.deepEqual(discloseCohort([0, 0, 4], { mean: 2, median: 2 }).statistics, { mean: 'c', median: 'c' });
    assert.deepEqual(discloseCohort([0, 0, 5], { mean: 2, median: 2 }).statistics, { mean: 2, median: 2 });
  });

  it('withholds the mean and median of a large cohort when a cell of its table is suppressed', () => {
    const published = discloseCohort([20, 3, 0, 15], { mean: 1.3, median: 0 });
    // The complement is the smallest count that is not zero (a hidden zero could only be more).
    assert.deepEqual(published.cells, [20, 'c', 0, 'c']);
    assert.deepEqual(published.statistics, { mean: 'c', median: 'c' });
  });

  it('shows the mean and median when every cell is shown and enough children stand behind them', () => {
    assert.deepEqual(discloseCohort([20, 5, 0, 15], { mean: 1.3, median: 0 }).statistics, { mean: 1.3, median: 0 });
  });

  it('follows the agency’s smallest count shown, and leaves a statistic of no children empty', () => {
    const three: DisclosureConfig = { minimumCount: 3, roundTotalsTo: 1 };
    assert.deepEqual(discloseCohort([0, 3], { mean: 1 }, three).statistics, { mean: 1 });
    assert.equal(publishesStatistics([[0, 3]], 3, { minimumCount: 4, roundTotalsTo: 1 }), false);
    assert.deepEqual(discloseCohort([0, 0], { mean: null, median: null }).statistics, { mean: null, median: null });
  });

  it('an attacker who sees a mean beside a suppressed cell gets the cell back (why the mean is withheld)', () => {
    // Twelve children [5, 1, 0, 0, 6] are published as [c, c, 0, 0, 6], total 10: beside the
    // mean 2.1 exactly five children must have no ACE.
    assert.deepEqual(discloseCohort([5, 1, 0, 0, 6], {}).cells, ['c', 'c', 0, 0, 6]);
    const view: PublishedView = { cells: ['c', 'c', 0, 0, 6], total: 10, mean: 2.1 };
    assert.deepEqual(possibleValues(view, DEFAULT)[0], [5]);
    assert.ok(possibleValues({ ...view, mean: 'c' }, DEFAULT)[0]!.length > 1, 'without the mean it cannot be told');
  });

  it('no published distribution lets a suppressed cell be worked out from its total, mean and median (property)', () => {
    const configs: DisclosureConfig[] = [DEFAULT, { minimumCount: 3, roundTotalsTo: 1 }, { minimumCount: 10, roundTotalsTo: 10 }];
    fc.assert(
      fc.property(fc.array(fc.nat(MAX), { minLength: 1, maxLength: 5 }), fc.constantFrom(...configs), (counts, config) => {
        const { cells, total, statistics } = discloseCohort(counts, statisticsOf(counts), config);
        const view: PublishedView = { cells, total, ...statistics };
        const known = possibleValues(view, config);
        cells.forEach((cell, k) => {
          if (cell === SUPPRESSED) assert.ok(known[k]!.length > 1, `cell ${k} of ${JSON.stringify(counts)} can be worked out from ${JSON.stringify(view)}`);
        });
        if (cells.includes(SUPPRESSED))
          assert.deepEqual(
            [statistics.mean, statistics.median].filter((s) => s !== null && s !== SUPPRESSED),
            [],
          );
      }),
    );
  });
});

const DEFAULT: DisclosureConfig = { minimumCount: 5, roundTotalsTo: 5 };
/** The largest count the property tries (and the attacker assumes nothing larger, which only helps the attacker). */
const MAX = 12;

type PublishedView = { cells: Cell[]; total: Cell; mean?: Cell | null; median?: Cell | null };

/** Mean (to one decimal, as the ACE analysis gives it) and median of counts[k] children each with the value k. */
function statisticsOf(counts: readonly number[]): { mean: number | null; median: number | null } {
  const values = counts.flatMap((n, k) => Array.from({ length: n }, () => k));
  if (!values.length) return { mean: null, median: null };
  const middle = Math.floor(values.length / 2);
  const median = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
  return { mean: Math.round((10 * values.reduce((a, b) => a + b, 0)) / values.length) / 10, median };
}

/**
 * What an attacker can learn: for each cell, every value it could have given the published
 * cells, total (rounded), mean and median. A suppressed cell with one possible value is disclosed.
 */
function possibleValues(view: PublishedView, config: DisclosureConfig): number[][] {
  const hidden = view.cells.flatMap((c, k) => (c === SUPPRESSED ? [k] : []));
  const possible = view.cells.map((c) => new Set<number>(c === SUPPRESSED ? [] : [c]));
  const candidate = view.cells.map((c) => (c === SUPPRESSED ? 0 : c));
  const fits = () => {
    const sum = candidate.reduce((a, b) => a + b, 0);
    if (typeof view.total === 'number' && (sum < config.minimumCount || roundTotal(sum, config) !== view.total)) return false;
    const statistics = statisticsOf(candidate);
    if (typeof view.mean === 'number' && statistics.mean !== view.mean) return false;
    if (typeof view.median === 'number' && statistics.median !== view.median) return false;
    return true;
  };
  const walk = (i: number) => {
    if (i === hidden.length) {
      if (fits()) hidden.forEach((k) => possible[k]!.add(candidate[k]!));
      return;
    }
    for (let v = 0; v <= MAX; v++) {
      candidate[hidden[i]!] = v;
      walk(i + 1);
    }
  };
  walk(0);
  return possible.map((s) => [...s].sort((a, b) => a - b));
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { discloseCount, discloseDistribution, discloseStatistic, discloseTable, roundTotal, SUPPRESSED } from './disclosure.ts';

describe('disclosure control', () => {
  it('shows small counts of 1 to 4 as c, but zero and 5 as they are', () => {
    assert.deepEqual([0, 1, 4, 5, 12].map((n) => discloseCount(n)), [0, 'c', 'c', 5, 12]);
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
    assert.equal(discloseStatistic(6.5, 4), 'c');
    assert.equal(discloseStatistic(6.5, 5), 6.5);
  });
});

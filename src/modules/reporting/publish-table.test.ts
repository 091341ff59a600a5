import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import highsModule, { type Highs } from 'highs';
import { publishTable, type PublishedTable, type TableIn } from './publish-table.ts';
import { SUPPRESSED, type Cell, type DisclosureConfig } from './figures.ts';

// The package is CommonJS with ES-module builds; TypeScript reads its default export as the module.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as () => Promise<Highs>;
const highs = loadHighs();

/**
 * The attacker: every figure of the published table is an unknown whole number of at least 0; a
 * shown cell is known; a shown total is known to the width its rounding leaves (exactly, with no
 * rounding); and every sum the table implies holds. For one figure, the least and greatest values
 * it could take, by integer programming (HiGHS), or null for no greatest.
 */
async function interval(table: TableIn, published: PublishedTable, config: DisclosureConfig, target: string): Promise<[number, number | null]> {
  const solver = await highs;
  const rows = table.counts.length;
  const columns = table.counts[0]!.length;
  const constraints: string[] = [];
  const bounds: string[] = [];
  const names: string[] = [];
  const name = (n: string, shown: Cell, total: boolean) => {
    names.push(n);
    if (shown === SUPPRESSED) bounds.push(`${n} >= 0`);
    else if (!total || config.roundTotalsTo <= 1) bounds.push(`${n} = ${shown}`);
    else bounds.push(`${Math.max(0, shown - Math.floor(config.roundTotalsTo / 2))} <= ${n} <= ${shown + Math.ceil(config.roundTotalsTo / 2) - 1}`);
    return n;
  };
  const sum = (total: string, parts: string[]) => constraints.push(` s${constraints.length}: ${total} - ${parts.join(' - ')} = 0`);
  const cells = published.cells.map((line, r) => line.map((shown, c) => name(`x${r}_${c}`, shown, false)));
  if (columns > 1) cells.forEach((line, r) => sum(name(`r${r}`, published.rowTotals[r]!, true), line));
  if (rows > 1)
    published.columnTotals.forEach((shown, c) =>
      sum(
        name(`k${c}`, shown, true),
        cells.map((line) => line[c]!),
      ),
    );
  if (rows > 1 && columns > 1) {
    name('g', published.grandTotal, true);
    sum(
      'g',
      cells.map((_, r) => `r${r}`),
    );
    sum(
      'g',
      published.columnTotals.map((_, c) => `k${c}`),
    );
  }
  published.subTotals.forEach((s, g) => {
    const perColumn = s.cells.map((shown, c) => name(`s${g}_${c}`, shown, true));
    perColumn.forEach((n, c) =>
      sum(
        n,
        s.rows.map((r) => cells[r]![c]!),
      ),
    );
    if (columns > 1) {
      const total = name(`t${g}`, s.total, true);
      sum(total, perColumn);
      sum(
        total,
        s.rows.map((r) => `r${r}`),
      );
    }
  });
  const model = (sense: string) =>
    `${sense}\n obj: ${target}\nSubject To\n${constraints.join('\n') || ` s0: ${target} >= 0`}\nBounds\n ${bounds.join('\n ')}\nGeneral\n ${names.join(' ')}\nEnd\n`;
  const low = solver.solve(model('Minimize'), { output_flag: false });
  const high = solver.solve(model('Maximize'), { output_flag: false });
  assert.equal(low.Status, 'Optimal', `the published table has no solution: ${model('Minimize')}`);
  return [Math.round(low.ObjectiveValue), high.Status === 'Optimal' ? Math.round(high.ObjectiveValue) : null];
}

/** The attacker's name of a suppressed figure, as interval() names it. */
function nameOf(at: PublishedTable['suppressed'][number]['at'], table: TableIn): string {
  const rows = table.counts.length;
  const columns = table.counts[0]!.length;
  switch (at.kind) {
    case 'cell':
      return `x${at.row}_${at.column}`;
    case 'rowTotal':
      return `r${at.row}`;
    case 'columnTotal':
      return `k${at.column}`;
    case 'subTotal':
      return at.column === null ? `t${at.group}` : `s${at.group}_${at.column}`;
    case 'grandTotal':
      return rows > 1 && columns > 1 ? 'g' : 'unreachable';
  }
}

const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 }));
const tables: fc.Arbitrary<TableIn> = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([rows, columns]) =>
  fc.record({
    counts: fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    // Rows 0..k-1 cut into consecutive groups, each with its sub-total (none for a single row).
    rowGroups: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: rows > 1 ? 3 : 0 }).map((sizes) => {
      const groups: number[][] = [];
      let next = 0;
      for (const size of sizes) {
        if (next + size > rows) break;
        groups.push(Array.from({ length: size }, (_, i) => next + i));
        next += size;
      }
      return groups;
    }),
  }),
);
const configs: DisclosureConfig[] = [
  { minimumCount: 5, roundTotalsTo: 1 },
  { minimumCount: 5, roundTotalsTo: 5 },
  { minimumCount: 3, roundTotalsTo: 1 },
  { minimumCount: 10, roundTotalsTo: 10 },
];

describe('publishing a table', () => {
  it('hides every small count and its complement, and says why', () => {
    const published = publishTable({ counts: [[20, 3, 9, 15]] });
    assert.deepEqual(published.cells, [[20, 'c', 'c', 15]]);
    assert.deepEqual(published.suppressed, [
      { at: { kind: 'cell', row: 0, column: 1 }, reason: 'small' },
      { at: { kind: 'cell', row: 0, column: 2 }, reason: 'complementary' },
    ]);
  });

  it('hides four cells of a two-way table where two would leave the small one worked out from the columns', () => {
    const published = publishTable({
      counts: [
        [10, 2, 8],
        [12, 9, 11],
      ],
    });
    assert.deepEqual(published.cells, [
      [10, 'c', 'c'],
      [12, 'c', 'c'],
    ]);
    assert.deepEqual(published.rowTotals, [20, 30], 'rounded to 5');
  });

  it('protects a small count against its region’s sub-total as well as its row and column', () => {
    // Two local authorities of one region: a regional sub-total for each column is published.
    const published = publishTable({
      counts: [
        [3, 20, 12],
        [8, 15, 30],
        [9, 14, 25],
      ],
      rowGroups: [[0, 1]],
    });
    assert.equal(published.cells[0]![0], 'c');
    const hiddenInColumn = published.cells.filter((line) => line[0] === SUPPRESSED).length;
    assert.ok(hiddenInColumn >= 2 || published.subTotals[0]!.cells[0] === SUPPRESSED);
  });

  it('never chooses a zero as a complement, and no percentage comes from a suppressed cell', () => {
    const published = publishTable({ counts: [[0, 2, 0, 12, 30]] }, { minimumCount: 5, roundTotalsTo: 1 });
    assert.deepEqual(published.cells, [[0, 'c', 0, 'c', 30]]);
    assert.deepEqual(published.percentages, [[0, 'c', 0, 'c', 68]]);
  });

  it('no suppressed figure of a random table can be worked out from its margins and sub-totals (property, by integer programming)', async () => {
    await fc.assert(
      fc.asyncProperty(tables, fc.constantFrom(...configs), async (table, config) => {
        const published = publishTable(table, config);
        table.counts.forEach((line, r) =>
          line.forEach((n, c) => n > 0 && n < config.minimumCount && assert.equal(published.cells[r]![c], SUPPRESSED, 'a small count is shown')),
        );
        for (const { at } of published.suppressed) {
          const target = nameOf(at, table);
          if (target === 'unreachable') continue;
          const [low, high] = await interval(table, published, config, target);
          assert.ok(high === null || high > low, `${target} of ${JSON.stringify(table)} is exactly ${low} from ${JSON.stringify(published)}`);
        }
        published.percentages.forEach((line, r) =>
          line.forEach((p, c) => published.cells[r]![c] === SUPPRESSED && assert.equal(p, SUPPRESSED, 'a percentage of a hidden cell')),
        );
      }),
      { numRuns: 80 },
    );
  });
});

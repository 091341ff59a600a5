import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { moneyChartSvg, SERIES_COLOURS } from './recovery-chart.ts';

/** The key's entries as drawn: each square (14 × 14) with the label that follows it. */
function keyOf(svg: string): { x: number; y: number; label: string }[] {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="14" height="14" fill="[^"]+"\/><text [^>]*>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    label: m[3]!,
  }));
}

const chart = (labels: string[]) =>
  moneyChartSvg({
    id: 'c',
    title: 'Return',
    description: 'Each year',
    groups: ['2025–26'],
    series: labels.map((label, i) => ({ label, colour: SERIES_COLOURS[i]!, values: [100_000_00] })),
    poundsLabel: (pounds) => `£${pounds}`,
  });

describe('a money chart’s key', () => {
  it('keeps short labels on one row, each after the one before', () => {
    const key = keyOf(chart(['Cost', 'Invoiced', 'Received']));
    assert.deepEqual(
      key.map((k) => k.label),
      ['Cost', 'Invoiced', 'Received'],
    );
    assert.equal(new Set(key.map((k) => k.y)).size, 1, 'one row');
    assert.ok(key[0]!.x < key[1]!.x && key[1]!.x < key[2]!.x);
    assert.match(chart(['Cost']), /viewBox="0 0 680 340"/);
  });

  it('never lets a long (Welsh) label run into the next entry: the next goes further along or on a new row, and the picture grows to hold it', () => {
    const labels = ['Gofal a osgowyd (wedi’i ddisgowntio)', 'Enillion net', 'Cost y llwybr mabwysiadu a’r cymorth wedi’r lleoli'];
    const svg = chart(labels);
    const key = keyOf(svg);
    assert.equal(key.length, 3);
    for (let i = 1; i < key.length; i++) {
      const before = key[i - 1]!;
      const sameRow = key[i]!.y === before.y;
      // 0.6 em a character at 14 px is wider than the chart's font draws these letters.
      if (sameRow) assert.ok(key[i]!.x >= before.x + 20 + [...before.label].length * 14 * 0.6, `${key[i]!.label} starts after ${before.label} ends`);
      else assert.ok(key[i]!.y > before.y, 'or on a row below');
    }
    for (const k of key) assert.ok(k.x + 20 + [...k.label].length * 14 * 0.6 <= 680 || k.x === 110, `${k.label} fits inside the picture`);
    const height = Number(/viewBox="0 0 680 (\d+)"/.exec(svg)![1]);
    assert.ok(height > 340, 'taller for the second row');
    assert.ok(Math.max(...key.map((k) => k.y)) + 14 <= height, 'the last row is inside the picture');
  });
});

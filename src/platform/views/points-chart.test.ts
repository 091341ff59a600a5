import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pointsChartSvg, type PointsChart } from './points-chart.ts';

const chart: PointsChart = {
  id: 'family-1',
  title: 'Points by criterion',
  description: 'Needs 20 of 25; language not counted.',
  rows: [
    { label: 'Needs', earned: 20, available: 25, figure: '20 of 25' },
    { label: 'Age', earned: 12.5, available: 12.5, figure: '12.5 of 12.5' },
    { label: 'Language', earned: null, available: 10, figure: 'not counted' },
  ],
};

/** The bars drawn, in order: [width of the track, width filled or null]. */
function bars(svg: string): [number, number | null][] {
  const rects = [...svg.matchAll(/<rect x="0" y="([\d.]+)" width="([\d.]+)"/g)].map((m) => ({ y: Number(m[1]), width: Number(m[2]) }));
  const byRow = new Map<number, number[]>();
  for (const r of rects) byRow.set(r.y, [...(byRow.get(r.y) ?? []), r.width]);
  return [...byRow.values()].map(([track, filled]) => [track!, filled ?? null]);
}

describe('points chart', () => {
  it('is one image with its title and text alternative, and writes each row’s figure', () => {
    const svg = pointsChartSvg(chart);
    assert.match(svg, /role="img" aria-labelledby="family-1-title family-1-desc"/);
    assert.match(svg, /<title id="family-1-title">Points by criterion<\/title>/);
    for (const figure of ['20 of 25', '12.5 of 12.5', 'not counted']) assert.ok(svg.includes(`>${figure}</text>`), figure);
  });

  it('draws each track in proportion to the points available and fills it in proportion to the points earned', () => {
    const [needs, age, language] = bars(pointsChartSvg(chart));
    assert.equal(needs![0], 530, 'the largest row takes the whole plot (640 − 110 for the figures)');
    assert.equal(needs![1], 424, '20 of 25');
    assert.deepEqual(age, [265, 265], 'half the largest, all earned');
    assert.deepEqual(language, [212, null], 'a row not counted has a track and nothing filled');
  });

  it('wraps a long row name onto more lines instead of running over the bar', () => {
    const long = 'Hunaniaeth: crefydd, ethnigrwydd a diwylliant, a’r hyn y mae’r teulu wedi’i ddweud amdanynt yn ei asesiad';
    const svg = pointsChartSvg({ ...chart, rows: [{ label: long, earned: 1, available: 2, figure: '1 of 2' }] });
    const lines = [...svg.matchAll(/<text x="0" y="[\d.]+">([^<]*)<\/text>/g)].map((m) => m[1]!);
    assert.ok(lines.length >= 2, 'more than one line');
    assert.equal(lines.join(' '), long, 'every word kept, in order');
  });

  it('escapes text', () => {
    const svg = pointsChartSvg({ ...chart, rows: [{ label: '<b>&', earned: 1, available: 1, figure: '1' }] });
    assert.ok(svg.includes('&lt;b&gt;&amp;'));
  });
});

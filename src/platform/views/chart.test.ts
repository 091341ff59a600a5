import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { barChartSvg, escapeXml, labelLines, tickStep, type BarChart } from './chart.ts';

const base: BarChart = {
  id: 'aces',
  title: 'Children by number of ACEs',
  description: 'Most children have 6 or more ACEs.',
  xAxisLabel: 'Number of ACEs',
  yAxisLabel: 'Children',
  bars: [
    { label: '0', value: 2 },
    { label: '1', value: 0 },
    { label: '2', value: 10 },
    { label: '3', value: null },
  ],
};

function rects(svg: string) {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
  }));
}

describe('server-side bar chart', () => {
  it('is announced as one image with its title and text alternative', () => {
    const svg = barChartSvg(base);
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /aria-labelledby="aces-title aces-desc"/);
    assert.match(svg, /<title id="aces-title">Children by number of ACEs<\/title>/);
    assert.match(svg, /<desc id="aces-desc">Most children have 6 or more ACEs.<\/desc>/);
  });

  it('draws one bar per non-zero figure, heights in proportion', () => {
    const bars = rects(barChartSvg(base));
    assert.equal(bars.length, 2);
    assert.ok(Math.abs(bars[1]!.height / bars[0]!.height - 5) < 0.05, 'ten is five times two');
    assert.ok(bars[0]!.x < bars[1]!.x, 'categories run left to right');
  });

  it('shows a withheld figure as "c" and draws no bar for it', () => {
    const svg = barChartSvg({ ...base, bars: [{ label: '0', value: null }], suppressedLabel: 'c' });
    assert.equal(rects(svg).length, 0);
    assert.match(svg, />c<\/text>/);
  });

  it('places a reference line at the comparator’s mean on the category axis', () => {
    const bars = Array.from({ length: 11 }, (_, k) => ({ label: String(k), value: k }));
    const svg = barChartSvg({ ...base, bars, width: 640, referenceLines: [{ at: 4, label: 'Comparison mean 4' }] });
    const drawn = rects(svg);
    const bar4 = drawn.find((_, i) => i === 3)!; // the bar of "4" (the "0" bar has no height)
    const line = /<line x1="([\d.]+)" x2="\1" y1="[\d.]+" y2="[\d.]+" stroke="#d4351c"/.exec(svg);
    assert.ok(line, 'a vertical reference line is drawn');
    assert.ok(Math.abs(Number(line[1]) - (bar4.x + bar4.width / 2)) < 0.2, 'it stands at the centre of the "4" bar');
    assert.match(svg, /Comparison mean 4<\/text>/);
  });

  it('wraps long category names under their bar instead of letting them run into the next', () => {
    const reasons = [
      '4 oed neu’n hŷn adeg yr atgyfeirio',
      'Mewn grŵp o frodyr a chwiorydd',
      'Anabledd neu anghenion sylweddol',
      'Ansicrwydd datblygiadol',
      'Cefndir ethnig lleiafrifol',
    ];
    const svg = barChartSvg({ ...base, bars: reasons.map((label, i) => ({ label, value: i + 5 })) });
    const band = (640 - 56 - 16) / reasons.length;
    for (const label of reasons) {
      const lines = labelLines(label, band);
      assert.equal(lines.join(' '), label, 'no word lost');
      assert.ok(
        lines.every((line) => line.length * 8 <= band || !line.includes(' ')),
        `${label} fits its band: ${JSON.stringify(lines)}`,
      );
    }
    assert.match(svg, /<tspan x="[\d.]+" dy="18">/);
    assert.match(svg, /viewBox="0 0 640 (\d+)"/);
    assert.ok(Number(/viewBox="0 0 640 (\d+)"/.exec(svg)![1]) > 360, 'the chart grows to hold the extra lines');
    assert.deepEqual(labelLines('0', band), ['0'], 'a short name stays as it was');
  });

  it('escapes text so a label cannot break out of the markup', () => {
    const svg = barChartSvg({ ...base, title: '<script>alert(1)</script>', bars: [{ label: 'a & "b"', value: 1 }] });
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /a &amp; &quot;b&quot;/);
  });

  it('uses presentation attributes only (the CSP forbids inline style and script)', () => {
    const svg = barChartSvg({ ...base, referenceLines: [{ at: 1, label: 'x' }] });
    assert.ok(!/style=/.test(svg));
    assert.ok(!/<script/.test(svg));
  });

  it('draws an empty cohort without failing', () => {
    const svg = barChartSvg({ ...base, bars: Array.from({ length: 11 }, (_, k) => ({ label: String(k), value: 0 })) });
    assert.equal(rects(svg).length, 0);
    assert.match(svg, /<\/svg>$/);
  });

  it('chooses whole-number ticks of 1, 2 or 5 times a power of ten', () => {
    assert.equal(tickStep(3), 1);
    assert.equal(tickStep(12), 5);
    assert.equal(tickStep(37), 10);
    assert.equal(tickStep(180), 50);
    assert.equal(escapeXml(`'`), '&#39;');
  });
});

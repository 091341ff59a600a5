import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { horizontalBarChartSvg, type HorizontalBarChart } from './chart.ts';

const base: HorizontalBarChart = {
  id: 'funnel',
  title: 'Households at each stage',
  description: '200 enquiries, 50 approved.',
  valueLabel: 'Households',
  bars: [
    { label: 'Enquiry', value: 200, note: '100%' },
    { label: 'Registration', value: 0, note: '0%' },
    { label: 'Approved', value: 50, note: '25%' },
  ],
};

function rects(svg: string) {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
  }));
}

describe('server-side horizontal bar chart', () => {
  it('is announced as one image with its title and text alternative', () => {
    const svg = horizontalBarChartSvg(base);
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /aria-labelledby="funnel-title funnel-desc"/);
    assert.match(svg, /<title id="funnel-title">Households at each stage<\/title>/);
    assert.match(svg, /<desc id="funnel-desc">200 enquiries, 50 approved.<\/desc>/);
  });

  it('draws one bar per non-zero figure, top to bottom, lengths in proportion', () => {
    const bars = rects(horizontalBarChartSvg(base));
    assert.equal(bars.length, 2);
    assert.ok(Math.abs(bars[0]!.width / bars[1]!.width - 4) < 0.05, 'two hundred is four times fifty');
    assert.ok(bars[0]!.y < bars[1]!.y, 'stages run top to bottom');
    assert.equal(bars[0]!.x, bars[1]!.x, 'every bar starts at the axis');
  });

  it('writes every figure and its note, zero included', () => {
    const svg = horizontalBarChartSvg(base);
    for (const figure of ['200 (100%)', '0 (0%)', '50 (25%)']) assert.ok(svg.includes(`>${figure}</text>`), figure);
  });

  it('escapes labels and holds no script or inline style', () => {
    const svg = horizontalBarChartSvg({ ...base, title: 'A <b> & "c"', bars: [{ label: '<script>', value: 1 }] });
    assert.ok(!svg.includes('<script>') && !svg.includes('<b>'));
    assert.ok(svg.includes('&lt;script&gt;'));
    assert.ok(!/\sstyle=/.test(svg));
  });

  it('draws an empty chart without failing', () => {
    const svg = horizontalBarChartSvg({ ...base, bars: [] });
    assert.equal(rects(svg).length, 0);
    assert.match(svg, /<\/svg>$/);
  });
});

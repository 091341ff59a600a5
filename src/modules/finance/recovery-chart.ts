import { escapeXml } from '../../platform/views/chart.ts';
import { divideHalfEven } from './costs-money.ts';

/**
 * A grouped column chart of money drawn on the server as SVG (no script, no inline style: the CSP
 * forbids both). Each group (a financial year) has one column per series (cost, invoiced, received).
 * Heights are drawn in whole pounds, worked out from pence by integer division; the table beside
 * the chart carries every figure to the penny, so nothing is only in the picture.
 */
export type MoneySeries = { label: string; colour: string; values: readonly number[] };
export type MoneyChart = {
  id: string;
  title: string;
  description: string;
  groups: readonly string[];
  series: readonly MoneySeries[];
  poundsLabel: (pounds: number) => string;
};

const TEXT = '#0b0c0c';
const GREY = '#b1b4b6';
const FONT = 'GDS Transport, arial, sans-serif';
export const SERIES_COLOURS = ['#1d70b8', '#f47738', '#00703c'] as const;

/** A tick step of 1, 2 or 5 × a power of ten giving about five ticks (whole pounds). */
function stepOf(max: number): number {
  if (max <= 5) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
}

/** A label's width in the chart's units, from its length: generous, so a key's entries never run into each other. */
const labelWidth = (label: string) => [...label].length * 14 * 0.6;

/**
 * Where each entry of the key goes: left to right under the plot, a new row when the next would
 * run past the right edge (Welsh labels are often longer than English ones).
 */
function keyLayout(labels: readonly string[], left: number, right: number): { x: number; row: number }[] {
  const places: { x: number; row: number }[] = [];
  let x = left;
  let row = 0;
  for (const label of labels) {
    const wide = 20 + labelWidth(label);
    if (x > left && x + wide > right) {
      x = left;
      row += 1;
    }
    places.push({ x, row });
    x += wide + 24;
  }
  return places;
}

export function moneyChartSvg(chart: MoneyChart): string {
  const width = 680;
  const margin = { top: 16, right: 16, bottom: 70, left: 110 };
  const key = keyLayout(
    chart.series.map((s) => s.label),
    margin.left,
    width - margin.right,
  );
  const keyRows = Math.max(1, ...key.map((k) => k.row + 1));
  // Each further row of the key makes the picture taller; the plot keeps its size.
  const height = 340 + (keyRows - 1) * 22;
  margin.bottom += (keyRows - 1) * 22;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const pounds = chart.series.map((s) => s.values.map((p) => Number(divideHalfEven(BigInt(Math.max(0, p)), 100n))));
  const max = Math.max(1, ...pounds.flat());
  const step = stepOf(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;
  const id = escapeXml(chart.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" font-family="${FONT}" font-size="14" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
  ];
  for (let v = 0; v <= top; v += step) {
    const yy = Math.round(y(v) * 10) / 10;
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="${GREY}" stroke-width="1"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${yy + 5}" text-anchor="end">${escapeXml(chart.poundsLabel(v))}</text>`);
  }
  const groupW = plotW / Math.max(1, chart.groups.length);
  const barW = Math.min(48, (groupW * 0.8) / Math.max(1, chart.series.length));
  chart.groups.forEach((group, g) => {
    const start = margin.left + g * groupW + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((series, s) => {
      const value = pounds[s]![g] ?? 0;
      const x = Math.round((start + s * barW) * 10) / 10;
      const yy = Math.round(y(value) * 10) / 10;
      const h = Math.round((margin.top + plotH - yy) * 10) / 10;
      if (h > 0)
        parts.push(
          `<rect x="${x}" y="${yy}" width="${Math.round(barW * 10) / 10 - 2}" height="${h}" fill="${series.colour}"><title>${escapeXml(`${group}, ${series.label}: ${chart.poundsLabel(value)}`)}</title></rect>`,
        );
    });
    parts.push(
      `<text x="${Math.round((margin.left + (g + 0.5) * groupW) * 10) / 10}" y="${margin.top + plotH + 20}" text-anchor="middle">${escapeXml(group)}</text>`,
    );
  });
  // The key, under the plot.
  chart.series.forEach((series, s) => {
    const { x, row } = key[s]!;
    const x0 = Math.round(x * 10) / 10;
    const top = margin.top + plotH + 42 + row * 22;
    parts.push(`<rect x="${x0}" y="${top}" width="14" height="14" fill="${series.colour}"/>`);
    parts.push(`<text x="${x0 + 20}" y="${top + 12}">${escapeXml(series.label)}</text>`);
  });
  parts.push(
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="${TEXT}" stroke-width="2"/>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

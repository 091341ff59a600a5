import { escapeXml } from '../../platform/views/chart.ts';
import type { Scale } from './instrument.ts';

/**
 * A scale's trajectory drawn on the server as SVG (no script, no inline style: the CSP forbids
 * both). The bands are shaded behind the line, the worst band darkest, whichever way the scale
 * runs; the table beside it carries the same figures for screen readers and print.
 */
export type TrajectoryChart = {
  id: string;
  title: string;
  description: string;
  scale: Pick<Scale, 'min' | 'max' | 'higherIsBetter' | 'bands'>;
  bandNames: string[];
  points: { label: string; score: number }[];
  width?: number;
  height?: number;
};

/** Band shades from best to worst (GOV.UK colour palette tints). */
const SHADES = ['#e8f1e8', '#fff7bf', '#fce4d6', '#f6d7d2'];
const LINE = '#1d70b8';
const TEXT = '#0b0c0c';

export function trajectorySvg(chart: TrajectoryChart): string {
  const width = chart.width ?? 640;
  const height = chart.height ?? 300;
  const margin = { top: 16, right: 150, bottom: 48, left: 48 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const { min, max } = chart.scale;
  const y = (v: number) => margin.top + plotH - ((v - min) / (max - min)) * plotH;
  const n = chart.points.length;
  const x = (i: number) => margin.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const id = escapeXml(chart.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" font-family="GDS Transport, arial, sans-serif" font-size="14" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
  ];
  const count = chart.scale.bands.length;
  chart.scale.bands.forEach((band, i) => {
    // Rank 0 is the best band: the last for a scale where higher is better, the first otherwise.
    const rank = chart.scale.higherIsBetter ? count - 1 - i : i;
    const shade = SHADES[Math.min(SHADES.length - 1, Math.round((rank * (SHADES.length - 1)) / Math.max(1, count - 1)))]!;
    const top = y(Math.min(max, band.max + 0.5));
    const bottom = y(Math.max(min, band.min - 0.5));
    parts.push(
      `<rect x="${margin.left}" y="${top.toFixed(1)}" width="${plotW}" height="${(bottom - top).toFixed(1)}" fill="${shade}" data-band="${escapeXml(band.code)}"/>`,
    );
    parts.push(
      `<text x="${margin.left + plotW + 8}" y="${((top + bottom) / 2 + 5).toFixed(1)}" font-size="13">${escapeXml(chart.bandNames[i] ?? band.code)}</text>`,
    );
  });
  const step = max - min > 20 ? 10 : max - min > 5 ? 2 : 1;
  for (let v = min; v <= max; v += step) {
    parts.push(`<line x1="${margin.left - 4}" x2="${margin.left}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${TEXT}"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${(y(v) + 5).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="${TEXT}"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="${TEXT}"/>`);
  if (n > 1) {
    const path = chart.points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.score).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${LINE}" stroke-width="3"/>`);
  }
  chart.points.forEach((p, i) => {
    parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.score).toFixed(1)}" r="5" fill="${LINE}" data-score="${p.score}"/>`);
    parts.push(`<text x="${x(i).toFixed(1)}" y="${(y(p.score) - 10).toFixed(1)}" text-anchor="middle" font-weight="bold">${p.score}</text>`);
    parts.push(`<text x="${x(i).toFixed(1)}" y="${margin.top + plotH + 20}" text-anchor="middle" font-size="12">${escapeXml(p.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

import { escapeXml, labelLines } from './chart.ts';

/**
 * Points earned out of points available, one horizontal bar per row, drawn on the server as SVG
 * (no script, no inline style: the CSP forbids both). Each row's name sits above its bar, so long
 * names ("Identity: religion, ethnicity and culture", in Welsh too) never squeeze the bars. The
 * track is what the row could earn, the filled part what it did; a row not counted (unknown, or
 * not applicable) has a dashed empty track. The chart is a picture: the same figures are in the
 * text or table beside it.
 */

export type PointsRow = {
  label: string;
  /** Points earned; null when the row was not counted. */
  earned: number | null;
  /** Points the row could earn. */
  available: number;
  /** What is written at the end of the bar ("7.5 of 12.5", "not counted"). */
  figure: string;
};

export type PointsChart = {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  rows: readonly PointsRow[];
  width?: number;
};

const BLUE = '#1d70b8';
const TRACK = '#f3f2f1';
const GREY = '#b1b4b6';
const TEXT = '#0b0c0c';
const FONT = 'GDS Transport, arial, sans-serif';
const LINE_HEIGHT = 18;
const BAR_HEIGHT = 16;
const GAP = 14;
/** Room at the bar's end for its figure. */
const FIGURE_WIDTH = 110;

const round = (n: number) => Math.round(n * 10) / 10;

/** Renders the chart. Pure: the same input gives the same markup. Bars share one scale: the largest row's points available. */
export function pointsChartSvg(chart: PointsChart): string {
  const width = chart.width ?? 640;
  const plot = width - FIGURE_WIDTH;
  const scale = Math.max(1, ...chart.rows.map((r) => r.available));
  const id = escapeXml(chart.id);
  const body: string[] = [];
  let y = 0;
  for (const row of chart.rows) {
    for (const line of labelLines(row.label, width)) {
      y += LINE_HEIGHT;
      body.push(`<text x="0" y="${y}">${escapeXml(line)}</text>`);
    }
    y += 6;
    const track = round((row.available / scale) * plot);
    const dashed = row.earned === null ? ` stroke="${GREY}" stroke-dasharray="4 3"` : '';
    body.push(`<rect x="0" y="${y}" width="${Math.max(track, 1)}" height="${BAR_HEIGHT}" fill="${TRACK}"${dashed}/>`);
    if (row.earned !== null && row.earned > 0) {
      const filled = round((Math.min(row.earned, row.available) / scale) * plot);
      body.push(
        `<rect x="0" y="${y}" width="${filled}" height="${BAR_HEIGHT}" fill="${BLUE}"><title>${escapeXml(`${row.label}: ${row.figure}`)}</title></rect>`,
      );
    }
    body.push(`<text x="${round(track + 8)}" y="${y + BAR_HEIGHT - 3}">${escapeXml(row.figure)}</text>`);
    y += BAR_HEIGHT + GAP;
  }
  const height = Math.max(y, 1);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" font-family="${FONT}" font-size="15" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
    ...body,
    '</svg>',
  ].join('');
}

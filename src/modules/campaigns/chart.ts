import { escapeXml, tickStep } from '../../platform/views/chart.ts';

/**
 * A horizontal bar chart drawn on the server as SVG (a funnel reads top to bottom): no script, no
 * inline style (the CSP forbids both), only presentation attributes. As with the children's charts
 * (children/chart.ts), the chart is a picture with a title and a text alternative, and the table
 * beside it carries every figure, so nothing is only in the picture.
 */

export type HorizontalBar = {
  label: string;
  value: number;
  /** Written after the figure, e.g. "56%" of enquiries. */
  note?: string;
};

export type HorizontalBarChart = {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  /** What the bars count ("Households"). */
  valueLabel: string;
  bars: readonly HorizontalBar[];
  width?: number;
  /** Room for the bar labels on the left. */
  labelWidth?: number;
};

const BLUE = '#1d70b8';
const TEXT = '#0b0c0c';
const GREY = '#b1b4b6';
const FONT = 'GDS Transport, arial, sans-serif';
const ROW = 34;
const BAR = 22;

const round = (n: number) => Math.round(n * 10) / 10;

/** Renders the chart. Pure: the same input gives the same markup. */
export function horizontalBarChartSvg(chart: HorizontalBarChart): string {
  const width = chart.width ?? 680;
  const labelWidth = chart.labelWidth ?? 200;
  const margin = { top: 12, right: 120, bottom: 48 };
  const plotWidth = width - labelWidth - margin.right;
  const plotHeight = Math.max(1, chart.bars.length) * ROW;
  const height = margin.top + plotHeight + margin.bottom;
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const x = (v: number) => labelWidth + (v / top) * plotWidth;
  const id = escapeXml(chart.id);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" font-family="${FONT}" font-size="15" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
  ];

  // Grid lines and the value axis underneath.
  const bottom = margin.top + plotHeight;
  for (let v = 0; v <= top; v += step) {
    const xx = round(x(v));
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${margin.top}" y2="${bottom}" stroke="${GREY}" stroke-width="1"/>`);
    parts.push(`<text x="${xx}" y="${bottom + 20}" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<text x="${round(labelWidth + plotWidth / 2)}" y="${height - 6}" text-anchor="middle">${escapeXml(chart.valueLabel)}</text>`);

  chart.bars.forEach((bar, i) => {
    const y = margin.top + i * ROW + (ROW - BAR) / 2;
    const middle = round(y + BAR / 2 + 5);
    parts.push(`<text x="${labelWidth - 8}" y="${middle}" text-anchor="end">${escapeXml(bar.label)}</text>`);
    const end = x(bar.value);
    if (bar.value > 0) {
      parts.push(
        `<rect x="${labelWidth}" y="${round(y)}" width="${round(end - labelWidth)}" height="${BAR}" fill="${BLUE}"><title>${escapeXml(`${bar.label}: ${bar.value}${bar.note ? ` (${bar.note})` : ''}`)}</title></rect>`,
      );
    }
    const figure = `${bar.value}${bar.note ? ` (${bar.note})` : ''}`;
    parts.push(`<text x="${round(end + 6)}" y="${middle}" font-weight="bold">${escapeXml(figure)}</text>`);
  });
  parts.push(`<line x1="${labelWidth}" x2="${labelWidth}" y1="${margin.top}" y2="${bottom}" stroke="${TEXT}" stroke-width="2"/>`);
  parts.push('</svg>');
  return parts.join('');
}

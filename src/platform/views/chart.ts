/**
 * A bar chart drawn on the server as SVG: no script, no inline style (the CSP forbids both), only
 * presentation attributes. The chart is a picture with a title and a text alternative; the data
 * table beside it is the accessible equivalent, so every figure here is also in that table.
 */

export type Bar = {
  label: string;
  /** The figure, or null when it is withheld (a suppressed small count). */
  value: number | null;
};

export type ReferenceLine = {
  /** Where the line stands on the category axis, in category units (2.5 = halfway between "2" and "3"). */
  at: number;
  label: string;
  colour?: string;
  dashed?: boolean;
};

export type BarChart = {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  xAxisLabel: string;
  yAxisLabel: string;
  bars: readonly Bar[];
  referenceLines?: readonly ReferenceLine[];
  /** Shown above a withheld bar ("c" in official statistics). */
  suppressedLabel?: string;
  width?: number;
  height?: number;
};

const BLUE = '#1d70b8';
const TEXT = '#0b0c0c';
const GREY = '#b1b4b6';
const FONT = 'GDS Transport, arial, sans-serif';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A tick step of 1, 2 or 5 times a power of ten giving about five ticks; counts never need fractions. */
export function tickStep(max: number): number {
  if (max <= 5) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Math.max(1, step);
}

const round = (n: number) => Math.round(n * 10) / 10;

/** About how wide one character of the chart's 15px text is, to tell whether a category's name fits its band. */
const CHARACTER_WIDTH = 8;
const LINE_HEIGHT = 18;

/**
 * A category's name in lines that fit its band: words kept whole, a long word on a line of its own.
 * A name that fits stays on one line, so short labels draw as they always did.
 */
export function labelLines(label: string, band: number): string[] {
  const fits = Math.max(4, Math.floor(band / CHARACTER_WIDTH));
  if (label.length <= fits) return [label];
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines.length ? lines[lines.length - 1]! : null;
    if (last !== null && `${last} ${word}`.length <= fits) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Renders the chart. Pure: the same input gives the same markup. */
export function barChartSvg(chart: BarChart): string {
  const width = chart.width ?? 640;
  const lines = chart.referenceLines ?? [];
  const left = 56;
  const right = 16;
  const band = chart.bars.length ? (width - left - right) / chart.bars.length : width - left - right;
  // Long category names wrap under their bar; the chart grows by the extra lines rather than squeezing its plot.
  const labels = chart.bars.map((bar) => labelLines(bar.label, band));
  const extraLines = Math.max(0, ...labels.map((l) => l.length - 1));
  const height = (chart.height ?? 360) + LINE_HEIGHT * extraLines;
  const margin = { top: 24 + 18 * lines.length, right, bottom: 56 + LINE_HEIGHT * extraLines, left };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const values = chart.bars.map((b) => b.value ?? 0);
  const step = tickStep(Math.max(1, ...values));
  const top = Math.max(step, Math.ceil(Math.max(1, ...values) / step) * step);
  const barWidth = band * 0.7;
  const y = (v: number) => margin.top + plotHeight - (v / top) * plotHeight;
  const id = escapeXml(chart.id);
  const parts: string[] = [];

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" font-family="${FONT}" font-size="15" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
  );

  // Grid lines and the value axis.
  for (let v = 0; v <= top; v += step) {
    const yy = round(y(v));
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="${GREY}" stroke-width="1"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${yy + 5}" text-anchor="end">${v}</text>`);
  }
  parts.push(
    `<text x="16" y="${round(margin.top + plotHeight / 2)}" text-anchor="middle" transform="rotate(-90 16 ${round(margin.top + plotHeight / 2)})">${escapeXml(chart.yAxisLabel)}</text>`,
  );

  // Reference lines (a comparator's mean): vertical, behind the bars so every bar stays readable,
  // labelled above the plot and staggered so labels do not collide.
  lines.forEach((line, i) => {
    const x = round(margin.left + (line.at + 0.5) * band);
    const colour = line.colour ?? '#d4351c';
    const dash = line.dashed === false ? '' : ' stroke-dasharray="6 4"';
    parts.push(`<line x1="${x}" x2="${x}" y1="${margin.top - 6}" y2="${round(y(0))}" stroke="${colour}" stroke-width="3"${dash}/>`);
    const anchor = x > margin.left + plotWidth * 0.6 ? 'end' : 'start';
    const dx = anchor === 'end' ? -6 : 6;
    parts.push(`<text x="${x + dx}" y="${20 + i * 18}" text-anchor="${anchor}" fill="${colour}" font-weight="bold">${escapeXml(line.label)}</text>`);
  });

  // The bars, and the category axis under them.
  chart.bars.forEach((bar, i) => {
    const x = margin.left + i * band + (band - barWidth) / 2;
    const centre = round(margin.left + i * band + band / 2);
    if (bar.value === null) {
      parts.push(`<text x="${centre}" y="${round(y(0) - 6)}" text-anchor="middle" font-weight="bold">${escapeXml(chart.suppressedLabel ?? 'c')}</text>`);
    } else if (bar.value > 0) {
      const yy = y(bar.value);
      parts.push(
        `<rect x="${round(x)}" y="${round(yy)}" width="${round(barWidth)}" height="${round(y(0) - yy)}" fill="${BLUE}"><title>${escapeXml(`${bar.label}: ${bar.value}`)}</title></rect>`,
      );
      parts.push(`<text x="${centre}" y="${round(yy - 6)}" text-anchor="middle">${bar.value}</text>`);
    }
    const words = labels[i]!;
    parts.push(
      words.length === 1
        ? `<text x="${centre}" y="${round(y(0) + 20)}" text-anchor="middle">${escapeXml(bar.label)}</text>`
        : `<text x="${centre}" y="${round(y(0) + 20)}" text-anchor="middle">${words
            .map((line, n) => `<tspan x="${centre}" dy="${n === 0 ? 0 : LINE_HEIGHT}">${escapeXml(line)}</tspan>`)
            .join('')}</text>`,
    );
  });
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${round(y(0))}" y2="${round(y(0))}" stroke="${TEXT}" stroke-width="2"/>`);
  parts.push(`<text x="${round(margin.left + plotWidth / 2)}" y="${height - 10}" text-anchor="middle">${escapeXml(chart.xAxisLabel)}</text>`);

  parts.push('</svg>');
  return parts.join('');
}

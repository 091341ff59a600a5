import type { ReportColumn, ReportDocument, ReportLanguage } from '../document.ts';

/**
 * What the three renderers share: how a figure is written for people, the fixed words of the report in
 * English and Welsh, file names and the one date every file carries (so the same document always gives
 * the same bytes).
 */

export const SUPPRESSED_TEXT = 'c';
/** An en dash: nothing applies. */
export const NOTHING_TEXT = '–';

export type RenderFormat = 'pdf' | 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<RenderFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
};

/** e.g. adopting-together-report-2026-04-01-2027-03-31-cy.pdf (the CSV files come zipped). */
export function reportFileName(doc: ReportDocument, format: RenderFormat): string {
  const ext = format === 'csv' ? 'zip' : format;
  return `adopting-together-report-${doc.period.from}-${doc.period.to}-${doc.language}.${ext}`;
}

/**
 * The instant written into every file (PDF creation date, XLSX properties, zip entry times): the day after
 * the period ends, at midnight UTC, unless the caller gives one. Never the clock, so bytes repeat.
 */
export function fixedDate(doc: ReportDocument, at?: Date): Date {
  if (at) return at;
  const end = new Date(`${doc.period.to}T00:00:00Z`);
  if (Number.isNaN(end.getTime())) return new Date(Date.UTC(2000, 0, 1));
  return new Date(end.getTime() + 86_400_000);
}

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, useGrouping: true });

function grouped(n: number): string {
  return GROUPED.format(n);
}

/** Integer pence as pounds, "£1,234.56" ("-£3.40" below zero), with integer arithmetic only. */
export function penceText(pence: number): string {
  const p = Math.round(pence);
  const abs = Math.abs(p);
  const pounds = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${p < 0 ? '-' : ''}£${grouped(pounds)}.${rest}`;
}

/** Integer pence as plain pounds for a CSV ("1234.56", "-3.40"). */
export function pencePlain(pence: number): string {
  const p = Math.round(pence);
  const abs = Math.abs(p);
  return `${p < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A figure as printed in the PDF. */
export function valueText(value: number | string | null | undefined, kind: ReportColumn['kind']): string {
  if (value === null || value === undefined) return NOTHING_TEXT;
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return NOTHING_TEXT;
  switch (kind) {
    case 'count':
      return grouped(Math.round(value));
    case 'percent':
      return `${Math.round(value)}%`;
    case 'decimal':
      return value.toFixed(1);
    case 'pence':
      return penceText(value);
    case 'text':
      return String(value);
  }
}

/** A figure as written in a CSV: numbers plain (no separators, no "%", pence as pounds), "c" and "–" as such. */
export function valuePlain(value: number | string | null | undefined, kind: ReportColumn['kind']): string {
  if (value === null || value === undefined) return NOTHING_TEXT;
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return NOTHING_TEXT;
  switch (kind) {
    case 'count':
    case 'percent':
      return String(Math.round(value));
    case 'decimal':
      return value.toFixed(1);
    case 'pence':
      return pencePlain(value);
    case 'text':
      return String(value);
  }
}

export type Words = {
  issuedTo: string;
  issuedBy: string;
  period: string;
  reference: string;
  issuedOn: string;
  preview: string;
  contents: string;
  disclosure: string;
  symbols: string;
  suppressedMeans: string;
  nothingMeans: string;
  headlines: string;
  method: string;
  notes: string;
  continued: string;
  chartNotShown: (names: string[]) => string;
  chartAxis: (unit: string) => string;
  page: (n: number, of: number) => string;
  cover: string;
  sheetTable: string;
  readmeTitle: string;
  readmeFiles: string;
  readmeColumns: string;
  readmeNumbers: string;
  readmeEncoding: string;
};

export const WORDS: Record<ReportLanguage, Words> = {
  en: {
    issuedTo: 'Issued to',
    issuedBy: 'Issued by',
    period: 'Period',
    reference: 'Reference',
    issuedOn: 'Issued on',
    preview: 'Preview: not issued',
    contents: 'Contents',
    disclosure: 'How the figures protect children’s privacy',
    symbols: 'Symbols used in the tables',
    suppressedMeans: 'c: not shown, to protect children’s privacy (a count below the threshold, or a figure that would let a hidden one be worked out).',
    nothingMeans: '–: no figure applies.',
    headlines: 'Key findings',
    method: 'How the measures are defined',
    notes: 'Notes',
    continued: '(continued)',
    chartNotShown: (names) => `Not shown in the chart: ${names.join('; ')}.`,
    chartAxis: (unit) => `Bar length: ${unit}`,
    page: (n, of) => `Page ${n} of ${of}`,
    cover: 'Cover',
    sheetTable: 'Table',
    readmeTitle: 'About these files',
    readmeFiles: 'The files',
    readmeColumns: 'Columns',
    readmeNumbers:
      'Numbers are written plainly: counts and percentages as whole numbers (a percentage column holds the percentage, 45 meaning 45%), decimals to one place, money in pounds with two decimal places.',
    readmeEncoding:
      'Each CSV file is UTF-8 with a byte order mark, comma-separated, with a header row, so that spreadsheet programs show Welsh letters such as ŵ and ŷ.',
  },
  cy: {
    issuedTo: 'Cyhoeddwyd i',
    issuedBy: 'Cyhoeddwyd gan',
    period: 'Cyfnod',
    reference: 'Cyfeirnod',
    issuedOn: 'Dyddiad cyhoeddi',
    preview: 'Rhagolwg: heb ei gyhoeddi',
    contents: 'Cynnwys',
    disclosure: 'Sut mae’r ffigurau’n diogelu preifatrwydd plant',
    symbols: 'Symbolau yn y tablau',
    suppressedMeans: 'c: heb ei ddangos, i ddiogelu preifatrwydd plant (cyfrif sy’n is na’r trothwy, neu ffigur a fyddai’n caniatáu cyfrifo ffigur cudd).',
    nothingMeans: '–: nid oes ffigur yn berthnasol.',
    headlines: 'Prif ganfyddiadau',
    method: 'Sut y diffinnir y mesurau',
    notes: 'Nodiadau',
    continued: '(parhad)',
    chartNotShown: (names) => `Heb eu dangos yn y siart: ${names.join('; ')}.`,
    chartAxis: (unit) => `Hyd y bar: ${unit}`,
    page: (n, of) => `Tudalen ${n} o ${of}`,
    cover: 'Clawr',
    sheetTable: 'Tabl',
    readmeTitle: 'Am y ffeiliau hyn',
    readmeFiles: 'Y ffeiliau',
    readmeColumns: 'Colofnau',
    readmeNumbers:
      'Mae’r rhifau wedi’u hysgrifennu’n blaen: cyfrifon a chanrannau fel rhifau cyfan (mae colofn canran yn dal y ganran, 45 yn golygu 45%), degolion i un lle, ac arian mewn punnoedd gyda dau le degol.',
    readmeEncoding:
      'Mae pob ffeil CSV yn UTF-8 gyda nod trefn beitiau, wedi’i gwahanu gan atalnodau, gyda rhes pennawd, fel bod rhaglenni taenlen yn dangos llythrennau Cymraeg fel ŵ ac ŷ.',
  },
};

/** Chart bars that cannot be drawn, named with what stands in their place ("Conwy (c)"). */
export function missingBars(bars: { label: string; value: number | 'c' | null }[]): string[] {
  return bars
    .filter((b) => typeof b.value !== 'number' || !Number.isFinite(b.value))
    .map((b) => `${b.label} (${b.value === 'c' ? SUPPRESSED_TEXT : NOTHING_TEXT})`);
}

/** A file-name-safe code: lower-case letters, digits and hyphens. */
export function slug(code: string): string {
  const s = code
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'table';
}

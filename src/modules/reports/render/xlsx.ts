import type ExcelJS from 'exceljs';
import type { ReportColumn, ReportDocument, ReportTable } from '../document.ts';
import { NOTHING_TEXT, WORDS, fixedDate, missingBars } from './format.ts';
import { fixZipTimes } from './zip-times.ts';

/**
 * The report as a spreadsheet: a cover sheet (title, recipient, period, reference, the disclosure rule,
 * what "c" and "–" mean, the contents) and one sheet per section with its headlines, each table (caption,
 * header row, rows, notes) and its method notes. Numbers are numbers with a number format; "c", "–" and
 * notes are text. Money is held in pounds (the document's integer pence divided by 100) and shown as £.
 */

/** Excel number formats by column kind. A percent column holds the whole percentage (45 for 45%). */
export const NUMBER_FORMATS: Record<ReportColumn['kind'], string | undefined> = {
  count: '#,##0',
  percent: '0"%"',
  decimal: '0.0',
  pence: '"£"#,##0.00;-"£"#,##0.00',
  text: undefined,
};

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, no edge apostrophes, unique. */
export function sheetName(wanted: string, used: Set<string>): string {
  let base = wanted
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!base) base = 'Sheet';
  const fit = (s: string, max: number) => {
    if (s.length <= max) return s;
    const cut = s.slice(0, max);
    const space = cut.lastIndexOf(' ');
    return (space > max / 2 ? cut.slice(0, space) : cut).trim();
  };
  let name = fit(base, 31);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = fit(base, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
const THIN: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF505050' } } };
const TOTAL_BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin', color: { argb: 'FF505050' } } };

function setValue(cell: ExcelJS.Cell, value: number | string | null | undefined, kind: ReportColumn['kind']) {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    cell.value = NOTHING_TEXT;
    cell.alignment = { horizontal: 'right' };
  } else if (typeof value === 'string') {
    if (value === '') return;
    cell.value = value;
    if (kind !== 'text') cell.alignment = { horizontal: 'right' };
  } else if (kind === 'pence') {
    cell.value = Math.round(value) / 100;
    cell.numFmt = NUMBER_FORMATS.pence!;
  } else {
    cell.value = value;
    const fmt = NUMBER_FORMATS[kind];
    if (fmt) cell.numFmt = fmt;
  }
}

/** Writes a table from `start` (1-based row); returns the header row's number and the next free row. */
function writeTable(ws: ExcelJS.Worksheet, table: ReportTable, start: number, notesLabel: string): { headerRow: number; next: number } {
  let r = start;
  const width = table.columns.length + 1;
  const caption = ws.getCell(r, 1);
  caption.value = table.caption;
  caption.font = { bold: true, size: 12 };
  r++;
  const headerRow = r;
  const header = ws.getRow(r);
  [table.labelHeading, ...table.columns.map((c) => c.heading)].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = BOLD;
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: i === 0 ? 'left' : 'right' };
  });
  r++;
  for (const row of table.rows) {
    const xr = ws.getRow(r);
    const label = xr.getCell(1);
    label.value = row.label;
    table.columns.forEach((c, i) => setValue(xr.getCell(i + 2), row.values[i], c.kind));
    if (row.total) {
      for (let i = 1; i <= width; i++) {
        const cell = xr.getCell(i);
        cell.font = BOLD;
        cell.border = TOTAL_BORDER;
      }
    }
    r++;
  }
  for (const note of table.notes) {
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.font = { italic: true };
    r++;
  }
  void notesLabel;
  return { headerRow, next: r + 1 };
}

function columnWidths(ws: ExcelJS.Worksheet, tables: ReportTable[]) {
  let labelWidth = 24;
  let maxColumns = 0;
  const valueWidths: number[] = [];
  for (const t of tables) {
    maxColumns = Math.max(maxColumns, t.columns.length);
    for (const row of t.rows) labelWidth = Math.max(labelWidth, Math.min(48, row.label.length + 2));
    labelWidth = Math.max(labelWidth, Math.min(48, t.labelHeading.length + 2));
    t.columns.forEach((c, i) => {
      const longestWord = Math.max(...c.heading.split(/\s+/).map((w) => w.length));
      const wanted = Math.min(24, Math.max(12, longestWord + 2, Math.ceil(c.heading.length / 2) + 1));
      valueWidths[i] = Math.max(valueWidths[i] ?? 0, wanted);
    });
  }
  ws.getColumn(1).width = labelWidth;
  for (let i = 0; i < maxColumns; i++) ws.getColumn(i + 2).width = valueWidths[i] ?? 14;
}

export async function renderXlsx(doc: ReportDocument, at?: Date): Promise<Buffer> {
  const w = WORDS[doc.language];
  const when = fixedDate(doc, at);
  // exceljs is large: loaded on the first spreadsheet, not when the server starts.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = doc.issuer;
  wb.lastModifiedBy = doc.issuer;
  wb.title = doc.title;
  wb.subject = doc.period.words;
  wb.company = doc.issuer;
  wb.created = when;
  wb.modified = when;
  wb.calcProperties = { fullCalcOnLoad: false };

  const used = new Set<string>();
  const coverName = sheetName(w.cover, used);
  const sectionNames = doc.sections.map((s) => sheetName(s.title || s.code, used));

  // Cover.
  const cover = wb.addWorksheet(coverName, { properties: { tabColor: { argb: 'FF1D70B8' } } });
  cover.getColumn(1).width = 22;
  cover.getColumn(2).width = 90;
  let r = 1;
  const titleCell = cover.getCell(r, 1);
  titleCell.value = doc.title;
  titleCell.font = { bold: true, size: 16 };
  r += 2;
  const field = (label: string, value: string) => {
    cover.getCell(r, 1).value = label;
    cover.getCell(r, 1).font = BOLD;
    cover.getCell(r, 2).value = value;
    r++;
  };
  field(w.issuedTo, doc.recipient);
  field(w.issuedBy, doc.issuer);
  field(w.period, `${doc.period.words} (${doc.period.from} – ${doc.period.to})`);
  if (doc.reference) field(w.reference, doc.reference);
  else field(w.reference, w.preview);
  if (doc.issuedOn) field(w.issuedOn, doc.issuedOn);
  r++;
  const para = (heading: string, lines: string[]) => {
    cover.getCell(r, 1).value = heading;
    cover.getCell(r, 1).font = { bold: true, size: 12 };
    r++;
    for (const line of lines) {
      cover.mergeCells(r, 1, r, 2);
      const c = cover.getCell(r, 1);
      c.value = line;
      c.alignment = { wrapText: true, vertical: 'top' };
      cover.getRow(r).height = Math.max(15, Math.ceil(line.length / 105) * 15);
      r++;
    }
    r++;
  };
  para(w.disclosure, [doc.disclosureNote]);
  para(w.symbols, [w.suppressedMeans, w.nothingMeans]);
  cover.getCell(r, 1).value = w.contents;
  cover.getCell(r, 1).font = { bold: true, size: 12 };
  r++;
  doc.sections.forEach((s, i) => {
    cover.getCell(r, 1).value = { text: sectionNames[i]!, hyperlink: `#'${sectionNames[i]!.replace(/'/g, "''")}'!A1` };
    cover.getCell(r, 1).font = { color: { argb: 'FF1D70B8' }, underline: true };
    cover.getCell(r, 2).value = s.title;
    r++;
  });

  // One sheet per section.
  doc.sections.forEach((section, si) => {
    const ws = wb.addWorksheet(sectionNames[si]);
    let row = 1;
    const title = ws.getCell(row, 1);
    title.value = section.title;
    title.font = { bold: true, size: 14 };
    row += 2;
    if (section.headlines.length) {
      ws.getCell(row, 1).value = w.headlines;
      ws.getCell(row, 1).font = { bold: true, size: 12 };
      row++;
      for (const h of section.headlines) ws.getCell(row++, 1).value = h;
      row++;
    }
    let firstHeader = 0;
    for (const table of section.tables) {
      const { headerRow, next } = writeTable(ws, table, row, w.notes);
      if (!firstHeader) firstHeader = headerRow;
      row = next;
    }
    // A spreadsheet holds no drawing here: each chart's title and words, its figures being in the tables.
    for (const chart of section.charts) {
      ws.getCell(row, 1).value = chart.title;
      ws.getCell(row, 1).font = BOLD;
      row++;
      ws.getCell(row++, 1).value = chart.description;
      const missing = missingBars(chart.bars);
      if (missing.length) ws.getCell(row++, 1).value = w.chartNotShown(missing);
      row++;
    }
    if (section.method.length) {
      ws.getCell(row, 1).value = w.method;
      ws.getCell(row, 1).font = { bold: true, size: 12 };
      row++;
      for (const m of section.method) ws.getCell(row++, 1).value = m;
    }
    columnWidths(ws, section.tables);
    ws.pageSetup = { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    // The label column always stays in view; with one table its header row stays too.
    ws.views = [{ state: 'frozen', xSplit: 1, ySplit: section.tables.length === 1 ? firstHeader : 0, activeCell: 'A1' }];
  });

  const out = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimes(out, when);
}

import yazl from 'yazl';
import type { ReportDocument, ReportSection, ReportTable } from '../document.ts';
import { SUPPRESSED_TEXT, WORDS, fixedDate, slug, valuePlain } from './format.ts';

/**
 * The report as a zip of CSV files, one per table, with a README.txt in the report's language. Each CSV
 * is UTF-8 with a byte order mark (so Excel reads ŵ and ŷ), CRLF line ends and RFC 4180 quoting; numbers
 * are plain, a suppressed figure is "c" and a figure that does not apply "–".
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** One field, RFC 4180: quoted when it holds a comma, quote, CR or LF (or edge spaces); quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Text that a spreadsheet would run as a formula ("=", "+", "-", "@" first) gets a leading apostrophe. */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvLines(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join(CRLF) + CRLF;
}

/** The name of a table's file in the zip: `<section>-<table>.csv`. */
export function csvFileName(section: ReportSection, table: ReportTable): string {
  return `${slug(section.code)}-${slug(table.code)}.csv`;
}

export function tableCsv(table: ReportTable): string {
  const header = [table.labelHeading, ...table.columns.map((c) => c.heading)].map(safeText);
  const rows = table.rows.map((row) => [
    safeText(row.label),
    ...table.columns.map((c, i) => {
      const v = row.values[i];
      const text = valuePlain(v, c.kind);
      return typeof v === 'string' && v !== SUPPRESSED_TEXT ? safeText(text) : text;
    }),
  ]);
  return BOM + csvLines([header, ...rows]);
}

function readme(doc: ReportDocument, files: { name: string; section: ReportSection; table: ReportTable }[]): string {
  const w = WORDS[doc.language];
  const out: string[] = [];
  const heading = (text: string) => out.push('', text, '='.repeat(Math.min(text.length, 72)), '');
  out.push(doc.title, '='.repeat(Math.min(doc.title.length, 72)), '');
  out.push(`${w.issuedTo}: ${doc.recipient}`);
  out.push(`${w.issuedBy}: ${doc.issuer}`);
  out.push(`${w.period}: ${doc.period.words} (${doc.period.from} – ${doc.period.to})`);
  out.push(doc.reference ? `${w.reference}: ${doc.reference}` : w.preview);
  if (doc.issuedOn) out.push(`${w.issuedOn}: ${doc.issuedOn}`);

  heading(w.readmeTitle);
  out.push(w.readmeEncoding, '', w.readmeNumbers);

  heading(w.symbols);
  out.push(w.suppressedMeans, w.nothingMeans);

  heading(w.disclosure);
  out.push(doc.disclosureNote);

  heading(w.readmeFiles);
  for (const f of files) {
    out.push(`${f.name}`);
    out.push(`  ${f.section.title}: ${f.table.caption}`);
    out.push(`  ${w.readmeColumns}: ${[f.table.labelHeading, ...f.table.columns.map((c) => c.heading)].join('; ')}`);
    for (const note of f.table.notes) out.push(`  ${w.notes}: ${note}`);
    out.push('');
  }

  heading(w.method);
  for (const section of doc.sections) {
    if (section.method.length === 0) continue;
    out.push(section.title, '-'.repeat(Math.min(section.title.length, 72)));
    for (const m of section.method) out.push(`- ${m}`);
    out.push('');
  }
  return (
    BOM +
    out
      .join(CRLF)
      .replace(/\s+$/, '')
      .concat(CRLF)
      .replace(/(?<!\r)\n/g, CRLF)
  );
}

/** The zip's bytes. Entry times are the document's fixed date, so the same document gives the same bytes. */
export async function renderCsvZip(doc: ReportDocument, at?: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const when = fixedDate(doc, at);
  // yazl writes DOS times from local fields: build the date whose local fields are the UTC ones wanted.
  const mtime = new Date(when.getUTCFullYear(), when.getUTCMonth(), when.getUTCDate(), when.getUTCHours(), when.getUTCMinutes(), when.getUTCSeconds());
  const entry = { mtime, mode: 0o100644, forceDosTimestamp: true, compress: true };
  const files: { name: string; section: ReportSection; table: ReportTable }[] = [];
  const used = new Set<string>();
  for (const section of doc.sections) {
    for (const table of section.tables) {
      let name = csvFileName(section, table);
      for (let n = 2; used.has(name); n++) name = csvFileName(section, table).replace(/\.csv$/, `-${n}.csv`);
      used.add(name);
      files.push({ name, section, table });
      zip.addBuffer(Buffer.from(tableCsv(table), 'utf8'), name, entry);
    }
  }
  zip.addBuffer(Buffer.from(readme(doc, files), 'utf8'), 'README.txt', entry);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

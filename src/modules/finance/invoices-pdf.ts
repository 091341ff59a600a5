import { createRequire } from 'node:module';
import path from 'node:path';
import type { InvoiceLineRow, InvoiceRow } from './invoices-repository.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { poundsText } from './costs-money.ts';

/**
 * An invoice or credit note as a PDF, in the authority's language. The font is DejaVu Sans (from the
 * dejavu-fonts-ttf package, a free licence), embedded so that Welsh letters such as ŵ and ŷ print:
 * PDF's built-in Helvetica has no glyphs for them.
 */
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
const BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

const WORDS = {
  en: {
    invoice: 'Invoice',
    credit_note: 'Credit note',
    number: 'Number',
    issuedOn: 'Date of issue',
    dueOn: 'Payment due',
    to: 'To',
    from: 'From',
    credits: 'Credits invoice',
    line: 'Line',
    description: 'Description',
    child: 'Child',
    date: 'Date',
    vat: 'VAT',
    net: 'Net',
    subtotal: 'Total before VAT',
    vatTotal: 'VAT',
    total: 'Total due',
    creditTotal: 'Total credited',
    terms: (days: number) => `Payment terms: ${days} days from the date of issue.`,
    exempt: 'exempt',
    zero_rated: 'zero-rated',
    standard: 'standard',
    reason: 'Reason',
  },
  cy: {
    invoice: 'Anfoneb',
    credit_note: 'Nodyn credyd',
    number: 'Rhif',
    issuedOn: 'Dyddiad cyhoeddi',
    dueOn: 'Taliad yn ddyledus',
    to: 'At',
    from: 'Oddi wrth',
    credits: 'Yn credydu anfoneb',
    line: 'Llinell',
    description: 'Disgrifiad',
    child: 'Plentyn',
    date: 'Dyddiad',
    vat: 'TAW',
    net: 'Net',
    subtotal: 'Cyfanswm cyn TAW',
    vatTotal: 'TAW',
    total: 'Cyfanswm sy’n ddyledus',
    creditTotal: 'Cyfanswm a gredydwyd',
    terms: (days: number) => `Telerau talu: ${days} diwrnod o’r dyddiad cyhoeddi.`,
    exempt: 'wedi’i eithrio',
    zero_rated: 'cyfradd sero',
    standard: 'safonol',
    reason: 'Rheswm',
  },
} as const;

/** Pence as pounds for print (£1,234.50), with no floating point. */
export function formatPounds(pence: number): string {
  // One way to write money for people: the cost side's, to the penny.
  return poundsText(pence);
}

const dateText = (iso: string, language: 'en' | 'cy') =>
  new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

export type InvoicePdfInput = { invoice: InvoiceRow; lines: InvoiceLineRow[]; agencyName: string; creditsNumber?: string | null };

export async function invoicePdf({ invoice, lines, agencyName, creditsNumber }: InvoicePdfInput): Promise<Buffer> {
  // Loaded when the first invoice is printed: most processes (tests, CLI commands) never print one.
  const { default: PDFDocument } = await import('pdfkit');
  const w = WORDS[invoice.language];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${w[invoice.kind]} ${invoice.number}`, Author: agencyName },
    lang: invoice.language === 'cy' ? 'cy-GB' : 'en-GB',
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(20).text(`${w[invoice.kind]} ${invoice.number}`);
  doc.moveDown(0.5).font('regular').fontSize(10);
  doc.text(`${w.from}: ${agencyName}`);
  // The authority's name in the invoice's language, as it was when the invoice was issued.
  doc.text(`${w.to}: ${organisationNameText({ name: invoice.authorityName, nameCy: invoice.authorityNameCy }, invoice.language)}`);
  doc.text(`${w.issuedOn}: ${dateText(invoice.issuedOn, invoice.language)}`);
  if (invoice.kind === 'invoice') doc.text(`${w.dueOn}: ${dateText(invoice.dueOn, invoice.language)}`);
  if (creditsNumber) doc.text(`${w.credits}: ${creditsNumber}`);
  if (invoice.reason) doc.text(`${w.reason}: ${invoice.reason}`);
  doc.moveDown();

  const columns = [
    { key: w.line, x: 50, width: 30 },
    { key: w.description, x: 82, width: 200 },
    { key: w.child, x: 285, width: 80 },
    { key: w.date, x: 368, width: 62 },
    { key: w.vat, x: 432, width: 50 },
    { key: w.net, x: 484, width: 62, align: 'right' as const },
  ];
  const row = (values: string[], font: 'regular' | 'bold') => {
    const y = doc.y;
    doc.font(font).fontSize(9);
    let bottom = y;
    columns.forEach((c, i) => {
      doc.text(values[i] ?? '', c.x, y, { width: c.width, align: c.align ?? 'left' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = 50;
    doc.y = bottom + 4;
  };
  row(
    columns.map((c) => c.key),
    'bold',
  );
  for (const l of lines) {
    row(
      [String(l.lineNumber), invoice.language === 'cy' ? l.descriptionCy : l.description, l.childLabel, l.occurredOn, w[l.vatStatus], formatPounds(l.netPence)],
      'regular',
    );
  }
  doc.moveDown();
  const total = (label: string, pence: number, font: 'regular' | 'bold') => {
    const y = doc.y;
    doc.font(font).fontSize(10).text(label, 300, y, { width: 180 });
    doc.text(formatPounds(pence), 484, y, { width: 62, align: 'right' });
    doc.x = 50;
  };
  total(w.subtotal, invoice.netPence, 'regular');
  total(w.vatTotal, invoice.vatPence, 'regular');
  total(invoice.kind === 'invoice' ? w.total : w.creditTotal, invoice.totalPence, 'bold');
  if (invoice.kind === 'invoice') doc.moveDown().font('regular').fontSize(9).text(w.terms(invoice.paymentTermsDays), 50);
  doc.end();
  return done;
}

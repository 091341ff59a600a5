import type { InvoiceLineRow, InvoiceRow } from './invoices-repository.ts';
import { organisationNameText } from '../../platform/i18n/agency-text.ts';
import { drawTable } from '../../platform/pdf/table.ts';
import { PdfWriter, BOLD, loadLibraries } from '../../platform/pdf/writer.ts';
import { poundsText } from './costs-money.ts';

/**
 * An invoice or credit note as a PDF, in the authority's language, on the platform's tagged PDF
 * pages (platform/pdf: DejaVu Sans embedded so Welsh ŵ and ŷ print, "Page n of N" at the foot):
 * the heading and who it is from and to, the lines as a table, then the totals.
 */

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
    lines: 'What each fee was for',
    totals: 'Totals',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    continued: '(continued)',
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
    lines: 'Am beth roedd pob ffi',
    totals: 'Cyfansymiau',
    page: (n: number, of: number) => `Tudalen ${n} o ${of}`,
    continued: '(parhad)',
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
  const language = invoice.language;
  const w = WORDS[language];
  const title = `${w[invoice.kind]} ${invoice.number}`;
  const writer = new PdfWriter(
    {
      language,
      title,
      author: agencyName,
      subject: w[invoice.kind],
      // The document's own date, so the same invoice prints the same bytes.
      at: invoice.createdAt,
      words: { page: w.page, continued: w.continued },
      footer: title,
    },
    await loadLibraries(),
  );
  const done = writer.collect();
  const { root } = writer;
  writer.block(root, 'H1', title, { font: BOLD, size: 20, gap: 8 });
  const facts = [
    `${w.from}: ${agencyName}`,
    // The authority's name in the invoice's language, as it was when the invoice was issued.
    `${w.to}: ${organisationNameText({ name: invoice.authorityName, nameCy: invoice.authorityNameCy }, language)}`,
    `${w.issuedOn}: ${dateText(invoice.issuedOn, language)}`,
    ...(invoice.kind === 'invoice' ? [`${w.dueOn}: ${dateText(invoice.dueOn, language)}`] : []),
    ...(creditsNumber ? [`${w.credits}: ${creditsNumber}`] : []),
    ...(invoice.reason ? [`${w.reason}: ${invoice.reason}`] : []),
  ];
  for (const fact of facts) writer.block(root, 'P', fact, { size: 10, gap: 2 });
  writer.doc.y += 10;
  drawTable(writer, root, {
    caption: w.lines,
    headings: [w.line, w.description, w.child, w.date, w.vat, w.net],
    rows: lines.map((l) => ({
      cells: [String(l.lineNumber), language === 'cy' ? l.descriptionCy : l.description, l.childLabel, l.occurredOn, w[l.vatStatus], formatPounds(l.netPence)],
    })),
    alignLeft: [true, true, true, true, true, false],
    widths: [30, 200, 80, 62, 50, 62],
  });
  drawTable(writer, root, {
    caption: w.totals,
    headings: [w.totals, w.net],
    rows: [
      { cells: [w.subtotal, formatPounds(invoice.netPence)] },
      { cells: [w.vatTotal, formatPounds(invoice.vatPence)] },
      { cells: [invoice.kind === 'invoice' ? w.total : w.creditTotal, formatPounds(invoice.totalPence)], total: true },
    ],
    alignLeft: [true, false],
    widths: [3, 1],
    rowHeaders: true,
  });
  if (invoice.kind === 'invoice') writer.block(root, 'P', w.terms(invoice.paymentTermsDays), { size: 9 });
  writer.finish();
  return done;
}

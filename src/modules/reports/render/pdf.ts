import type { ReportDocument, ReportSection, ReportTable } from '../document.ts';
import { drawChart } from './pdf-chart.ts';
import { drawTable, type PdfTable } from '../../../platform/pdf/table.ts';
import { PdfWriter, REGULAR, BOLD, MARGIN, LEFT, WIDTH, INK, loadLibraries, type Libraries } from '../../../platform/pdf/writer.ts';
import { WORDS, fixedDate, valueText, type Words } from './format.ts';

/** A report's table as the platform prints it: figures written for people, labels as row headers. */
export function printedTable(t: ReportTable): PdfTable {
  return {
    caption: t.caption,
    headings: [t.labelHeading, ...t.columns.map((c) => c.heading)],
    rows: t.rows.map((row) => ({ cells: [row.label, ...t.columns.map((c, i) => valueText(row.values[i], c.kind))], total: row.total })),
    // Labels and text columns read from the left; figures line up on the right.
    alignLeft: [true, ...t.columns.map((c) => c.kind === 'text')],
    rowHeaders: true,
    notes: t.notes,
  };
}

/**
 * The report as a tagged PDF (pdfkit): a title page, then each section on its own pages with its
 * headlines, tables (header rows repeated on every page a table runs onto, total rows bold, notes under
 * the table), bar charts drawn as vector shapes (with the chart's words as alternative text), and the
 * method notes. DejaVu Sans is embedded so ŵ and ŷ print. Headings, paragraphs, tables and figures are
 * tagged in a structure tree; page furniture (rules, shading, page numbers, repeated headers) is marked
 * as artifact. The creation date comes from the document, so the same document gives the same bytes.
 */
class ReportWriter extends PdfWriter {
  constructor(
    readonly report: ReportDocument,
    libraries: Libraries,
    at?: Date,
  ) {
    const words = WORDS[report.language];
    super(
      {
        language: report.language,
        title: report.title,
        author: report.issuer,
        subject: report.period.words,
        keywords: report.reference ?? '',
        at: fixedDate(report, at),
        words,
        footer: report.reference ?? words.preview,
      },
      libraries,
    );
  }

  /** The report's fixed words (the pages' own among them). */
  override get w(): Words {
    return WORDS[this.report.language];
  }

  cover() {
    const { report: r, w, doc } = this;
    doc.y = MARGIN.top + 40;
    this.block(this.root, 'H1', r.title, { font: BOLD, size: 24, gap: 18 });
    const facts: [string, string][] = [
      [w.issuedTo, r.recipient],
      [w.issuedBy, r.issuer],
      [w.period, r.period.words],
      [w.reference, r.reference ?? w.preview],
    ];
    if (r.issuedOn) facts.push([w.issuedOn, r.issuedOn]);
    for (const [label, value] of facts) {
      const y = doc.y;
      this.root.add(
        this.el('P', {}, () => {
          doc.font(BOLD).fontSize(11).fillColor(INK).text(`${label}: `, LEFT, y, { lineBreak: false });
          doc
            .font(REGULAR)
            .fontSize(11)
            .text(value, LEFT + 130, y, { width: WIDTH - 130 });
        }),
      );
      doc.x = LEFT;
      doc.y += 6;
    }
    doc.y += 18;
    this.block(this.root, 'H2', w.contents, { font: BOLD, size: 14, gap: 6 });
    this.list(
      this.root,
      r.sections.map((s) => s.title),
      11,
      r.sections.map((_, i) => `${i + 1}.`),
    );
    doc.y += 14;
    this.block(this.root, 'H2', w.disclosure, { font: BOLD, size: 14, gap: 6 });
    this.block(this.root, 'P', r.disclosureNote, { size: 10, gap: 10 });
    this.block(this.root, 'H3', w.symbols, { font: BOLD, size: 11, gap: 4 });
    // "c: …" and "–: …": the symbol as the item's label, the meaning as its body.
    const symbols = [w.suppressedMeans, w.nothingMeans].map((m) => /^(\S+): (.*)$/s.exec(m));
    this.list(
      this.root,
      symbols.map((m) => m![2]!),
      10,
      symbols.map((m) => m![1]!),
    );
  }

  section(s: ReportSection, index: number) {
    const { doc, w } = this;
    this.newPage();
    doc.outline.addItem(s.title);
    const sect = this.el('Sect');
    this.root.add(sect);
    this.block(sect, 'H2', `${index + 1}. ${s.title}`, { font: BOLD, size: 18, gap: 10 });
    if (s.headlines.length) {
      this.block(sect, 'H3', w.headlines, { font: BOLD, size: 12, gap: 4 });
      this.list(sect, s.headlines, 10.5);
      doc.y += 8;
    }
    for (const t of s.tables) drawTable(this, sect, printedTable(t));
    for (const c of s.charts) drawChart(this, sect, c);
    if (s.method.length) {
      this.block(sect, 'H3', w.method, { font: BOLD, size: 12, gap: 4 });
      this.list(sect, s.method, 9.5);
    }
    sect.end();
  }

  render(): Promise<Buffer> {
    const done = this.collect();
    this.cover();
    this.report.sections.forEach((s, i) => this.section(s, i));
    this.finish();
    return done;
  }
}

export async function renderPdf(doc: ReportDocument, at?: Date): Promise<Buffer> {
  return new ReportWriter(doc, await loadLibraries(), at).render();
}

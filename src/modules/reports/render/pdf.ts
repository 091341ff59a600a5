import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import type PDFKitDocument from 'pdfkit';
import type { ReportChart, ReportDocument, ReportSection, ReportTable } from '../document.ts';
import { WORDS, fixedDate, missingBars, valueText, type Words } from './format.ts';

/**
 * The report as a tagged PDF (pdfkit): a title page, then each section on its own pages with its
 * headlines, tables (header rows repeated on every page a table runs onto, total rows bold, notes under
 * the table), bar charts drawn as vector shapes (with the chart's words as alternative text), and the
 * method notes. DejaVu Sans is embedded so ŵ and ŷ print. Headings, paragraphs, tables and figures are
 * tagged in a structure tree; page furniture (rules, shading, page numbers, repeated headers) is marked
 * as artifact. The creation date comes from the document, so the same document gives the same bytes.
 */

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' } as const;
type FontName = keyof typeof FONT_FILES;
const REGULAR: FontName = 'regular';
const BOLD: FontName = 'bold';
const ITALIC: FontName = 'italic';

type Libraries = { PDFDocument: typeof PDFKitDocument; fontkit: typeof Fontkit };
let libraries: Promise<Libraries> | undefined;
/**
 * pdfkit and fontkit are loaded when the first PDF is made, not when the app starts: together they are a
 * third of a second of every process's start (each test file, each CLI command) that makes no PDF.
 */
function loadLibraries(): Promise<Libraries> {
  libraries ??= Promise.all([import('pdfkit'), import('fontkit')]).then(([pdfkit, fontkit]) => ({ PDFDocument: pdfkit.default, fontkit }));
  return libraries;
}

/**
 * The fonts parsed once per process and handed to each document (pdfkit embeds its own subset each time):
 * parsing DejaVu's tables is a good part of a small report's time.
 */
let parsedFonts: Record<FontName, ReturnType<typeof Fontkit.create>> | null = null;
function fonts(fontkit: typeof Fontkit) {
  parsedFonts ??= {
    regular: fontkit.create(readFileSync(path.join(fontDir, FONT_FILES.regular))),
    bold: fontkit.create(readFileSync(path.join(fontDir, FONT_FILES.bold))),
    italic: fontkit.create(readFileSync(path.join(fontDir, FONT_FILES.italic))),
  };
  return parsedFonts;
}

const MARGIN = { top: 60, bottom: 64, left: 50, right: 50 };
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = MARGIN.left;
const WIDTH = PAGE_W - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE_H - MARGIN.bottom;

const INK = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#b1b4b6';
const SHADE = '#f3f2f1';
const BAR = '#1d70b8';

type Doc = PDFKit.PDFDocument;
type El = PDFKit.PDFStructureElement;
/** pdfkit 0.20 also takes a table cell's scope and a figure's placement (the @types lag behind). */
type ElOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column'; placement?: 'Block' | 'Inline' };

class Writer {
  readonly doc: Doc;
  readonly w: Words;
  readonly root: El;

  constructor(
    private readonly report: ReportDocument,
    private readonly libraries: Libraries,
    at?: Date,
  ) {
    this.w = WORDS[report.language];
    this.doc = new libraries.PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      tagged: true,
      displayTitle: true,
      pdfVersion: '1.7',
      lang: report.language === 'cy' ? 'cy-GB' : 'en-GB',
      // No default font: pdfkit would load Helvetica, which has no ŵ or ŷ. Every text sets its font.
      font: null as unknown as string,
      info: {
        Title: report.title,
        Author: report.issuer,
        Subject: report.period.words,
        Keywords: report.reference ?? '',
        Creator: 'Adopting Together',
        Producer: 'Adopting Together (PDFKit)',
        CreationDate: fixedDate(report, at),
        ModDate: fixedDate(report, at),
      },
    });
    for (const [name, font] of Object.entries(fonts(this.libraries.fontkit))) this.doc.registerFont(name, font as unknown as Buffer);
    this.doc.font(REGULAR);
    this.root = this.el('Document');
    this.doc.addStructure(this.root);
  }

  /** A structure element; `draw` (if any) is its content, drawn when the element joins the tree. */
  el(tag: string, options: ElOptions = {}, draw?: () => unknown): El {
    const children = draw
      ? () => {
          draw();
        }
      : undefined;
    return children ? this.doc.struct(tag, options, children) : this.doc.struct(tag, options);
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > BOTTOM) this.newPage();
  }

  newPage() {
    this.doc.addPage();
    this.doc.x = LEFT;
    this.doc.y = MARGIN.top;
  }

  /** Page furniture (rules, shading, repeated headers): drawn, but not read out. */
  artifact(draw: () => void) {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** A tagged block of text (P, H1, H2, H3, Caption, LBody …) in the parent element. */
  block(parent: El, tag: string, text: string, style: { font?: FontName; size?: number; color?: string; gap?: number; indent?: number } = {}) {
    const size = style.size ?? 10;
    const font = style.font ?? REGULAR;
    const indent = style.indent ?? 0;
    this.doc.font(font).fontSize(size);
    const h = this.doc.heightOfString(text, { width: WIDTH - indent });
    // Keep headings with at least a few lines after them.
    this.ensure(tag.startsWith('H') ? h + 60 : Math.min(h, 40));
    parent.add(
      this.el(tag, {}, () => {
        this.doc
          .font(font)
          .fontSize(size)
          .fillColor(style.color ?? INK)
          .text(text, LEFT + indent, this.doc.y, { width: WIDTH - indent });
      }),
    );
    this.doc.fillColor(INK);
    this.doc.x = LEFT;
    this.doc.y += style.gap ?? 4;
  }

  /** A tagged list; `labels` replace the bullets (numbers, symbols). */
  list(parent: El, items: string[], size = 10, labels?: string[]) {
    if (items.length === 0) return;
    const labelW = labels ? 8 + Math.max(...labels.map((l) => this.doc.font(BOLD).fontSize(size).widthOfString(l))) : 14;
    const l = this.el('L');
    parent.add(l);
    items.forEach((item, n) => {
      this.doc.font(REGULAR).fontSize(size);
      this.ensure(Math.min(this.doc.heightOfString(item, { width: WIDTH - labelW }), 40));
      const li = this.el('LI');
      l.add(li);
      const y = this.doc.y;
      const label = labels?.[n] ?? '•';
      li.add(
        this.el('Lbl', {}, () =>
          this.doc
            .font(labels ? BOLD : REGULAR)
            .fontSize(size)
            .fillColor(INK)
            .text(label, LEFT, y, { lineBreak: false }),
        ),
      );
      li.add(
        this.el('LBody', {}, () =>
          this.doc
            .font(REGULAR)
            .fontSize(size)
            .fillColor(INK)
            .text(item, LEFT + labelW, y, { width: WIDTH - labelW }),
        ),
      );
      li.end();
      this.doc.x = LEFT;
      this.doc.y += 3;
    });
    l.end();
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
    for (const t of s.tables) this.table(sect, t);
    for (const c of s.charts) this.chart(sect, c);
    if (s.method.length) {
      this.block(sect, 'H3', w.method, { font: BOLD, size: 12, gap: 4 });
      this.list(sect, s.method, 9.5);
    }
    sect.end();
  }

  table(parent: El, t: ReportTable) {
    const { doc, w } = this;
    const n = t.columns.length;
    const size = n > 6 ? 7.5 : 8.5;
    const labelW = Math.max(120, Math.min(220, WIDTH - n * 68));
    const valueW = n ? (WIDTH - labelW) / n : 0;
    const pad = 3;
    const xs = [LEFT, ...t.columns.map((_, i) => LEFT + labelW + i * valueW)];
    const widths = [labelW, ...t.columns.map(() => valueW)];
    const headings = [t.labelHeading, ...t.columns.map((c) => c.heading)];
    // Labels and text columns read from the left; figures line up on the right.
    const left = [true, ...t.columns.map((c) => c.kind === 'text')];

    doc.font(BOLD).fontSize(size);
    const headerH = Math.max(...headings.map((h, i) => doc.heightOfString(h, { width: widths[i]! - 2 * pad }))) + 2 * pad;
    const rowTexts = t.rows.map((row) => [row.label, ...t.columns.map((c, i) => valueText(row.values[i], c.kind))]);
    // Most cells hold one short line: measured once, drawn without the line wrapper (much faster).
    const lineH = doc.font(REGULAR).fontSize(size).heightOfString('Xg', { width: 1000 });
    const rowWidths = t.rows.map((row, ri) => {
      doc.font(row.total ? BOLD : REGULAR).fontSize(size);
      return rowTexts[ri]!.map((text) => doc.widthOfString(text));
    });
    const rowHeights = t.rows.map((row, ri) => {
      doc.font(row.total ? BOLD : REGULAR).fontSize(size);
      let h = lineH;
      rowTexts[ri]!.forEach((text, i) => {
        if (rowWidths[ri]![i]! > widths[i]! - 2 * pad) h = Math.max(h, doc.heightOfString(text, { width: widths[i]! - 2 * pad }));
      });
      return h + 2 * pad;
    });

    doc.font(BOLD).fontSize(10.5);
    const captionH = doc.heightOfString(t.caption, { width: WIDTH });
    // Caption, header and the first rows (up to three) stay together.
    const firstRows = rowHeights.slice(0, 3).reduce((a, b) => a + b, 0);
    this.ensure(captionH + 6 + headerH + firstRows);

    const table = this.el('Table');
    parent.add(table);
    table.add(
      this.el('Caption', {}, () => {
        doc.font(BOLD).fontSize(10.5).fillColor(INK).text(t.caption, LEFT, doc.y, { width: WIDTH });
      }),
    );
    doc.y += 4;

    const drawCells = (texts: string[], y: number, font: FontName, measured: number[] | null, tags: { row: El; cellTag: (i: number) => string } | null) => {
      texts.forEach((text, i) => {
        const inner = widths[i]! - 2 * pad;
        const width = measured?.[i];
        const draw = () => {
          doc.font(font).fontSize(size);
          if (width !== undefined && width <= inner) doc.text(text, left[i] ? xs[i]! + pad : xs[i]! + pad + inner - width, y + pad, { lineBreak: false });
          else doc.text(text, xs[i]! + pad, y + pad, { width: inner, align: left[i] ? 'left' : 'right' });
        };
        if (tags) {
          const tag = tags.cellTag(i);
          tags.row.add(this.el(tag, tag === 'TH' ? { scope: i === 0 && tags.cellTag(1) === 'TD' ? 'Row' : 'Column' } : {}, draw));
        } else draw();
      });
    };

    const drawHeader = (tagged: boolean) => {
      const y = doc.y;
      this.artifact(() => {
        doc.rect(LEFT, y, WIDTH, headerH).fill(SHADE);
        doc
          .moveTo(LEFT, y + headerH)
          .lineTo(LEFT + WIDTH, y + headerH)
          .lineWidth(1)
          .strokeColor(INK)
          .stroke();
      });
      doc.fillColor(INK);
      if (tagged) {
        const tr = this.el('TR');
        table.add(tr);
        drawCells(headings, y, BOLD, null, { row: tr, cellTag: () => 'TH' });
        tr.end();
      } else this.artifact(() => drawCells(headings, y, BOLD, null, null));
      doc.x = LEFT;
      doc.y = y + headerH;
    };

    drawHeader(true);
    t.rows.forEach((row, ri) => {
      const h = rowHeights[ri]!;
      if (doc.y + h > BOTTOM) {
        this.newPage();
        this.artifact(() => {
          doc.font(BOLD).fontSize(10.5).fillColor(INK).text(`${t.caption} ${w.continued}`, LEFT, doc.y, { width: WIDTH });
        });
        doc.y += 4;
        drawHeader(false);
      }
      const y = doc.y;
      this.artifact(() => {
        if (ri % 2 === 1 && !row.total) doc.rect(LEFT, y, WIDTH, h).fill(SHADE);
        if (row.total) {
          doc
            .moveTo(LEFT, y)
            .lineTo(LEFT + WIDTH, y)
            .lineWidth(0.75)
            .strokeColor(INK)
            .stroke();
        }
      });
      doc.fillColor(INK);
      const tr = this.el('TR');
      table.add(tr);
      drawCells(rowTexts[ri]!, y, row.total ? BOLD : REGULAR, rowWidths[ri]!, { row: tr, cellTag: (i) => (i === 0 ? 'TH' : 'TD') });
      tr.end();
      doc.x = LEFT;
      doc.y = y + h;
    });
    const endY = doc.y;
    this.artifact(() => {
      doc
        .moveTo(LEFT, endY)
        .lineTo(LEFT + WIDTH, endY)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
    });
    table.end();
    doc.y = endY + 5;
    for (const note of t.notes) this.block(parent, 'P', note, { font: ITALIC, size: 8, color: MUTED, gap: 2 });
    doc.y += 12;
  }

  chart(parent: El, c: ReportChart) {
    const { doc, w } = this;
    const drawn = c.bars.filter((b): b is { label: string; value: number } => typeof b.value === 'number' && Number.isFinite(b.value));
    const missing = missingBars(c.bars);
    const labelW = 150;
    const valueRoom = 60;
    const barArea = WIDTH - labelW - valueRoom;
    const size = 8;
    doc.font(REGULAR).fontSize(size);
    const rowHs = drawn.map((b) => Math.max(14, doc.heightOfString(b.label, { width: labelW - 8 }) + 4));
    doc.font(BOLD).fontSize(10.5);
    const titleH = doc.heightOfString(c.title, { width: WIDTH }) + 6;
    const totalH = titleH + rowHs.reduce((a, b) => a + b, 0) + 18;
    this.ensure(Math.min(totalH, BOTTOM - MARGIN.top));
    const max = Math.max(0, ...drawn.map((b) => b.value));
    const scale = max > 0 ? barArea / max : 0;
    const x0 = LEFT + labelW;
    // The title is read out; the drawing is a figure whose alternative text says what it shows.
    this.block(parent, 'P', c.title, { font: BOLD, size: 10.5, gap: 6 });
    const figure = this.el('Figure', { alt: c.description, placement: 'Block' }, () => {
      let top = doc.y;
      drawn.forEach((b, i) => {
        const h = rowHs[i]!;
        if (doc.y + h > BOTTOM) {
          doc.moveTo(x0, top).lineTo(x0, doc.y).lineWidth(0.75).strokeColor(INK).stroke();
          this.newPage();
          top = doc.y;
        }
        const y = doc.y;
        doc
          .font(REGULAR)
          .fontSize(size)
          .fillColor(INK)
          .text(b.label, LEFT, y + 2, { width: labelW - 8, align: 'right' });
        const len = Math.max(0, b.value) * scale;
        if (len > 0) doc.rect(x0, y + 2, len, Math.min(10, h - 4)).fill(BAR);
        const figure = Number.isInteger(b.value) ? b.value.toLocaleString('en-GB') : b.value.toFixed(1);
        doc
          .font(REGULAR)
          .fontSize(size)
          .fillColor(INK)
          .text(figure, x0 + len + 4, y + 2, { width: valueRoom - 4, lineBreak: false });
        doc.y = y + h;
      });
      doc.moveTo(x0, top).lineTo(x0, doc.y).lineWidth(0.75).strokeColor(INK).stroke();
      doc.x = LEFT;
    });
    parent.add(figure);
    doc.y += 4;
    this.block(parent, 'P', w.chartAxis(c.unit), { size: 8, color: MUTED, gap: 2 });
    if (missing.length) this.block(parent, 'P', w.chartNotShown(missing), { size: 8, color: MUTED, gap: 2 });
    doc.y += 12;
  }

  pageNumbers() {
    const { doc, w, report } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      const y = PAGE_H - 40;
      doc
        .moveTo(LEFT, y - 8)
        .lineTo(LEFT + WIDTH, y - 8)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc
        .font(REGULAR)
        .fontSize(8)
        .fillColor(MUTED)
        .text(report.reference ?? w.preview, LEFT, y, { width: WIDTH / 2, lineBreak: false });
      doc.text(w.page(i - range.start + 1, range.count), LEFT + WIDTH / 2, y, { width: WIDTH / 2, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  render(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.cover();
    this.report.sections.forEach((s, i) => this.section(s, i));
    this.root.end();
    this.pageNumbers();
    this.doc.end();
    return done;
  }
}

export async function renderPdf(doc: ReportDocument, at?: Date): Promise<Buffer> {
  return new Writer(doc, await loadLibraries(), at).render();
}

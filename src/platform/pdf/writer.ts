import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import type PDFKitDocument from 'pdfkit';

/**
 * The tagged A4 pages every PDF of the platform is written on (pdfkit, loaded on first use): fonts,
 * margins, structure elements, blocks of text, lists, page furniture and page numbers. What goes on
 * the pages is the caller's: a funder's report (reports' render/pdf.ts), a record (record.ts here).
 */

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' } as const;
export type FontName = keyof typeof FONT_FILES;
export const REGULAR: FontName = 'regular';
export const BOLD: FontName = 'bold';
export const ITALIC: FontName = 'italic';

export type Libraries = { PDFDocument: typeof PDFKitDocument; fontkit: typeof Fontkit };
let libraries: Promise<Libraries> | undefined;
/**
 * pdfkit and fontkit are loaded when the first PDF is made, not when the app starts: together they are a
 * third of a second of every process's start (each test file, each CLI command) that makes no PDF.
 */
export function loadLibraries(): Promise<Libraries> {
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

export const MARGIN = { top: 60, bottom: 64, left: 50, right: 50 };
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const LEFT = MARGIN.left;
export const WIDTH = PAGE_W - MARGIN.left - MARGIN.right;
export const BOTTOM = PAGE_H - MARGIN.bottom;

export const INK = '#0b0c0c';
export const MUTED = '#505a5f';
export const RULE = '#b1b4b6';
export const SHADE = '#f3f2f1';
export const BAR = '#1d70b8';

export type Doc = PDFKit.PDFDocument;
export type El = PDFKit.PDFStructureElement;
/** pdfkit 0.20 also takes a table cell's scope and a figure's placement (the @types lag behind). */
export type ElOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column'; placement?: 'Block' | 'Inline' };

export type PdfLanguage = 'en' | 'cy';

/** The few fixed words the pages themselves need, in the document's language. */
export type PageWords = {
  /** "Page 2 of 5" / "Tudalen 2 o 5". */
  page: (n: number, of: number) => string;
  /** After a table's caption on the pages it runs onto: "(continued)" / "(parhad)". */
  continued: string;
};

export type PdfSetup = {
  language: PdfLanguage;
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  /** The creation date written into the file: the caller's, so the same content can give the same bytes. */
  at: Date;
  words: PageWords;
  /** Left of the footer on every page (a reference, a protective marking). */
  footer: string;
  /** Above the text on every page (a protective marking), if any. */
  header?: string;
};

export class PdfWriter {
  readonly doc: Doc;
  readonly root: El;

  constructor(
    readonly setup: PdfSetup,
    private readonly libraries: Libraries,
  ) {
    this.doc = new libraries.PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      tagged: true,
      displayTitle: true,
      pdfVersion: '1.7',
      lang: setup.language === 'cy' ? 'cy-GB' : 'en-GB',
      // No default font: pdfkit would load Helvetica, which has no ŵ or ŷ. Every text sets its font.
      font: null as unknown as string,
      info: {
        Title: setup.title,
        Author: setup.author,
        Subject: setup.subject,
        Keywords: setup.keywords ?? '',
        Creator: 'Adopting Together',
        Producer: 'Adopting Together (PDFKit)',
        CreationDate: setup.at,
        ModDate: setup.at,
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

  /** The words of the pages: "Page 1 of 3", "(continued)". */
  get w(): PageWords {
    return this.setup.words;
  }

  /** Collects the bytes pdfkit writes; call before drawing, await after `finish()`. */
  collect(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
  }

  /** Closes the structure tree, numbers the pages and ends the document. */
  finish() {
    this.root.end();
    this.pageNumbers();
    this.doc.end();
  }

  /** Footer (the setup's footer text and "Page n of N") and header (if any) on every page, as artifacts. */
  pageNumbers() {
    const { doc, w, setup } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      if (setup.header) {
        doc.font(BOLD).fontSize(8).fillColor(MUTED).text(setup.header, LEFT, 28, { width: WIDTH, align: 'center', lineBreak: false });
      }
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
        .text(setup.footer, LEFT, y, { width: WIDTH / 2, lineBreak: false });
      doc.text(w.page(i - range.start + 1, range.count), LEFT + WIDTH / 2, y, { width: WIDTH / 2, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }
}

import { dateInWales } from '../dates/dates.ts';
import { longDate } from '../format/format.ts';
import type { Actor } from '../policy/actor.ts';
import { drawTable, type PdfTable } from './table.ts';
import { PdfWriter, REGULAR, BOLD, LEFT, WIDTH, INK, MUTED, RULE, loadLibraries, type El, type PdfLanguage } from './writer.ts';

/**
 * A person's record printed as it is on its page (a child's record, panel papers, minutes, a plan):
 * a title, the record's key facts, then headed sections of facts, paragraphs, lists and tables. Every
 * page carries the protective marking at the top and the marking with "Page n of N" at the foot. The
 * page decides what is shown; this only lays it out, so a PDF never holds more than its page.
 */

export type RecordFact = { label: string; value: string };

export type RecordBlock =
  | { kind: 'facts'; rows: RecordFact[] }
  | { kind: 'paragraphs'; paragraphs: string[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; table: PdfTable }
  | { kind: 'subheading'; text: string };

export type RecordSection = { heading: string; blocks: RecordBlock[] };

/** The fixed words of a printed record, in its language (from the platform's common locale). */
export type RecordWords = {
  /** "Official – sensitive" / "Swyddogol – sensitif". */
  marking: string;
  page: (n: number, of: number) => string;
  continued: string;
  /** "Produced on 7 December 2026 by Ann Jones" in the reader's words. */
  produced: string;
};

export type RecordPdf = {
  language: PdfLanguage;
  title: string;
  /** A line above the title (a household, a kind of meeting). */
  caption?: string;
  /** The agency (or platform) the record belongs to: the file's author. */
  author: string;
  /** What the record is (the file's subject), e.g. "Child's record". */
  subject: string;
  facts?: RecordFact[];
  sections: RecordSection[];
  words: RecordWords;
  /** When the copy was made: the file's creation date. */
  at: Date;
};

/** What a module prints of its page: the rest (language, marking, who made the copy) `printedRecord` adds. */
export type RecordContent = Pick<RecordPdf, 'title' | 'caption' | 'subject' | 'facts' | 'sections'>;

type T = (key: string, params?: Record<string, unknown>) => string;

/** The fixed words from the platform's common locale (keys pdf.*, in the default namespace), in the reader's language. */
export function recordWords(t: T, produced: { date: string; name?: string }): RecordWords {
  return {
    marking: t('pdf.marking'),
    page: (n, of) => t('pdf.page', { n, of }),
    continued: t('pdf.continued'),
    produced: produced.name ? t('pdf.producedBy', produced) : t('pdf.produced', produced),
  };
}

/**
 * A record to print for the reader of a page: their language, the marking and page words, and who made
 * the copy and when (a printed record leaves the system, so it says whose copy it is).
 */
export function printedRecord(reader: { t: T; language: PdfLanguage; actor: Actor }, record: RecordContent, now = new Date()): RecordPdf {
  const name = reader.actor.kind === 'user' ? reader.actor.name : undefined;
  return {
    ...record,
    language: reader.language,
    author: 'Adopting Together',
    words: recordWords(reader.t, { date: longDate(dateInWales(now), reader.language), name }),
    at: now,
  };
}

class RecordWriter extends PdfWriter {
  constructor(
    readonly record: RecordPdf,
    libraries: Awaited<ReturnType<typeof loadLibraries>>,
  ) {
    super(
      {
        language: record.language,
        title: record.title,
        author: record.author,
        subject: record.subject,
        at: record.at,
        words: record.words,
        footer: record.words.marking,
        header: record.words.marking.toUpperCase(),
      },
      libraries,
    );
  }

  /** Label and value side by side, tagged as a two-column table with the labels as row headers. */
  facts(parent: El, rows: RecordFact[]) {
    if (rows.length === 0) return;
    const { doc } = this;
    const labelW = 160;
    const gap = 10;
    const valueW = WIDTH - labelW - gap;
    const table = this.el('Table');
    parent.add(table);
    for (const row of rows) {
      const labelH = doc.font(BOLD).fontSize(10).heightOfString(row.label, { width: labelW });
      const valueH = doc
        .font(REGULAR)
        .fontSize(10)
        .heightOfString(row.value || ' ', { width: valueW });
      this.ensure(Math.min(Math.max(labelH, valueH), 120) + 8);
      const y = doc.y;
      const tr = this.el('TR');
      table.add(tr);
      tr.add(this.el('TH', { scope: 'Row' }, () => doc.font(BOLD).fontSize(10).fillColor(INK).text(row.label, LEFT, y, { width: labelW })));
      const afterLabel = doc.y;
      doc.y = y;
      tr.add(
        this.el('TD', {}, () =>
          doc
            .font(REGULAR)
            .fontSize(10)
            .fillColor(INK)
            .text(row.value, LEFT + labelW + gap, y, { width: valueW }),
        ),
      );
      tr.end();
      // A value that ran onto the next page leaves the label behind: carry on below whichever ended lower.
      const bottom = doc.y < y ? doc.y : Math.max(doc.y, afterLabel);
      doc.x = LEFT;
      doc.y = bottom + 4;
      const ruleY = doc.y - 2;
      this.artifact(() => {
        doc
          .moveTo(LEFT, ruleY)
          .lineTo(LEFT + WIDTH, ruleY)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
      });
      doc.y += 2;
    }
    table.end();
    doc.y += 8;
  }

  blockOf(parent: El, block: RecordBlock) {
    switch (block.kind) {
      case 'facts':
        return this.facts(parent, block.rows);
      case 'paragraphs':
        for (const p of block.paragraphs) this.block(parent, 'P', p, { size: 10, gap: 6 });
        this.doc.y += 4;
        return;
      case 'list':
        this.list(parent, block.items, 10);
        this.doc.y += 6;
        return;
      case 'table':
        return drawTable(this, parent, block.table);
      case 'subheading':
        return this.block(parent, 'H3', block.text, { font: BOLD, size: 11.5, gap: 4 });
    }
  }

  render(): Promise<Buffer> {
    const done = this.collect();
    const { record: r } = this;
    if (r.caption) this.block(this.root, 'P', r.caption, { size: 11, color: MUTED, gap: 2 });
    this.block(this.root, 'H1', r.title, { font: BOLD, size: 20, gap: 6 });
    this.block(this.root, 'P', r.words.produced, { size: 9, color: MUTED, gap: 12 });
    if (r.facts) this.facts(this.root, r.facts);
    for (const s of r.sections) {
      const sect = this.el('Sect');
      this.root.add(sect);
      this.doc.outline.addItem(s.heading);
      this.doc.y += 6;
      this.block(sect, 'H2', s.heading, { font: BOLD, size: 14, gap: 6 });
      for (const b of s.blocks) this.blockOf(sect, b);
      sect.end();
    }
    this.finish();
    return done;
  }
}

/** The record as a tagged PDF with DejaVu Sans embedded (Welsh ŵ and ŷ print). */
export async function renderRecordPdf(record: RecordPdf): Promise<Buffer> {
  return new RecordWriter(record, await loadLibraries()).render();
}

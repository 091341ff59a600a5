import { PdfWriter, REGULAR, BOLD, ITALIC, LEFT, WIDTH, BOTTOM, INK, MUTED, RULE, SHADE, type El, type FontName } from './writer.ts';

/** A table as printed: every cell already words in the document's language. */
export type PdfTable = {
  caption: string;
  /** One heading per column. */
  headings: string[];
  /** A total row is printed bold. */
  rows: { cells: string[]; total?: boolean }[];
  /** Per column: text reads from the left, figures line up on the right. */
  alignLeft: boolean[];
  /**
   * Share of the width each column takes (any positive numbers, scaled to fit). Without them the
   * first column (the rows' labels) takes 120–220 points and the figures share the rest.
   */
  widths?: number[];
  /** The first cell of each row names the row (a row header), as in a report's tables. */
  rowHeaders?: boolean;
  /** Notes printed under the table. */
  notes?: string[];
};

/** Column widths in points: the given shares scaled to the page, or a label column and equal figures. */
export function columnWidths(columns: number, shares?: number[]): number[] {
  if (shares && shares.length === columns) {
    const sum = shares.reduce((a, b) => a + Math.max(0, b), 0);
    if (sum > 0) return shares.map((s) => (WIDTH * Math.max(0, s)) / sum);
  }
  const n = columns - 1;
  const labelW = Math.max(120, Math.min(220, WIDTH - n * 68));
  const valueW = n ? (WIDTH - labelW) / n : 0;
  return [n ? labelW : WIDTH, ...Array.from({ length: n }, () => valueW)];
}

/**
 * A tagged table: caption, a header row (repeated as an artifact on each page the table runs onto),
 * shaded alternate rows, total rows bold, notes under it.
 */
export function drawTable(writer: PdfWriter, parent: El, t: PdfTable) {
  const { doc, w } = writer;
  const size = t.headings.length > 7 ? 7.5 : 8.5;
  const pad = 3;
  const widths = columnWidths(t.headings.length, t.widths);
  const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const headings = t.headings;
  const left = t.alignLeft;
  const rowHeaders = t.rowHeaders ?? false;

  doc.font(BOLD).fontSize(size);
  const headerH = Math.max(...headings.map((h, i) => doc.heightOfString(h, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const rowTexts = t.rows.map((row) => row.cells);
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
  writer.ensure(captionH + 6 + headerH + firstRows);

  const table = writer.el('Table');
  parent.add(table);
  table.add(
    writer.el('Caption', {}, () => {
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
        tags.row.add(writer.el(tag, tag === 'TH' ? { scope: i === 0 && texts.length > 1 && tags.cellTag(1) === 'TD' ? 'Row' : 'Column' } : {}, draw));
      } else draw();
    });
  };

  const drawHeader = (tagged: boolean) => {
    const y = doc.y;
    writer.artifact(() => {
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
      const tr = writer.el('TR');
      table.add(tr);
      drawCells(headings, y, BOLD, null, { row: tr, cellTag: () => 'TH' });
      tr.end();
    } else writer.artifact(() => drawCells(headings, y, BOLD, null, null));
    doc.x = LEFT;
    doc.y = y + headerH;
  };

  drawHeader(true);
  t.rows.forEach((row, ri) => {
    const h = rowHeights[ri]!;
    if (doc.y + h > BOTTOM) {
      writer.newPage();
      writer.artifact(() => {
        doc.font(BOLD).fontSize(10.5).fillColor(INK).text(`${t.caption} ${w.continued}`, LEFT, doc.y, { width: WIDTH });
      });
      doc.y += 4;
      drawHeader(false);
    }
    const y = doc.y;
    writer.artifact(() => {
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
    const tr = writer.el('TR');
    table.add(tr);
    drawCells(rowTexts[ri]!, y, row.total ? BOLD : REGULAR, rowWidths[ri]!, { row: tr, cellTag: (i) => (i === 0 && rowHeaders ? 'TH' : 'TD') });
    tr.end();
    doc.x = LEFT;
    doc.y = y + h;
  });
  const endY = doc.y;
  writer.artifact(() => {
    doc
      .moveTo(LEFT, endY)
      .lineTo(LEFT + WIDTH, endY)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  });
  table.end();
  doc.y = endY + 5;
  for (const note of t.notes ?? []) writer.block(parent, 'P', note, { font: ITALIC, size: 8, color: MUTED, gap: 2 });
  doc.y += 12;
}

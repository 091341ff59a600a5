import type { ReportChart } from '../document.ts';
import { PdfWriter, REGULAR, BOLD, MARGIN, LEFT, WIDTH, BOTTOM, INK, MUTED, BAR, type El } from '../../../platform/pdf/writer.ts';
import { missingBars, WORDS } from './format.ts';

export function drawChart(writer: PdfWriter, parent: El, c: ReportChart) {
  const { doc } = writer;
  const w = WORDS[writer.setup.language];
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
  writer.ensure(Math.min(totalH, BOTTOM - MARGIN.top));
  const max = Math.max(0, ...drawn.map((b) => b.value));
  const scale = max > 0 ? barArea / max : 0;
  const x0 = LEFT + labelW;
  // The title is read out; the drawing is a figure whose alternative text says what it shows.
  writer.block(parent, 'P', c.title, { font: BOLD, size: 10.5, gap: 6 });
  const figure = writer.el('Figure', { alt: c.description, placement: 'Block' }, () => {
    let top = doc.y;
    drawn.forEach((b, i) => {
      const h = rowHs[i]!;
      if (doc.y + h > BOTTOM) {
        doc.moveTo(x0, top).lineTo(x0, doc.y).lineWidth(0.75).strokeColor(INK).stroke();
        writer.newPage();
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
  writer.block(parent, 'P', w.chartAxis(c.unit), { size: 8, color: MUTED, gap: 2 });
  if (missing.length) writer.block(parent, 'P', w.chartNotShown(missing), { size: 8, color: MUTED, gap: 2 });
  doc.y += 12;
}

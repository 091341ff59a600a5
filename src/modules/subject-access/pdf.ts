import { createRequire } from 'node:module';
import path from 'node:path';
import { sha256, type BundleFile } from './bundle.ts';

/** DejaVu Sans carries every letter of Welsh (ŵ, ŷ), which pdfkit's built-in Helvetica does not. */
const FONT = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

export type PdfSummary = {
  /** Lines of the summary in English and Welsh, one title and one paragraph each. */
  title: { en: string; cy: string };
  intro: { en: string; cy: string };
  /** What the bundle holds, one line a kind of record (counts), in both languages. */
  holds?: { en: string; cy: string }[];
  redacted: string[];
  forReview: string[];
  generatedAt: Date;
};

/**
 * A short PDF summary of the bundle (written with pdfkit directly: the reports' writer is being
 * moved to the platform, and this needs only text): what was gathered, in English and Welsh, the
 * files with their SHA-256, what was redacted and what to read before sending.
 */
export async function summaryPdf(summary: PdfSummary, files: readonly BundleFile[]): Promise<BundleFile> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: summary.title.en, CreationDate: summary.generatedAt }, lang: 'en-GB' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.font('body');
  doc.fontSize(16).text(summary.title.en).fontSize(12).text(summary.title.cy).moveDown();
  doc.fontSize(10).text(summary.intro.en).moveDown(0.5).text(summary.intro.cy).moveDown();
  doc.fontSize(12).text(`Generated / Crëwyd: ${summary.generatedAt.toISOString()}`).moveDown();
  if (summary.holds?.length) {
    doc.fontSize(12).text('What the bundle holds / Beth sydd yn y bwndel').fontSize(9);
    for (const line of summary.holds) doc.text(`• ${line.en} / ${line.cy}`);
    doc.moveDown();
  }
  doc.fontSize(12).text('Files / Ffeiliau').fontSize(8);
  for (const file of files) doc.text(`${file.name}  ${Buffer.byteLength(file.content)} bytes  sha256 ${sha256(file.content)}`);
  doc.moveDown().fontSize(12).text('Redacted (other people) / Wedi’i olygu (pobl eraill)').fontSize(9);
  for (const line of summary.redacted.length ? summary.redacted : ['-']) doc.text(`• ${line}`);
  doc.moveDown().fontSize(12).text('To read before sending / I’w ddarllen cyn anfon').fontSize(9);
  for (const line of summary.forReview.length ? summary.forReview : ['-']) doc.text(`• ${line}`);
  doc.end();
  await done;
  return { name: 'summary.pdf', content: Buffer.concat(chunks) };
}

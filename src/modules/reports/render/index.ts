import type { ReportDocument, RenderedReport } from '../document.ts';
import { renderCsvZip } from './csv.ts';
import { CONTENT_TYPES, reportFileName, type RenderFormat } from './format.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

/**
 * The report's renderers: a ReportDocument (already disclosure-controlled, already in its language) laid
 * out as PDF, XLSX or a zip of CSV files. The same document always gives the same bytes: every date a file
 * carries is the document's (the day after the period ends, or `options.at`), never the clock.
 */
export async function renderReport(doc: ReportDocument, format: RenderFormat, options: { at?: Date } = {}): Promise<RenderedReport> {
  const bytes =
    format === 'pdf' ? await renderPdf(doc, options.at) : format === 'xlsx' ? await renderXlsx(doc, options.at) : await renderCsvZip(doc, options.at);
  return { format, contentType: CONTENT_TYPES[format], fileName: reportFileName(doc, format), bytes };
}

export { CONTENT_TYPES, reportFileName, type RenderFormat } from './format.ts';
export { renderPdf } from './pdf.ts';
export { renderXlsx } from './xlsx.ts';
export { renderCsvZip } from './csv.ts';
export { sampleReport, type SampleSize } from './sample.ts';

/**
 * The front door of the reports module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Reports to funders and commissioning local authorities: built from the period's measures,
 * through disclosure control, issued as immutable numbered snapshots in PDF, XLSX and CSV.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { buildReportDocument, dateWords, type ReportHeading } from './build.ts';
export type { ReportDocument, ReportLanguage, RenderedReport } from './document.ts';
export { emptyFacts, type ReportFacts } from './facts.ts';
export { reportsRoutes } from './routes.ts';
export { createReportsService, type ReportsService } from './service.ts';
export { renderReport, sampleReport } from './render/index.ts';

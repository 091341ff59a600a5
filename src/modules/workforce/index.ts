/**
 * The front door of the workforce module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Staff: supervision, training and CPD, each worker's own work list.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { seedDemoWorkforce } from './demo.ts';
export { workforceRoutes } from './routes.ts';
export { createWorkforceService } from './service.ts';
export { supervisionByMonth } from './activity-reads.ts';
// Read by the reports module (funders' and commissioners' reports): counts only.
export { staffTrainingReportCounts } from './report-reads.ts';

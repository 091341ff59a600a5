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
// The one work list (what is due for whom), read by the home page: its sources and its words.
export { sourcesFrom } from './sources.ts';
export { workItemViews, type WorkItemView } from './work-list-view.ts';
// Read and destroyed by the retention module (src/modules/retention): a leaver's training record and calendar feeds.
export { destroyCalendarFeedsOfInTx, destroyStaffTrainingOfInTx, staffTrainingHoldersOf } from './retention-records.ts';

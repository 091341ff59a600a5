/**
 * The front door of the outcomes module: the only file other modules (and src/server, the demo,
 * benchmarks) may import. Children's outcomes over time: instruments as data, scores entered from
 * paper, schedules, reliable change per child and over the cohort, families' satisfaction, and
 * placement success (timeliness, waiting, plan changes, brothers and sisters, disruptions, stability).
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { outcomesRoutes } from './routes.ts';
export { SATISFACTION_PAGE } from './satisfaction-pages.ts';
export { createOutcomesService, type OutcomesService } from './service.ts';
export { SHIPPED_INSTRUMENTS } from './definitions.ts';
export { seedDemoOutcomes } from './demo.ts';
export { type SatisfactionReport } from './satisfaction.ts';
// Read by reports (src/modules/reports): the local authorities' and workers' satisfaction as counts and sums for a period.
export { satisfactionReportCounts, type GroupSatisfactionCounts, type PartnerSatisfactionCounts } from './partner-report-counts.ts';

export { MEASURES, placementSuccess, type Measure, type PlacementSuccess } from './placement-success.ts';
export { placementSuccessRoutes } from './placement-success-routes.ts';
export { createPlacementSuccessService, type PlacementSuccessReport, type PlacementSuccessService } from './placement-success-service.ts';

export { type DueAdministration } from './due-service.ts';
export { DUE_PANEL_VIEW, dueMeasureRows, type DueMeasureRow } from './due-view.ts';
// Lines of a child's chronology.
export { childOutcomesChronology } from './chronology-reads.ts';
// Read by subject access (src/modules/subject-access): the measures taken about a child; a staff member's authority satisfaction answers and worker questionnaire receipts.
export { childOutcomesForSubjectAccess, satisfactionAnswersForSubjectAccess } from './subject-access-records.ts';

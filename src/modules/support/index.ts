/**
 * The front door of the support module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Adoption support after placement: plans, sessions, requests, groups and events, placement stability.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { seedDemoSupport } from './demo.ts';
export { familySupportView } from './portal-view.ts';
export { supportRoutes } from './routes.ts';
export { createSupportService, householdSupportView, type MySupportSession } from './service.ts';
export { deliveredSupportByMonth, deliveredSupportOfMatches, type SupportMonthsOfMatch, type SupportWork } from './activity-reads.ts';
// Placement stability's rules, shared with the placement success measures (outcomes) so a disruption means one thing.
export { isDisruption, windowState, type PlacementFacts, type WindowState } from './stability.ts';
// Read by the reports module (funders' and commissioners' reports): counts and days only.
export { supportReportCounts, supportRequestsWaitingSince } from './report-reads.ts';
// Lines of a child's or a household's chronology.
export { householdSupportChronology, matchesSupportChronology } from './chronology-reads.ts';
// Read and destroyed by the retention module (src/modules/retention): when a family's support ended, dates only.
export { destroySupportOfHouseholdInTx, supportActivityOf, type SupportActivityRow } from './retention-records.ts';
// Read by subject access (src/modules/subject-access): the support plans and sessions of a child's placements; a family's plans, sessions, requests and events.
export { householdSupportForSubjectAccess, supportOfMatchesForSubjectAccess } from './subject-access-records.ts';

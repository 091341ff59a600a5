/**
 * The front door of the outcomes module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Evaluation: placement success (timeliness, waiting, plan changes, brothers and sisters, disruptions, stability, families waiting).
 * Pages and API files stay private; outcomes reads other modules' records through their front doors.
 */

export { MEASURES, placementSuccess, type Measure, type PlacementSuccess } from './placement-success.ts';
export { placementSuccessRoutes } from './placement-success-routes.ts';
export { createPlacementSuccessService, type PlacementSuccessReport, type PlacementSuccessService } from './placement-success-service.ts';

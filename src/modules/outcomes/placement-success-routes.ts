import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { placementSuccessApiRoutes } from './placement-success-api.ts';
import { placementSuccessPageRoutes } from './placement-success-pages.ts';

/** Placement success: the page, the list behind each figure, and the API. */
export function placementSuccessRoutes(services: Services): RouteDefinition[] {
  return [...placementSuccessPageRoutes(services), ...placementSuccessApiRoutes(services)];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';

/** Campaign pages and API. */
export function campaignRoutes(_services: Services): RouteDefinition[] {
  return [];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';

/** Portal pages and invitation pages. */
export function portalRoutes(_services: Services): RouteDefinition[] {
  return [];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';

/** Training pages and API. */
export function trainingRoutes(_services: Services): RouteDefinition[] {
  return [];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { researchApiRoutes } from './api.ts';
import { researchPageRoutes } from './pages.ts';

/** Research agreements and extracts: pages and API, thin over the same service calls. */
export function researchRoutes(services: Services): RouteDefinition[] {
  return [...researchPageRoutes(services), ...researchApiRoutes(services)];
}

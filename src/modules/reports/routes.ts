import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { reportsApiRoutes } from './api.ts';
import { reportsPageRoutes } from './pages.ts';

/** Reports to funders and commissioners: pages and API, thin over the same service calls. */
export function reportsRoutes(services: Services): RouteDefinition[] {
  return [...reportsPageRoutes(services), ...reportsApiRoutes(services)];
}

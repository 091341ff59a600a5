import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { portalApiRoutes } from './api.ts';
import { portalPageRoutes } from './pages.ts';

/** Portal pages and invitation pages, and their API. */
export function portalRoutes(services: Services): RouteDefinition[] {
  return [...portalPageRoutes(services), ...portalApiRoutes(services)];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';

/** Enquiry form, household pages and API. */
export function recruitmentRoutes(_services: Services): RouteDefinition[] {
  return [];
}

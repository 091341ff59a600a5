import type { Services } from '../../server/services.ts';
import type { RouteDefinition } from '../../server/route.ts';

export function billingPageRoutes(_services: Services): RouteDefinition[] {
  return [];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { outcomesApiRoutes } from './api.ts';
import { childOutcomePageRoutes } from './child-pages.ts';

/** Children's outcomes: the child's page and score entry, and the API. */
export function outcomesRoutes(services: Services): RouteDefinition[] {
  return [...childOutcomePageRoutes(services), ...outcomesApiRoutes(services)];
}

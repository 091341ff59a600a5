import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { financeCostsApiRoutes } from './costs-api.ts';
import { costsPageRoutes } from './costs-pages.ts';
import { financialReturnPageRoutes } from './financial-return-pages.ts';
import { recoveryPageRoutes } from './recovery-pages.ts';

/** The cost side's pages and API, thin layers over the same service calls. */
export function financeCostsRoutes(services: Services): RouteDefinition[] {
  return [...recoveryPageRoutes(services), ...financialReturnPageRoutes(services), ...costsPageRoutes(services), ...financeCostsApiRoutes(services)];
}

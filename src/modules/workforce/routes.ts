import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { workforceApiRoutes } from './api.ts';
import { myWorkPageRoutes } from './my-work-pages.ts';
import { supervisionPageRoutes } from './supervision-pages.ts';
import { trainingPageRoutes } from './training-pages.ts';

/** Workforce pages and API: training and CPD, clinical supervision, "my work" and the calendar feed. */
export function workforceRoutes(services: Services): RouteDefinition[] {
  return [...myWorkPageRoutes(services), ...trainingPageRoutes(services), ...supervisionPageRoutes(services), ...workforceApiRoutes(services)];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { transitionApiRoutes } from '../matching/index.ts';
import { transitionPageRoutes } from '../matching/index.ts';
import { preparationApiRoutes } from './api.ts';
import { clinicalPageRoutes } from './clinical-pages.ts';
import { sessionPageRoutes } from './session-pages.ts';
import { tacPageRoutes } from './tac-pages.ts';

/** Therapeutic preparation pages and API, and transition plans (whose files live with matching). */
export function preparationRoutes(services: Services): RouteDefinition[] {
  return [
    ...tacPageRoutes(services),
    ...clinicalPageRoutes(services),
    ...sessionPageRoutes(services),
    ...transitionPageRoutes(services),
    ...preparationApiRoutes(services),
    ...transitionApiRoutes(services),
  ];
}

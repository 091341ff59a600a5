import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { supportApiRoutes } from './api.ts';
import { eventPageRoutes } from './event-pages.ts';
import { hoursPageRoutes } from './hours-pages.ts';
import { overviewPageRoutes } from './overview-pages.ts';
import { planPageRoutes } from './plan-pages.ts';
import { portalSupportRoutes } from './portal-pages.ts';
import { requestPageRoutes } from './request-pages.ts';
import { sessionPageRoutes } from './session-pages.ts';
import { stabilityPageRoutes } from './stability-pages.ts';

/** Ongoing support: pages and API for plans, sessions, requests, events, hours and placement stability; the family's request form. */
export function supportRoutes(services: Services): RouteDefinition[] {
  return [
    ...overviewPageRoutes(services),
    ...planPageRoutes(services),
    ...sessionPageRoutes(services),
    ...hoursPageRoutes(services),
    ...requestPageRoutes(services),
    ...eventPageRoutes(services),
    ...stabilityPageRoutes(services),
    ...portalSupportRoutes(services),
    ...supportApiRoutes(services),
  ];
}

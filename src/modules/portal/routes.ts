import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { portalApiRoutes } from './api.ts';
import { portalPageRoutes } from './pages.ts';
import { conversationPageRoutes } from './conversation-pages.ts';
import { documentPageRoutes } from './documents-pages.ts';
import { waitingChildrenPageRoutes } from './waiting-children-pages.ts';

/** Portal pages and invitation pages, and their API. */
export function portalRoutes(services: Services): RouteDefinition[] {
  return [
    ...portalPageRoutes(services),
    ...conversationPageRoutes(services),
    ...documentPageRoutes(services),
    ...waitingChildrenPageRoutes(services),
    ...portalApiRoutes(services),
  ];
}

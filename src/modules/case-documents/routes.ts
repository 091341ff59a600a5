import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { caseDocumentApiRoutes } from './api.ts';
import { caseDocumentPageRoutes } from './pages.ts';

/** Case documents: the "Documents" pages of children, sibling groups, households and matches, and their API. */
export function caseDocumentRoutes(services: Services): RouteDefinition[] {
  return [...caseDocumentPageRoutes(services), ...caseDocumentApiRoutes(services)];
}

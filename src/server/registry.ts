import { z } from 'zod';
import { accountRoutes } from '../modules/accounts/routes.ts';
import { accountPageRoutes } from '../modules/accounts/account-routes.ts';
import { homeRoutes } from '../modules/home/routes.ts';
import { organisationApiRoutes } from '../modules/organisations/api.ts';
import { auditRoutes } from '../modules/organisations/audit-routes.ts';
import { organisationRoutes } from '../modules/organisations/routes.ts';
import { childrenApiRoutes } from '../modules/children/api.ts';
import { childrenPageRoutes } from '../modules/children/pages.ts';
import { recruitmentRoutes } from '../modules/recruitment/routes.ts';
import { campaignRoutes } from '../modules/campaigns/routes.ts';
import { trainingRoutes } from '../modules/training/routes.ts';
import { portalRoutes } from '../modules/portal/routes.ts';
import { supportRoutes } from '../modules/support/routes.ts';
import { preparationRoutes } from '../modules/preparation/routes.ts';
import { workforceRoutes } from '../modules/workforce/routes.ts';
import { matchingRoutes } from '../modules/matching/routes.ts';
import { openApiDocument } from './openapi.ts';
import { route, type RouteDefinition } from './route.ts';
import type { Services } from './services.ts';

/** Every route of the platform, each with its action. The policy walk test iterates this list. */
export function allRoutes(services: Services): RouteDefinition[] {
  const routes: RouteDefinition[] = [
    ...homeRoutes(services),
    ...accountRoutes(services),
    ...accountPageRoutes(services),
    ...organisationRoutes(services),
    ...auditRoutes(services),
    ...organisationApiRoutes(services),
    ...childrenApiRoutes(services),
    ...childrenPageRoutes(services),
    ...recruitmentRoutes(services),
    ...campaignRoutes(services),
    ...trainingRoutes(services),
    ...portalRoutes(services),
    ...supportRoutes(services),
    ...preparationRoutes(services),
    ...workforceRoutes(services),
    ...matchingRoutes(services),
  ];
  let document: Record<string, unknown> | undefined;
  routes.push(
    route({
      method: 'GET',
      url: '/api/v1/openapi.json',
      kind: 'api',
      action: 'public.view',
      summary: 'This API’s OpenAPI 3.1 document',
      query: z.object({}).passthrough(),
      handler: async () => (document ??= openApiDocument(routes)),
    }),
  );
  return routes;
}

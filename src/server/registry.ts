import { z } from 'zod';
import { accountRoutes } from '../modules/accounts/index.ts';
import { accountPageRoutes } from '../modules/accounts/index.ts';
import { organisationSignInRoutes } from '../modules/accounts/index.ts';
import { homeRoutes } from '../modules/home/index.ts';
import { chronologyRoutes } from '../modules/chronology/index.ts';
import { organisationApiRoutes } from '../modules/organisations/index.ts';
import { auditRoutes } from '../modules/organisations/index.ts';
import { organisationRoutes } from '../modules/organisations/index.ts';
import { childrenApiRoutes } from '../modules/children/index.ts';
import { childrenPageRoutes } from '../modules/children/index.ts';
import { recruitmentRoutes } from '../modules/recruitment/index.ts';
import { campaignRoutes } from '../modules/campaigns/index.ts';
import { householdTrainingView, trainingRoutes } from '../modules/training/index.ts';
import { portalRoutes } from '../modules/portal/index.ts';
import { caseDocumentRoutes } from '../modules/case-documents/index.ts';
import { householdSupportView, supportRoutes } from '../modules/support/index.ts';
import { householdPreparationView, preparationRoutes } from '../modules/preparation/index.ts';
import { workforceRoutes } from '../modules/workforce/index.ts';
import { matchingRoutes } from '../modules/matching/index.ts';
import { reportsRoutes } from '../modules/reports/index.ts';
import { researchRoutes } from '../modules/research/index.ts';
import { notificationRoutes } from '../modules/notifications/index.ts';
import { searchRoutes } from '../modules/search/index.ts';
import { financeCostsRoutes } from '../modules/finance/index.ts';
import { billingRoutes } from '../modules/finance/index.ts';
import { outcomesRoutes } from '../modules/outcomes/index.ts';
import { placementSuccessRoutes } from '../modules/outcomes/index.ts';
import { retentionRoutes, retentionSettingsRoutes } from '../modules/retention/index.ts';
import { subjectAccessRoutes } from '../modules/subject-access/index.ts';
import { openApiDocument } from './openapi.ts';
import { route, type RouteDefinition } from './route.ts';
import type { Services } from './services.ts';

/** Every route of the platform, each with its action. The policy walk test iterates this list. */
export function allRoutes(services: Services): RouteDefinition[] {
  const routes: RouteDefinition[] = [
    ...homeRoutes(services),
    ...accountRoutes(services),
    ...accountPageRoutes(services),
    ...organisationSignInRoutes(services),
    ...organisationRoutes(services),
    ...auditRoutes(services),
    ...organisationApiRoutes(services),
    ...childrenApiRoutes(services),
    ...childrenPageRoutes(services),
    ...chronologyRoutes(services),
    // The household page shows sections those modules draw; recruitment imports none of them.
    ...recruitmentRoutes(services, { training: householdTrainingView, preparation: householdPreparationView, support: householdSupportView }),
    ...campaignRoutes(services),
    ...trainingRoutes(services),
    ...portalRoutes(services),
    ...caseDocumentRoutes(services),
    ...supportRoutes(services),
    ...preparationRoutes(services),
    ...workforceRoutes(services),
    ...matchingRoutes(services),
    ...researchRoutes(services),
    ...reportsRoutes(services),
    ...notificationRoutes(services),
    ...searchRoutes(services),
    ...financeCostsRoutes(services),
    ...billingRoutes(services),
    ...outcomesRoutes(services),
    // Outcomes: placement success.
    ...placementSuccessRoutes(services),
    ...retentionRoutes(services),
    ...retentionSettingsRoutes(services),
    ...subjectAccessRoutes(services),
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
      response: z.record(z.string(), z.unknown()),
      handler: () => Promise.resolve((document ??= openApiDocument(routes))),
    }),
  );
  return routes;
}

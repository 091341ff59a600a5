import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { outcomesApiRoutes } from './api.ts';
import { instrumentAdminRoutes } from './admin-pages.ts';
import { childOutcomePageRoutes } from './child-pages.ts';
import { cohortPageRoutes } from './cohort-pages.ts';
import { partnerQuestionnaireRoutes } from './partner-pages.ts';
import { portalQuestionnaireRoutes } from './portal-pages.ts';
import { satisfactionPageRoutes } from './satisfaction-pages.ts';

/** Children's outcomes: the child's page and score entry, the cohort, satisfaction, the family's questionnaires, instruments, and the API. */
export function outcomesRoutes(services: Services): RouteDefinition[] {
  return [
    ...childOutcomePageRoutes(services),
    ...cohortPageRoutes(services),
    ...satisfactionPageRoutes(services),
    ...portalQuestionnaireRoutes(services),
    ...partnerQuestionnaireRoutes(services),
    ...instrumentAdminRoutes(services),
    ...outcomesApiRoutes(services),
  ];
}

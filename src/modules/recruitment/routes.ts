import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { recruitmentApiRoutes } from './api.ts';
import { enquiryPageRoutes } from './enquiry-pages.ts';
import { householdPageRoutes, type HouseholdSections } from './household-pages.ts';
import { stagePageRoutes } from './stage-pages.ts';

/** Enquiry form, household pages and API. The timescales page comes before /households/:id so its path wins. */
export function recruitmentRoutes(services: Services, sections: HouseholdSections): RouteDefinition[] {
  return [...enquiryPageRoutes(services), ...stagePageRoutes(services), ...householdPageRoutes(services, sections), ...recruitmentApiRoutes(services)];
}

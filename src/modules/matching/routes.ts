import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { matchingApiRoutes } from './api.ts';
import { matchPageRoutes } from './match-pages.ts';
import { recommendationRoutes } from './recommendation-pages.ts';
import { gapCandidatePageRoutes } from './gap-candidate-pages.ts';
import { recruitmentGapRoutes } from './gap-pages.ts';
import { matchingSettingsRoutes } from './settings.ts';
import { interestPageRoutes } from './interest-pages.ts';

/** Matching pages and API. */
export function matchingRoutes(services: Services): RouteDefinition[] {
  return [
    ...matchPageRoutes(services),
    ...recommendationRoutes(services),
    ...recruitmentGapRoutes(services),
    ...gapCandidatePageRoutes(services),
    ...matchingSettingsRoutes(services),
    ...interestPageRoutes(services),
    ...matchingApiRoutes(services),
  ];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { analyticsPageRoutes } from './analytics-pages.ts';
import { childrenListRoutes } from './list-pages.ts';
import { childRecordRoutes } from './record-pages.ts';
import { aceRoutes } from './ace-pages.ts';
import { referralListRoutes } from './referral-list-pages.ts';
import { referralPageRoutes } from './referral-pages.ts';
import { importPageRoutes } from './import-pages.ts';
import { matchingNeedsRoutes } from './matching-needs-pages.ts';
import { childrenSettingsRoutes } from './settings-pages.ts';
import { profileSharingRoutes } from './profile-sharing-pages.ts';

/**
 * The bilingual pages of children who wait, each a thin layer over the same service calls as the
 * JSON API (api.ts): the referral journey and decisions, the children list and its CSV, a child's
 * record, ACEs and sibling group, the cohort ACE analysis, and the agency's settings (thresholds
 * and extended ACE categories; their JSON API is here too, beside the page it mirrors).
 */
export function childrenPageRoutes(services: Services): RouteDefinition[] {
  return [
    ...referralPageRoutes(services),
    ...referralListRoutes(services),
    ...childrenListRoutes(services),
    ...childRecordRoutes(services),
    ...aceRoutes(services),
    ...analyticsPageRoutes(services),
    ...importPageRoutes(services),
    ...matchingNeedsRoutes(services),
    ...profileSharingRoutes(services),
    ...childrenSettingsRoutes(services),
  ];
}

import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { campaignApiRoutes } from './api.ts';
import { campaignPageRoutes } from './campaign-pages.ts';
import { funnelPageRoutes } from './funnel-pages.ts';

/**
 * Campaign pages and API, each a thin layer over the same service calls: campaigns and their
 * costs, and the funnel from enquiry to placement (per campaign, per channel, all campaigns).
 * The funnel's pages come first so /campaigns/funnel is never read as a campaign's id.
 */
export function campaignRoutes(services: Services): RouteDefinition[] {
  return [...funnelPageRoutes(services), ...campaignPageRoutes(services), ...campaignApiRoutes(services)];
}

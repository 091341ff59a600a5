import type { RouteDefinition } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { trainingApiRoutes } from './api.ts';
import { coursePageRoutes } from './course-pages.ts';
import { sessionPageRoutes } from './session-pages.ts';
import { trainingSettingsRoutes } from './settings-pages.ts';

/** Training pages and API: courses, sessions, bookings, attendance and certificates. */
export function trainingRoutes(services: Services): RouteDefinition[] {
  return [...coursePageRoutes(services), ...sessionPageRoutes(services), ...trainingApiRoutes(services), ...trainingSettingsRoutes(services)];
}

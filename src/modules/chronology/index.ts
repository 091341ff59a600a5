/**
 * The front door of the chronology module: a case's chronology, merged from the other modules'
 * named reads (sources.ts lists them). Owns no table.
 */

export { chronologyRoutes } from './routes.ts';
export { createChronologyService, type ChronologyService } from './service.ts';

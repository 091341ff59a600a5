/**
 * The front door of the search module: the only file other modules (and src/server) may import.
 * The header's search of children, referrals, households and people, within what the reader may see.
 * Owns no table: it asks each owning module's named search read (through their front doors).
 */

export { searchRoutes } from './routes.ts';
export { createSearchService, type SearchService } from './service.ts';

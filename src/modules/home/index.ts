/**
 * The front door of the home module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. The home page of each role.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { homeRoutes } from './routes.ts';
export { createHomeService } from './service.ts';

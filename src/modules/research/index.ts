/**
 * The front door of the research module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Data-sharing agreements with research partners and the pseudonymised extracts made under them.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { CHOOSABLE_FIELDS, DATA_DICTIONARY, type ChoosableField } from './dictionary.ts';
export { researchSecret } from './keys.ts';
export { researchRoutes } from './routes.ts';
export { createResearchService, type ResearchService } from './service.ts';

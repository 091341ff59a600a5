/**
 * The front door of the reporting module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Statistical disclosure control for reports that leave the agency (small numbers suppressed).
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { DEFAULT_DISCLOSURE, SUPPRESSED, discloseCohort, discloseTable, type Cell, type DisclosureConfig } from './disclosure.ts';

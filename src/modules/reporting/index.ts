/**
 * The front door of the reporting module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Statistical disclosure control for reports that leave the agency (small numbers suppressed,
 * secondary suppression against differencing, totals rounded).
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export {
  DEFAULT_DISCLOSURE,
  SUPPRESSED,
  discloseCohort,
  discloseCount,
  discloseTable,
  publishesStatistics,
  roundTotal,
  type Cell,
  type DisclosureConfig,
} from './disclosure.ts';
export { publishTable, type FigureAt, type PublishedTable, type Suppression, type TableIn } from './publish-table.ts';
export { suppressLinked, type LinkedFigures, type SuppressionReason } from './suppression.ts';

import { MEASURES } from '../../../../src/modules/outcomes/index.ts';
import { plainPage } from './service-page.ts';

/** Placement success: every measure with its definition; local authorities' names in the filter are stored data. */
export const PlacementSuccessPage = plainPage('placement-success', /^\/outcomes\/placement-success(\?|$)/, 'placement-success:title', [
  '#localAuthorityId option',
]);

/** The children (or families) behind one figure: names, authorities and reasons are stored data. */
export const PlacementSuccessChildrenPage = plainPage(
  'placement-success-children',
  /^\/outcomes\/placement-success\/[a-zA-Z0-9]+(\?|$)/,
  MEASURES.map((m) => `placement-success:measures.${m}.title`),
  ['[data-testid="children-table"] tbody td'],
);

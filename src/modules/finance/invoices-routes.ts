import type { Services } from '../../server/services.ts';
import { billingApiRoutes } from './invoices-api.ts';
import { billingPageRoutes } from './invoices-pages.ts';
import { invoicesListRoute } from './invoices-list-page.ts';
import { agreementPageRoutes } from './agreements-pages.ts';
import { correctionPageRoutes } from './corrections-pages.ts';
import { agreementEditPageRoutes } from './agreements-edit-pages.ts';

/** Every route of money in: the JSON API and the pages, both thin over the billing service. */
export function billingRoutes(services: Services) {
  return [
    ...billingApiRoutes(services),
    invoicesListRoute(services),
    ...billingPageRoutes(services),
    ...correctionPageRoutes(services),
    ...agreementEditPageRoutes(services),
    ...agreementPageRoutes(services),
  ];
}

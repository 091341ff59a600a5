import { plainPage } from './service-page.ts';

/** Money in: the finance overview, an invoice, an authority's statement. */
const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);

// Authority names, invoice numbers and amounts are stored data.
export const FinancePage = plainPage('finance', at('/finance'), 'billing:overview.title', [
  '[data-testid="waiting-table"] td:first-child',
  '[data-testid="recent-table"] td',
  '[data-testid="overdue-table"] td',
]);
// An invoice's heading is its kind and number; its lines name each child by initial and reference.
export const InvoicePage = plainPage(
  'invoice',
  at(`/finance/invoices/${ID}(/payments|/credit-notes)?`),
  /^(Invoice|Anfoneb|Credit note|Nodyn credyd) (INV|CN)-\d{6}$/,
  ['h1', '.govuk-caption-l', '[data-testid="invoice-lines"] td', '[data-testid="payments-table"] td'],
);
export const StatementPage = plainPage('statement', at(`/finance/statements/${ID}`), /\S/, ['h1', '[data-testid="statement-entries"] td']);
export const FeesPage = plainPage('fees', at('/finance/fees'), 'billing:fees.title', ['[data-testid="fees-table"] td']);

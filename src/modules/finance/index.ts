/**
 * The front door of the finance module: the only file other modules (and src/server, the demo,
 * benchmarks) may import. Money in: agreements with authorities, fees raised by the workflow,
 * invoices, credit notes, payments and statements. Tables, repositories, pages and API files stay
 * private (src/schema.ts alone assembles schema.ts).
 */

export { createBillingService, type BillingService } from './billing-service.ts';
export { billingRoutes } from './invoices-routes.ts';
export {
  feesChargedForChild,
  incomeByAgreement,
  incomeByAuthority,
  incomeByChild,
  incomeTotal,
  type ChildFee,
  type Income,
  type Period,
} from './fees-income.ts';
export { divideHalfEven, scalePence, financialYearOf } from './fees.ts';
export { seedDemoFinanceCosts } from './costs-demo.ts';
export { financeCostsRoutes } from './costs-routes.ts';
export { createFinanceCostsService, type FinanceCostsService } from './costs-service.ts';
export { createFinanceCostSettingsService, type FinanceCostSettingsService } from './costs-settings-service.ts';
export { formatPounds } from './invoices-pdf.ts';
// Destroyed by the retention module (src/modules/retention): a destroyed child's care choice.
export { removeCareChoicesOfChildInTx } from './retention-records.ts';

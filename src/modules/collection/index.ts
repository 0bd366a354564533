/** The collection module's public face: billing, bills, and (to come) payments, arrears and individual accounts. */
import type { Command } from 'commander';
import { registerBillingCommands } from './billing/billing.cli.ts';
import { registerPaymentCommands } from './payments/payments.cli.ts';
import { registerArrearsCommands } from './arrears/arrears.cli.ts';
import { registerAccountsCommands } from './accounts/accounts.cli.ts';

export { collectionRoutes } from './collection.routes.ts';
export { runBilling, billingSummary } from './billing/billing.service.ts';
export { listBills, getBill } from './billing/bills.service.ts';
export { paymentRoutes } from './payments/payments.routes.ts';
export { arrearsRoutes } from './arrears/arrears.routes.ts';
export { kpiRoutes } from './kpi/kpi.routes.ts';
export { applyCredits, creditIndividualAccounts, importCollectionFile, recordPayment, listPayments } from './payments/payments.service.ts';
export { employerArrears, dunningList } from './arrears/arrears.service.ts';
export { collectionKpis } from './kpi/kpi.service.ts';
export { accountsRoutes } from './accounts/accounts.routes.ts';
export { portalRoutes } from './portal/portal.routes.ts';

export function registerCollectionCommands(program: Command) {
  registerBillingCommands(program);
  registerPaymentCommands(program);
  registerArrearsCommands(program);
  registerAccountsCommands(program);
}

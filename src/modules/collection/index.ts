/** The collection module's public face: billing, bills, and (to come) payments, arrears and individual accounts. */
import type { Command } from 'commander';
import { registerBillingCommands } from './billing/billing.cli.ts';

export { collectionRoutes } from './collection.routes.ts';
export { runBilling, billingSummary } from './billing/billing.service.ts';
export { listBills, getBill } from './billing/bills.service.ts';

export function registerCollectionCommands(program: Command) {
  registerBillingCommands(program);
}

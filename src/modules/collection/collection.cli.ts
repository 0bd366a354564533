/** `sifund collection …`: collection-wide reports that belong to no single step (reconciliation, duplicate pensions). */
import type { Command } from 'commander';
import { registerReconciliationCommand } from './reconciliation/reconciliation.cli.ts';
import { registerDuplicatePensionCommand } from './billing/duplicate-pension.cli.ts';
import { registerSelfPayingBillingCommand } from './billing/self-paying-billing.cli.ts';

export function registerCollectionCommands(program: Command) {
  const collection = program.command('collection').description('征缴: reports across billing, payments and the fund ledger');
  registerReconciliationCommand(collection);
  registerDuplicatePensionCommand(collection);
  registerSelfPayingBillingCommand(collection);
}

/** `sifund collection reconcile`: the month's collection records against the fund ledger, per fund. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { reconcileCollection } from './reconciliation.service.ts';

export function registerReconciliationCommand(collection: Command) {
  const actor = systemActor('reconciliation', ['ledger.read', 'billing.read']);
  addDataOption(collection.command('reconcile').description('业务数据与会计数据核对: what the bills say each fund collected in a month against what the ledger booked (cash basis); exits 1 when any fund differs'))
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('collection reconcile', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await reconcileCollection(database, actor, { period: options.period });
      if (options.format === 'json') printJson(result);
      else {
        process.stdout.write(`${result.period}: ${result.differences === 0 ? 'every fund agrees 账实相符' : `${result.differences} fund(s) differ 存在差异`}\n`);
        process.stdout.write(formatTable(['fund', 'name', 'business 业务', 'ledger 会计', 'difference 差额'], result.funds.map((f) => [f.fund, f.name, f.business, f.ledger, f.difference]), [2, 3, 4]));
      }
      if (result.differences > 0) process.exitCode = 1;
    }));
}

/**
 * `sifund pension deaths import --file F.csv`, `sifund pension overpayments` and `sifund pension recover ID`: the death
 * registry, the recoveries it opens and money recovered, recorded for sign-off (复核、审批 in `sifund approvals`).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addImportFileOptions, importFileOf } from '../../../platform/imports/cli.ts';
import { pensionCommand } from '../pension/pension.cli.ts';
import { importDeaths, listOverpayments, recordRecovery } from './deaths.service.ts';
import { overpaymentStatuses, type OverpaymentStatus } from './deaths.tables.ts';

export function registerDeathCommands(program: Command) {
  const pension = pensionCommand(program);
  const deaths = pension.command('deaths').description('死亡信息比对 (death registry): suspend pensions, open recoveries, record survivors\' grants');
  addDataOption(addImportFileOptions(deaths.command('import').description('import a death registry file (idNumber,dateOfDeath): all rows or none'), 'CSV or XLSX with idNumber,dateOfDeath'))
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('pension deaths import', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importDeaths(database, systemActor('pension-deaths', ['pension.death.import', 'benefits.read']), importFileOf(options));
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`${result.alreadyImported ? 'already imported: ' : ''}${result.recorded} deaths recorded, ${result.suspended} pensions suspended, `
        + `${result.overpayments} overpayments (${result.overpaidAmount}), funeral grants ${result.funeralGrants}, survivor pensions ${result.survivorPensions}\n`);
    }));
  addDataOption(pension.command('overpayments').description('待遇追回: overpaid benefits with what is recovered and still owed'))
    .option('--status <status>', `one of ${overpaymentStatuses.join(', ')}`)
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('pension overpayments', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      if (options.status !== undefined && !overpaymentStatuses.includes(options.status)) throw invalid('status', fieldRules.oneOf({ values: overpaymentStatuses.join(', ') }));
      const page = await listOverpayments(database, systemActor('pension-overpayments', ['benefits.read', 'personal.full.read']), { status: options.status as OverpaymentStatus | undefined }, { limit: 1000 });
      if (options.format === 'json') printJson(page.items);
      else process.stdout.write(formatTable(['id', 'idNumber', 'name', 'dateOfDeath', 'periods', 'amount', 'recovered', 'pending', 'outstanding', 'status'],
        page.items.map((o) => [o.id, o.idNumber, o.name, o.dateOfDeath ?? '', o.periods.join(' '), o.amount, o.recovered, o.pending, o.outstanding, o.status]), [5, 6, 7, 8]));
    }));
  addDataOption(pension.command('recover').description('追回登记: money recovered on an overpayment, for 复核 and 审批; the final approval records and posts it')
    .argument('<overpaymentId>', 'the overpayment (id in `sifund pension overpayments`)'))
    .requiredOption('--method <method>', 'refund or instalment')
    .requiredOption('--amount <yuan>', 'the amount received, yuan')
    .requiredOption('--recovered-on <date>', 'the day it arrived, YYYY-MM-DD')
    .requiredOption('--reference <text>', 'the bank slip or the instalment agreement number')
    .option('--format <format>', 'text or json', 'text')
    .action((overpaymentId: string, options) => runWithDatabase('pension recover', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      if (!/^[0-9]{1,19}$/.test(overpaymentId)) throw invalid('overpaymentId', fieldRules.required());
      const item = await recordRecovery(database, systemActor('pension-recovery', ['pension.recovery.record', 'benefits.read']), BigInt(overpaymentId),
        { recoveryMethod: options.method, amount: options.amount, recoveredOn: options.recoveredOn, reference: options.reference });
      if (options.format === 'json') printJson(item);
      else process.stdout.write(`approval item ${item.id} (${item.kindLabel} ${item.amount}): waits for ${item.nextLevel?.label} — sifund approvals\n`);
    }));
}

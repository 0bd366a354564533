/** `sifund tax …`: the tax-authority collection model — assessment file out, collection file in, reconciliation. */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addImportFileOptions, importFileOf } from '../../../platform/imports/cli.ts';
import { importTaxCollections, taxAssessment, taxReconciliation } from './tax.service.ts';

export function registerTaxCommands(program: Command) {
  const tax = program.command('tax').description('税务征收模式: where the tax authority collects (parameter collection.model), the assessment file for the tax bureau, its collection file, and their reconciliation');
  const actor = systemActor('tax', ['billing.read', 'payment.read', 'payment.record']);

  addDataOption(tax.command('assessment').description('核定信息: the assessment file of a period for the tax bureau, one row per bill line of the regions the tax authority collects for (see docs/collection.md)'))
    .requiredOption('--period <YYYY-MM>', 'the contribution period (费款所属期)')
    .option('--region <code>', 'a region subtree (default: your own, or the only province)')
    .requiredOption('--out <file>', 'the CSV to write: period,creditCode,idNumber,insurance,base,employerAmount,employeeAmount (UTF-8 with BOM)')
    .action((options: { data?: string; period: string; region?: string; out: string }) => runWithDatabase('tax assessment', options, async ({ database }) => {
      const assessment = await taxAssessment(database, actor, { period: options.period, region: options.region });
      await pipeline(assessment.csv, fs.createWriteStream(options.out));
      process.stdout.write(`wrote ${options.out}: ${assessment.lines()} lines of ${assessment.period} for ${assessment.regions.length} regions in the tax collection model under ${assessment.region}\n`);
    }));

  const collections = tax.command('collections').description('the tax bureau\'s collection files (税务征收明细)');
  addImportFileOptions(addDataOption(collections.command('import')
    .description('import the tax bureau\'s collection file: all rows or none, idempotent; its money settles the bills (payments of source tax); exit 1 listing every bad row')),
  'CSV (UTF-8 or GB18030/GBK) or XLSX with the header date,period,creditCode,idNumber,insurance,amount,taxVoucher (see docs/collection.md)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('tax collections import', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importTaxCollections(database, actor, importFileOf(options));
      if (options.format === 'json') printJson(result);
      else if (result.alreadyImported) process.stdout.write(`${options.file} was imported before (import ${result.importId}); nothing changed\n`);
      else process.stdout.write(`imported ${options.file}: ${result.recorded} rows recorded (${result.amount}) as ${result.payments} payments, ${result.alreadyRecorded} recorded before\n`);
    }));

  addDataOption(tax.command('reconcile').description('征收对账: per employer, person and insurance, what was assessed for the tax bureau against what it collected'))
    .requiredOption('--period <YYYY-MM>', 'the contribution period (费款所属期)')
    .option('--region <code>', 'a region subtree (default: your own, or the only province)')
    .option('--format <format>', 'text or json', 'text')
    .action((options: { data?: string; period: string; region?: string; format: string }) => runWithDatabase('tax reconcile', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const reconciliation = await taxReconciliation(database, actor, { period: options.period, region: options.region });
      if (options.format === 'json') { printJson(reconciliation); return; }
      process.stdout.write(`${reconciliation.period} under ${reconciliation.region}: ${reconciliation.assessedNotCollected.length} assessed but not (fully) collected, ${reconciliation.collectedNotAssessed.length} collected but not assessed\n`);
      for (const [label, items] of [['assessed, not collected', reconciliation.assessedNotCollected], ['collected, not assessed', reconciliation.collectedNotAssessed]] as const) {
        for (const i of items) process.stdout.write(`  ${label}: ${i.creditCode} ${i.idNumber} ${i.insurance} assessed ${i.assessed} collected ${i.collected} difference ${i.difference}\n`);
      }
    }));
}

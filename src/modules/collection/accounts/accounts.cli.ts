/** `sifund accounts …`: the year-end interest run and a person's individual account statement. */
import { Option, type Command } from 'commander';
import { addDataOption, printJson, runWithDatabase } from '../../../cli/context.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { systemActor } from '../../../platform/actor.ts';
import { accountStatement, personIdByIdNumber, runInterest } from './accounts.service.ts';
import { accountStatementReport } from './statement.report.ts';

export function registerAccountsCommands(program: Command) {
  const accounts = program.command('accounts').description('pension individual accounts (个人账户): year-end interest and statements');
  const actor = systemActor('accounts', ['accounts.read', 'accounts.interest.run']);

  addDataOption(accounts.command('interest').description('credit a past year\'s interest to every individual account; a year already run is reported, not run again'))
    .requiredOption('--year <YYYY>', 'the year to credit (it must have ended and have its crediting rate in params/)')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'))
    .action((options) => runWithDatabase('accounts interest', options, async ({ database }) => {
      process.stderr.write(`crediting the ${options.year} interest to every individual account…\n`);
      const run = await runInterest(database, actor, options.year);
      if (options.format === 'json') printJson(run);
      else process.stdout.write(`interest ${run.year}: rate ${run.rate} (${run.method}), ${run.persons} persons, ${run.amount} yuan; run by ${run.runBy} at ${run.runAt}\n`);
    }));

  addReportOptions(addDataOption(accounts.command('statement').description('a person\'s individual account for a year: opening, credits, interest, closing')))
    .requiredOption('--person <ID number>', 'resident ID number (身份证号)')
    .requiredOption('--year <YYYY>', 'the year')
    .action((options) => runWithDatabase('accounts statement', options, async ({ database }) => {
      const statement = await accountStatement(database, actor, await personIdByIdNumber(database, actor, options.person), options.year);
      await writeReport(accountStatementReport(statement), options);
    }));
}

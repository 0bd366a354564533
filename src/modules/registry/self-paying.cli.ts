/** `sifund self-paying …`: register self-paying contributors (个人缴费登记), change their base level, show them. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../cli/context.ts';
import { systemActor } from '../../platform/actor.ts';
import type { ContributorKind, SelfPayingInsurance } from './self-paying.calc.ts';
import { changeSelfPaying, registerSelfPaying, selfPayingContributor, type SelfPayingView } from './self-paying.service.ts';

const insurancesOf = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean) as SelfPayingInsurance[]);

function print(view: SelfPayingView, format: string) {
  if (format === 'json') { printJson(view); return; }
  process.stdout.write(`${view.payerCode} ${view.name} (${view.contributorKind}, region ${view.regionCode})\n`);
  for (const terms of view.terms) process.stdout.write(`  from ${terms.fromMonth}: ${terms.insurances.length ? `${terms.insurances.join(', ')} at ${terms.baseRatio} of the average wage` : 'stopped'} (${terms.reason}, ${terms.recordedBy})\n`);
}

export function registerSelfPayingCommands(program: Command) {
  const command = program.command('self-paying').description('个人缴费登记: flexible workers and the self-employed paying their own pension and medical contributions');
  const actor = systemActor('self-paying', ['registry.self_paying.register', 'registry.read']);

  addDataOption(command.command('register').description('register a person (already in the registry) as a self-paying contributor'))
    .requiredOption('--id-number <idNumber>', 'the person\'s 公民身份号码')
    .requiredOption('--kind <kind>', 'flexible (灵活就业人员) or individual_business (无雇工的个体工商户)')
    .option('--business-credit-code <code>', 'the individual business\'s 统一社会信用代码 (individual_business only)')
    .option('--region <code>', 'the registering region (default: the only province)')
    .requiredOption('--from <YYYY-MM>', 'the first month paid')
    .requiredOption('--base-ratio <ratio>', 'the chosen base as a share of the average wage, 0.60 … 3.00')
    .option('--insurances <list>', 'pension,medical (default both)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('self-paying register', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      print(await registerSelfPaying(database, actor, {
        idNumber: options.idNumber, contributorKind: options.kind as ContributorKind, businessCreditCode: options.businessCreditCode, regionCode: options.region,
        fromMonth: options.from, baseRatio: options.baseRatio, insurances: insurancesOf(options.insurances),
      }), options.format);
    }));

  addDataOption(command.command('change').description('change the base level or insurances from a month on, or stop paying (--insurances "")'))
    .requiredOption('--payer <payerCode>', 'the 个人缴费编号').requiredOption('--from <YYYY-MM>', 'the first month the change applies to')
    .option('--base-ratio <ratio>', 'the new base level, 0.60 … 3.00').option('--insurances <list>', 'pension,medical; empty to stop')
    .requiredOption('--reason <text>', 'why').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('self-paying change', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      print(await changeSelfPaying(database, actor, options.payer, { fromMonth: options.from, baseRatio: options.baseRatio, insurances: insurancesOf(options.insurances), reason: options.reason }), options.format);
    }));

  addDataOption(command.command('show').description('a self-paying contributor and the base levels from each month'))
    .requiredOption('--payer <payerCode>', 'the 个人缴费编号').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('self-paying show', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      print(await selfPayingContributor(database, actor, options.payer), options.format);
    }));
}

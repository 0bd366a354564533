/** `sifund collection bill-self-paying`: bill the self-paying contributors of a period (a job, like `billing run`). */
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { runSelfPayingBilling } from './self-paying-billing.service.ts';

export function registerSelfPayingBillingCommand(collection: Command) {
  addDataOption(collection.command('bill-self-paying').description('个人缴费核定: bill the flexible workers and the self-employed of a period (a job: sifund jobs list); idempotent, resumable'))
    .requiredOption('--period <YYYY-MM>', 'contribution period')
    .option('--region <code>', 'region subtree (default: the province)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('collection bill-self-paying', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const job = await runSelfPayingBilling(database, systemActor('billing', ['billing.run', 'billing.read']), { period: options.period, region: options.region });
      if (options.format === 'json') printJson(job);
      else process.stdout.write(`self-paying billing job ${job.id}: ${job.status}, ${job.progress.done}/${job.progress.total} chunks (sifund billing summary --period ${options.period})\n`);
    }));
}

/** `sifund payments …`: import the bank's collection file (all rows or none, idempotent) or record one payment. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../../cli/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addImportFileOptions, importFileOf } from '../../../platform/imports/cli.ts';
import { importCollectionFile, recordPayment, requestPaymentReversal, type CollectionPreview } from './payments.service.ts';
import { paymentsSaid } from '../collection.messages.ts';

export function registerPaymentCommands(program: Command) {
  const payments = program.command('payments').description('contribution payments (收缴): bank collection files and payments recorded by hand');
  const actor = systemActor('payments', ['payment.record', 'payment.read', 'payment.reverse.request']);

  addImportFileOptions(addDataOption(payments.command('import').description('import the bank\'s collection file: all rows or none, idempotent; exit 1 listing every bad row; --dry-run shows what it would record')),
    'CSV (UTF-8 or GB18030/GBK) or XLSX with the header date,creditCode,amount,reference,transactionId or 交易日期,统一社会信用代码,金额,附言,交易流水号 (see docs/collection.md)')
    .option('--dry-run', 'preview: check the file and show the payments, their total and how they would be allocated; record nothing')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payments import', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const file = importFileOf(options);
      if (options.dryRun) {
        const preview = await importCollectionFile(database, actor, file, 'preview') as Awaited<ReturnType<typeof importCollectionFile>> & Partial<CollectionPreview>;
        if (options.format === 'json') printJson(preview);
        else if (preview.alreadyImported) process.stdout.write(`${options.file} was imported before (import ${preview.importId}): ${preview.recorded} payments recorded; nothing would change\n`);
        else {
          process.stdout.write(`dry run of ${options.file}: ${preview.toRecord} payments to record (${preview.amount}), ${preview.alreadyRecorded} recorded before; would allocate ${preview.allocated}, keep as credit ${preview.credit}\n`);
          for (const e of preview.employers ?? []) process.stdout.write(`  ${e.creditCode} ${e.name}: ${e.payments} payments ${e.amount}, allocated ${e.allocated}, credit ${e.credit}\n`);
          process.stdout.write('nothing was recorded; run without --dry-run to apply\n');
        }
        return;
      }
      const result = await importCollectionFile(database, actor, file);
      if (options.format === 'json') printJson(result);
      else if (result.alreadyImported) process.stdout.write(`${options.file} was imported before (import ${result.importId}); nothing changed\n`);
      else process.stdout.write(`imported ${options.file}: ${result.recorded} payments recorded (${result.amount}), ${result.alreadyRecorded} already recorded; allocated ${result.allocated}, kept as credit ${result.credit}\n`);
    }));

  addDataOption(payments.command('record').description('record one payment by hand and allocate it'))
    .requiredOption('--employer <creditCode>', 'unified social credit code of the employer')
    .requiredOption('--date <YYYY-MM-DD>', 'date the money was received')
    .requiredOption('--amount <yuan>', 'amount in yuan, e.g. 1234.56')
    .option('--reference <reference>', 'the payer\'s reference (a bill number pays that bill first)')
    .option('--override-reason <text>', 'carry on over the automatic checks\' warnings (a payment of the same day and amount, or reference, recorded already): what you checked')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payments record', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const payment = await recordPayment(database, actor, {
        creditCode: options.employer, date: options.date, amount: options.amount, reference: options.reference,
        override: options.overrideReason === undefined ? undefined : { reason: options.overrideReason },
      });
      if (options.format === 'json') printJson(payment);
      else process.stdout.write(`payment ${payment.id} of ${payment.creditCode} ${payment.employerName} on ${payment.date}: ${payment.amount}, allocated ${payment.allocated}, kept as credit ${payment.credit}\n`);
    }));

  addDataOption(payments.command('reverse').description('冲正申请: request the reversal of a payment recorded in error (a second person approves it in the inbox)'))
    .requiredOption('--id <paymentId>', 'the payment\'s id (see GET /api/payments)')
    .requiredOption('--reason <text>', 'why, for the audit trail')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payments reverse', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      if (!/^[0-9]{1,19}$/.test(options.id)) throw invalid('id', paymentsSaid.paymentIdDigits({ value: options.id }));
      const item = await requestPaymentReversal(database, actor, { paymentId: BigInt(options.id), reason: options.reason });
      if (options.format === 'json') printJson(item);
      else process.stdout.write(`reversal of payment ${options.id} requested: approval item ${item.id}, waiting for ${item.levels.map((l) => l.label).join(' → ')} (sifund approvals show --id ${item.id})\n`);
    }));
}

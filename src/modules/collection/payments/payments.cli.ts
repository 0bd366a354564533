/** `sifund payments …`: import the bank's collection file (all rows or none, idempotent) or record one payment. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../../cli/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { systemActor } from '../../../platform/actor.ts';
import { importCollectionFile, recordPayment, requestPaymentReversal } from './payments.service.ts';

export function registerPaymentCommands(program: Command) {
  const payments = program.command('payments').description('contribution payments (收缴): bank collection files and payments recorded by hand');
  const actor = systemActor('payments', ['payment.record', 'payment.read', 'payment.reverse.request']);

  addDataOption(payments.command('import').description('import the bank\'s collection file: all rows or none, idempotent; exit 1 listing every bad row'))
    .requiredOption('--file <path>', 'CSV with the header date,creditCode,amount,reference (see docs/collection.md)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payments import', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importCollectionFile(database, actor, path.basename(options.file), fs.readFileSync(options.file));
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`imported ${options.file}: ${result.recorded} payments recorded (${result.amount}), ${result.alreadyRecorded} already recorded; allocated ${result.allocated}, kept as credit ${result.credit}\n`);
    }));

  addDataOption(payments.command('record').description('record one payment by hand and allocate it'))
    .requiredOption('--employer <creditCode>', 'unified social credit code of the employer')
    .requiredOption('--date <YYYY-MM-DD>', 'date the money was received')
    .requiredOption('--amount <yuan>', 'amount in yuan, e.g. 1234.56')
    .option('--reference <reference>', 'the payer\'s reference (a bill number pays that bill first)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payments record', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const payment = await recordPayment(database, actor, { creditCode: options.employer, date: options.date, amount: options.amount, reference: options.reference });
      if (options.format === 'json') printJson(payment);
      else process.stdout.write(`payment ${payment.id} of ${payment.creditCode} ${payment.employerName} on ${payment.date}: ${payment.amount}, allocated ${payment.allocated}, kept as credit ${payment.credit}\n`);
    }));

  addDataOption(payments.command('reverse').description('冲正申请: request the reversal of a payment recorded in error (a second person approves it in the inbox)'))
    .requiredOption('--id <paymentId>', 'the payment\'s id (see GET /api/payments)')
    .requiredOption('--reason <text>', 'why, for the audit trail')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('payments reverse', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      if (!/^[0-9]{1,19}$/.test(options.id)) throw invalid('id', `must be a payment id (digits), got "${options.id}"`);
      const item = await requestPaymentReversal(database, actor, { paymentId: BigInt(options.id), reason: options.reason });
      if (options.format === 'json') printJson(item);
      else process.stdout.write(`reversal of payment ${options.id} requested: approval item ${item.id}, waiting for ${item.levels.map((l) => l.label).join(' → ')} (sifund approvals show --id ${item.id})\n`);
    }));
}

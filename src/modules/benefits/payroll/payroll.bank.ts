/**
 * 社会化发放: the bank payment file of a month's pension payroll and the bank's result file (回盘).
 *
 * Bank file (docs/payroll-bank-file.md, sample docs/samples/payroll-bank-file.csv): CSV, UTF-8 with BOM, CRLF, header
 * `reference,idNumber,name,bankAccount,amount`, amount in yuan with two decimals; one row per payee to pay, the month's amount less what it keeps back against overpayments (offsets.ts) — lines not
 * yet paid (new, sent without an answer, or returned and re-queued) of active awards. Written only when every batch of
 * the period is signed off (复核, 审批) and funded (用款申请 approved); the refusal names the missing step.
 * Result file: `reference,status,reason`, status paid or returned, through the import pipeline (all or nothing, the
 * same file twice applies once). Paid lines book the expense Dr 社会保险待遇支出—基本养老金 / Cr 支出户 on the import day,
 * one entry per batch; the 支出户 never goes below zero. A returned line keeps the bank's reason, counts the return
 * and is sent again in the next file, until `benefits.payroll.max_returns` returns suspend the award (暂停发放).
 * Benefit payment orders (payment-order.service.ts) funded for the file's funds ride after the payroll lines, same
 * columns, reference DC<id>; the result pays them (Dr their benefit subject / Cr 支出户) or returns them. A fund without
 * a payroll (unemployment, work injury, medical: the claims' payments) gets a file of its orders alone (`fund`).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { AppError, conflict, notFound } from '../../../platform/errors.ts';
import { newId, reserveIds } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import { csvField } from '../../../platform/reports/csv.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfSubjects } from '../../../platform/signoff/index.ts';
import { moreProblems, registerFields, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile, type ImportSchema } from '../../../platform/imports/index.ts';
import { accountBalanceNow, postEntries, type EntryInput } from '../../ledger/index.ts';
import { suspendAwards } from '../awards/awards.repository.ts';
import { payrollSaid } from './payroll.messages.ts';
import { payrollAccounts, payrollSummary } from './payroll.service.ts';
import * as repository from './payroll.repository.ts';
import { orderPaidEntry, ordersByReferences, recordOrderAnswers, sendOrders, type AnsweredOrder } from './payment-order.service.ts';

export const BANK_FILE_HEADER = ['reference', 'idNumber', 'name', 'bankAccount', 'amount'] as const;
/** Rows read per statement while the bank file is written. */
const BANK_FILE_PAGE = 10_000;

/** Why the batch cannot be paid yet, or null when it is funded. */
async function missingStep(tx: Tx, batch: { id: string; status: string }) {
  if (batch.status === 'computing') return payrollSaid.stepComputing();
  if (batch.status === 'signed_off') return payrollSaid.stepNotFunded();
  if (batch.status !== 'computed' && batch.status !== 'submitted') return null;
  const [item] = await openItemsOfSubjects(tx, [`pension.payroll:${batch.id}`]);
  if (item?.status === 'returned') return payrollSaid.stepReturned();
  return item && item.next_level > 0 ? payrollSaid.stepNotApproved() : payrollSaid.stepNotReviewed();
}

export interface BankFile { fileName: string; content: Buffer; rows: number; total: string }

/**
 * The bank file of the period: the payroll lines of every batch in the actor's scope (refused, naming the step, while
 * one is not funded) and then the funded payment orders of the same funds. With `fund`, that fund alone: a fund
 * without a payroll (unemployment, work injury, medical) pays its funded orders — the claims' grants and months.
 */
export async function bankFile(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string; fund?: string }): Promise<BankFile> {
  const summary = await payrollSummary(database, actor, input);
  const batches = summary.batches.filter((b) => !input.fund || b.fund === input.fund);
  if (!batches.length && !input.fund) throw notFound(payrollSaid.noBatches({ period: summary.period }));
  return inScope(database, actor, async (tx) => {
    for (const batch of batches) {
      const step = await missingStep(tx, batch);
      if (step) throw new AppError(409, 'payroll_not_ready', payrollSaid.stepMissing({ fund: batch.fund, period: batch.period, step }));
    }
    const happened = { happenedOn: todayInChina(), recordedBy: actor.username };
    const parts = [Buffer.from(`\uFEFF${BANK_FILE_HEADER.join(',')}\r\n`, 'utf8')];
    let rows = 0, total = 0n;
    const addRows = (page: { reference: string; idNumber: string; name: string; bankAccount: string; amount: bigint }[]) => {
      parts.push(Buffer.from(page.map((l) => `${[l.reference, l.idNumber, l.name, l.bankAccount, formatYuan(l.amount)].map(csvField).join(',')}\r\n`).join(''), 'utf8'));
      rows += page.length;
      total = page.reduce((sum, l) => sum + l.amount, total);
    };
    // Set-based: the lines to send move to `sent` in one statement, then the file is read through a cursor (a million
    // payees never sit in memory as rows at once).
    const batchIds = batches.map((b) => BigInt(b.id));
    if (batchIds.length) {
      await repository.sendLinesToPay(tx, batchIds, reserveIds(Math.max(batches.reduce((sum, b) => sum + b.payees, 0), 1)), happened);
      for (const batch of batches.filter((b) => b.status === 'funded')) await repository.updateBatch(tx, BigInt(batch.id), { status: 'bank_file_issued' });
      for await (const page of repository.linesToPay(tx, batchIds, BANK_FILE_PAGE)) {
        addRows(page.map((l) => ({ reference: l.reference, idNumber: l.id_number, name: l.name, bankAccount: l.bank_account, amount: l.amount })));
      }
    }
    // then the payment orders of the same funds (few: read at once), to their payees
    const funds = input.fund ? [input.fund] : [...new Set(batches.map((b) => b.fund))];
    const orders = await sendOrders(tx, funds, happened);
    if (!batches.length && !orders.length) throw notFound(payrollSaid.nothingToPay({ fund: input.fund!, period: summary.period }));
    addRows(orders.map((o) => ({ reference: o.reference, idNumber: o.payee_id_number, name: o.payee_name, bankAccount: o.bank_account, amount: o.amount })));
    await recordAudit(tx, actor, { action: 'payroll.bank_file', entityType: 'payroll_period', entityId: summary.period, regionCode: batches[0]?.regionCode ?? fundRegion(funds[0]),
      after: { rows, total: formatYuan(total), funds, batches: batches.map((b) => b.id), orders: orders.map((o) => o.reference) } });
    const fileName = batches.length ? `pension-payroll-${summary.period}${input.fund ? `-${input.fund}` : ''}.csv` : `benefit-payments-${input.fund}-${summary.period}.csv`;
    return { fileName, content: Buffer.concat(parts), rows, total: formatYuan(total) };
  });
}

/** The region of a fund (`<insurance>-<region>`). */
const fundRegion = (fund: string) => fund.slice(fund.lastIndexOf('-') + 1);

registerFields({
  paymentStatus: { titles: ['status', '发放结果', '处理结果'], values: { paid: 'paid', returned: 'returned', 成功: 'paid', 失败: 'returned', 退回: 'returned' } },
  returnReason: { titles: ['reason', '失败原因', '退回原因'] },
});

const bankResultSchema: ImportSchema = {
  kind: 'payroll_bank_result',
  columns: [
    { field: 'reference', required: true },
    { field: 'paymentStatus', required: true, type: 'code' },
    { field: 'returnReason' },
  ],
};

interface PreparedResult {
  paid: repository.LineByReference[]; returned: { line: repository.LineByReference; reason: string }[]; alreadyRecorded: number;
  paidOrders: AnsweredOrder[]; returnedOrders: { order: AnsweredOrder; reason: string }[];
}
export interface BankResultView { rows: number; paid: number; returned: number; alreadyRecorded: number; paidAmount: string; suspended: number; entries: number }

const bankResultImport: ImportDefinition<CheckedTable, PreparedResult, BankResultView> = {
  kind: 'payroll_bank_result',
  read: tableReader(bankResultSchema),
  async check(tx, _actor, file) {
    const problems = moreProblems(file);
    const valid = file.rows.filter((r) => r.valid);
    const references = [...new Set(valid.map((r) => String(r.values.reference)))];
    const lines = new Map((await repository.linesByReferences(tx, references)).map((l) => [l.reference, l]));
    const orders = new Map((await ordersByReferences(tx, references.filter((r) => r.startsWith('DC')))).map((o) => [o.reference, o]));
    const firstRow = new Map<string, number>();
    const prepared: PreparedResult = { paid: [], returned: [], alreadyRecorded: 0, paidOrders: [], returnedOrders: [] };
    for (const { row, values } of valid) {
      const reference = String(values.reference), status = values.paymentStatus as 'paid' | 'returned', reason = String(values.returnReason ?? '').trim();
      const line = lines.get(reference) ?? orders.get(reference);
      const first = firstRow.get(reference);
      if (first !== undefined) { problems.add(row, 'reference', 'unique_in_file', payrollSaid.duplicateInFile({ row: first })); continue; }
      firstRow.set(reference, row);
      if (!line) { problems.add(row, 'reference', 'known_reference', payrollSaid.referenceUnknown()); continue; }
      if (line.status === 'paid') {
        if (status === 'paid') prepared.alreadyRecorded++;
        else problems.add(row, 'paymentStatus', 'already_paid', payrollSaid.alreadyPaid({ paidOn: line.paid_on ?? '' }));
        continue;
      }
      if (line.status !== 'sent') { problems.add(row, 'reference', 'sent', payrollSaid.lineNotSent({ status: line.status })); continue; }
      if (status === 'returned' && !reason) { problems.add(row, 'returnReason', 'required', payrollSaid.returnNeedsReason()); continue; }
      if ('batch_id' in line) {
        if (status === 'paid') prepared.paid.push(line); else prepared.returned.push({ line, reason });
      } else if (status === 'paid') prepared.paidOrders.push(line);
      else prepared.returnedOrders.push({ order: line, reason });
    }
    return { prepared, problems: problems.list };
  },
  apply: (tx, actor, prepared, { importId }) => applyBankResult(tx, actor, prepared, importId),
};

async function applyBankResult(tx: Tx, actor: Actor, prepared: PreparedResult, importId: bigint): Promise<{ applied: number; result: BankResultView }> {
  const today = todayInChina();
  // The expense: one entry per batch, from the fund's 支出户, never beyond what it holds.
  const byBatch = new Map<bigint, repository.LineByReference[]>();
  for (const line of prepared.paid) byBatch.set(line.batch_id, [...(byBatch.get(line.batch_id) ?? []), line]);
  const entries: EntryInput[] = [];
  const drawn = new Map<string, bigint>();
  const draw = async (fund: string, expenseBank: string, amount: bigint) => {
    drawn.set(fund, (drawn.get(fund) ?? 0n) + amount);
    const balance = await accountBalanceNow(tx, fund, expenseBank);
    if (balance < drawn.get(fund)!) throw conflict('file', payrollSaid.expenseAccountShort({ balance: formatYuan(balance), amount: formatYuan(drawn.get(fund)!), fund }));
  };
  for (const [batchId, lines] of byBatch) {
    const { fund_code: fund, period } = lines[0];
    const accounts = payrollAccounts(fund.slice(0, fund.lastIndexOf('-')), today.slice(0, 7));
    const amount = lines.reduce((sum, l) => sum + l.payable, 0n);
    await draw(fund, accounts.expenseBank, amount);
    entries.push({
      key: `payroll-paid:${batchId}:${importId}`, fund, period: today.slice(0, 7), date: today, source: { type: 'payroll_batch', id: String(batchId) },
      memo: `${period} 基本养老金银行代发成功 ${lines.length} 人`,
      lines: [{ account: accounts.pensionExpense, debit: amount }, { account: accounts.expenseBank, credit: amount }],
    });
  }
  // The orders paid: one entry each (Dr its benefit subject / Cr 支出户), drawn from the same 支出户.
  for (const order of prepared.paidOrders) {
    const { entry, amount, expenseBank } = orderPaidEntry(order, importId, today);
    await draw(order.fund_code, expenseBank, amount);
    entries.push(entry);
  }
  if (entries.length) await postEntries(tx, actor, entries);
  await recordOrderAnswers(tx, actor, { paid: prepared.paidOrders, returned: prepared.returnedOrders }, importId, today);
  await repository.setLineStatus(tx, prepared.paid, { status: 'paid', paid_on: today });
  const event = (line: repository.LineByReference, kind: 'paid' | 'returned', reason: string | null): repository.LineEvent => ({
    person_id: line.person_id, id: newId(), line_id: line.id, region_code: line.region_code, event: kind, happened_on: today, reason, import_id: importId, recorded_by: actor.username,
  });
  // Returned: each with its reason; the award is suspended once it has come back `max_returns` times.
  let suspended = 0;
  for (const { line, reason } of prepared.returned) {
    await repository.setLineStatus(tx, [line], { status: 'returned', reason, countReturn: true });
    const maxReturns = getParameters().integer('benefits.payroll.max_returns', today, line.region_code);
    if (line.return_count + 1 >= maxReturns) {
      suspended += await suspendAwards(tx, [{ personId: line.person_id, awardId: line.award_id }], render(payrollSaid.returnedTooOften({ count: line.return_count + 1, reason }), 'zh-CN'), today);
    }
  }
  await repository.insertLineEvents(tx, [...prepared.paid.map((l) => event(l, 'paid', null)), ...prepared.returned.map(({ line, reason }) => event(line, 'returned', reason))]);
  await repository.settleBatches(tx, [...new Set([...prepared.paid, ...prepared.returned.map((r) => r.line)].map((l) => l.batch_id))]);
  const paidAmount = prepared.paid.reduce((sum, l) => sum + l.payable, 0n) + prepared.paidOrders.reduce((sum, o) => sum + o.amount - o.amount_offset, 0n);
  const [paid, returned] = [prepared.paid.length + prepared.paidOrders.length, prepared.returned.length + prepared.returnedOrders.length];
  const result: BankResultView = {
    rows: paid + returned + prepared.alreadyRecorded, paid, returned,
    alreadyRecorded: prepared.alreadyRecorded, paidAmount: formatYuan(paidAmount), suspended, entries: entries.length,
  };
  await recordAudit(tx, actor, { action: 'payroll.bank_result', entityType: 'import', entityId: importId, after: { ...result } });
  return { applied: paid + returned, result };
}

/** Imports the bank's result file (all rows or none; the same file again answers with its first result). */
export function importBankResult(database: DatabaseHandle, actor: Actor, file: ImportFile) {
  return runImport(database, actor, bankResultImport, file, 'apply');
}

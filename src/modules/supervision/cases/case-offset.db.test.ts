/**
 * 抵扣待遇 (社会保险经办条例 第四十六条) on a small demo city: a person's case, concluded with an amount for the pension
 * fund and one for the medical fund, hands part of the pension fund's to the payroll. The month's payroll keeps back
 * at most benefits.payroll.offset_share of the pensioner's month (the rest waits for the next), its batch's
 * offset total is that line's, and the final approval records the recovery (method offset, the line's reference) and
 * books it Dr 基本养老金支出 / Cr 其他收入; the bank file pays the month less that, and the case shows it recovered and
 * what is still handed over. Refused, naming
 * the field: a fund that pays the person no pension, more than is outstanding, a money recovery of what the payroll is
 * to keep back, a refund on the overpayment beyond what the unapproved payroll leaves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { formatYuan, multiplyFen } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { payrollAccounts, runPayroll, batchLinesPage } from '../../benefits/payroll/payroll.service.ts';
import { recordRecovery as recordOverpaymentRecovery } from '../../benefits/deaths/deaths.service.ts';
import { bankFile, importBankResult } from '../../benefits/payroll/payroll.bank.ts';
import { useDemoCity } from '../supervision.testing.ts';
import { concludeCase, getCase, offsetAgainstBenefits, openCase, recordRecovery } from './cases.service.ts';

const PERIOD = todayInChina().slice(0, 7);
const pensioner = { idNumber: '', region: '', personId: '', monthly: 0n, fund: '' };
let medicalFund = '';

const { skip, db } = useDemoCity({ persons: 400, employers: 12, years: 2, seed: 41, password: 'demo-pass-2024' }, async ({ owner }) => {
  // a pensioner of the province's pension fund whose amount in force this month is the award's own (no adjustment)
  const { rows } = await owner.query<{ id_number: string; region_code: string; person_id: string; monthly: string; fund_code: string }>(`
    select p.id_number, a.region_code, a.person_id::text, pension_amount_in(a.person_id, a.id, $1)::text as monthly, a.fund_code
      from pension_award a join person p on p.id = a.person_id
     where a.status = 'active' and a.first_period <= $1 order by a.person_id limit 1`, [PERIOD]);
  assert.ok(rows.length, 'the demo city has a pensioner');
  Object.assign(pensioner, { idNumber: rows[0].id_number, region: rows[0].region_code, personId: rows[0].person_id, monthly: BigInt(rows[0].monthly), fund: rows[0].fund_code });
  medicalFund = (await owner.query<{ code: string }>(`select code from fund where insurance = 'medical' order by code limit 1`)).rows[0].code;
});

const auditor: Actor = { userId: 880_101n, username: 'audit.offset-test', role: 'auditor', regionCode: '990100' };
const recorder = systemActor('recovery', ['pension.recovery.record']);
const payroll = systemActor('payroll', ['payroll.run', 'payroll.bank', 'benefits.read', 'approvals.read', 'personal.full.read']);
const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { return error as Error & { status: number; field?: string }; }
  assert.fail('not refused');
};

test('a case kept back from the pension: at most the month\'s share, recorded and booked on the payroll\'s approval, shown on the case', { skip }, async () => {
  const { monthly, fund } = pensioner;
  // the case owes the whole month's pension for the pension fund, and 100.00 for the medical fund
  const opened = await openCase(db.database, auditor, { subjectKind: 'person', subject: pensioner.idNumber, kind: 'other', amountInvolved: formatYuan(monthly + 10000n), region: pensioner.region, reason: '冒领养老金，立案调查' });
  await signOff(db.database, opened.openingItemId);
  const submitted = await concludeCase(db.database, auditor, BigInt(opened.id), {
    violation: 'established', amounts: [{ fund, amount: formatYuan(monthly) }, { fund: medicalFund, amount: '100.00' }], legalBasis: '社会保险法 第八十八条；社会保险经办条例 第四十六条',
  });
  await signOff(db.database, submitted.conclusionItemId!);
  const caseId = BigInt(opened.id);

  const noPension = await refusal(offsetAgainstBenefits(db.database, auditor, caseId, { fund: medicalFund, amount: '100.00' }));
  assert.deepEqual([noPension.status, noPension.field], [409, 'fund']);
  assert.match(noPension.message, new RegExp(`draws no pension from ${medicalFund}`));
  const tooMuch = await refusal(offsetAgainstBenefits(db.database, auditor, caseId, { fund, amount: formatYuan(monthly + 1n) }));
  assert.deepEqual([tooMuch.status, tooMuch.field], [409, 'amount']);

  const handed = await offsetAgainstBenefits(db.database, auditor, caseId, { fund, amount: formatYuan(monthly) });
  assert.equal(handed.status, 'recovering');
  assert.deepEqual(handed.funds.find((f) => f.fund === fund), { fund, amount: formatYuan(monthly), recovered: '0.00', outstanding: formatYuan(monthly), offsetting: formatYuan(monthly) });
  assert.deepEqual(handed.offsets.map((o) => [o.fund, o.amount, o.recovered, o.status]), [[fund, formatYuan(monthly), '0.00', 'open']]);
  // what the payroll is to keep back is not recovered in money as well
  const twice = await refusal(recordRecovery(db.database, auditor, caseId, { fund, amount: '0.01', recoveredOn: todayInChina(), bankReference: 'B1' }));
  assert.deepEqual([twice.status, twice.field], [409, 'amount']);

  // the payroll keeps back the month's share (rounded down to the fen), the rest of the month is paid
  const share = getParameters().rate('benefits.payroll.offset_share', `${PERIOD}-01`, fund.slice(fund.lastIndexOf('-') + 1));
  const keptBack = multiplyFen(monthly, share, 'down');
  assert.ok(keptBack > 0n && keptBack < monthly, `the share (${keptBack} of ${monthly}) leaves part of the month paid`);
  const { summary } = await runPayroll(db.database, payroll, { period: PERIOD });
  const batch = summary.batches.find((b) => b.fund === fund)!;
  assert.deepEqual([batch.offset, batch.payable], [formatYuan(keptBack), formatYuan(BigInt(batch.total.replace('.', '')) - keptBack)]);
  const lines = (await batchLinesPage(db.database, payroll, BigInt(batch.id), {}, { limit: 10_000 })).items;
  const line = lines.find((l) => l.idNumber === pensioner.idNumber)!;
  assert.deepEqual([line.amount, line.amountOffset], [formatYuan(monthly), formatYuan(keptBack)]);
  assert.deepEqual(lines.filter((l) => l.amountOffset !== '0.00').map((l) => l.reference), [line.reference], 'no other pensioner owes anything');

  // until the payroll is approved, the overpayment cannot be refunded beyond what the payroll leaves
  const [overpayment] = (await db.owner.query<{ id: string }>(`select id::text from benefit_overpayment where case_id = $1`, [opened.id])).rows;
  const refund = await refusal(recordOverpaymentRecovery(db.database, recorder, BigInt(overpayment.id), { recoveryMethod: 'refund', amount: formatYuan(monthly - keptBack + 1n), recoveredOn: todayInChina(), reference: 'R1' }));
  assert.deepEqual([refund.status, refund.field], [409, 'amount']);
  assert.match(refund.message, new RegExp(`the ${formatYuan(monthly - keptBack)} that can be recorded`));

  // the final approval records the recovery and books it; the transfer asked of finance is the batch's payable
  const approved = await signOff(db.database, batch.approvalItemId!);
  const transfer = approved.result as { transferItem?: string; offset: string };
  assert.equal(transfer.offset, formatYuan(keptBack));
  const recoveries = (await db.owner.query<{ method: string; amount: string; reference: string }>(
    `select method, amount::text, reference from benefit_overpayment_recovery where overpayment_id = $1`, [overpayment.id])).rows;
  assert.deepEqual(recoveries, [{ method: 'offset', amount: String(keptBack), reference: line.reference }]);
  const accounts = payrollAccounts('pension', PERIOD);
  const booked = (await db.owner.query<{ code: string; debit: string; credit: string }>(`
    select a.code, l.debit::text, l.credit::text from accounting_entry e
      join accounting_entry_line l on l.fund_id = e.fund_id and l.entry_id = e.id join fund_account a on a.id = l.account_id
     where e.source_type = 'payroll_batch' and e.source_id = $1 order by l.line_number`, [batch.id])).rows;
  assert.deepEqual(booked, [{ code: accounts.pensionExpense, debit: String(keptBack), credit: '0' }, { code: '4009', debit: '0', credit: String(keptBack) }],
    'Dr 基本养老金支出 / Cr 其他收入: the month paid in full, part of it in kind');

  // funded, the bank file pays the month less what was kept back; its result books that from the 支出户
  if (transfer.transferItem) await signOff(db.database, transfer.transferItem, [testUser('finance', 31)]);
  const file = (await bankFile(db.database, payroll, { period: PERIOD, fund })).content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((row) => row.split(','));
  assert.deepEqual(file.find((row) => row[0] === line.reference)?.[4], formatYuan(monthly - keptBack));
  const paid = await importBankResult(db.database, payroll, { fileName: 'result.csv', content: Buffer.from(`reference,status\n${line.reference},paid\n`) });
  assert.equal(paid.paidAmount, formatYuan(monthly - keptBack));

  const after = await getCase(db.database, auditor, caseId);
  assert.deepEqual(after.funds.find((f) => f.fund === fund), {
    fund, amount: formatYuan(monthly), recovered: formatYuan(keptBack), outstanding: formatYuan(monthly - keptBack), offsetting: formatYuan(monthly - keptBack),
  });
  assert.deepEqual([after.recovered, after.canClose], [formatYuan(keptBack), false]);
  assert.deepEqual(after.steps.map((s) => s.step).slice(-1), ['offset_opened']);
});

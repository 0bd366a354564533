import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatYuan, multiplyFen, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { getTrialBalance, listFunds } from '../../ledger/index.ts';
import { listBills } from '../billing/bills.service.ts';
import { employerArrears } from '../arrears/arrears.service.ts';
import { listPayments, recordPayment, reversePayment } from './payments.service.ts';
import { billPeriod, EMPLOYER_A, seedCollection } from './payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test');
let test_: TestDatabase;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedCollection(test_.database);
  await billPeriod(test_.database, '2026-01');
});
after(() => test_?.drop());

/** What the individual accounts hold for the employer's January, per person. */
const januaryCredits = async () => (await sql<{ amount: string }>`
  select sum(e.amount)::text as amount from individual_account_entry e join employer r on r.id = e.employer_id
  where r.credit_code = ${EMPLOYER_A} and e.period = '2026-01' and e.kind = 'contribution' group by e.person_id order by e.person_id`.execute(test_.database.db)).rows.map((r) => formatYuan(BigInt(r.amount)));

/** The income bank account (1002) closing balance over every fund, in the current month. */
async function incomeAccountClosing() {
  let closing = 0n;
  for (const fund of await listFunds(test_.database, actor)) {
    const line = (await getTrialBalance(test_.database, actor, fund.code, todayInChina().slice(0, 7))).accounts.find((a) => a.code === '1002');
    if (line) closing += parseYuan(line.closing);
  }
  return formatYuan(closing);
}

async function rejected(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
}

test('冲正: a reversed payment never arrived — arrears and late fee as if unpaid, ledger and individual accounts back to zero', { skip }, async () => {
  const [bill] = (await listBills(test_.database, actor, { employer: EMPLOYER_A, period: '2026-01' })).bills;
  const pensionEmployee = bill.lines!.filter((l) => l.insurance === 'pension').map((l) => l.employeeAmount!);
  const paid = await recordPayment(test_.database, actor, { creditCode: EMPLOYER_A, date: '2026-02-10', amount: bill.total, reference: bill.number });
  assert.equal(paid.allocated, bill.total);
  assert.deepEqual(await januaryCredits(), pensionEmployee);
  assert.equal(await incomeAccountClosing(), bill.total);
  assert.deepEqual((await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: '2026-02-25' })).principal, '0.00');

  assert.equal((await rejected(reversePayment(test_.database, actor, { paymentId: BigInt(paid.id), reason: ' ' }))).field, 'reason');
  const reversal = await reversePayment(test_.database, actor, { paymentId: BigInt(paid.id), reason: '银行退票 bounced transfer' });
  assert.equal(reversal.amount, bill.total);
  assert.ok(reversal.entriesReversed >= 3, 'one receipt entry per fund reversed');

  // arrears: principal due again, late fee from the day after the due date (2026-02-15) as if never paid
  const arrears = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: '2026-02-25' });
  assert.equal(arrears.principal, bill.total);
  assert.equal(arrears.lateFee, formatYuan(multiplyFen(parseYuan(bill.total) * 10n, parseDecimal('0.0005'))));
  // individual accounts debited back, the income account back to zero, the payment listed as reversed with nothing allocated
  assert.deepEqual(await januaryCredits(), pensionEmployee.map(() => '0.00'));
  assert.equal(await incomeAccountClosing(), '0.00');
  const [listed] = (await listPayments(test_.database, actor, { employer: EMPLOYER_A })).items;
  assert.deepEqual([listed.allocated, listed.reversed?.reason], ['0.00', '银行退票 bounced transfer']);
  const again = await rejected(reversePayment(test_.database, actor, { paymentId: BigInt(paid.id), reason: 'twice' }));
  assert.equal(again.status, 409);

  // paid again properly: the accounts are credited once more
  await recordPayment(test_.database, actor, { creditCode: EMPLOYER_A, date: '2026-02-20', amount: formatYuan(parseYuan(bill.total) + parseYuan(arrears.lateFee) / 2n) });
  assert.deepEqual(await januaryCredits(), pensionEmployee);
});

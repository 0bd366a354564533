import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatYuan, multiplyFen, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { addDays, getTrialBalance, listFunds } from '../../ledger/index.ts';
import { listBills } from '../billing/bills.service.ts';
import { employerArrears } from '../arrears/arrears.service.ts';
import { decide, drafterAction, getApproval } from '../../../platform/signoff/signoff.service.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { listPayments, recordPayment, requestPaymentReversal } from './payments.service.ts';
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from './payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test');
/** The 经办 who asks for a reversal: holds the request permission only. */
const requester = systemActor('test', ['payment.reverse.request']);
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
  const [bill] = (await listBills(test_.database, actor, { employer: EMPLOYER_A, period: '2026-01' }, { limit: 20 })).items;
  const pensionEmployee = bill.lines!.filter((l) => l.insurance === 'pension').map((l) => l.employeeAmount!);
  const tenDaysLate = addDays(bill.dueDate, 10);
  const paid = await recordPayment(test_.database, actor, { creditCode: EMPLOYER_A, date: '2026-02-10', amount: bill.total, reference: bill.number });
  assert.equal(paid.allocated, bill.total);
  assert.deepEqual(await januaryCredits(), pensionEmployee);
  assert.equal(await incomeAccountClosing(), bill.total);
  assert.deepEqual((await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: tenDaysLate })).principal, '0.00');

  assert.equal((await rejected(requestPaymentReversal(test_.database, requester, { paymentId: BigInt(paid.id), reason: ' ' }))).field, 'reason');
  assert.equal((await rejected(requestPaymentReversal(test_.database, actor, { paymentId: BigInt(paid.id), reason: '银行退票 bounced transfer' }))).status, 403, 'asking needs payment.reverse.request');
  const item = await requestPaymentReversal(test_.database, requester, { paymentId: BigInt(paid.id), reason: '银行退票 bounced transfer' });
  assert.deepEqual([item.kind, item.status, item.amount, item.levels.map((l) => l.label)], ['payment.reversal', 'pending', bill.total, ['复核']], 'below 10,000.00 the review level only');
  // nothing changes while the request waits
  assert.deepEqual(await januaryCredits(), pensionEmployee);
  assert.equal(await incomeAccountClosing(), bill.total);
  const approved = await signOff(test_.database, item);
  assert.equal(approved.status, 'approved');
  const reversal = approved.result as { amount: string; entriesReversed: number };
  assert.equal(reversal.amount, bill.total);
  assert.ok(reversal.entriesReversed >= 3, 'one receipt entry per fund reversed');

  // arrears: principal due again, late fee from the day after the due date as if never paid: 10 days of 0.05%
  const arrears = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: tenDaysLate });
  assert.equal(arrears.principal, bill.total);
  assert.equal(arrears.lateFee, formatYuan(multiplyFen(parseYuan(bill.total) * 10n, parseDecimal('0.0005'))));
  // individual accounts debited back, the income account back to zero, the payment listed as reversed with nothing allocated
  assert.deepEqual(await januaryCredits(), pensionEmployee.map(() => '0.00'));
  assert.equal(await incomeAccountClosing(), '0.00');
  const [listed] = (await listPayments(test_.database, actor, { employer: EMPLOYER_A }, { limit: 50 })).items;
  assert.deepEqual([listed.allocated, listed.reversed?.reason], ['0.00', '银行退票 bounced transfer']);
  const again = await rejected(requestPaymentReversal(test_.database, requester, { paymentId: BigInt(paid.id), reason: 'twice' }));
  assert.equal(again.status, 409);

  // paid again properly: the accounts are credited once more
  await recordPayment(test_.database, actor, { creditCode: EMPLOYER_A, date: addDays(bill.dueDate, 5), amount: formatYuan(parseYuan(bill.total) + parseYuan(arrears.lateFee) / 2n) });
  assert.deepEqual(await januaryCredits(), pensionEmployee);
});

test('冲正 from 10,000.00: 复核 then 审批 by two people; the requester never decides; a return needs a reason and reverses nothing', { skip }, async () => {
  const paid = await recordPayment(test_.database, actor, { creditCode: EMPLOYER_B, date: '2026-02-10', amount: '10000.00' });
  // a reviewer asks: they hold the review permission too, and still never decide their own request
  const drafter = testUser('reviewer', 10);
  const item = await requestPaymentReversal(test_.database, drafter, { paymentId: BigInt(paid.id), reason: '重复到账 duplicate' });
  assert.deepEqual(item.levels.map((l) => l.label), ['复核', '审批']);
  const id = BigInt(item.id);
  const reversedOf = async () => (await listPayments(test_.database, actor, { employer: EMPLOYER_B }, { limit: 50 })).items.find((p) => p.id === paid.id)!.reversed;

  const own = await rejected(decide(test_.database, drafter, id, 'approve', null));
  assert.deepEqual([own.status, own.code], [403, 'separation_of_duties'], 'the requester never decides');
  // a reviewer signs 复核; an approver-only level is not theirs, and the same person never signs both levels
  const reviewer = testUser('reviewer', 11), approver = testUser('approver', 12);
  assert.equal((await rejected(decide(test_.database, approver, id, 'approve', null))).status, 403, '复核 needs payment.reverse.review');
  const both = systemActor('both-levels', ['payment.reverse.review', 'payment.reverse.approve', 'approvals.read']);
  assert.equal((await decide(test_.database, both, id, 'approve', null)).nextLevel?.label, '审批');
  const twice = await rejected(decide(test_.database, both, id, 'approve', null));
  assert.deepEqual([twice.status, twice.code], [403, 'separation_of_duties'], 'the same user never signs two levels');
  assert.equal(await reversedOf(), null, 'one level signed: nothing reversed yet');

  // 审批 returns it: a return needs a reason, and reverses nothing
  assert.equal((await rejected(decide(test_.database, approver, id, 'return', ' '))).status, 400);
  const returned = await decide(test_.database, approver, id, 'return', '请附银行退票凭证');
  assert.equal(returned.status, 'returned');
  assert.equal(await reversedOf(), null);

  // resubmitted, every level signs again (two different people), then the payment is reversed
  await drafterAction(test_.database, drafter, id, 'resubmit', '已附凭证');
  const approved = await signOff(test_.database, item, [reviewer, approver]);
  assert.equal(approved.status, 'approved');
  assert.deepEqual((await getApproval(test_.database, reviewer, id)).timeline.map((s) => `${s.action}:${s.username}`),
    ['submit:reviewer.test10', 'approve:system:both-levels', 'return:approver.test12', 'resubmit:reviewer.test10', 'approve:reviewer.test11', 'approve:approver.test12']);
  assert.equal((await reversedOf())?.reason, '重复到账 duplicate');
});

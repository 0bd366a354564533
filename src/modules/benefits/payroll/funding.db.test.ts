/**
 * What the 支出户 already holds pays first (ledger expense-account.service): on the demo city, whose funds went live
 * with their balance in the 支出户, the month's pension payroll and the medical pre-allocation are funded on their final
 * approval with no 用款申请 and nothing taken from the 财政专户; signed off and not yet paid, they are spoken for, so
 * the free balance drops by them before a single yuan leaves; paid, the balance itself has dropped instead.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { listApprovals } from '../../../platform/signoff/signoff.service.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { accountBalanceNow, expenseAccountFunding } from '../../ledger/index.ts';
import { holdInExpenseAccount } from '../../ledger/ledger.testing.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { payPrepayment, runPrepayment } from '../../medical/prepayment/prepayment.service.ts';
import { payrollAccounts, runPayroll } from './payroll.service.ts';
import { bankFile, importBankResult } from './payroll.bank.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const TODAY = todayInChina(), PERIOD = TODAY.slice(0, 7);
const actor = systemActor('funding', ['payroll.run', 'payroll.bank', 'benefits.read', 'approvals.read', 'personal.full.read', 'medical.read', 'medical.settle']);
const reviewer = testUser('reviewer', 31), approver = testUser('approver', 32), finance = testUser('finance', 33);
const PENSION = 'pension-990000', MEDICAL = 'medical-990100';

let db: TestDatabase;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 13, password: 'demo-pass-2024' });
});
after(async () => { await db?.drop(); });

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const accounts = payrollAccounts('pension', PERIOD);
const balance = (fund: string, account: string) => inScope(db.database, systemActor('test'), (tx) => accountBalanceNow(tx, fund, account));
const free = (fund: string) => inScope(db.database, systemActor('test'), async (tx) => (await expenseAccountFunding(tx, fund, 0n, TODAY)).free);
/** Finance moved the fund's go-live balance (期初建账, held in its 财政专户) to the 支出户 beforehand: the 支出户 covers
 * what these tests pay. Its balance after the move. */
async function allocatedBeforehand(fund: string, specialBank: string, expenseBank: string): Promise<bigint> {
  const goLive = await balance(fund, specialBank);
  assert.ok(goLive > 0n, `the demo holds ${fund}'s go-live balance in the 财政专户`);
  await holdInExpenseAccount(db.database, fund, await balance(fund, expenseBank) + goLive);
  return balance(fund, expenseBank);
}
const csvRows = (content: Buffer) => content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));

test('a payroll the 支出户 covers: funded on its approval without a 用款申请, spoken for until the bank pays it', { skip }, async () => {
  const goLive = await allocatedBeforehand(PENSION, accounts.specialBank, accounts.expenseBank);
  assert.equal(await balance(PENSION, accounts.specialBank), 0n, 'nothing left in the 财政专户');
  assert.equal(await free(PENSION), goLive, 'nothing signed off yet: all of it is free');

  const { summary } = await runPayroll(db.database, actor, { period: PERIOD });
  const batch = summary.batches.find((b) => b.fund === PENSION)!;
  assert.equal(await free(PENSION), goLive, 'a batch in sign-off speaks for nothing yet');
  for (const b of summary.batches) await signOff(db.database, b.approvalItemId!, [reviewer, approver]);

  const after = (await runPayroll(db.database, actor, { period: PERIOD })).summary.batches.find((b) => b.fund === PENSION)!;
  assert.deepEqual([after.status, after.transferRequestId], ['funded', null], 'funded at once, no transfer request');
  const pensionTransfers = (await listApprovals(db.database, finance, { status: 'pending', kind: 'fund.transfer' })).items.filter((item) => (item.payload as { fund: string }).fund === PENSION);
  assert.equal(pensionTransfers.length, 0, 'nothing waits for finance');
  assert.equal(await balance(PENSION, accounts.specialBank), 0n, 'the 财政专户 gave nothing');
  assert.equal(await free(PENSION), goLive - fen(batch.total), 'the signed-off batch is spoken for before it is paid');

  const rows = csvRows((await bankFile(db.database, actor, { period: PERIOD })).content).slice(1);
  await importBankResult(db.database, actor, { fileName: 'result.csv', content: Buffer.from(['reference,status,reason', ...rows.map((r) => `${r[0]},paid,`)].join('\n')) });
  assert.equal(await balance(PENSION, accounts.expenseBank), goLive - fen(batch.total), 'paid from the 支出户');
  assert.equal(await free(PENSION), goLive - fen(batch.total), 'paid, it is no longer spoken for: the balance dropped instead');
});

test('a medical pre-allocation the 支出户 covers: no transfer posted, spoken for until paid', { skip }, async () => {
  const [special, expenseBank] = ['1003', '1004'];
  const goLive = await allocatedBeforehand(MEDICAL, special, expenseBank);
  // the demo's maternity claims' orders, approved and not yet paid, are spoken for already
  const spoken = goLive - await free(MEDICAL);
  const run = await runPrepayment(db.database, actor, { month: PERIOD, region: '990100' });
  await signOff(db.database, run.approvalItemId!, [reviewer, approver]);
  const transfer = (await db.owner.query(`select transfer_entry_id, status from medical_prepayment_run where month = $1`, [PERIOD])).rows[0];
  assert.deepEqual([transfer.status, transfer.transfer_entry_id], ['approved', null], 'approved with no 用款 posted');
  assert.equal(await balance(MEDICAL, special), 0n);
  assert.equal(await free(MEDICAL), goLive - spoken - fen(run.total), 'the approved month is spoken for');
  await payPrepayment(db.database, actor, { month: PERIOD, region: '990100' });
  assert.deepEqual([await balance(MEDICAL, expenseBank), await free(MEDICAL)], [goLive - fen(run.total), goLive - spoken - fen(run.total)]);
});

/**
 * One-off benefit payment orders on a small demo city: a month's payroll paid, then a pensioner's death recorded with
 * that month overpaid; the survivors' funeral grant ordered and signed off (复核, 审批) offsets the overpayment (a
 * recovery of method offset, booked back to 基本养老金), its 用款申请 funds the rest; the survivor pension ordered too
 * (nothing left to offset). Both ride in the next bank file after the payroll's returned line; the funeral grant comes
 * back once and is sent again; paid, each books Dr 丧葬补助金和抚恤金 / Cr 支出户 and its entitlement is paid — every
 * account moved to the fen. Then the exports over HTTP: the awards list and the batches list as files, as many rows as
 * the lists count.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { decide, listApprovals } from '../../../platform/signoff/signoff.service.ts';
import { buildServer, type App } from '../../../platform/http/server.ts';
import { loadConfig } from '../../../platform/config.ts';
import { signIn, type Client } from '../../../platform/testing/http.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { accountBalanceNow, addMonths } from '../../ledger/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { importDeaths, listEntitlements, listOverpayments, payEntitlement } from '../deaths/deaths.service.ts';
import { deathRoutes } from '../deaths/deaths.routes.ts';
import { payrollAccounts, runPayroll } from './payroll.service.ts';
import { payrollRoutes } from './payroll.routes.ts';
import { bankFile, importBankResult } from './payroll.bank.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PERIOD = todayInChina().slice(0, 7);
const FUND = 'pension-990000';
const actor = systemActor('payment-orders', ['payroll.run', 'payroll.bank', 'benefits.read', 'approvals.read', 'personal.full.read', 'pension.death.import']);
const operator = testUser('operator', 21), reviewer = testUser('reviewer', 22), approver = testUser('approver', 23), finance = testUser('finance', 24);

let db: TestDatabase, app: App, provinceReviewer: Client;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 13, password: 'demo-pass-2024' });
  app = await buildServer({ ...loadConfig(), logLevel: 'silent' }, db.database, [payrollRoutes, deathRoutes], { checkResponses: true });
  await app.ready();
  provinceReviewer = await signIn(app, 'review.990000', 'demo-pass-2024');
});
after(async () => { await app?.close(); await db?.drop(); });

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const csvRows = (content: Buffer) => content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
const resultFile = (name: string, rows: string[][]) => ({ fileName: name, content: Buffer.from(['reference,status,reason', ...rows.map((r) => r.join(','))].join('\n')) });
const deathFile = (rows: string[][]) => ({ fileName: 'deaths.csv', content: Buffer.from(['idNumber,dateOfDeath', ...rows.map((r) => r.join(','))].join('\n')) });
const approveTransfers = async () => {
  // the pension funds' (the demo's claims leave their own 用款申请 for their grants)
  const pension = (await listApprovals(db.database, finance, { status: 'pending', kind: 'fund.transfer' })).items.filter((item) => /pension/.test((item.payload as { fund: string }).fund));
  for (const item of pension) await decide(db.database, finance, BigInt(item.id), 'approve', '同意拨付');
};

test('a survivors\' grant ordered, offset against the overpaid month, funded, returned once, re-sent and paid: booked to the fen', { skip }, async () => {
  const accounts = { ...payrollAccounts('pension', PERIOD), grants: '500103' };
  const balances = async () => inScope(db.database, systemActor('test'), async (tx) => ({
    special: await accountBalanceNow(tx, FUND, accounts.specialBank), expenseBank: await accountBalanceNow(tx, FUND, accounts.expenseBank),
    pension: await accountBalanceNow(tx, FUND, accounts.pensionExpense), grants: await accountBalanceNow(tx, FUND, accounts.grants),
  }));
  const start = await balances();

  // the month's payroll, signed off, funded and paid — but for one line the bank returns
  const { summary } = await runPayroll(db.database, actor, { period: PERIOD });
  for (const batch of summary.batches) await signOff(db.database, batch.approvalItemId!, [reviewer, approver]);
  await approveTransfers();
  const payroll = csvRows((await bankFile(db.database, actor, { period: PERIOD })).content).slice(1);
  const awards = (await db.owner.query<{ reference: string; id_number: string; monthly: string }>(`select l.reference, p.id_number, l.amount::text as monthly
    from payroll_line l join payroll_batch b on b.id = l.batch_id join person p on p.id = l.person_id
    where b.fund_code = $1 and l.amount < 500000 order by l.reference limit 2`, [FUND])).rows;
  const [deceased, returnedLine] = awards;
  await importBankResult(db.database, actor, resultFile('payroll-result.csv', payroll.map((r) => [r[0], r[0] === returnedLine.reference ? 'returned' : 'paid', r[0] === returnedLine.reference ? '账户冻结' : ''])));
  const payrollTotal = summary.batches.find((b) => b.fund === FUND)!.total;

  // died on the last day of last month: this month's pension is overpaid
  const dateOfDeath = `${addMonths(PERIOD, -1)}-28`;
  await importDeaths(db.database, actor, deathFile([[deceased.id_number, dateOfDeath]]));
  const monthly = BigInt(deceased.monthly);
  const [overpayment] = (await listOverpayments(db.database, actor, { status: 'open' }, { limit: 10 })).items;
  assert.deepEqual([overpayment.idNumber, overpayment.amount], [deceased.id_number, (Number(monthly) / 100).toFixed(2)]);
  const entitlements = (await listEntitlements(db.database, actor, { status: 'pending' }, { limit: 10 })).items;
  const funeral = entitlements.find((e) => e.kind === 'funeral_grant')!, survivor = entitlements.find((e) => e.kind === 'survivor_pension')!;
  assert.deepEqual([funeral.amount, survivor.amount, funeral.fund], ['5000.00', (Number(monthly * 10n) / 100).toFixed(2), FUND]);

  // ordered: refused without a proper payee, then queued; a second order of the same entitlement is refused
  const payee = { payeeName: '王小红', payeeIdNumber: '11010519491231002X', bankAccount: '6217001234567890123' };
  const refused = await payEntitlement(db.database, operator, BigInt(funeral.id), { ...payee, payeeIdNumber: '110105194912310021', bankAccount: '12' }).catch((error: Error & { status?: number }) => error);
  assert.equal((refused as { status?: number }).status, 400);
  assert.match((refused as Error).message, /payee ID number/);
  const funeralOrder = await payEntitlement(db.database, operator, BigInt(funeral.id), payee);
  assert.deepEqual([funeralOrder.status, funeralOrder.subjectCode, funeralOrder.amount, funeralOrder.reference], ['pending', '500103', '5000.00', `DC${funeralOrder.id}`]);
  assert.equal((await payEntitlement(db.database, operator, BigInt(funeral.id), payee).catch((error: { status?: number }) => error) as { status?: number }).status, 409);
  // the survivor pension ordered over HTTP (the answer checked against its schema), by the province's reviewer
  const ordered = await provinceReviewer.json('POST', `/api/pension/entitlements/${survivor.id}/payment`, payee);
  assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
  const survivorOrder = ordered.body as typeof funeralOrder;
  assert.deepEqual([survivorOrder.amount, survivorOrder.amountOffset, survivorOrder.status], [survivor.amount, '0.00', 'pending']);

  // 复核 and 审批 (the operator submitted: three people), the funeral grant first: it takes the overpaid month
  const approved = await signOff(db.database, funeralOrder.approvalItemId!, [operator, reviewer, approver]);
  assert.deepEqual(approved.levels.map((l) => l.label), ['复核', '审批']);
  await signOff(db.database, survivorOrder.approvalItemId!, [reviewer, approver]);
  const waiting = (await provinceReviewer.json('GET', '/api/pension/entitlements?status=pending')).body.items;
  assert.deepEqual(waiting.map((e: { orderStatus: string }) => e.orderStatus), ['approved', 'approved'], 'both signed off, awaiting funds, neither paid yet');
  const recovered = (await listOverpayments(db.database, actor, {}, { limit: 10 })).items[0];
  assert.deepEqual([recovered.status, recovered.recovered], ['recovered', overpayment.amount], 'the overpaid month is offset in full');
  const recovery = (await db.owner.query(`select method, amount::text, reference from benefit_overpayment_recovery`)).rows;
  assert.deepEqual(recovery, [{ method: 'offset', amount: String(monthly), reference: funeralOrder.reference }]);
  const orders = async () => Object.fromEntries((await db.owner.query<{ reference: string; status: string; amount_offset: string; return_count: number }>(
    `select reference, status, amount_offset::text, return_count from benefit_payment_order`)).rows.map((o) => [o.reference, o]));
  assert.deepEqual([(await orders())[funeralOrder.reference].amount_offset, (await orders())[survivorOrder.reference].amount_offset], [String(monthly), '0']);
  await approveTransfers();
  const funeralPayable = 500000n - monthly, survivorPayable = monthly * 10n;

  // the next bank file: the payroll's returned line first, then the orders to the survivor
  const second = csvRows((await bankFile(db.database, actor, { period: PERIOD })).content);
  assert.deepEqual(second.slice(1).map((r) => r[0]), [returnedLine.reference, ...[funeralOrder.reference, survivorOrder.reference].sort()], 'the payroll line, then the orders (DC sorts before YL)');
  const orderRows = second.slice(2);
  assert.deepEqual(orderRows.map((r) => [r[1], r[2], r[3]]), [[payee.payeeIdNumber, payee.payeeName, payee.bankAccount], [payee.payeeIdNumber, payee.payeeName, payee.bankAccount]]);
  const amountOf = (rows: string[][], reference: string) => rows.find((r) => r[0] === reference)![4];
  assert.deepEqual([fen(amountOf(orderRows, funeralOrder.reference)), fen(amountOf(orderRows, survivorOrder.reference))], [funeralPayable, survivorPayable], 'the orders pay what is left after the offset');

  // the funeral grant comes back, the rest is paid
  await importBankResult(db.database, actor, resultFile('result-2.csv', [[returnedLine.reference, 'paid', ''], [funeralOrder.reference, 'returned', '户名不符'], [survivorOrder.reference, 'paid', '']]));
  assert.deepEqual([(await orders())[funeralOrder.reference].status, (await orders())[funeralOrder.reference].return_count, (await orders())[survivorOrder.reference].status], ['returned', 1, 'paid']);
  const third = csvRows((await bankFile(db.database, actor, { period: PERIOD })).content).slice(1);
  assert.deepEqual(third.map((r) => [r[0], fen(r[4])]), [[funeralOrder.reference, funeralPayable]], 'the returned order is sent again, alone');
  await importBankResult(db.database, actor, resultFile('result-3.csv', [[funeralOrder.reference, 'paid', '']]));
  assert.equal((await orders())[funeralOrder.reference].status, 'paid');
  assert.deepEqual((await listEntitlements(db.database, actor, {}, { limit: 10 })).items.map((e) => [e.kind, e.status, e.orderStatus]).sort(),
    [['funeral_grant', 'paid', 'paid'], ['survivor_pension', 'paid', 'paid']]);
  const events = (await db.owner.query(`select event, count(*)::int as n from benefit_payment_order_event group by event order by event`)).rows;
  assert.deepEqual(events, [{ event: 'paid', n: 2 }, { event: 'returned', n: 1 }, { event: 'sent', n: 3 }]);

  // to the fen: the 财政专户 paid the payroll and the orders' payable parts, all of it left the 支出户, the grants'
  // subject carries both grants in full, 基本养老金 the payroll less the month taken back
  const end = await balances();
  assert.deepEqual({
    special: start.special - end.special, expenseBank: end.expenseBank - start.expenseBank, pension: end.pension - start.pension, grants: end.grants - start.grants,
  }, { special: fen(payrollTotal) + funeralPayable + survivorPayable, expenseBank: 0n, pension: fen(payrollTotal) - monthly, grants: 500000n + monthly * 10n });
});

test('exports: the awards list (by ID number too) and the batches list as files have as many rows as the lists count', { skip }, async () => {
  const fileRows = async (url: string) => {
    const response = await provinceReviewer.request('GET', url);
    assert.equal(response.statusCode, 200, url);
    return csvRows(response.rawPayload).length - 1;
  };
  const awards = (await provinceReviewer.json('GET', '/api/pension/awards?status=active&limit=5')).body;
  assert.ok(awards.total > 5, `several active awards (${awards.total})`);
  assert.equal(await fileRows('/api/pension/awards?status=active&format=csv'), awards.total, 'a row per active award');
  const one = awards.items[1];
  const byIdNumber = (await provinceReviewer.json('GET', `/api/pension/awards?idNumber=${one.idNumber}`)).body;
  assert.deepEqual([byIdNumber.total, byIdNumber.items[0].id], [1, one.id]);
  assert.equal(await fileRows(`/api/pension/awards?idNumber=${one.idNumber}&format=csv`), 1);

  await runPayroll(db.database, actor, { period: addMonths(PERIOD, -1) });
  const batches = (await provinceReviewer.json('GET', '/api/payroll/batches?limit=1')).body;
  assert.ok(batches.total >= 2, `the payroll's batches of two months (${batches.total})`);
  assert.equal(await fileRows('/api/payroll/batches?format=csv'), batches.total, 'a row per batch');
  const xlsx = await provinceReviewer.request('GET', '/api/payroll/batches?format=xlsx');
  assert.deepEqual([xlsx.statusCode, xlsx.rawPayload.subarray(0, 2).toString()], [200, 'PK'], 'the same list as a workbook');
});

/**
 * 缴费凭证 (GET /api/payments/:id): the receipt of a recorded payment — amount in capitals, what it paid (bill parts,
 * late fee, the credit left), each fund's income account it was booked to (the ledger's number or 未设置), the agency,
 * the 经办人 from the account that recorded it, and a reversed payment's 已冲正 in large type. Staff in scope and the
 * employer's own account read it; another employer's account and a county outside get 404.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { closePdfBrowser } from '../../../platform/reports/pdf.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { INCOME_BANK_ACCOUNT } from '../fund-accounts.ts';
import { paymentRoutes } from './payments.routes.ts';
import { requestPaymentReversal } from './payments.service.ts';
import { paymentReceiptPage } from './receipt.page.ts';
import type { PaymentReceipt } from './receipt.service.ts';
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from './payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PENSION_ACCOUNT_NUMBER = '1100 2233 4455 6677 889';

let server: TestServer;
let operator: Client, clerkA: Client, clerkB: Client, westOperator: Client;
/** A's payment: 8,000.05 on 2026-03-01, five days after the due date; B's: 3,620.00 from the bank's file, then reversed. */
let paymentA: string, paymentB: string;

before(async () => {
  if (skip) return;
  server = await startTestServer([paymentRoutes]);
  const { database } = server.test;
  const { employerA, employerB } = await seedCollection(database);
  await billPeriod(database, '2026-01');
  await database.db.insertInto('agency').values({ id: newId(), region_code: '990100', name: '示范市社会保险事业管理中心' }).execute();
  const pension = await database.db.selectFrom('fund').select('id').where('code', '=', 'pension-990000').executeTakeFirstOrThrow();
  await database.db.updateTable('fund_account').set({ bank_account_number: PENSION_ACCOUNT_NUMBER }).where('fund_id', '=', pension.id).where('code', '=', INCOME_BANK_ACCOUNT).execute();
  operator = await addUser(server, 'op.east', 'operator', '990102');
  await database.db.updateTable('app_user').set({ display_name: '张敏' }).where('username', '=', 'op.east').execute();
  clerkA = await addUser(server, 'hr.a', 'employer', '990102', { employerId: employerA });
  clerkB = await addUser(server, 'hr.b', 'employer', '990102', { employerId: employerB });
  westOperator = await addUser(server, 'op.west', 'operator', '990103');

  const recorded = await operator.json('POST', '/api/payments', { creditCode: EMPLOYER_A, date: '2026-03-01', amount: '8000.05', reference: '一月社保费' });
  assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
  paymentA = recorded.body.id;
  const imported = await operator.upload('/api/payments/import?mode=apply', 'bank.csv', `date,creditCode,amount,reference,transactionId\n2026-02-10,${EMPLOYER_B},3620.00,,TX20260210001\n`);
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  paymentB = (await operator.json('GET', `/api/payments?employer=${EMPLOYER_B}`)).body.items[0].id;
  const item = await requestPaymentReversal(database, systemActor('test', ['payment.reverse.request']), { paymentId: BigInt(paymentB), reason: '银行退票' });
  assert.equal((await signOff(database, item)).status, 'approved');
});
after(async () => { await closePdfBrowser(); await server?.close(); });

test('the receipt as JSON: capitals, the parts paid and the late fee, the credit left, each fund\'s income account and the 经办人', { skip }, async () => {
  const { status, body } = await operator.json<PaymentReceipt>('GET', `/api/payments/${paymentA}`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.deepEqual([body.number, body.creditCode, body.employerName, body.date, body.amount, body.amountInCapitals, body.source, body.reference],
    [paymentA, EMPLOYER_A, '甲公司', '2026-03-01', '8000.05', '捌仟元零伍分', 'manual', '一月社保费']);
  // 7,240.00 billed, due 2026-02-24 (after the Spring Festival holiday): five days late is 7,240.00 × 0.0005 × 5 = 18.10; the rest stays as a credit
  assert.deepEqual([body.principal, body.lateFee, body.credit], ['7240.00', '18.10', '741.95']);
  const sumOf = (lines: { amount: string }[]) => lines.reduce((sum, line) => sum + Math.round(Number(line.amount) * 100), 0);
  assert.equal(sumOf(body.lines.filter((line) => line.part !== 'late_fee')), 724_000);
  assert.ok(body.lines.every((line) => line.date === '2026-03-01' && line.period === '2026-01'));
  const pension = body.lines.filter((line) => line.insurance === 'pension');
  assert.deepEqual(pension.map((line) => line.part), ['employer', 'employee', 'late_fee']);
  assert.deepEqual(pension.slice(0, 2).map((line) => line.amount), ['3200.00', '1600.00'], 'two persons at 10,000.00: 16% and 8%');
  assert.deepEqual(body.payees.map((payee) => [payee.fund, payee.accountNumber]), [
    ['pension-990000', PENSION_ACCOUNT_NUMBER], ['medical-990100', null], ['unemployment-990100', null], ['work_injury-990100', null],
  ]);
  assert.match(body.payees[0].accountName, /^示范省.+收入户$/);
  assert.equal(sumOf(body.payees), 724_000 + 1_810, 'the funds received the contributions and the late fee, not the credit');
  assert.equal(body.agency, '示范市社会保险事业管理中心');
  assert.deepEqual([body.recordedBy, body.reversed], [{ username: 'op.east', name: '张敏' }, null]);
});

test('the printed page: the total in capitals, a payee line per fund with its number or 未设置, the 经办人, the seal area', { skip }, async () => {
  const receipt = (await clerkA.json<PaymentReceipt>('GET', `/api/payments/${paymentA}`)).body;
  const html = paymentReceiptPage(receipt);
  assert.ok(html.includes('人民币（大写）：<span class="capitals">捌仟元零伍分</span>'));
  assert.ok(html.includes('实收金额（小写）：¥8,000.05'));
  assert.ok(html.includes(`<td>${receipt.payees[0].accountName}</td><td>${PENSION_ACCOUNT_NUMBER}</td>`));
  assert.ok(html.includes(`<td>${receipt.payees[1].accountName}</td><td>未设置</td>`));
  // a row per bill and insurance: 单位缴纳, 个人缴纳, 滞纳金, 小计 (工伤: no employee part)
  // the pension late fee: 4,800.00 × 0.0005 × 5 days
  assert.ok(html.includes('<td>养老保险</td><td>2026-03-01</td><td class="amount">3,200.00</td><td class="amount">1,600.00</td><td class="amount">12.00</td><td class="amount">4,812.00</td>'));
  assert.ok(html.includes('<td>工伤保险</td><td>2026-03-01</td><td class="amount">40.00</td><td class="amount"></td>'));
  assert.ok(html.includes('预缴结余（留抵以后应缴费款）</td><td class="amount">741.95</td>'));
  assert.ok(html.includes('<td colspan="4">合计</td><td class="amount">5,140.00</td><td class="amount">2,100.00</td><td class="amount">18.10</td><td class="amount">8,000.05</td>'));
  assert.ok(html.includes('经办人：张敏（op.east）'));
  assert.ok(html.includes('<div class="seal">盖章处</div>'));
  assert.ok(!html.includes('已冲正'));
});

test('a reversed payment\'s receipt says 已冲正 in large type, with what it had paid before the reversal', { skip }, async () => {
  const { status, body } = await operator.json<PaymentReceipt>('GET', `/api/payments/${paymentB}`);
  assert.equal(status, 200);
  assert.deepEqual([body.source, body.transactionId, body.amountInCapitals, body.principal, body.credit], ['bank_file', 'TX20260210001', '叁仟陆佰贰拾元整', '3620.00', '0.00']);
  assert.deepEqual([body.reversed?.reason, body.reversed?.by], ['银行退票', 'reviewer.test1']);
  const html = paymentReceiptPage(body);
  assert.ok(html.includes('<div class="reversed"><strong>已冲正</strong>'));
  assert.ok(html.includes('款项视同未到账，本凭证作废。冲正原因：银行退票'));
  assert.ok(html.includes('<td>银行代收</td><th>交易流水号</th><td>TX20260210001</td>'));
});

test('the PDF: the employer prints its own receipt; another employer\'s account, a county outside and an unknown id get 404', { skip }, async () => {
  const pdf = await clerkA.request('GET', `/api/payments/${paymentA}?format=pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(String(pdf.headers['content-disposition']), /^inline; filename\*=UTF-8''/);
  const text = pdf.rawPayload.toString('latin1');
  assert.deepEqual([text.slice(0, 5), (text.match(/\/Type\s*\/Page\b/g) ?? []).length], ['%PDF-', 1]);
  assert.equal((await operator.request('GET', `/api/payments/${paymentB}?format=pdf`)).statusCode, 200);

  assert.equal((await clerkB.json('GET', `/api/payments/${paymentA}`)).status, 404);
  assert.equal((await clerkB.request('GET', `/api/payments/${paymentA}?format=pdf`)).statusCode, 404);
  assert.equal((await clerkA.json('GET', `/api/payments/${paymentB}`)).status, 404);
  assert.equal((await westOperator.json('GET', `/api/payments/${paymentA}`)).status, 404, 'outside the operator\'s county');
  assert.equal((await operator.json('GET', '/api/payments/123456789')).status, 404);
});

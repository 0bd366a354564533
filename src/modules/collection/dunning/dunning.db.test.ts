/**
 * Dunning as a workflow: a 催缴通知书 and a 限期缴纳通知书 issued to an employer in arrears with the overdue amounts as
 * of their date (numbered per region, year and kind), an order's deadline required and checked, nothing demanded
 * before the due date (应缴未缴); each delivery recorded; the printed notice with its 送达回证; an instalment agreement
 * and a late-fee waiver written only by the final approval of their sign-off items.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../../../platform/ids.ts';
import { systemActor } from '../../../platform/actor.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { closePdfBrowser } from '../../../platform/reports/pdf.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { addDays } from '../../ledger/index.ts';
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from '../payments/payments.testing.ts';
import { dunningRoutes } from './dunning.routes.ts';
import { dunningNoticePage } from './dunning.page.ts';
import type { EmployerDunningView, NoticeView } from './dunning.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';

let server: TestServer;
let operator: Client, clerkA: Client, westOperator: Client;
let dueDate: string, asOf: string;

before(async () => {
  if (skip) return;
  server = await startTestServer([dunningRoutes]);
  const { database } = server.test;
  const { employerA } = await seedCollection(database);
  await billPeriod(database, '2026-01');
  await database.db.insertInto('agency').values({ id: newId(), region_code: '990100', name: '示范市社会保险事业管理中心' }).execute();
  dueDate = (await database.db.selectFrom('bill').select('due_date').where('employer_id', '=', employerA).executeTakeFirstOrThrow()).due_date;
  asOf = addDays(dueDate, 10);
  operator = await addUser(server, 'op.east', 'operator', '990102');
  clerkA = await addUser(server, 'hr.a', 'employer', '990102', { employerId: employerA });
  westOperator = await addUser(server, 'op.west', 'operator', '990103');
});
after(async () => { await closePdfBrowser(); await server?.close(); });

let reminder: NoticeView, order: NoticeView;

test('a reminder states the overdue contributions and the late fee as of its date, numbered per region, year and kind', { skip }, async () => {
  const { status, body } = await operator.json<NoticeView>('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'reminder', asOf });
  assert.equal(status, 201, JSON.stringify(body));
  reminder = body;
  // 7,240.00 unpaid ten days after the due date: 7,240.00 × 0.05% × 10 = 36.20
  assert.deepEqual([body.number, body.kind, body.principal, body.lateFee, body.total, body.deadline, body.issuedBy],
    [`CJ-${asOf.slice(0, 4)}-990102-0001`, 'reminder', '7240.00', '36.20', '7276.20', null, 'op.east']);
  assert.deepEqual(body.periods, [{ period: '2026-01', dueDate, daysOverdue: 10, principal: '7240.00', lateFee: '36.20' }]);
  assert.deepEqual(body.deliveries, []);
});

test('an order needs a deadline at least five days on; it is numbered apart from the reminders', { skip }, async () => {
  const without = await operator.json('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'order', asOf });
  assert.equal(without.status, 400);
  assert.equal(without.body.error.field, 'deadline');
  const tooSoon = await operator.json('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'order', asOf, deadline: addDays(asOf, 3) });
  assert.equal(tooSoon.status, 400);
  assert.match(tooSoon.body.error.message, /at least 5 days after/);
  const reminderWithDeadline = await operator.json('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'reminder', asOf, deadline: addDays(asOf, 15) });
  assert.equal(reminderWithDeadline.status, 400);
  const { status, body } = await operator.json<NoticeView>('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'order', asOf, deadline: addDays(asOf, 15) });
  assert.equal(status, 201, JSON.stringify(body));
  order = body;
  assert.deepEqual([body.number, body.deadline, body.principal], [`XJ-${asOf.slice(0, 4)}-990102-0001`, addDays(asOf, 15), '7240.00']);
});

test('before the due date an unpaid bill is 应缴未缴: there is nothing to demand', { skip }, async () => {
  const { status, body } = await operator.json('POST', '/api/dunning/notices', { creditCode: EMPLOYER_B, kind: 'reminder', asOf: addDays(dueDate, -1) });
  assert.equal(status, 409, JSON.stringify(body));
  assert.match(body.error.message, /owes no overdue contributions/);
});

test('a delivery is recorded with its method, date and recipient, never before the notice nor after today', { skip }, async () => {
  const early = await operator.json('POST', `/api/dunning/notices/${order.id}/deliveries`, { method: 'mail', deliveredOn: addDays(asOf, -1), recipient: '甲公司 张三' });
  assert.equal(early.status, 400);
  assert.equal(early.body.error.field, 'deliveredOn');
  const { status, body } = await operator.json<NoticeView>('POST', `/api/dunning/notices/${order.id}/deliveries`, { method: 'mail', deliveredOn: addDays(asOf, 2), recipient: '甲公司 张三', note: 'EMS 1234567890' });
  assert.equal(status, 201, JSON.stringify(body));
  assert.deepEqual(body.deliveries.map((d) => [d.method, d.deliveredOn, d.recipient, d.note, d.recordedBy]), [['mail', addDays(asOf, 2), '甲公司 张三', 'EMS 1234567890', 'op.east']]);
  const list = await operator.json<EmployerDunningView>('GET', `/api/dunning?employer=${EMPLOYER_A}`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.notices.map((n) => [n.number, n.deliveries.length]), [[order.number, 1], [reminder.number, 0]]);
});

test('the printed order: its deadline, the law, the months, the total in capitals, the agency and the filled-in 送达回证', { skip }, async () => {
  const notice = (await operator.json<NoticeView>('GET', `/api/dunning/notices/${order.id}`)).body;
  const html = dunningNoticePage(notice, '示范市社会保险事业管理中心');
  assert.ok(html.includes('<h1>社会保险费限期缴纳通知书</h1>'));
  const [year, month, day] = notice.deadline!.split('-');
  assert.ok(html.includes(`责令你单位于 ${year}年${Number(month)}月${Number(day)}日 前足额缴纳`));
  assert.ok(html.includes('第六十三条'));
  assert.ok(html.includes('人民币（大写）：<span class="capitals">柒仟贰佰柒拾陆元贰角整</span>'));
  assert.ok(html.includes('经办机构：示范市社会保险事业管理中心'));
  assert.ok(html.includes('<td>邮寄送达</td>') && html.includes('甲公司 张三（EMS 1234567890）'));
  const pdf = await operator.request('GET', `/api/dunning/notices/${order.id}?format=pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
});

test('an employer account issues nothing; a county outside sees no notice of the employer', { skip }, async () => {
  assert.equal((await clerkA.json('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'reminder', asOf })).status, 403);
  assert.equal((await westOperator.json('GET', `/api/dunning/notices/${order.id}`)).status, 404);
  assert.equal((await westOperator.json('GET', `/api/dunning?employer=${EMPLOYER_A}`)).status, 404);
});

test('an instalment agreement covers exactly the overdue principal and exists only after its sign-off', { skip }, async () => {
  const wrongTotal = await operator.json('POST', '/api/dunning/instalments', {
    creditCode: EMPLOYER_A, asOf, reason: '经营困难，申请分期', instalments: [{ dueDate: addDays(asOf, 30), amount: '3000.00' }, { dueDate: addDays(asOf, 60), amount: '3000.00' }],
  });
  assert.equal(wrongTotal.status, 400);
  assert.match(wrongTotal.body.error.message, /add up to 6000.00, not the principal owed \(7240.00\)/);
  const { status, body } = await operator.json('POST', '/api/dunning/instalments', {
    creditCode: EMPLOYER_A, asOf, reason: '经营困难，申请分期', instalments: [{ dueDate: addDays(asOf, 30), amount: '3620.00' }, { dueDate: addDays(asOf, 60), amount: '3620.00' }],
  });
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal((await operator.json<EmployerDunningView>('GET', `/api/dunning?employer=${EMPLOYER_A}`)).body.instalmentAgreements.length, 0, 'nothing before the sign-off');
  assert.equal((await signOff(server.test.database, body)).status, 'approved');
  const agreements = (await operator.json<EmployerDunningView>('GET', `/api/dunning?employer=${EMPLOYER_A}`)).body.instalmentAgreements;
  assert.deepEqual(agreements.map((a) => [a.approvalItemId, a.principal, a.instalments.map((i) => i.amount)]), [[body.id, '7240.00', ['3620.00', '3620.00']]]);
  // both dates have passed (the bill is of 2026-01) and nothing was paid: the agreement is broken
  assert.deepEqual([agreements[0].instalments.map((i) => i.state), agreements[0].state, agreements[0].paidToDate], [['overdue', 'overdue'], 'defaulted', '0.00']);
});

test('an instalment paid before its date is met; the next one, unpaid after its date, is overdue', { skip }, async () => {
  await recordPayment(server.test.database, systemActor('test', ['payment.record']), { creditCode: EMPLOYER_A, date: addDays(asOf, 20), amount: '3620.00' });
  const [agreement] = (await operator.json<EmployerDunningView>('GET', `/api/dunning?employer=${EMPLOYER_A}`)).body.instalmentAgreements;
  assert.deepEqual([agreement.instalments.map((i) => i.state), agreement.state, agreement.paidToDate], [['paid', 'overdue'], 'defaulted', '3620.00']);
});

test('a late-fee waiver only on a lawful ground, never above the fee owed, signed at every level', { skip }, async () => {
  const ground = await operator.json('POST', '/api/dunning/late-fee-waivers', { creditCode: EMPLOYER_A, asOf, amount: '10.00', ground: 'hardship', document: '申请书' });
  assert.equal(ground.status, 400, 'no general waiver: 社会保险法 第八十六条');
  const above = await operator.json('POST', '/api/dunning/late-fee-waivers', { creditCode: EMPLOYER_A, asOf, amount: '36.21', ground: 'reconsideration', document: '示复决字〔2026〕1号' });
  assert.equal(above.status, 400);
  assert.match(above.body.error.message, /more than the late fee owed .* \(36.20\)/);
  const { status, body } = await operator.json('POST', '/api/dunning/late-fee-waivers', { creditCode: EMPLOYER_A, asOf, amount: '36.20', ground: 'reconsideration', document: '示复决字〔2026〕1号' });
  assert.equal(status, 201, JSON.stringify(body));
  assert.deepEqual(body.levels.map((level: { name: string }) => level.name), ['review', 'approve'], 'a high-risk kind: every level signs');
  assert.equal((await signOff(server.test.database, body)).status, 'approved');
  const waivers = (await operator.json<EmployerDunningView>('GET', `/api/dunning?employer=${EMPLOYER_A}`)).body.lateFeeWaivers;
  assert.deepEqual(waivers.map((w) => [w.amount, w.ground, w.document]), [['36.20', 'reconsideration', '示复决字〔2026〕1号']]);
});

test('a notice issued after the waiver states the late fee less the amount waived', { skip }, async () => {
  const { status, body } = await operator.json<NoticeView>('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'reminder', asOf: addDays(asOf, 2) });
  assert.equal(status, 201, JSON.stringify(body));
  // twelve days: 7,240.00 × 0.05% × 12 = 43.44, less 36.20 waived
  assert.deepEqual([body.number, body.principal, body.lateFee, body.periods[0].lateFee], [`CJ-${asOf.slice(0, 4)}-990102-0002`, '7240.00', '7.24', '7.24']);
});

test('a waived late fee is not owed: a payment of the principal and the late fee net of the waiver settles everything', { skip }, async () => {
  const day = addDays(asOf, 40);
  const { body: notice } = await operator.json<NoticeView>('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'reminder', asOf: day });
  assert.equal(notice.principal, '3620.00', 'the half paid on the twentieth day is gone');
  // 3,620.00 × 0.05% × 20 days after the first half came, and 7,240.00 × 0.05% × 30 days before it, less 36.20 waived
  const fee = (7240_00 * 30 + 3620_00 * 20) * 5 / 10_000;
  assert.equal(notice.lateFee, ((fee - 3620) / 100).toFixed(2));
  const paid = await recordPayment(server.test.database, systemActor('test', ['payment.record']), { creditCode: EMPLOYER_A, date: day, amount: notice.total });
  assert.deepEqual([paid.allocated, paid.credit], [notice.total, '0.00']);
  const after = await operator.json('POST', '/api/dunning/notices', { creditCode: EMPLOYER_A, kind: 'reminder', asOf: day });
  assert.equal(after.status, 409, 'nothing is owed: without the waiver 36.20 of late fee would still be');
});

/**
 * GET /api/bills with the bills' status, paid and outstanding, and ?status= filtering the four statuses: A's January
 * paid on its due date (已缴清), B's January never paid (逾期), A's current month part paid (部分缴纳) and B's not yet
 * paid before its due date (未缴). One bill by number shows its payments and each insurance's paid and outstanding.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { collectionRoutes } from '../collection.routes.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from '../payments/payments.testing.ts';
import type { BillView } from './bills.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const CURRENT = todayInChina().slice(0, 7);

let server: TestServer;
let operator: Client;
const numbers = new Map<string, string>();

before(async () => {
  if (skip) return;
  server = await startTestServer([collectionRoutes]);
  const { database } = server.test;
  await seedCollection(database);
  await billPeriod(database, '2026-01');
  await billPeriod(database, CURRENT);
  const rows = await database.db.selectFrom('bill').innerJoin('employer', 'employer.id', 'bill.employer_id').select(['bill.number', 'bill.period', 'bill.due_date', 'employer.credit_code']).execute();
  for (const row of rows) numbers.set(`${row.credit_code}/${row.period}`, row.number);
  const january = rows.find((row) => row.period === '2026-01')!.due_date;
  const staff = systemActor('test', ['payment.record']);
  await recordPayment(database, staff, { creditCode: EMPLOYER_A, date: january, amount: '7240.00' });
  await recordPayment(database, staff, { creditCode: EMPLOYER_A, date: todayInChina(), amount: '1000.00' });
  operator = await addUser(server, 'op.east', 'operator', '990102');
});
after(async () => { await server?.close(); });

test('every bill carries its status; ?status= lists exactly the bills of that status', { skip }, async () => {
  const all = await operator.json<{ bills: BillView[] }>('GET', '/api/bills?lines=false');
  assert.equal(all.status, 200, JSON.stringify(all.body));
  const statusOf = new Map(all.body.bills.map((bill) => [bill.number, bill.status]));
  const expected = {
    paid: `${EMPLOYER_A}/2026-01`, overdue: `${EMPLOYER_B}/2026-01`, partial: `${EMPLOYER_A}/${CURRENT}`, unpaid: `${EMPLOYER_B}/${CURRENT}`,
  };
  for (const [status, key] of Object.entries(expected)) {
    assert.equal(statusOf.get(numbers.get(key)!), status, key);
    const filtered = await operator.json<{ bills: BillView[] }>('GET', `/api/bills?lines=false&status=${status}`);
    assert.deepEqual(filtered.body.bills.map((bill) => bill.number), [numbers.get(key)], status);
  }
  assert.equal((await operator.json('GET', '/api/bills?status=settled')).status, 400);
});

test('one bill: paid and outstanding in total and per insurance, and the payments that paid it', { skip }, async () => {
  const { status, body } = await operator.json<BillView>('GET', `/api/bills/${numbers.get(`${EMPLOYER_A}/${CURRENT}`)}`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.deepEqual([body.status, body.paid, body.outstanding], ['partial', '1000.00', '6240.00']);
  assert.deepEqual(body.payments.map((payment) => [payment.date, payment.amount, payment.lateFee, payment.reversed]), [[todayInChina(), '1000.00', '0.00', false]]);
  assert.equal(body.items.reduce((sum, item) => sum + Math.round(Number(item.paid) * 100), 0), 100_000);
  assert.equal(body.items.reduce((sum, item) => sum + Math.round(Number(item.outstanding) * 100), 0), 624_000);
});

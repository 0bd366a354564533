/**
 * The bill notice's payees and issuing agency come from the database as an agency keeps them: each fund's income
 * account (收入户) with the number the ledger holds for it (未设置 when none), the agency nearest the employer's region.
 * A county's staff and the employer's own account both see the payees of funds pooled above them; another employer
 * sees nothing of the bill.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../../platform/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { startTestServer, addUser, type TestServer } from '../../../platform/testing/http.ts';
import { collectionRoutes } from '../collection.routes.ts';
import { INCOME_BANK_ACCOUNT } from '../fund-accounts.ts';
import { billPeriod, EMPLOYER_A, seedCollection } from '../payments/payments.testing.ts';
import { getBillNotice } from './bill-notice.service.ts';
import { billNoticePage } from './bill-notice.page.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PENSION_ACCOUNT_NUMBER = '1100 2233 4455 6677 889';

let server: TestServer;
let employers: { employerA: bigint; employerB: bigint };
let billNumber: string;

before(async () => {
  if (skip) return;
  server = await startTestServer([collectionRoutes]);
  const { database } = server.test;
  employers = await seedCollection(database);
  await billPeriod(database, '2026-01');
  await database.db.insertInto('agency').values([
    { id: newId(), region_code: '990000', name: '示范省社会保险事业管理局' },
    { id: newId(), region_code: '990100', name: '示范市社会保险事业管理中心' },
  ]).execute();
  // the number the finance officer keeps for the pension fund's income account (ledger.bank.account.set)
  const pension = await database.db.selectFrom('fund').select('id').where('code', '=', 'pension-990000').executeTakeFirstOrThrow();
  await database.db.updateTable('fund_account').set({ bank_account_number: PENSION_ACCOUNT_NUMBER }).where('fund_id', '=', pension.id).where('code', '=', INCOME_BANK_ACCOUNT).execute();
  const bill = await database.db.selectFrom('bill').select('number').where('employer_id', '=', employers.employerA).where('period', '=', '2026-01').executeTakeFirstOrThrow();
  billNumber = bill.number;
});
after(() => server?.close());

const countyReviewer: Actor = { userId: 101n, username: 'review.990102', role: 'reviewer', regionCode: '990102' };
const employerAccount = (employerId: bigint): Actor => ({ userId: 102n, username: 'employer', role: 'employer', regionCode: '990102', employerId });

test('a county reviewer\'s notice: each fund\'s income account, its number or 未设置, and the city\'s agency (the county has none)', { skip }, async () => {
  const notice = await getBillNotice(server.test.database, countyReviewer, billNumber);
  assert.equal(notice.bill.creditCode, EMPLOYER_A);
  assert.deepEqual(notice.payees.map((payee) => [payee.fund, payee.insurances.join('+'), payee.accountNumber]), [
    ['pension-990000', 'pension', PENSION_ACCOUNT_NUMBER],
    ['medical-990100', 'medical', null], // the fixture enrols the four insurances (生育 merged into 医疗)
    ['unemployment-990100', 'unemployment', null],
    ['work_injury-990100', 'work_injury', null],
  ]);
  assert.match(notice.payees[0].accountName, /^示范省.+收入户$/);
  assert.equal(notice.issuingAgency, '示范市社会保险事业管理中心');
  const html = billNoticePage(notice);
  assert.ok(html.includes(`<td>${notice.payees[0].accountName}</td><td>${PENSION_ACCOUNT_NUMBER}</td>`));
  assert.ok(html.includes(`<td>${notice.payees[1].accountName}</td><td>未设置</td>`));
});

test('the county\'s own agency, once registered, issues its notices', { skip }, async () => {
  const id = newId();
  await server.test.database.db.insertInto('agency').values({ id, region_code: '990102', name: '示范市东城区社会保险经办分中心' }).execute();
  try {
    assert.equal((await getBillNotice(server.test.database, countyReviewer, billNumber)).issuingAgency, '示范市东城区社会保险经办分中心');
  } finally {
    await server.test.database.db.deleteFrom('agency').where('id', '=', id).execute();
  }
});

test('the employer\'s own account gets the same payees; another employer\'s account does not see the bill', { skip }, async () => {
  const notice = await getBillNotice(server.test.database, employerAccount(employers.employerA), billNumber);
  assert.equal(notice.payees[0].accountNumber, PENSION_ACCOUNT_NUMBER);
  assert.equal(notice.issuingAgency, '示范市社会保险事业管理中心');
  await assert.rejects(getBillNotice(server.test.database, employerAccount(employers.employerB), billNumber), (error: Error & { status?: number }) => error.status === 404);
});

test('the employer prints the notice through the API: a PDF of a summary page and an annex page', { skip }, async () => {
  const client = await addUser(server, 'clerk.a', 'employer', '990102', { employerId: employers.employerA });
  const pdf = await client.request('GET', `/api/bills/${billNumber}?format=pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  const text = pdf.rawPayload.toString('latin1');
  assert.deepEqual([text.slice(0, 5), (text.match(/\/Type\s*\/Page\b/g) ?? []).length], ['%PDF-', 2]);
});

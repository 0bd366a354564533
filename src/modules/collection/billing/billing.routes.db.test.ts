import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import ExcelJS from 'exceljs';
import { collectionRoutes } from '../collection.routes.ts';
import { listMasking, maskMiddle } from '../../../platform/personal-data.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PERIOD = '2026-05';

let server: TestServer;
let operator: Client;

before(async () => {
  if (skip) return;
  server = await startTestServer([collectionRoutes]);
  await generateDemo(server.test.database, { persons: 1500, employers: 60, years: 1, seed: 3, password: 'demo-pass-2024', endMonth: PERIOD });
  operator = await addUser(server, 'op.city', 'operator', '990100');
});
after(() => server?.close());

const waitForRun = async (client: Client, id: string) => {
  for (let i = 0; i < 300; i++) {
    const run = await client.json('GET', `/api/jobs/${id}`);
    if (run.body.status === 'completed' || run.body.status === 'failed') return run.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('billing run did not complete');
};

test('an operator starts a run (202), the server works the job to the end, and the summary reads it', { skip }, async () => {
  const started = await operator.json('POST', '/api/billing/runs', { period: PERIOD });
  assert.equal(started.status, 202);
  assert.equal(started.body.kind, 'billing.run');
  assert.equal(started.body.key, `${PERIOD}/990100`);
  assert.equal(started.body.regionCode, '990100'); // the operator's own region
  assert.equal(started.body.startedBy, 'op.city');
  const run = await waitForRun(operator, started.body.id);
  assert.equal(run.status, 'completed');
  assert.ok(run.progress.total > 0);
  assert.equal(run.progress.done, run.progress.total);
  const summary = await operator.json('GET', `/api/billing/summary?period=${PERIOD}`);
  assert.equal(summary.status, 200);
  assert.ok(summary.body.employers > 10 && summary.body.lines >= summary.body.persons * 4, JSON.stringify(summary.body));
  const listed = await operator.json('GET', '/api/jobs?kind=billing.run');
  assert.deepEqual(listed.body.items.map((r: { id: string }) => r.id), [started.body.id]);
  assert.equal(listed.body.total, 1);
  // starting the same period again returns the same, completed run
  const again = await operator.json('POST', '/api/billing/runs', { period: PERIOD });
  assert.equal(again.body.id, started.body.id);
  assert.equal(again.body.status, 'completed');
});

test('an employer account sees its own bills only: another employer\'s bill is 404', { skip }, async () => {
  const { body } = await operator.json('GET', `/api/bills?period=${PERIOD}&limit=2&lines=false`);
  assert.equal(body.bills.length, 2);
  const [own, other] = body.bills;
  assert.equal(own.lines, undefined);
  const employer = await addUser(server, 'hr.first', 'employer', own.regionCode, { employerId: BigInt(own.employerId) });
  const mine = await employer.json('GET', `/api/bills?period=${PERIOD}`);
  assert.deepEqual(mine.body.bills.map((b: { number: string }) => b.number), [own.number]);
  assert.equal(mine.body.bills[0].lines.length, own.lineCount);
  const sum = mine.body.bills[0].items.reduce((s: number, i: { total: string }) => s + Math.round(Number(i.total) * 100), 0);
  assert.equal(sum, Math.round(Number(own.total) * 100));
  const fundNames = await server.test.database.pool.query<{ code: string; name: string }>('select code, name from fund');
  const nameOf = new Map(fundNames.rows.map((fund) => [fund.code, fund.name]));
  for (const item of mine.body.bills[0].items as { fund: string; fundName: string }[]) assert.equal(item.fundName, nameOf.get(item.fund), `the fund ${item.fund} by its name`);
  assert.equal((await employer.json('GET', `/api/bills/${own.number}`)).status, 200);
  const foreign = await employer.json('GET', `/api/bills/${other.number}`);
  assert.equal(foreign.status, 404);
  const filtered = await employer.json('GET', `/api/bills?employer=${other.creditCode}`);
  assert.deepEqual(filtered.body.bills, []);
  assert.equal((await employer.json('POST', '/api/billing/runs', { period: PERIOD })).status, 403);
});

test('the bill list answers how many bills match (total), beyond the page it holds', { skip }, async () => {
  const billsOfPeriod = Number((await server.test.database.db.selectFrom('bill').where('period', '=', PERIOD).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const page = await operator.json('GET', `/api/bills?period=${PERIOD}&limit=2&offset=1&lines=false`);
  assert.deepEqual([page.body.bills.length, page.body.total, page.body.totalCapped], [2, billsOfPeriod, false]);
  assert.ok(billsOfPeriod > 2, 'more bills than the page holds');
  const [first] = page.body.bills;
  const ofOne = await operator.json('GET', `/api/bills?period=${PERIOD}&employer=${first.creditCode}&lines=false`);
  assert.deepEqual([ofOne.body.total, ofOne.body.bills.length], [1, 1]);
  const none = await operator.json('GET', '/api/bills?period=2020-01');
  assert.deepEqual([none.body.bills, none.body.total, none.body.totalCapped], [[], 0, false]);
});

test('the bill list reaches its last bill by cursor, newest period first, and its file holds every bill with their sum', { skip }, async () => {
  // a second period, so that the order runs across periods
  const second = await operator.json('POST', '/api/billing/runs', { period: '2026-04' });
  assert.equal((await waitForRun(operator, second.body.id)).status, 'completed');
  const expected = (await server.test.database.pool.query<{ number: string; total: string }>(
    'select number, total::text from bill where region_code like \'9901%\' order by period desc, employer_id, number')).rows;
  assert.ok(expected.length > 60, `bills of two periods: ${expected.length}`);
  const numbers: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { total: number; totalCapped: boolean; bills: { number: string }[]; nextCursor: string | null } } =
      await operator.json('GET', `/api/bills?lines=false&limit=25${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.deepEqual([page.body.total, page.body.totalCapped], [expected.length, false]);
    numbers.push(...page.body.bills.map((bill) => bill.number));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(numbers, expected.map((bill) => bill.number), 'every bill once, in the list\'s order');

  const csv = (await operator.request('GET', '/api/bills?format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv[0], '\uFEFF所属期,通知单号,单位名称,统一社会信用代码,类型,人数,应缴合计,缴费截止日');
  assert.equal(csv.length - 1, expected.length, 'the file holds every bill, not a page');
  assert.deepEqual(csv.slice(1).map((line: string) => line.split(',')[1]), expected.map((bill) => bill.number));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await operator.request('GET', `/api/bills?period=${PERIOD}&format=xlsx`)).rawPayload as never);
  const rows = workbook.worksheets[0].getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  const ofPeriod = (await server.test.database.pool.query<{ n: number; sum: string }>('select count(*)::int as n, sum(total)::text as sum from bill where period = $1', [PERIOD])).rows[0];
  assert.equal(rows.at(-1)![0], '合计');
  assert.equal(Math.round(Number(rows.at(-1)![6]) * 100), Number(ofPeriod.sum), 'the totals row sums 应缴合计');
  assert.equal(rows.filter((row) => row[0] === PERIOD).length, ofPeriod.n);
});

test('the bill list filters by region and kind; its lines show ID numbers in full to staff who hold personal.full.read, masked to others', { skip }, async () => {
  const county = (await server.test.database.pool.query<{ region_code: string; n: number }>(
    'select region_code, count(*)::int as n from bill where period = $1 group by region_code order by count(*) desc limit 1', [PERIOD])).rows[0];
  const ofCounty = await operator.json('GET', `/api/bills?period=${PERIOD}&region=${county.region_code}&lines=false&limit=200`);
  assert.deepEqual([ofCounty.body.total, ofCounty.body.bills.length], [county.n, county.n]);
  assert.ok(ofCounty.body.bills.every((bill: { regionCode: string }) => bill.regionCode === county.region_code));
  const creditNotes = await operator.json('GET', `/api/bills?period=${PERIOD}&kind=credit_note`);
  assert.deepEqual([creditNotes.body.total, creditNotes.body.bills], [0, []]);
  assert.equal((await operator.json('GET', '/api/bills?kind=refund')).status, 400);

  const [bill] = (await operator.json('GET', `/api/bills?period=${PERIOD}&limit=1`)).body.bills;
  const persons = new Map((await server.test.database.pool.query<{ id: string; id_number: string }>('select id::text, id_number from person')).rows.map((p) => [p.id, p.id_number]));
  for (const line of bill.lines as { personId: string; idNumber: string }[]) assert.equal(line.idNumber, persons.get(line.personId));
  const finance = await addUser(server, 'fi.city', 'finance', '990100');
  const [masked] = (await finance.json('GET', `/api/bills?period=${PERIOD}&limit=1`)).body.bills;
  const masking = listMasking('990100');
  for (const line of masked.lines as { personId: string; idNumber: string }[]) {
    assert.equal(line.idNumber, maskMiddle(persons.get(line.personId)!, masking.idNumber));
    assert.notEqual(line.idNumber, persons.get(line.personId));
  }
  const csv = (await finance.request('GET', `/api/bills/${bill.number}?format=csv`)).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, bill.lines.length);
  assert.ok(csv.slice(1).every((line: string) => /^\d{0,6}\*{4,}/.test(line) && !/\d{17}[\dX]/.test(line)), 'the notice\'s CSV masks them too');
});

test('roles and bad input: auditors read but do not bill; a bad period names the field', { skip }, async () => {
  const auditor = await addUser(server, 'audit.city', 'auditor', '990100');
  assert.equal((await auditor.json('POST', '/api/billing/runs', { period: PERIOD })).status, 403);
  assert.equal((await auditor.json('GET', `/api/billing/summary?period=${PERIOD}`)).status, 200);
  const bad = await operator.json('POST', '/api/billing/runs', { period: '2026-5' });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /period/);
  const badLimit = await operator.json('GET', '/api/bills?limit=5000');
  assert.equal(badLimit.status, 400);
  assert.equal((await operator.json('GET', '/api/bills/NOPE')).status, 404);
  assert.equal((await operator.json('POST', '/api/billing/reassessments', { creditCode: '91990100MA00000000', period: PERIOD })).status, 404);
});

test('a NUL byte in a query is a 400, not a 500 (PostgreSQL refuses it in text)', { skip }, async () => {
  const response = await operator.json('GET', '/api/bills?employer=%00');
  assert.equal(response.status, 400);
  assert.equal(response.body.error.code, 'invalid');
});

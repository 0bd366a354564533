/** Routes of the individual accounts: who may see which account, the contribution record, the interest run, XLSX. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { newId } from '../../../platform/ids.ts';
import { accountsRoutes } from './accounts.routes.ts';
import { insertBill, insertEmployer, insertEntries, insertPerson } from './accounts.testing.ts';

let server: TestServer;
let anna: bigint;       // 990102, contributions of 2024-01 credited, 2024-02 billed only
let other: bigint;      // 990102, another person
let employer: bigint;
let bills: { id: bigint; number: string }[];
let annaAccount: Client;
let employerAccount: Client;
let eastOperator: Client;
let westOperator: Client;

before(async () => {
  server = await startTestServer([accountsRoutes]);
  const database = server.test.database;
  employer = await insertEmployer(database, '91110000600037341L', '示范机械厂', '990102');
  anna = await insertPerson(database, '11010519491231002X', '张三', '990102');
  other = await insertPerson(database, '440524198001010013', '李四', '990102');
  const lines = [
    { personId: anna, insurance: 'pension' as const, base: 800_000n, employerAmount: 128_000n, employeeAmount: 64_000n },
    { personId: anna, insurance: 'medical' as const, base: 800_000n, employerAmount: 72_000n, employeeAmount: 16_000n },
  ];
  bills = [await insertBill(database, employer, '990102', '2024-01', lines), await insertBill(database, employer, '990102', '2024-02', lines)];
  // January paid in full: both insurances allocated, pension employee part credited to the account
  const paymentId = newId();
  await database.db.insertInto('payment').values({
    employer_id: employer, id: paymentId, region_code: '990102', paid_on: '2024-02-10', amount: 280_000n, source: 'manual', import_key: 'test-1', recorded_by: 'test',
  }).execute();
  await database.db.insertInto('payment_allocation').values((['pension', 'medical'] as const).flatMap((insurance) => (['employee', 'employer'] as const).map((part) => ({
    employer_id: employer, id: newId(), payment_id: paymentId, bill_id: bills[0].id, insurance, part, allocated_on: '2024-02-10', region_code: '990102',
    amount: lines.find((line) => line.insurance === insurance)![part === 'employee' ? 'employeeAmount' : 'employerAmount'],
  })))).execute();
  // February: the medical employer part only
  await database.db.insertInto('payment_allocation').values({
    employer_id: employer, id: newId(), payment_id: paymentId, bill_id: bills[1].id, insurance: 'medical', part: 'employer', allocated_on: '2024-02-10', region_code: '990102', amount: 72_000n,
  }).execute();
  await insertEntries(database, [
    { personId: anna, regionCode: '990102', year: 2023, kind: 'opening', amount: 1_000_000n },
    { personId: anna, regionCode: '990102', year: 2024, period: '2024-01', kind: 'contribution', amount: 64_000n, employerId: employer, billId: bills[0].id },
  ]);
  annaAccount = await addUser(server, 'anna', 'person', '990102', { personId: anna });
  employerAccount = await addUser(server, 'factory', 'employer', '990102', { employerId: employer });
  eastOperator = await addUser(server, 'op.east', 'operator', '990102');
  westOperator = await addUser(server, 'op.west', 'operator', '990103');
});
after(() => server.close());

test('the interest run: finance or approver with a scope covering every region; once per year; past years only', async () => {
  assert.equal((await eastOperator.json('POST', '/api/accounts/interest', { year: 2024 })).status, 403);
  const cityFinance = await addUser(server, 'fi.city', 'finance', '990100');
  const outside = await cityFinance.json('POST', '/api/accounts/interest', { year: 2024 });
  assert.deepEqual([outside.status, outside.body.error.message], [403, 'the interest run credits every account of the installation; region 990000 is outside your scope 990100']);
  const finance = await addUser(server, 'fi.province', 'finance', '990000');
  const notEnded = await finance.json('POST', '/api/accounts/interest', { year: 2026 });
  assert.deepEqual([notEnded.status, notEnded.body.error.field], [400, 'year']);
  assert.equal((await finance.json('POST', '/api/accounts/interest', { year: 1989 })).status, 400);
  // 2025 before 2024 (the accounts were open in 2024): a 409 naming the year to run first, and no job
  const outOfOrder = await finance.json('POST', '/api/accounts/interest', { year: 2025 });
  assert.deepEqual([outOfOrder.status, outOfOrder.body.error.code, outOfOrder.body.error.field, outOfOrder.body.error.rule, outOfOrder.body.error.message],
    [409, 'conflict', 'year', 'collection.accounts.previousYearNotRun', 'the interest of 2024 has not been run: interest compounds year by year, so run 2024 before 2025']);

  // 2.62% × (1 000 000 + 64 000 × 1.083 / 2) = 26 200 + 907.9968 = 27 107.9968 → 27 108 fen
  // A job (kind accounts.interest) the server's worker works; its result is the run.
  const started = await finance.json('POST', '/api/accounts/interest', { year: 2024 });
  assert.equal(started.status, 202);
  assert.deepEqual([started.body.kind, started.body.key, started.body.startedBy], ['accounts.interest', '2024', 'fi.province']);
  let job = started.body;
  for (let i = 0; i < 200 && job.status !== 'completed' && job.status !== 'failed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = (await finance.json('GET', `/api/jobs/${started.body.id}`)).body;
  }
  assert.equal(job.status, 'completed', JSON.stringify(job));
  assert.deepEqual({ ...job.result, runAt: undefined }, { year: 2024, rate: '0.0262', method: 'annual_1083', persons: 1, amount: '271.08', backInterest: '0.00', runBy: 'fi.province', runAt: undefined });
  const approver = await addUser(server, 'ap.province', 'approver', '990000');
  const again = await approver.json('POST', '/api/accounts/interest', { year: 2024 });
  assert.deepEqual([again.status, again.body.id, again.body.status], [202, started.body.id, 'completed'], 'a second run finds the first job');
  assert.equal((await server.admin.json('POST', '/api/accounts/interest', { year: 2024 })).status, 403, 'the administrator moves no money');
});

test('a statement: the person sees their own at /api/me, never another person\'s, employers 403, staff by scope', async () => {
  const own = await annaAccount.json('GET', '/api/me/account?year=2024');
  assert.equal(own.status, 200);
  assert.deepEqual(own.body, {
    personId: String(anna), idNumber: '11010519491231002X', name: '张三', year: 2024, opening: '10000.00',
    credits: [{ kind: 'contribution', period: '2024-01', amount: '640.00', billNumber: bills[0].number, employerName: '示范机械厂' }],
    creditsTotal: '640.00', interest: '271.08', rate: '0.0262', closing: '10911.08',
  });
  assert.deepEqual((await eastOperator.json('GET', `/api/persons/${anna}/account?year=2024`)).body, own.body, 'staff see the same statement');
  // the routes by person id are staff routes (accounts.read): a person reads their own record at /api/me only
  assert.equal((await annaAccount.json('GET', `/api/persons/${anna}/account?year=2024`)).status, 403);
  assert.equal((await annaAccount.json('GET', `/api/persons/${other}/account?year=2024`)).status, 403);
  assert.equal((await annaAccount.json('GET', `/api/persons/${other}/contributions`)).status, 403);

  assert.equal((await employerAccount.json('GET', `/api/persons/${anna}/account?year=2024`)).status, 403);
  assert.equal((await employerAccount.json('GET', `/api/persons/${anna}/contributions`)).status, 403);
  assert.equal((await employerAccount.json('GET', '/api/me/account?year=2024')).status, 403);
  assert.equal((await eastOperator.json('GET', '/api/me/contributions')).status, 403, 'staff have no own account');

  assert.equal((await eastOperator.json('GET', `/api/persons/${anna}/account?year=2024`)).body.closing, '10911.08');
  assert.equal((await westOperator.json('GET', `/api/persons/${anna}/account?year=2024`)).status, 404, 'another county');
  assert.equal((await eastOperator.json('GET', `/api/persons/${anna}/account`)).status, 400, 'the year is required');
});

test('the contribution record: bill lines by period with whether each is paid', async () => {
  const record = await annaAccount.json('GET', '/api/me/contributions');
  assert.equal(record.status, 200);
  const line = (period: string, billNumber: string, insurance: string, employeeAmount: string, employerAmount: string, paid: boolean) =>
    ({ period, employerName: '示范机械厂', creditCode: '91110000600037341L', billNumber, insurance, base: '8000.00', employeeAmount, employerAmount, paid });
  assert.deepEqual(record.body.items, [
    line('2024-01', bills[0].number, 'pension', '640.00', '1280.00', true),
    line('2024-01', bills[0].number, 'medical', '160.00', '720.00', true),
    line('2024-02', bills[1].number, 'pension', '640.00', '1280.00', false),
    line('2024-02', bills[1].number, 'medical', '160.00', '720.00', false),
  ]);
  const february = await eastOperator.json('GET', `/api/persons/${anna}/contributions?from=2024-02&to=2024-12`);
  assert.deepEqual(february.body.items.map((item: { period: string; insurance: string }) => `${item.period} ${item.insurance}`), ['2024-02 pension', '2024-02 medical']);
  assert.equal((await eastOperator.json('GET', `/api/persons/${anna}/contributions?from=2024-13`)).status, 400);
  const backwards = await eastOperator.json('GET', `/api/persons/${anna}/contributions?from=2024-03&to=2024-01`);
  assert.deepEqual([backwards.status, backwards.body.error.field], [400, 'to']);
});

test('the statement as XLSX', async () => {
  const response = await annaAccount.request('GET', '/api/me/account?year=2024&format=xlsx');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const disposition = String(response.headers['content-disposition']);
  assert.equal(decodeURIComponent(disposition.replace(/^.*filename\*=UTF-8''/, '')), '个人账户对账单-张三-2024.xlsx');
  assert.doesNotMatch(disposition, /11010519491231002X/, 'no ID number in the file name');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as never);
  const sheet = workbook.getWorksheet('个人账户对账单')!;
  const rows = sheet.getSheetValues().filter(Boolean).map((row) => Array.from((row as unknown[]).slice(1), (value) => value ?? null));
  assert.deepEqual(rows.slice(-5), [
    [null, '上年末余额 Opening balance', null, null, 10000],
    ['2024-01', '缴费记账 Contribution', bills[0].number, '示范机械厂', 640],
    [null, '本年记账合计 Credits', null, null, 640],
    [null, '本年利息 Interest（记账利率 0.0262）', null, null, 271.08],
    [null, '年末余额 Closing balance', null, null, 10911.08],
  ]);
  assert.deepEqual(rows.at(-6), ['所属期', '摘要', '缴费通知单', '参保单位', '金额'], 'the header above the lines');
  assert.equal(sheet.lastRow!.getCell(5).numFmt, '#,##0.00;[Red]-#,##0.00');
});

test('an insured person sees their own record from an employer in another county', async () => {
  // The person moved: their record and their account are now in 990103; their employer bills in 990102.
  // (An account is bound only to a person of its own region subtree.)
  await server.test.database.db.updateTable('person').set({ region_code: '990103' }).where('id', '=', anna).execute();
  const movedAway = await addUser(server, 'anna.west', 'person', '990103', { personId: anna });
  const record = await movedAway.json('GET', '/api/me/contributions');
  assert.equal(record.status, 200);
  assert.deepEqual(record.body.items.map((i: { period: string; insurance: string }) => `${i.period}/${i.insurance}`), ['2024-01/pension', '2024-01/medical', '2024-02/pension', '2024-02/medical']);
  const account = await movedAway.json('GET', '/api/me/account?year=2024');
  assert.deepEqual([account.status, account.body.opening, account.body.creditsTotal], [200, '10000.00', '640.00']);
  // …and still nobody else's
  assert.equal((await movedAway.json('GET', `/api/persons/${other}/contributions`)).status, 403);
});

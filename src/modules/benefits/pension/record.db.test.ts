/**
 * The pension record on PostgreSQL: the months paid and the average index of bills over two years with an average
 * wage that changes mid-year, a month paid by two employers once, unpaid and fully reversed months left out, the
 * account balance the statement's; GET /api/pension/record and its refusals; `sifund pension record`; an award
 * filled from the record, refused once the record changed.
 *
 * The test's average wage of 示范省 (contribution.base.average_wage): 6000.00 from 2023-01, 8000.00 from 2023-07,
 * 10000.00 from 2024-01. 张三 (东城区), retiring on 2024-05-15 (the months up to 2024-05):
 *   2023-01 … 2023-06 employer A base 6000.00 → 6000/6000 = 1 each, but
 *   2023-03 also employer B (西城区) base 9000.00, both paid → once, at the higher base: 9000/6000 = 1.5
 *   2023-07 … 2023-12 employer A base 10000.00 → 10000/8000 = 1.25 each
 *   2023: (5 × 1 + 1.5 + 6 × 1.25) ÷ 12 = 14 ÷ 12 = 1.16666… → 1.1667
 *   2024-01 … 2024-03 and 2024-05 employer A base 12000.00 → 1.2 each; 2024-04 billed, not paid; 2024-02 of employer B
 *   billed and reversed by a credit note (net base 0)
 *   2024: 4.8 ÷ 4 = 1.2000;  I = (14 + 4.8) ÷ 16 = 18.8 ÷ 16 = 1.175 → 1.1750 over 16 months
 *   account: 5000.00 opening (2022) + 2023 contributions 6 × 480.00 + 6 × 800.00 + 720.00 (B's March) + interest 123.45
 *   (2023's run) = 13523.45; 2024 has no run yet: valued through May at 2024's rate 2.62%, by the months elapsed —
 *   (13523.45 × 5 + 960.00 × (5 + 4 + 3 + 1)) × 0.0262 ÷ 12 = 174.878… → 174.88 — so 13523.45 + 3840.00 + 174.88 = 17538.33
 *   Retiring on 2025-03-31 instead: 2024 whole by annual_1083, 0.0262 × (13523.45 + 3840.00 × 0.5415) = 408.79 → 17772.24;
 *   2025 through March at the last rate published (2024's): 17772.24 × 0.0262 × 3/12 = 116.408… → 116.41 → 17888.65
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { systemActor } from '../../../platform/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { reloadParameters } from '../../../platform/params/index.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { insertBill, insertEmployer, insertEntries, insertPerson, type EntryFixture } from '../../collection/accounts/accounts.testing.ts';
import { accountStatement } from '../../collection/accounts/accounts.service.ts';
import { benefitsModule } from '../index.ts';
import { pensionRecordRoutes } from './record.routes.ts';
import { requestAward } from '../awards/awards.service.ts';
import { payrollRoutes } from '../payroll/payroll.routes.ts';

const paramsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-pension-record-params-'));
const environment = { params: process.env.SIFUND_PARAMS_DIR, url: process.env.DATABASE_URL };
let server: TestServer;
let cityOperator: Client;
let westOperator: Client;
let countyOperator: Client;
let auditor: Client;
let anna: bigint;
let employerA: bigint;
const ANNA = '110105196405150013';
const NOBODY = '110101196401010011';
const retirementDate = '2024-05-15';

const months = (from: number, to: number, year: number) => Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

before(async () => {
  fs.cpSync(path.join(projectRoot, 'params'), paramsDir, { recursive: true });
  fs.writeFileSync(path.join(paramsDir, 'contribution/base/average_wage.yaml'), [
    'description: 社平工资（月）(test copy)', 'unit: money', 'regions:', '  "990000":', '    name: 示范省', '    values:',
    '      2024-01-01: {value: 10000.00, reference: "test 2024 [local]"}',
    '      2023-07-01: {value: 8000.00, reference: "test from July 2023 [local]"}',
    '      2023-01-01: {value: 6000.00, reference: "test 2023 [local]"}', '',
  ].join('\n'));
  process.env.SIFUND_PARAMS_DIR = paramsDir;
  reloadParameters();
  server = await startTestServer([pensionRecordRoutes, payrollRoutes]);
  process.env.DATABASE_URL = server.test.url;
  const handle = server.test.database;
  // a man born 1964-05 reaches 60 in 2024-05: the award's quote is eligible
  anna = newId();
  await handle.db.insertInto('person').values({ id: anna, id_number: ANNA, name: '张三', gender: 'M', birth_date: '1964-05-15', region_code: '990102' }).execute();
  await insertPerson(handle, NOBODY, '王五', '990102');
  employerA = await insertEmployer(handle, '91110000600037341L', '示范机械厂', '990102');
  const employerB = await insertEmployer(handle, '91110000600037342J', '西城商贸', '990103');
  const entries: EntryFixture[] = [{ personId: anna, regionCode: '990102', year: 2022, kind: 'opening', amount: 500_000n }];
  const bill = async (employer: bigint, region: string, period: string, base: bigint, paid: boolean) => {
    const employee = base * 8n / 100n;
    const { id } = await insertBill(handle, employer, region, period, [{ personId: anna, insurance: 'pension', base, employerAmount: base * 16n / 100n, employeeAmount: employee }]);
    if (paid) entries.push({ personId: anna, regionCode: '990102', year: Number(period.slice(0, 4)), period, kind: 'contribution', amount: employee, employerId: employer, billId: id });
  };
  for (const period of months(1, 6, 2023)) await bill(employerA, '990102', period, 600_000n, true);
  await bill(employerB, '990103', '2023-03', 900_000n, true);
  for (const period of months(7, 12, 2023)) await bill(employerA, '990102', period, 1_000_000n, true);
  for (const period of [...months(1, 3, 2024), '2024-05']) await bill(employerA, '990102', period, 1_200_000n, true);
  await bill(employerA, '990102', '2024-04', 1_200_000n, false);
  // 2024-02 of B: billed, then reversed in full by a credit note (its line carries the base negated)
  await insertBill(handle, employerB, '990103', '2024-02', [{ personId: anna, insurance: 'pension', base: 700_000n, employerAmount: 112_000n, employeeAmount: 56_000n }]);
  await insertBill(handle, employerB, '990103', '2024-02', [{ personId: anna, insurance: 'pension', base: -700_000n, employerAmount: -112_000n, employeeAmount: -56_000n }],
    { kind: 'credit_note', sequence: 2, dueDate: '2024-02-15' });
  await insertEntries(handle, entries);
  await handle.db.insertInto('individual_account_entry').values({ person_id: anna, id: newId(), region_code: '990102', year: 2023, period: null, kind: 'interest', amount: 12_345n, rate: '0.0262' }).execute();
  await handle.db.insertInto('interest_run').values({ year: 2023, rate: '0.0262', method: 'annual_1083', persons: 1, amount: 12_345n, run_by: 'test' }).execute();

  cityOperator = await addUser(server, 'operator.990100', 'operator', '990100');
  westOperator = await addUser(server, 'operator.990103', 'operator', '990103');
  countyOperator = await addUser(server, 'operator.990102', 'operator', '990102');
  auditor = await addUser(server, 'security.990100', 'security_auditor', '990100');
});
after(async () => {
  await server?.close();
  for (const [name, value] of [['SIFUND_PARAMS_DIR', environment.params], ['DATABASE_URL', environment.url]] as const) {
    if (value === undefined) delete process.env[name]; else process.env[name] = value;
  }
  reloadParameters();
  fs.rmSync(paramsDir, { recursive: true, force: true });
});

test('the record: 16 months paid (March 2023 once, April 2024 unpaid and the reversed month out), I = 1.1750, the balance with the interest of the years not yet credited', async () => {
  const answer = await cityOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=${retirementDate}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const record = answer.body;
  assert.deepEqual([record.name, record.birthDate, record.gender, record.regionCode, record.months, record.averageIndex, record.accountBalance], ['张三', '1964-05-15', 'male', '990102', 16, '1.1750', '17538.33']);
  assert.deepEqual(record.years.map((year: { year: number; months: number; averageIndex: string; baseTotal: string }) => [year.year, year.months, year.averageIndex, year.baseTotal]),
    [[2023, 12, '1.1667', '99000.00'], [2024, 4, '1.2000', '48000.00']]);
  assert.deepEqual(record.years[0].averageWages, [
    { value: '6000.00', parameter: 'contribution.base.average_wage@2023-01-01/990000', months: 6 },
    { value: '8000.00', parameter: 'contribution.base.average_wage@2023-07-01/990000', months: 6 },
  ]);
  const march = record.periods.find((month: { period: string }) => month.period === '2023-03');
  assert.deepEqual(march, { period: '2023-03', base: '9000.00', averageWage: '6000.00', parameter: 'contribution.base.average_wage@2023-01-01/990000',
    employers: ['91110000600037341L', '91110000600037342J'] });
  assert.deepEqual(record.periods.map((month: { period: string }) => month.period).filter((period: string) => period >= '2024'), ['2024-01', '2024-02', '2024-03', '2024-05']);
  assert.deepEqual(record.quoteHistory, { contributionMonths: 16, averageIndex: '1.1750', accountBalance: '17538.33' });
  const statement = await accountStatement(server.test.database, systemActor('test', ['accounts.read']), anna, 2024);
  assert.equal(statement.closing, '17363.45', 'the statement of 2024 has no interest yet');
  const interest = record.trace.filter((step: { step: string }) => step.step === 'accountInterest');
  assert.deepEqual(interest.map((step: { name: string; value: string; parameter: string }) => [step.name, step.value, step.parameter]),
    [['2024', '174.88', 'pension.account.crediting_rate@2024-01-01']]);
  assert.match(JSON.stringify(record.trace), /interest credited through 2023, valued for 2024/);
  // a year between the last run and the retirement year is valued whole, by its method; the retirement year at the last rate published
  const later = (await cityOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=2025-03-31`)).body;
  assert.equal(later.accountBalance, '17888.65');
  assert.deepEqual(later.trace.filter((step: { step: string }) => step.step === 'accountInterest').map((step: { name: string; value: string; parameter: string }) => [step.name, step.value, step.parameter]),
    [['2024', '408.79', 'pension.account.crediting_rate@2024-01-01'], ['2025', '116.41', 'pension.account.crediting_rate@2024-01-01']]);
  // 东城区's own operator reads the same record: 西城商贸's March (990103) counts, the pension being pooled at the province
  const county = (await countyOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=${retirementDate}`)).body;
  assert.deepEqual([county.months, county.averageIndex, county.periods.find((month: { period: string }) => month.period === '2023-03')?.base], [16, '1.1750', '9000.00']);
  // a retirement in 2023-12: the 2024 months and the 2024 contributions are not in it
  const earlier = (await cityOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=2023-12-31`)).body;
  assert.deepEqual([earlier.months, earlier.averageIndex, earlier.accountBalance], [12, '1.1667', '13523.45']);
});

test('the outside part: 24 months at index 0.9 and an opening balance added; the index the exact month-weighted mean, rounded once', async () => {
  // (18.8 + 24 × 0.9) ÷ 40 = (18.8 + 21.6) ÷ 40 = 40.4 ÷ 40 = 1.01
  const answer = await cityOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=${retirementDate}&outsideMonths=24&outsideAverageIndex=0.9&openingAccountBalance=1000.50`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(answer.body.quoteHistory, { contributionMonths: 40, averageIndex: '1.0100', accountBalance: '18538.83' });
  const noIndex = await cityOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=${retirementDate}&outsideMonths=24`);
  assert.deepEqual([noIndex.status, noIndex.body.error.field], [400, 'outsideAverageIndex']);
});

test('GET /api/pension/record refuses naming the field: a bad ID number or date, an unknown person, a person out of scope, no permission', async () => {
  const badId = await cityOperator.json('GET', `/api/pension/record?idNumber=12345&retirementDate=${retirementDate}`);
  assert.deepEqual([badId.status, badId.body.error.field], [400, 'idNumber']);
  const badDate = await cityOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=2024-02-30`);
  assert.deepEqual([badDate.status, badDate.body.error.field], [400, 'retirementDate']);
  const unknown = await cityOperator.json('GET', `/api/pension/record?idNumber=110101196401010099&retirementDate=${retirementDate}`);
  assert.deepEqual([unknown.status, unknown.body.error.field], [404, 'idNumber']);
  const outOfScope = await westOperator.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=${retirementDate}`);
  assert.deepEqual([outOfScope.status, outOfScope.body.error.field], [404, 'idNumber'], '东城区\'s person is not 西城区\'s');
  assert.equal((await auditor.json('GET', `/api/pension/record?idNumber=${ANNA}&retirementDate=${retirementDate}`)).status, 403);
  const nobody = await cityOperator.json('GET', `/api/pension/record?idNumber=${NOBODY}&retirementDate=${retirementDate}`);
  assert.deepEqual([nobody.status, nobody.body.months, nobody.body.averageIndex, nobody.body.accountBalance, nobody.body.years], [200, 0, null, '0.00', []]);
});

test('sifund pension record --format json answers as the API', async () => {
  const run = await runCommand((program) => benefitsModule.registerCommands(program),
    ['pension', 'record', '--id-number', ANNA, '--retirement-date', retirementDate, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const record = JSON.parse(run.stdout);
  assert.deepEqual([record.months, record.averageIndex, record.accountBalance], [16, '1.1750', '17538.33']);
  const bad = await runCommand((program) => benefitsModule.registerCommands(program), ['pension', 'record', '--id-number', ANNA, '--retirement-date', 'soon', '--format', 'json']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /retirementDate/);
});

test('an award filled from the record keeps its parts; refused when the record changed or a total is not the parts\' sum', async () => {
  const operator = systemActor('award-test', ['pension.award.request', 'benefits.read']);
  const filled = {
    recordMonths: 16, recordAverageIndex: '1.1750', recordAccountBalance: '17538.33',
    outsideMonths: 164, outsideAverageIndex: '1.0', outsideNote: '人事档案：1990-09 至 2003-12 原系统缴费', openingAccountBalance: '20000.00',
    deemedMonths: 0, averageWage: '9000.00',
  };
  const request = (input: Record<string, unknown>) => requestAward(server.test.database, operator, { idNumber: ANNA, retirementDate, bankAccount: '6217000011112222', input });
  const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as Error & { status?: number; field?: string }; } return null; };

  const wrongTotal = await refusal(request({ ...filled, contributionMonths: 200 }));
  assert.deepEqual([wrongTotal?.status, wrongTotal?.field], [422, 'input.contributionMonths']);
  const noNote = await refusal(request({ ...filled, outsideNote: '' }));
  assert.deepEqual([noNote?.status, noNote?.field], [400, 'outsideNote']);

  // (18.8 + 164 × 1.0) ÷ 180 = 182.8 ÷ 180 = 1.015555… → 1.0156
  const item = await request({ ...filled, contributionMonths: 180 });
  const { rows: [kept] } = await server.test.owner.query<{ payload: { quote: { input: Record<string, unknown> }; contributionMonths: number } }>(
    'select payload from approval_item where id = $1', [item.id]);
  assert.deepEqual(kept.payload.quote.input, {
    deemedMonths: 0, averageWage: '9000.00', birthDate: '1964-05-15', gender: 'male', region: '990102', retirementDate,
    contributionMonths: 180, averageIndex: '1.0156', accountBalance: '37538.33',
    recordMonths: 16, recordAverageIndex: '1.1750', recordAccountBalance: '17538.33',
    outsideMonths: 164, outsideAverageIndex: '1', outsideNote: '人事档案：1990-09 至 2003-12 原系统缴费', openingAccountBalance: '20000.00',
  });
  assert.equal(kept.payload.contributionMonths, 180);

  // the record changes: 2024-04 is paid now — the figures the page read are no longer the record's
  const april = (await server.test.owner.query<{ id: string }>(`select b.id from bill b where b.employer_id = $1 and b.period = '2024-04'`, [employerA])).rows[0];
  await insertEntries(server.test.database, [{ personId: anna, regionCode: '990102', year: 2024, period: '2024-04', kind: 'contribution', amount: 96_000n, employerId: employerA, billId: BigInt(april.id) }]);
  const changed = await refusal(request(filled));
  assert.deepEqual([changed?.status, changed?.field], [409, 'input.recordMonths']);
  assert.match(changed!.message, /says 16, the record now says 17/);
  // through POST /api/pension/awards: the schema takes the parts, and the answer names the field
  const overHttp = await cityOperator.json('POST', '/api/pension/awards', { idNumber: ANNA, retirementDate, bankAccount: '6217000011112222', input: filled });
  assert.deepEqual([overHttp.status, overHttp.body.error.field], [409, 'input.recordMonths'], JSON.stringify(overHttp.body));
});

/**
 * The year-end settlement of a pooling region that settles its hospitals by DIP (medical.year_end_method = dip, set as
 * an agency would: a dated regional value), on a hand-worked case:
 *
 * Group points from 2024: A 10 cases at 5,000.00 and B 10 at 15,000.00, the average case 10,000.00 → A 50, B 150.
 * 2025, every month: H1 10 A-cases at 5,000.00 (500 points), H2 5 B-cases at 15,000.00 (750 points); in July H2 also
 * one B-case at 45,000.00 (3× the standard: 150 × (3 − 2 + 1) = 300 points); in March H9, a hospital without a quota,
 * 2 A-cases (100 points); P1, a pharmacy, 9,000.00 fund-payable a month and no cases.
 *   points: H1 6,000, H2 9 × 1,000 + 300 = 9,300, H9 100 → 15,400
 *   DIP fund = the hospitals' quotas 600,000.00 + 900,000.00 = 1,500,000.00; ratio 0.8
 *   settlement point value = 1,500,000.00 ÷ 0.8 ÷ 15,400 = 121.753246… → 121.7532
 *   due: H1 6,000 × 121.7532 × 0.8 = 584,415.36; H2 9,300 × … = 905,843.808 → 905,843.81; H9 100 × … = 9,740.256 → 9,740.26
 *   (Σ 1,499,999.43: the point value's rounding leaves 0.57 in the fund)
 *   prepaid (January's pre-allocation, quota × 0.95 ÷ 12): H1 47,500.00, H2 71,250.00 → settlement 536,915.36, 834,593.81, 9,740.26
 *   P1 by 示范市's total-budget rules: 108,000.00 against 120,000.00, a saving of 12,000.00 × 0.3 = 3,600.00 (the cap,
 *   3% of the quota, is 3,600.00) → allowed 111,600.00, prepaid 10,000.00 → 101,600.00
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { refreshRegionalValues, setRegionalValueBySystem } from '../../../platform/params/regional-values.service.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { accountBalanceNow, ensureFunds, postEntries } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { importInstitutions, importQuotas, importSettlements } from '../institutions/institutions.import.ts';
import { payPrepayment, runPrepayment } from '../prepayment/prepayment.service.ts';
import { dipProjection } from '../dip/dip.service.ts';
import { medicalRoutes } from '../medical.routes.ts';
import { payYearEndSettlement, runYearEndSettlement } from './year-end-run.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const REGION = '990100';
const FUND = 'medical-990100';
const [EXPENSE_BANK, INPATIENT, OUTPATIENT] = ['1004', '500101', '500102'];
const actor = systemActor('medical', ['medical.read', 'medical.manage', 'medical.settle', 'approvals.read']);
let server: TestServer;

const csv = (name: string, lines: string[]) => ({ fileName: name, content: Buffer.from(lines.join('\n')) });
const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
};
const balance = (account: string) => inScope(server.test.database, systemActor('test'), (tx) => accountBalanceNow(tx, FUND, account));
const HEADER = 'institution,month,dipGroup,cases,cost,visits,patients,inpatientDays,totalCost,fundPayable';
const monthRows = (month: string) => [
  `H1,${month},A,10,50000.00,10,10,60,55000.00,40000.00`,
  `H2,${month},B,5,75000.00,5,5,50,80000.00,60000.00`,
  ...(month === '2025-07' ? [`H2,${month},B,1,45000.00,1,1,20,47000.00,36000.00`] : []),
  ...(month === '2025-03' ? [`H9,${month},A,2,10000.00,2,2,10,11000.00,8000.00`] : []),
  `P1,${month},,0,0.00,500,300,0,12000.00,9000.00`,
];
const months = Array.from({ length: 12 }, (_, index) => `2025-${String(index + 1).padStart(2, '0')}`);

before(async () => {
  if (skip) return;
  server = await startTestServer([medicalRoutes]);
  const database = server.test.database;
  await seedPoolingRegions(database);
  await ensureFunds(database);
  await database.db.transaction().execute((tx) => setRegionalValueBySystem(tx, systemActor('test'), {
    path: 'medical.year_end_method', region: REGION, since: '2025-01-01', value: 'dip', reference: '示范市区域点数法总额预算和按病种分值付费实施方案（测试）[local]',
  }));
  await refreshRegionalValues(database);
  await inScope(database, systemActor('test'), (tx) => postEntries(tx, systemActor('test'), [{
    key: 'dip-test-subsidy', fund: FUND, period: '2025-01', date: '2025-01-02', memo: '财政补贴',
    lines: [{ account: '1003', debit: 500_000_000n }, { account: '4002', credit: 500_000_000n }],
  }]));
  await importInstitutions(database, actor, csv('institutions.csv', [
    'institution,name,regionCode,institutionKind,bankAccount',
    'H1,示范市第一人民医院,990102,hospital_3,6222000000000101',
    'H2,示范市东城区医院,990102,hospital_2,6222000000000102',
    'H9,示范市西城社区卫生服务中心,990102,hospital_1,6222000000000109',
    'P1,示范大药房,990102,pharmacy,6222000000000201',
  ]));
  await importQuotas(database, actor, csv('quotas.csv', ['institution,year,annualQuota,reserveShare', 'H1,2025,600000.00,0.05', 'H2,2025,900000.00,0.05', 'P1,2025,120000.00,0']));
  await importSettlements(database, actor, csv('history.csv', [HEADER, 'H1,2024-06,A,10,50000.00,10,10,60,55000.00,40000.00', 'H2,2024-06,B,10,150000.00,10,10,100,160000.00,120000.00']));
  await importSettlements(database, actor, csv('2025-01-11.csv', [HEADER, ...months.slice(0, 11).flatMap(monthRows)]));
  const january = await runPrepayment(database, actor, { month: '2025-01', region: REGION });
  await signOff(database, january.approvalItemId!);
  await payPrepayment(database, actor, { month: '2025-01', region: REGION, paidOn: '2025-01-20' });
});
after(async () => { await server?.close(); });

test('a DIP year with eleven months of data is refused (409 naming the year and the months there are); nothing is stored', { skip }, async () => {
  const error = await refusal(runYearEndSettlement(server.test.database, actor, { year: 2025, region: REGION }));
  assert.equal(error.status, 409);
  assert.equal(error.field, 'year');
  assert.match(error.message, /all 12 months.*2025 has 11/);
  assert.equal(Number((await server.test.owner.query('select count(*) as n from medical_year_end_run')).rows[0].n), 0);
});

test('with the twelfth month: the hospitals paid for their points at the settlement point value, the pharmacy by total budget, to the fen', { skip }, async () => {
  const database = server.test.database;
  await importSettlements(database, actor, csv('2025-12.csv', [HEADER, ...monthRows('2025-12')]));
  const run = await runYearEndSettlement(database, actor, { year: 2025, region: REGION });
  const dip = (run.rules as { method: string; dip: Record<string, string> });
  assert.equal(dip.method, 'dip');
  assert.deepEqual([dip.dip.fund, dip.dip.reimbursementRatio, dip.dip.totalPoints, dip.dip.pointValue, dip.dip.historyFrom, dip.dip.historyTo],
    ['1500000.00', '0.8', '15400', '121.7532', '2022-01', '2024-12']);
  assert.deepEqual(run.institutions.map((line) => [line.code, line.method, line.points, line.quota, line.prepaid, line.allowed, line.settlement]), [
    ['H1', 'dip', '6000', '600000.00', '47500.00', '584415.36', '536915.36'],
    ['H2', 'dip', '9300', '900000.00', '71250.00', '905843.81', '834593.81'],
    ['H9', 'dip', '100', '0.00', '0.00', '9740.26', '9740.26'],
    ['P1', 'total_budget', null, '120000.00', '10000.00', '111600.00', '101600.00'],
  ]);
  assert.deepEqual(run.institutions.map((line) => [line.actual, line.savingReward, line.overrunPaid]), [
    ['480000.00', '0.00', '0.00'], ['756000.00', '0.00', '0.00'], ['8000.00', '0.00', '0.00'], ['108000.00', '3600.00', '0.00'],
  ]);
  assert.deepEqual([run.totals.payable, run.totals.recoverable], ['1482849.43', '0.00']);

  // what the year's projection showed, with all twelve months in, is what the hospitals are settled on
  const projection = await dipProjection(database, actor, { year: 2025, region: REGION });
  assert.deepEqual([projection.monthsSettled, projection.pointValue, projection.low, projection.high], [12, '121.7532', '121.7532', '121.7532']);
  assert.deepEqual(projection.institutions.map((line) => [line.code, line.worth]), [['H1', '584415.36'], ['H2', '905843.81'], ['H9', '9740.26']]);

  // the lines' method and points are fixed with their amounts
  await assert.rejects(server.test.owner.query(`update medical_year_end_settlement set points = 1 where year = 2025`), /never change/);
  await assert.rejects(server.test.owner.query(`update medical_year_end_settlement set method = 'total_budget' where year = 2025`), /never change/);

  // signed off and paid: the year's inpatient expense is exactly what the points are worth
  await signOff(database, run.approvalItemId!);
  assert.equal(await balance(EXPENSE_BANK), 148_284_943n);
  const paid = await payYearEndSettlement(database, actor, { year: 2025, region: REGION, paidOn: '2026-01-20' });
  assert.equal(paid.status, 'paid');
  assert.deepEqual(paid.institutions.map((line) => line.status), ['paid', 'paid', 'paid', 'paid']);
  assert.equal(await balance(EXPENSE_BANK), 0n);
  assert.equal(await balance(INPATIENT), 58_441_536n + 90_584_381n + 974_026n, 'Σ points × point value × ratio');
  assert.equal(await balance(OUTPATIENT), 11_160_000n);
});

test('GET /api/medical/year-end shows the method, the points and the point value; the run is not settled twice', { skip }, async () => {
  const staff = await addUser(server, 'dip-settler', 'operator', REGION);
  const answer = await staff.json('GET', '/api/medical/year-end?year=2025');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.rules.dip.pointValue, '121.7532');
  assert.deepEqual(answer.body.institutions.map((line: { code: string; method: string; points: string | null }) => [line.code, line.method, line.points]),
    [['H1', 'dip', '6000'], ['H2', 'dip', '9300'], ['H9', 'dip', '100'], ['P1', 'total_budget', null]]);
  const again = await runYearEndSettlement(server.test.database, actor, { year: 2025, region: REGION });
  assert.equal(again.status, 'paid');
});

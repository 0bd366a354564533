/**
 * 总额预算指标分配 on a test database: refused without an approved budget; the proposal from the approved 住院 and 门诊
 * lines by history × level factor, to the fen (worked by hand below); adjustments refused naming their field; submitted
 * to sign-off, nothing in force until the final approval, which writes each institution's quota (source budget); the
 * routes and the command.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { startTestServer, addUser, type TestServer } from '../../../platform/testing/http.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { decide, drafterAction } from '../../../platform/signoff/signoff.service.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { ensureFunds } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { approveTestBudget } from '../../budget/budget.testing.ts';
import { requestAdjustment } from '../../budget/adjustments/adjustments.service.ts';
import { importInstitutions, importQuotas, importSettlements } from '../institutions/institutions.import.ts';
import { quotasOfYear } from '../medical.repository.ts';
import { registerMedicalCommands } from '../medical.cli.ts';
import { medicalRoutes } from '../medical.routes.ts';
import { allocationView, previewQuotaAllocation, submitQuotaAllocation } from './allocation.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const YEAR = 2026;
const REGION = '990100';
const FUND = 'medical-990100';
const operator = systemActor('medical', ['medical.read', 'medical.manage', 'medical.settle', 'approvals.read']);
let server: TestServer;

const csv = (name: string, lines: string[]) => ({ fileName: name, content: Buffer.from(lines.join('\n')) });
const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
};
const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `${YEAR - 1}-${String(from + index).padStart(2, '0')}`);

/** The approved budget of 990100 for 2026, medical only: 住院 1,000,000.00 and 门诊 100,000.00. */
const approveBudget = () => approveTestBudget(server.test.database, {
  year: YEAR, region: REGION, fund: FUND, users: 70,
  income: [{ subject: 'premium_income', name: '社会保险费收入', yuan: 2_000_000n }],
  expense: [{ subject: 'benefit_expense', name: '社会保险待遇支出', yuan: 1_100_000n, items: [{ subject: 'inpatient', name: '住院医疗费用', yuan: 1_000_000n }, { subject: 'outpatient', name: '门诊医疗费用', yuan: 100_000n }] }],
});

before(async () => {
  if (skip) return;
  server = await startTestServer([medicalRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  const database = server.test.database;
  await importInstitutions(database, operator, csv('institutions.csv', [
    'institution,name,regionCode,institutionKind,bankAccount',
    'H3,示范市第一人民医院,990102,hospital_3,6222000000000003',
    'H2,示范市东城区医院,990102,hospital_2,6222000000000002',
    'H1,示范市东城社区卫生服务中心,990102,hospital_1,6222000000000011',
    'HN,示范市西城社区卫生服务中心,990102,hospital_1,6222000000000012',
    'P1,示范大药房,990102,pharmacy,6222000000000001',
    'P2,示范社区药房,990102,pharmacy,6222000000000004',
  ]));
  await importQuotas(database, operator, csv('quotas-2025.csv', ['institution,year,annualQuota,reserveShare', 'H3,2025,500000.00,0.10', 'P1,2025,80000.00,0.05']));
  // 2025: H3 12 months of 50,000.00, H2 12 of 25,000.00, H1 July–December 5,000.00, P2 12 of 1,000.00; HN and P1 none
  const row = (code: string, month: string, fundPayable: string) => `${code},${month},,0,0.00,10,5,0,${fundPayable},${fundPayable}`;
  await importSettlements(database, operator, csv('settlements-2025.csv', ['institution,month,dipGroup,cases,cost,visits,patients,inpatientDays,totalCost,fundPayable',
    ...months(1, 12).map((month) => row('H3', month, '50000.00')), ...months(1, 12).map((month) => row('H2', month, '25000.00')),
    ...months(7, 12).map((month) => row('H1', month, '5000.00')), ...months(1, 12).map((month) => row('P2', month, '1000.00'))]));
});
after(async () => { await server?.close(); });

test('without an approved budget of the year the allocation is refused, naming the year and what to do first', { skip }, async () => {
  const error = await refusal(previewQuotaAllocation(server.test.database, operator, { year: YEAR, region: REGION }));
  assert.equal(error.status, 409);
  assert.equal(error.field, 'year');
  assert.match(error.message, /no approved budget for 2026/);
});

test('the proposal: each pool less its 5% reserve, split by the 2025 history × level factor, to the fen; adjustments re-spread the rest', { skip }, async () => {
  await approveBudget();
  const proposal = await previewQuotaAllocation(server.test.database, operator, { year: YEAR, region: REGION });
  assert.deepEqual(proposal.basis, { from: '2025-01', to: '2025-12' });
  assert.deepEqual(proposal.pools.map((pool) => [pool.line, pool.budget, pool.reserve, pool.allocable, pool.allocated]), [
    ['inpatient', '1000000.00', '50000.00', '950000.00', '950000.00'], ['outpatient', '100000.00', '5000.00', '95000.00', '95000.00'],
  ]);
  // 住院 950,000.00 over H3 600,000 × 1, H2 300,000 × 1.02 = 306,000, H1 30,000 annualised to 60,000 × 1.05 = 63,000 (Σ 969,000):
  // H3 588,235.294…, H2 300,000.00, H1 61,764.705…; floors leave one fen, to H1 (.58 against H3's .41). HN has nothing to weigh.
  // 门诊 95,000.00 over P1's 2025 quota 80,000 and P2's 12,000: 82,608.695…, 12,391.304…; one fen to P1.
  assert.deepEqual(proposal.lines.map((line) => [line.code, line.line, line.basisSource, line.basisMonths, line.basis, line.factor, line.quota, line.reserveShare]), [
    ['H1', 'inpatient', 'settled', 6, '60000.00', '1.05', '61764.71', '0.05'],
    ['H2', 'inpatient', 'settled', 12, '300000.00', '1.02', '300000.00', '0.05'],
    ['H3', 'inpatient', 'settled', 12, '600000.00', '1', '588235.29', '0.1'],
    ['HN', 'inpatient', 'none', 0, '0.00', '1.05', '0.00', '0.05'],
    ['P1', 'outpatient', 'previous_quota', 0, '80000.00', '1', '82608.70', '0.05'],
    ['P2', 'outpatient', 'settled', 12, '12000.00', '1', '12391.30', '0.05'],
  ]);
  assert.equal(proposal.total, '1045000.00');
  assert.equal(proposal.allocation, null);
  assert.ok(proposal.rules.references.some((reference) => reference.startsWith('medical.quota_allocation.level_factors@')));

  // HN set to 20,000.00 by hand: 930,000.00 left over the same weights — H3 575,851.393…, H2 293,684.210…, H1 60,464.396… (+1 fen)
  const adjusted = await previewQuotaAllocation(server.test.database, operator, { year: YEAR, region: REGION, adjustments: [{ institution: 'HN', quota: '20000.00', reason: '新增定点，参照同级机构核定' }] });
  assert.deepEqual(adjusted.lines.filter((line) => line.line === 'inpatient').map((line) => [line.code, line.proposed, line.quota, line.reason]), [
    ['H1', '61764.71', '60464.40', null], ['H2', '300000.00', '293684.21', null], ['H3', '588235.29', '575851.39', null], ['HN', '0.00', '20000.00', '新增定点，参照同级机构核定'],
  ]);
  assert.equal(adjusted.pools[0].allocated, '950000.00');
});

test('adjustments refused naming their field: an unknown institution, a reason left out, more than the pool allows', { skip }, async () => {
  const cases: [object, string, RegExp][] = [
    [{ institution: 'X9', quota: '1.00', reason: '测试理由' }, 'adjustments.0.institution', /X9/],
    [{ institution: 'HN', quota: '1.00', reason: ' ' }, 'adjustments.0.reason', /reason/],
    [{ institution: 'HN', quota: '950000.01', reason: '测试理由' }, 'adjustments.0.quota', /exceed it by 0\.01/],
  ];
  for (const [adjustment, field, message] of cases) {
    const error = await refusal(previewQuotaAllocation(server.test.database, operator, { year: YEAR, region: REGION, adjustments: [adjustment as never] }));
    assert.equal(error.status, 400);
    assert.equal(error.field, field);
    assert.match(error.message, message);
  }
});

test('submitted to sign-off: nothing in force until the final approval, which writes the quotas (source budget); a second one waits its turn', { skip }, async () => {
  const database = server.test.database;
  const quotas = () => inScope(database, systemActor('test'), (tx) => quotasOfYear(tx, REGION, YEAR));
  const submitted = await submitQuotaAllocation(database, operator, { year: YEAR, region: REGION, adjustments: [{ institution: 'HN', quota: '20000.00', reason: '新增定点，参照同级机构核定' }] });
  assert.equal(submitted.allocation?.status, 'submitted');
  assert.equal(submitted.total, '1045000.00');
  assert.deepEqual(await quotas(), [], 'nothing in force before the sign-off');
  assert.equal((await refusal(submitQuotaAllocation(database, operator, { year: YEAR, region: REGION }))).status, 409, 'one allocation waits at a time');

  await signOff(database, { id: submitted.allocation!.approvalItemId! }, [testUser('reviewer', 73), testUser('approver', 74)]);
  assert.deepEqual((await quotas()).map((quota) => [quota.code, quota.annual_quota, quota.reserve_share, quota.source]), [
    ['H1', 6_046_440n, '0.0500', 'budget'], ['H2', 29_368_421n, '0.0500', 'budget'], ['H3', 57_585_139n, '0.1000', 'budget'],
    ['HN', 2_000_000n, '0.0500', 'budget'], ['P1', 8_260_870n, '0.0500', 'budget'], ['P2', 1_239_130n, '0.0500', 'budget'],
  ]);
  const stored = await allocationView(database, operator, { year: YEAR, region: REGION });
  assert.equal(stored.allocation?.status, 'approved');
  assert.equal(stored.lines.find((line) => line.code === 'P1')?.previousQuota, '80000.00');
  const audit = await server.test.owner.query(`select action, actor_username from audit_log where action like 'medical.quota_allocation.%' order by created_at, id`);
  assert.deepEqual(audit.rows.map((row) => row.action), ['medical.quota_allocation.submit', 'medical.quota_allocation.approve']);
  assert.equal(audit.rows[1].actor_username, 'approver.test74', 'the quotas are written by the approver');
});

test('a budget adjustment approved meanwhile: the allocation waiting on the old version is refused at its approval, naming the year; allocated again from the new one', { skip }, async () => {
  const database = server.test.database;
  const waiting = await submitQuotaAllocation(database, operator, { year: YEAR, region: REGION });
  const adjustment = await requestAdjustment(database, testUser('operator', 75), BigInt(waiting.budgetVersionId), {
    explanation: '住院医疗费用调增', lines: [{ fund: FUND, side: 'expense', subject: 'benefit_expense.inpatient', amount: '1100000.00', reason: '新增定点医院' }],
  });
  await signOff(database, { id: adjustment.approvalItemId }, [testUser('reviewer', 76), testUser('approver', 77)]);
  const refused = await refusal(signOff(database, { id: waiting.allocation!.approvalItemId! }, [testUser('reviewer', 78), testUser('approver', 79)]));
  assert.deepEqual([refused.status, refused.field], [409, 'year']);
  assert.match(refused.message, new RegExp(`allocated from version ${waiting.budgetVersionId}`));
  const quotas = await inScope(database, systemActor('test'), (tx) => quotasOfYear(tx, REGION, YEAR));
  assert.equal(quotas.find((quota) => quota.code === 'H3')?.annual_quota, 57_585_139n, 'the quotas in force stay those approved before');
  // returned by the approver, withdrawn by its 经办: the allocation follows its item; the latest standing is the approved one
  const item = BigInt(waiting.allocation!.approvalItemId!);
  await decide(database, testUser('approver', 79), item, 'return', '预算已调整，请按新预算重新分配');
  assert.equal((await allocationView(database, operator, { year: YEAR, region: REGION })).allocation?.status, 'returned');
  await drafterAction(database, operator, item, 'cancel', '按调整后的预算重新分配');
  assert.equal((await allocationView(database, operator, { year: YEAR, region: REGION })).allocation?.status, 'approved');
  // the proposal now reads the adjusted version: 住院 1,100,000.00 less 5% = 1,045,000.00
  const again = await previewQuotaAllocation(database, operator, { year: YEAR, region: REGION });
  assert.notEqual(again.budgetVersionId, waiting.budgetVersionId);
  assert.deepEqual([again.pools[0].budget, again.pools[0].allocable], ['1100000.00', '1045000.00']);
});

test('routes and command: the stored allocation, a preview refused naming the field, a reader cannot submit, the command\'s proposal', { skip }, async () => {
  const city = await addUser(server, 'quota-operator', 'operator', REGION);
  const stored = await city.json('GET', `/api/medical/quotas/allocation?year=${YEAR}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.body.allocation.status, 'approved');
  const bad = await city.json('POST', '/api/medical/quotas/allocation/preview', { year: YEAR, adjustments: [{ institution: 'HN', quota: 'abc', reason: '测试理由' }] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'adjustments.0.quota');
  assert.equal((await city.json('GET', `/api/medical/quotas/allocation?year=${YEAR + 1}`)).status, 404);
  const auditor = await addUser(server, 'quota-auditor', 'auditor', REGION);
  assert.equal((await auditor.json('POST', '/api/medical/quotas/allocation', { year: YEAR })).status, 403);

  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  try {
    const run = await runCommand(registerMedicalCommands, ['medical', 'quotas', 'allocation', '--year', String(YEAR), '--region', REGION]);
    assert.equal(run.code, 0, run.stderr);
    // a file of adjustments that is no list, or a row without its reason, is refused naming the field (exit 1)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-quotas-')), 'adjust.json');
    fs.writeFileSync(file, JSON.stringify({ institution: 'HN' }));
    const notList = await runCommand(registerMedicalCommands, ['medical', 'quotas', 'allocation', '--year', String(YEAR), '--adjust', file]);
    assert.equal(notList.code, 1);
    assert.match(notList.stderr, /adjust/);
    fs.writeFileSync(file, JSON.stringify([{ institution: 'HN', quota: '100.00' }]));
    const noReason = await runCommand(registerMedicalCommands, ['medical', 'quotas', 'allocation', '--year', String(YEAR), '--region', REGION, '--adjust', file]);
    assert.equal(noReason.code, 1);
    assert.match(noReason.stderr, /reason: a quota set by hand needs a reason/);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    // from the adjusted budget: 1,045,000.00 × 600,000 ÷ 969,000 = 647,058.823…
    assert.equal(JSON.parse(run.stdout).lines.find((line: { code: string }) => line.code === 'H3').quota, '647058.82');
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
});

/**
 * Monthly allocation plans on a hand-built budget and ledger (990100, 2025; the ledger's 2024 gives the seasonal
 * shares): each method sums to every line to the fen, seasonal follows the ledger (a line without movement is split
 * evenly and says so), a hand plan off by a fen is refused naming December and the difference, an approved plan fills
 * the indicators' allocated to the month asked, a second plan supersedes the first, and a plan waiting on a version an
 * adjustment has superseded is refused at approval.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { startTestServer, addUser, type TestServer } from '../../../platform/testing/http.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { chartFor, ensureFunds, fundAccounts, postEntries } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { approveTestBudget } from '../../budget/budget.testing.ts';
import { requestAdjustment } from '../../budget/adjustments/adjustments.service.ts';
import { listIndicators } from '../indicators/indicators.service.ts';
import { registerExecutionCommands } from '../execution.cli.ts';
import { allocationRoutes } from './allocation.routes.ts';
import { listAllocationPlans, proposeAllocationPlans } from './allocation.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const YEAR = 2025;
const MEDICAL = 'medical-990100';
let server: TestServer;
const reader = systemActor('test-allocation', ['execution.read']);
const drafter = testUser('operator', 60);
const signers = () => [testUser('reviewer', 61), testUser('approver', 62)];

const account = (role: string, subject?: string) => fundAccounts(chartFor(YEAR), 'medical').find((a) => a.role === role && (subject === undefined || a.subject === subject))!.code;
let posted = 0;
const postExpense = (period: string, subject: string, fen: bigint) => postEntries(server.test.database, systemActor('test'), [{
  key: `allocation-test-${posted++}`, fund: MEDICAL, period, date: `${period}-15`, memo: '测试',
  lines: [{ account: account('expense', subject), debit: fen }, { account: account('expense_bank'), credit: fen }],
}]);

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const total = (months: string[]) => months.reduce((sum, month) => sum + fen(month), 0n);
const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
};

/** The approved budget of 990100 for 2025, medical only: inpatient 600,001.00 and outpatient 300,000.00 (其中 of 900,001.00), other 10,000.00. */
const approveBudget = () => approveTestBudget(server.test.database, {
  year: YEAR, region: '990100', fund: MEDICAL, users: 63,
  income: [{ subject: 'premium_income', name: '社会保险费收入', yuan: 2_000_000n }],
  expense: [
    { subject: 'benefit_expense', name: '社会保险待遇支出', yuan: 900_001n, items: [{ subject: 'inpatient', name: '住院医疗费用', yuan: 600_001n }, { subject: 'outpatient', name: '门诊医疗费用', yuan: 300_000n }] },
    { subject: 'other_expense', name: '其他支出', yuan: 10_000n },
  ],
});

before(async () => {
  if (skip) return;
  server = await startTestServer([allocationRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  await postEntries(server.test.database, systemActor('test'), [{ key: 'allocation-funding', fund: MEDICAL, period: `${YEAR - 2}-12`, date: `${YEAR - 2}-12-31`, memo: '测试：支出户备付',
    lines: [{ account: account('expense_bank'), debit: 10n ** 12n }, { account: account('fund_balance'), credit: 10n ** 12n }] }]);
  // the ledger's last complete year before 2025: inpatient paid 1,000.00 in January and 3,000.00 in July, nothing else
  await postExpense(`${YEAR - 1}-01`, 'benefit_expense.inpatient', 1_000_00n);
  await postExpense(`${YEAR - 1}-07`, 'benefit_expense.inpatient', 3_000_00n);
  await approveBudget();
});
after(async () => { await server?.close(); });

const planOf = async () => (await listAllocationPlans(server.test.database, reader, { year: YEAR, region: '990100' })).funds.find((fund) => fund.fund === MEDICAL)!;
const allocated = async (month?: number) => new Map((await listIndicators(server.test.database, reader, { year: YEAR, region: '990100', month }))
  .filter((indicator) => indicator.fund === MEDICAL).map((indicator) => [indicator.subject, indicator.allocated]));

test('even: proposed to sign-off (allocated stays 0 until approved), every line sums to the fen; approval fills allocated to the month', { skip }, async () => {
  const [item] = await proposeAllocationPlans(server.test.database, drafter, { year: YEAR, region: '990100', method: 'even' });
  assert.equal(item.kind, 'execution.allocation_plan');
  const waiting = await planOf();
  assert.equal(waiting.plan, null);
  assert.equal(waiting.proposal?.method, 'even');
  assert.deepEqual((await allocated(12)).get('benefit_expense'), '0.00', 'a proposal releases nothing');
  // one proposal per fund at a time
  const twice = await refusal(proposeAllocationPlans(server.test.database, drafter, { year: YEAR, region: '990100', fund: MEDICAL, method: 'seasonal' }));
  assert.equal(twice.status, 409);

  const approved = await signOff(server.test.database, item, signers());
  assert.equal(approved.status, 'approved');
  const { plan, proposal } = await planOf();
  assert.equal(proposal, null);
  assert.equal(plan?.method, 'even');
  assert.deepEqual(plan!.lines.map((line) => [line.subject, line.amount, total(line.months), line.split]), [
    ['benefit_expense', '900001.00', 90000100n, 'even'],
    ['benefit_expense.inpatient', '600001.00', 60000100n, 'even'],
    ['benefit_expense.outpatient', '300000.00', 30000000n, 'even'],
    ['other_expense', '10000.00', 1000000n, 'even'],
  ]);
  // 60,000,100 fen ÷ 12 = 5,000,008 rem 4: the first four months get the extra fen
  assert.deepEqual(plan!.lines[1].months, [...Array(4).fill('50000.09'), ...Array(8).fill('50000.08')]);
  const toMarch = await allocated(3);
  assert.equal(toMarch.get('benefit_expense.inpatient'), '150000.27');
  assert.equal(toMarch.get('other_expense'), '2500.02', '1,000,000 fen ÷ 12 = 83,333 rem 4: January to March 83,334 each');
  // a past year's default month is December: all of it
  assert.equal((await allocated()).get('benefit_expense'), '900001.00');
});

test('seasonal follows the 2024 ledger (a line without movement is even and says so); its approval supersedes the even plan', { skip }, async () => {
  const first = (await planOf()).plan!;
  const [item] = await proposeAllocationPlans(server.test.database, drafter, { year: YEAR, region: '990100', fund: MEDICAL, method: 'seasonal' });
  const proposal = (await planOf()).proposal!;
  const inpatient = proposal.lines.find((line) => line.subject === 'benefit_expense.inpatient')!;
  // 1,000 : 3,000 → a quarter in January, three quarters in July
  assert.deepEqual(inpatient.months, ['150000.25', '0.00', '0.00', '0.00', '0.00', '0.00', '450000.75', '0.00', '0.00', '0.00', '0.00', '0.00']);
  assert.deepEqual([inpatient.split, inpatient.basisYear], ['seasonal', YEAR - 1]);
  const outpatient = proposal.lines.find((line) => line.subject === 'benefit_expense.outpatient')!;
  assert.deepEqual([outpatient.split, outpatient.basisYear, outpatient.months[0]], ['even', null, '25000.00'], 'no movement in 2024: even');
  for (const line of proposal.lines) assert.equal(total(line.months), fen(line.amount), line.subject);

  await signOff(server.test.database, item, signers());
  const { plan } = await planOf();
  assert.equal(plan?.method, 'seasonal');
  assert.equal(plan?.supersedes, first.id);
  assert.equal((await allocated(6)).get('benefit_expense.inpatient'), '150000.25', 'January only: July is after June');
  assert.equal((await allocated(7)).get('benefit_expense.inpatient'), '600001.00');
  // nothing edited: the even plan is still there, superseded
  const plans = await sql<{ id: string; supersedes_id: string | null }>`select id::text, supersedes_id::text from allocation_plan order by approved_at`.execute(server.test.database.db);
  assert.deepEqual(plans.rows.map((row) => [row.id, row.supersedes_id]), [[first.id, null], [plan!.id, first.id]]);
  await assert.rejects(sql`update allocation_plan_month set amount = 0`.execute(server.test.database.db), /append-only/);
});

test('by hand: a line off by a fen is refused naming December and the difference; a missing line named; nothing submitted', { skip }, async () => {
  const months = (amount: string, december: string) => [...Array(11).fill(amount), december];
  const lines = [
    { subject: 'benefit_expense', months: months('75000.08', '75000.12') },            // 11 × 75,000.08 + 75,000.12 = 900,001.00
    { subject: 'benefit_expense.inpatient', months: months('50000.00', '50001.00') },
    { subject: 'other_expense', months: months('833.33', '833.38') },                   // 9,166.63 + 833.38 = 10,000.01: one fen over
  ];
  const wrong = await refusal(proposeAllocationPlans(server.test.database, drafter, { year: YEAR, region: '990100', fund: MEDICAL, method: 'manual', lines }));
  assert.equal(wrong.status, 422);
  const messages = (wrong.rows ?? []).map((row) => render(row.message as never, 'en'));
  assert.ok(messages.some((message) => message.includes('other_expense') && message.includes('0.01 yuan off') && message.includes('December would have to be 833.37 yuan')), messages.join(' | '));
  assert.ok(messages.some((message) => message.includes('benefit_expense.outpatient') && message.includes('no monthly amounts')), messages.join(' | '));
  assert.equal((await planOf()).proposal, null, 'nothing submitted');

  const right = [...lines.slice(0, 2), { subject: 'benefit_expense.outpatient', months: Array(12).fill('25000.00') }, { subject: 'other_expense', months: months('833.33', '833.37') }];
  const [item] = await proposeAllocationPlans(server.test.database, drafter, { year: YEAR, region: '990100', fund: MEDICAL, method: 'manual', lines: right });
  assert.deepEqual((await planOf()).proposal?.lines.find((line) => line.subject === 'other_expense')?.months.at(-1), '833.37');
  await signOff(server.test.database, item, signers());
  assert.equal((await allocated(11)).get('other_expense'), '9166.63');
});

test('HTTP and the command: the plans as JSON, a wrong method refused naming its field, a reader cannot propose', { skip }, async () => {
  const operator = await addUser(server, 'allocation-operator', 'operator', '990100');
  const listed = await operator.json('GET', `/api/execution/allocation-plans?year=${YEAR}&region=990100`);
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body, JSON.parse(JSON.stringify(await listAllocationPlans(server.test.database, reader, { year: YEAR, region: '990100' }))));
  const bad = await operator.json('POST', '/api/execution/allocation-plans', { year: YEAR, region: '990100', method: 'weekly' }, { 'accept-language': 'zh-CN' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'allocationMethod');
  assert.match(bad.body.error.message, /编制方法/);
  const auditor = await addUser(server, 'allocation-auditor', 'auditor', '990100');
  assert.equal((await auditor.json('POST', '/api/execution/allocation-plans', { year: YEAR, region: '990100', method: 'even' })).status, 403);

  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  try {
    const shown = await runCommand(registerExecutionCommands, ['execution', 'allocation', 'show', '--year', String(YEAR), '--region', '990100', '--format', 'json']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(JSON.parse(shown.stdout).funds[0].plan.method, 'manual');
    const proposed = await runCommand(registerExecutionCommands, ['execution', 'allocation', '--year', String(YEAR), '--region', '990100', '--method', 'even', '--format', 'json']);
    assert.equal(proposed.code, 0, proposed.stderr);
    assert.deepEqual(JSON.parse(proposed.stdout).items.map((item: { kind: string; status: string }) => [item.kind, item.status]), [['execution.allocation_plan', 'pending']]);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
});

test('an adjustment approves a newer version: the proposal waiting on the old one is refused at approval, and the fund has no plan (allocated 0) until one is made', { skip }, async () => {
  const before = await listAllocationPlans(server.test.database, reader, { year: YEAR, region: '990100' });
  const waiting = before.funds.find((fund) => fund.fund === MEDICAL)!.proposal!;   // the command's even proposal
  const adjustment = await requestAdjustment(server.test.database, drafter, BigInt(before.versionId!), {
    explanation: '其他支出调增', lines: [{ fund: MEDICAL, side: 'expense', subject: 'other_expense', amount: '10001.00', reason: '测试' }],
  });
  await signOff(server.test.database, { id: adjustment.approvalItemId }, [testUser('reviewer', 66), testUser('approver', 67)]);
  const refused = await refusal(signOff(server.test.database, { id: waiting.approvalItemId }, [testUser('reviewer', 68), testUser('approver', 69)]));
  assert.equal(refused.status, 409);
  assert.match(refused.message, new RegExp(`budget version ${before.versionId} has been superseded`));
  const after = await listAllocationPlans(server.test.database, reader, { year: YEAR, region: '990100' });
  assert.notEqual(after.versionId, before.versionId);
  assert.equal(after.funds.find((fund) => fund.fund === MEDICAL)!.plan, null);
  assert.equal((await allocated(12)).get('other_expense'), '0.00');
});

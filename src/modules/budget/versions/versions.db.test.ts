/**
 * Budget versions on the demo pooling structure (province 990000 pools pension; the cities 990100 and 990200 pool
 * medical): the workflow's states through the sign-off engine, separation of duties, a return with comments per line
 * and the resubmission, an approved version the database refuses to change, the identities checked before
 * submission, aggregation summed exactly with the regions still missing, the diff of two versions, and a version
 * created from the draft of a ledger posted here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inScope, systemActor, type Actor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { onBusinessDay } from '../../../platform/params/index.ts';
import { parseYuan } from '../../../platform/money.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { decide, getApproval } from '../../../platform/signoff/signoff.service.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { tenThousandYuan } from '../../../platform/money.ts';
import { ensureFunds, openingBalanceEntry, periodEnd, postEntries, type EntryInput } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import type { DraftedLine } from './versions.calc.ts';
import { registerVersionCommands } from './versions.cli.ts';
import {
  adjustLine, aggregateVersion, approvedBudget, createVersion, diffVersions, returnVersion, saveDraftAsVersion, setTarget, submitVersion,
  type DraftForVersion, type VersionView,
} from './versions.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedPoolingRegions(test_.database);
  await ensureFunds(test_.database);
});
after(async () => { await test_?.drop(); });

// the drafter holds budget.review too, so that only separation of duties stops them from deciding their own version
const drafter = testUser('reviewer', 11);
const reviewer = testUser('reviewer', 12);
const approver = testUser('approver', 13);

const yuan = (text: string) => BigInt(text.replace('.', ''));
const line = (subject: string, name: string, amount: bigint, items?: DraftedLine[]): DraftedLine => ({ subject, name, amount, model: items ? undefined : 'naive', beatsNaive: false, backtest: null, items });

/** One fund table as the draft gives it: premium and subsidy income, benefits in two 其中 rows, other expense. */
function fixtureTable(fund: string, region: string, scheme: string, table: string, scale: bigint, previous: bigint) {
  const premium = 1_000_000_00n * scale, subsidy = 200_000_00n * scale, inpatient = 600_000_00n * scale, outpatient = 300_000_00n * scale, other = 10_000_00n * scale;
  const totalIncome = premium + subsidy, totalExpense = inpatient + outpatient + other;
  return {
    fund, region, scheme, table, tableName: `${scheme} 预算表`,
    income: [line('premium_income', '社会保险费收入', premium), line('fiscal_subsidy_income', '财政补贴收入', subsidy)],
    expense: [
      line('benefit_expense', '社会保险待遇支出', inpatient + outpatient, [line('inpatient', '住院医疗费用', inpatient), line('outpatient', '门诊医疗费用', outpatient)]),
      line('other_expense', '其他支出', other),
    ],
    totalIncome, totalExpense, balance: totalIncome - totalExpense, previousAccumulatedBalance: previous, accumulatedBalance: previous + totalIncome - totalExpense,
  };
}

const draftOf = (region: string, year: number, tables: ReturnType<typeof fixtureTable>[]): DraftForVersion => ({ year, region, lastActualMonth: `${year - 1}-10`, chartYear: 2018, tables });

const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { return error as AppError; }
  assert.fail('expected a refusal');
};
const tableOf = (view: VersionView, fund: string) => view.tables.find((table) => table.fund === fund)!;
const findLine = (view: VersionView, fund: string, subject: string) => {
  const table = tableOf(view, fund);
  return [...table.income, ...table.expense].flatMap((entry) => [entry, ...(entry.items ?? [])]).find((entry) => entry.subject === subject)!;
};

test('the workflow: drafted, adjusted with a reason, submitted, returned with comments per line, resubmitted, approved; the drafter never decides', { skip }, async () => {
  const created = await saveDraftAsVersion(test_.database, drafter, draftOf('990100', 2027, [fixtureTable('medical-990100', '990100', 'medical', '社预05', 1n, 5_000_000_00n)]));
  assert.deepEqual([created.status, created.number, created.basis, created.tables.length], ['drafted', 1, 'model', 1]);
  const medical = tableOf(created, 'medical-990100');
  assert.deepEqual([medical.totalIncome, medical.totalExpense, medical.balance, medical.accumulatedBalance], ['1200000.00', '910000.00', '290000.00', '5290000.00']);
  assert.equal(medical.targets.length, 8, 'the standard performance indicators: 决策, 过程, 产出, 效益');
  assert.deepEqual([...new Set(medical.targets.map((target) => target.dimension))], ['decision', 'process', 'output', 'effect']);
  const id = BigInt(created.id);

  // a 其中 row adjusted: its line and the totals follow; the line itself is adjusted through its rows
  const adjusted = await adjustLine(test_.database, drafter, { versionId: id, fund: 'medical-990100', subject: 'benefit_expense.inpatient', amount: '650000.00', reason: '住院人次增长 8%' });
  assert.equal(findLine(adjusted, 'medical-990100', 'benefit_expense').amount, '950000.00');
  assert.deepEqual(findLine(adjusted, 'medical-990100', 'benefit_expense.inpatient').adjustment?.reason, '住院人次增长 8%');
  assert.equal(findLine(adjusted, 'medical-990100', 'benefit_expense.inpatient').draftedAmount, '600000.00');
  assert.deepEqual([tableOf(adjusted, 'medical-990100').totalExpense, tableOf(adjusted, 'medical-990100').accumulatedBalance], ['960000.00', '5240000.00']);
  assert.match((await refusal(adjustLine(test_.database, drafter, { versionId: id, fund: 'medical-990100', subject: 'benefit_expense', amount: '1.00', reason: '试试看' }))).message, /is the sum of its rows: adjust those rows/);
  assert.match((await refusal(adjustLine(test_.database, drafter, { versionId: id, fund: 'medical-990100', subject: 'other_expense', amount: '1.00', reason: '' }))).message, /needs a reason/);
  const targeted = await setTarget(test_.database, drafter, { versionId: id, fund: 'medical-990100', indicator: 'months_of_payment_capacity', value: '9', reason: '医保基金累计结余可支付 9 个月' });
  assert.equal(tableOf(targeted, 'medical-990100').targets.find((target) => target.indicator === 'months_of_payment_capacity')!.value, '9.00');

  const submitted = await submitVersion(test_.database, drafter, id);
  assert.deepEqual([submitted.status, submitted.submissions], ['submitted', 1]);
  assert.equal((await refusal(adjustLine(test_.database, drafter, { versionId: id, fund: 'medical-990100', subject: 'other_expense', amount: '1.00', reason: '报送后调整' }))).status, 409);
  const itemId = BigInt(submitted.approvalItemId!);
  const own = await refusal(decide(test_.database, drafter, itemId, 'approve', '自己审核'));
  assert.equal(own.status, 403, 'the drafter never approves');
  assert.match(own.message, /drafter/i);
  // the drafter's comments are not written: the engine refuses the return first
  assert.equal((await refusal(returnVersion(test_.database, drafter, id, { reason: '自己退回', comments: [{ fund: 'medical-990100', subject: 'other_expense', comment: '不写' }] }))).status, 403);

  const returned = await returnVersion(test_.database, reviewer, id, {
    reason: '住院费用增幅依据不足',
    comments: [{ fund: 'medical-990100', subject: 'benefit_expense.inpatient', comment: '请补充住院人次增长的测算依据' }, { fund: 'medical-990100', subject: 'premium_income', comment: '缴费基数增长率偏高' }],
  });
  assert.equal(returned.status, 'returned');
  assert.deepEqual(findLine(returned, 'medical-990100', 'benefit_expense.inpatient').comments.map((c) => [c.submission, c.comment, c.by]), [[1, '请补充住院人次增长的测算依据', reviewer.username]]);
  assert.equal(findLine(returned, 'medical-990100', 'premium_income').comments.length, 1);
  assert.equal(findLine(returned, 'medical-990100', 'other_expense').comments.length, 0);
  assert.equal((await getApproval(test_.database, reviewer, itemId)).status, 'returned');

  // the drafter answers the comments and resubmits: the same item goes through every level again
  await adjustLine(test_.database, drafter, { versionId: id, fund: 'medical-990100', subject: 'premium_income', amount: '980000.00', reason: '按审核意见下调缴费基数增长率' });
  const resubmitted = await submitVersion(test_.database, drafter, id);
  assert.deepEqual([resubmitted.status, resubmitted.submissions, resubmitted.approvalItemId], ['submitted', 2, submitted.approvalItemId]);
  assert.equal(findLine(resubmitted, 'medical-990100', 'premium_income').comments.length, 1, 'the comments stay with the version');

  const decided = await signOff(test_.database, { id: resubmitted.approvalItemId! }, [reviewer, approver]);
  assert.deepEqual(decided.levels.map((level) => [level.label, level.signed]), [['复核', true], ['审批', true]]);
  const approved = (await inScope(test_.database, approver, (tx) => approvedBudget(tx, { year: 2027, region: '990100' })))!;
  assert.equal(approved.find((entry) => entry.subject === 'premium_income')!.amount, 980_000_00n);
  assert.equal(approved.find((entry) => entry.subject === 'benefit_expense')!.amount, 950_000_00n);
  assert.equal(await inScope(test_.database, approver, (tx) => approvedBudget(tx, { year: 2026, region: '990100' })), null);
});

test('an approved version is immutable: the service refuses, and the database refuses any update or delete', { skip }, async () => {
  const created = await saveDraftAsVersion(test_.database, drafter, draftOf('990200', 2027, [fixtureTable('medical-990200', '990200', 'medical', '社预05', 2n, 1_000_000_00n)]));
  const id = BigInt(created.id);
  const submitted = await submitVersion(test_.database, drafter, id);
  await signOff(test_.database, { id: submitted.approvalItemId! }, [reviewer, approver]);
  const refused = await refusal(adjustLine(test_.database, drafter, { versionId: id, fund: 'medical-990200', subject: 'other_expense', amount: '1.00', reason: '批复后调整' }));
  assert.equal(refused.status, 409);
  assert.match(refused.message, /budget version \d+ is approved: only a drafted or returned version can be adjusted/);
  for (const statement of [
    `update budget_line set amount = amount + 1 where version_id = ${id} and subject = 'other_expense'`,
    `delete from budget_target where version_id = ${id}`,
    `update budget_version_table set total_income = 0 where version_id = ${id}`,
    `update budget_version set status = 'drafted', approved_at = null where id = ${id}`,
    `delete from budget_version where id = ${id}`,
    `insert into budget_line (version_id, fund, side, subject, line_number, region_code, name, amount, drafted_amount) values (${id}, 'medical-990200', 'income', 'other_income', 99, '990200', '其他收入', 1, 1)`,
  ]) {
    await assert.rejects(test_.owner.query(statement), /budget version \d+ is approved/, statement);
  }
  const { rows: [row] } = await test_.owner.query(`select amount::text from budget_line where version_id = ${id} and subject = 'other_expense'`);
  assert.equal(row.amount, '2000000');
});

test('the identities are checked before submission: a table whose total no longer adds up is refused, naming it', { skip }, async () => {
  const created = await saveDraftAsVersion(test_.database, drafter, draftOf('990100', 2029, [fixtureTable('medical-990100', '990100', 'medical', '社预05', 1n, 0n)]));
  await test_.owner.query(`update budget_version_table set total_income = total_income + 1 where version_id = ${created.id}`);
  const refused = await refusal(submitVersion(test_.database, drafter, BigInt(created.id)));
  assert.equal(refused.status, 409);
  assert.match(refused.message, /medical-990100: total income 1200000\.01 is not the sum of the income lines, 1200000\.00/);
  assert.match(refused.message, /the balance of the year 290000\.00 is not income less expense, 290000\.01/);
  assert.match(render(refused.said, 'zh-CN'), /收入合计 1200000\.01 元不等于各收入项之和 1200000\.00 元/);
});

test('aggregation sums the approved versions below and the level\'s own lines exactly, naming the regions still missing; two versions compared line by line', { skip }, async () => {
  const year = 2028;
  const approve = async (draft: DraftForVersion) => {
    const version = await saveDraftAsVersion(test_.database, drafter, draft);
    const submitted = await submitVersion(test_.database, drafter, BigInt(version.id));
    await signOff(test_.database, { id: submitted.approvalItemId! }, [reviewer, approver]);
    return version;
  };
  await saveDraftAsVersion(test_.database, drafter, draftOf('990000', year, [fixtureTable('pension-990000', '990000', 'pension', '社预02', 5n, 9_000_000_00n)]));
  await approve(draftOf('990100', year, [fixtureTable('medical-990100', '990100', 'medical', '社预05', 1n, 5_000_000_00n)]));
  // a city's version that is not approved yet does not count
  const pending = await saveDraftAsVersion(test_.database, drafter, draftOf('990200', year, [fixtureTable('medical-990200', '990200', 'medical', '社预05', 3n, 1_000_000_03n)]));

  const first = await aggregateVersion(test_.database, drafter, { year, region: '990000' });
  assert.deepEqual([first.basis, first.status, first.number], ['aggregated', 'drafted', 2], 'after the province\'s own drafted version');
  assert.deepEqual(first.sources!.missing, [{ region: '990200', name: '另一市' }]);
  assert.deepEqual(first.sources!.versions.map((version) => version.region).sort(), ['990000', '990100']);
  assert.deepEqual(first.tables.map((table) => table.fund), ['pension-990000', 'medical-990000']);
  assert.equal(tableOf(first, 'medical-990000').totalIncome, '1200000.00');

  await submitVersion(test_.database, drafter, BigInt(pending.id)).then((version) => signOff(test_.database, { id: version.approvalItemId! }, [reviewer, approver]));
  const second = await aggregateVersion(test_.database, drafter, { year, region: '990000' });
  assert.equal(second.number, 3);
  assert.deepEqual(second.sources!.missing, []);
  const medical = tableOf(second, 'medical-990000');
  // 1 × and 3 × the fixture's amounts; the balances brought forward 5,000,000.00 + 1,000,000.03
  assert.deepEqual([medical.totalIncome, medical.totalExpense, medical.balance, medical.previousAccumulatedBalance, medical.accumulatedBalance],
    ['4800000.00', '3640000.00', '1160000.00', '6000000.03', '7160000.03']);
  assert.equal(findLine(second, 'medical-990000', 'benefit_expense.outpatient').amount, '1200000.00');
  assert.equal(second.summary.totalIncome, '10800000.00', '社预01: 6,000,000.00 of pension and 4,800,000.00 of medical');

  const diff = await diffVersions(test_.database, drafter, BigInt(first.id), BigInt(second.id));
  assert.deepEqual(diff.lines.map((entry) => [entry.subject, entry.from, entry.to, entry.change]), [
    ['premium_income', '1000000.00', '4000000.00', '3000000.00'],
    ['fiscal_subsidy_income', '200000.00', '800000.00', '600000.00'],
    ['benefit_expense', '900000.00', '3600000.00', '2700000.00'],
    ['benefit_expense.inpatient', '600000.00', '2400000.00', '1800000.00'],
    ['benefit_expense.outpatient', '300000.00', '1200000.00', '900000.00'],
    ['other_expense', '10000.00', '40000.00', '30000.00'],
  ]);
  assert.ok(diff.lines.every((entry) => entry.fund === 'medical-990000'), 'the pension table is the same in both');
  assert.equal((await refusal(diffVersions(test_.database, drafter, BigInt(first.id), BigInt(pending.id)))).status, 400);

  // a city whose counties hold no fund: its own lines only; a region with nothing to sum is refused
  const city = await aggregateVersion(test_.database, drafter, { year, region: '990200' });
  assert.deepEqual(city.sources!.missing, []);
  assert.equal(tableOf(city, 'medical-990200').totalIncome, '3600000.00');
  assert.equal((await refusal(aggregateVersion(test_.database, drafter, { year: 2030, region: '990000' }))).status, 409);
});

test('a version created from the draft of the city\'s ledger keeps its own fund tables with the model behind each line', { skip }, async () => {
  const months = Array.from({ length: 22 }, (_, t) => `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
  const plans = { 'medical-990100': 3_000_000_00n, 'unemployment-990100': 400_000_00n, 'work_injury-990100': 120_000_00n };
  const entries: EntryInput[] = Object.entries(plans).flatMap(([fund, premium]) => [
    openingBalanceEntry({ fund, amount: 20n * premium, date: '2025-01-01', memo: '期初建账', heldIn: 'expense_bank' }),
    ...months.flatMap((month): EntryInput[] => [
      { key: `premium:${fund}:${month}`, fund, period: month, date: `${month}-15`, memo: '社会保险费收入', lines: [{ account: '1003', debit: premium }, { account: '4001', credit: premium }] },
      { key: `benefit:${fund}:${month}`, fund, period: month, date: periodEnd(month), memo: '待遇支出', lines: [{ account: '500101', debit: premium / 2n }, { account: '1004', credit: premium / 2n }] },
    ]),
  ]);
  await postEntries(test_.database, systemActor('test', ['ledger.read']), entries);
  const officer: Actor = systemActor('budget-test', ['budget.draft', 'budget.read', 'ledger.read']);
  const version = await onBusinessDay('2026-11-15', () => createVersion(test_.database, officer, { year: 2027, region: '990100' }));
  assert.deepEqual([version.basis, version.number, version.lastActualMonth, version.chartYear], ['model', 2, '2026-10', 2018], 'the second version of 2027 (the first was kept from a fixture)');
  assert.deepEqual(version.tables.map((table) => [table.fund, table.table]), [['medical-990100', '社预05'], ['work_injury-990100', '社预07'], ['unemployment-990100', '社预08']], 'in the order of the table numbers');
  const premium = findLine(version, 'unemployment-990100', 'premium_income');
  assert.equal(premium.amount, '4800000.00', 'a constant monthly premium of 400,000.00 for twelve months');
  assert.ok(premium.forecast?.model, 'the model behind the line is kept');
  for (const table of version.tables) assert.equal(yuan(table.balance), yuan(table.totalIncome) - yuan(table.totalExpense), table.fund);
  // a county holding no fund has nothing to draft: refused by the draft
  assert.equal((await refusal(onBusinessDay('2026-11-15', () => createVersion(test_.database, officer, { year: 2030, region: '990102' })))).status, 400);
});

test('sifund budget show prints a version as JSON or in the standard layout; diff lists the lines that differ; a refusal exits 1', { skip }, async () => {
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = test_.url;
  try {
    const run = (...args: string[]) => runCommand(registerVersionCommands, ['budget', ...args]);
    const shown = await run('show', '--year', '2028', '--region', '990000', '--format', 'json');
    assert.equal(shown.code, 0, shown.stderr);
    const newest = JSON.parse(shown.stdout) as VersionView;
    assert.deepEqual([newest.number, newest.basis, newest.summary.totalIncome], [3, 'aggregated', '10800000.00']);
    const layout = await run('show', '--year', '2028', '--region', '990000', '--version', '2', '--format', 'table');
    assert.equal(layout.code, 0, layout.stderr);
    assert.match(layout.stdout, /社预01/);
    assert.match(layout.stdout, /尚未汇入 另一市 990200/);
    assert.match(layout.stdout, /其中：住院医疗费用/);
    // the standard layout in 万元 (two decimals, from the fen), the JSON in yuan
    const second = JSON.parse((await run('show', '--year', '2028', '--region', '990000', '--version', '2', '--format', 'json')).stdout) as VersionView;
    const csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-version-')), 'version.csv');
    const csv = await run('show', '--year', '2028', '--region', '990000', '--version', '2', '--format', 'csv', '--out', csvFile);
    assert.equal(csv.code, 0, csv.stderr);
    const incomeRow = fs.readFileSync(csvFile, 'utf8').split(/\r?\n/).find((line) => line.startsWith('收入合计,'));
    fs.rmSync(path.dirname(csvFile), { recursive: true, force: true });
    assert.equal(incomeRow?.split(',')[2], tenThousandYuan(parseYuan(second.summary.totalIncome)), `社预01 收入合计 ${second.summary.totalIncome} yuan in 万元`);
    assert.match(second.summary.totalIncome, /^\d+\.\d{2}$/, 'the JSON in yuan to the fen');
    assert.ok(parseYuan(second.summary.totalIncome) >= 100_000_000n, 'large enough for 万元 to differ from yuan');
    const diff = await run('diff', '--from', newest.id, '--to', newest.id, '--format', 'json');
    assert.equal(diff.code, 0, diff.stderr);
    assert.deepEqual(JSON.parse(diff.stdout).lines, [], 'a version compared with itself');
    const refused = await run('adjust', '--version', newest.id, '--fund', 'medical-990000', '--subject', 'benefit_expense', '--amount', '1', '--reason', '试一下');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /社会保险待遇支出|sum of its rows/);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
});

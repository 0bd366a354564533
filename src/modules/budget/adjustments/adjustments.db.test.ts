/**
 * Budget adjustment on the demo pooling structure (the cities 990100 and 990200 pool medical): a request changes only
 * its lines; its approval through 复核 and 审批 creates a new approved version (identities holding, every other line
 * and table carried over, the targets too) that supersedes the one adjusted and is what approvedBudget returns; the
 * history of a line; a bad request names every bad line and submits nothing; a return or a withdrawal changes no
 * version; the same user never signs two levels; the command reads a request file and lists the requests.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inScope } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { decide, drafterAction, getApproval } from '../../../platform/signoff/signoff.service.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { ensureFunds } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import type { DraftedLine } from '../versions/versions.calc.ts';
import { registerVersionCommands } from '../versions/versions.cli.ts';
import { approvedBudget, diffVersions, getVersion, listVersions, saveDraftAsVersion, submitVersion, type VersionView } from '../versions/versions.service.ts';
import { lineHistory, listAdjustments, requestAdjustment, type AdjustmentView } from './adjustments.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedPoolingRegions(test_.database);
  await ensureFunds(test_.database);
});
after(async () => { await test_?.drop(); });

const drafter = testUser('operator', 21);
const reviewer = testUser('reviewer', 22);
const approver = testUser('approver', 23);

const line = (subject: string, name: string, amount: bigint, items?: DraftedLine[]): DraftedLine => ({ subject, name, amount, model: items ? undefined : 'naive', beatsNaive: false, backtest: null, items });

/** A fund table as the draft gives it: premium and subsidy income, benefits in two 其中 rows, other expense. */
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

/** An approved version of the region's budget: drafted, submitted, signed by 复核 and 审批. */
async function approvedVersion(region: string, year: number, tables: ReturnType<typeof fixtureTable>[]): Promise<VersionView> {
  const created = await saveDraftAsVersion(test_.database, drafter, { year, region, lastActualMonth: `${year - 1}-10`, chartYear: 2018, tables });
  const submitted = await submitVersion(test_.database, drafter, BigInt(created.id));
  await signOff(test_.database, { id: submitted.approvalItemId! }, [reviewer, approver]);
  return getVersion(test_.database, approver, BigInt(created.id));
}

const refusal = async (work: Promise<unknown>) => {
  try { await work; } catch (error) { return error as AppError; }
  assert.fail('expected a refusal');
};
const tableOf = (view: VersionView, fund: string) => view.tables.find((table) => table.fund === fund)!;
const linesOf = (view: VersionView, fund: string) => [...tableOf(view, fund).income, ...tableOf(view, fund).expense].flatMap((entry) => [entry, ...(entry.items ?? [])]);
const findLine = (view: VersionView, fund: string, subject: string) => linesOf(view, fund).find((entry) => entry.subject === subject)!;
const totals = (view: VersionView, fund: string) => {
  const table = tableOf(view, fund);
  return [table.totalIncome, table.totalExpense, table.balance, table.previousAccumulatedBalance, table.accumulatedBalance];
};
const approvedAmounts = async (region: string, year: number) => {
  const lines = await inScope(test_.database, approver, (tx) => approvedBudget(tx, { year, region }));
  return Object.fromEntries(lines!.map((entry) => [`${entry.fund}|${entry.subject}`, entry.amount]));
};

test('an approved adjustment becomes a new version: only its lines change, the identities hold, the old version is superseded, approvedBudget reads the new one', { skip }, async () => {
  const medical = 'medical-990100', injury = 'work_injury-990100';
  const original = await approvedVersion('990100', 2028, [
    fixtureTable(medical, '990100', 'medical', '社预05', 1n, 5_000_000_00n),
    fixtureTable(injury, '990100', 'work_injury', '社预07', 1n, 800_000_00n),
  ]);
  const before = await approvedAmounts('990100', 2028);

  const requested = await requestAdjustment(test_.database, drafter, BigInt(original.id), {
    explanation: '年中参保扩面超出预期，住院人次低于预期，生育医疗费用单列',
    lines: [
      { fund: medical, side: 'income', subject: 'premium_income', amount: '1100000.00', reason: '扩面新增参保 5000 人' },
      { fund: medical, side: 'expense', subject: 'benefit_expense.inpatient', change: '-50000.00', reason: '住院人次低于预期' },
      { fund: medical, side: 'expense', subject: 'benefit_expense.maternity_medical', amount: '20000.00', reason: '生育医疗费用单列' },
    ],
  });
  assert.deepEqual([requested.status, requested.version.id, requested.resultVersion, requested.nextLevel], ['submitted', original.id, null, '复核']);
  assert.deepEqual(requested.lines.map((entry) => [entry.subject, entry.from, entry.to, entry.change]), [
    ['premium_income', '1000000.00', '1100000.00', '100000.00'],
    ['benefit_expense.inpatient', '600000.00', '550000.00', '-50000.00'],
    ['benefit_expense.maternity_medical', null, '20000.00', '20000.00'],
  ]);
  assert.deepEqual([requested.incomeChange, requested.expenseChange], ['100000.00', '-30000.00']);
  // while it waits, the budget is the version approved
  assert.deepEqual(await approvedAmounts('990100', 2028), before);
  assert.equal((await listVersions(test_.database, approver, { year: 2028, region: '990100' })).length, 1);

  const decided = await signOff(test_.database, { id: requested.approvalItemId }, [reviewer, approver]);
  assert.equal(decided.status, 'approved');
  const resultId = String((decided.result as { versionId: string }).versionId);
  const adjusted = await getVersion(test_.database, approver, BigInt(resultId));
  assert.deepEqual([adjusted.number, adjusted.basis, adjusted.status, adjusted.approvedBy, adjusted.createdBy], [2, 'adjustment', 'approved', approver.username, drafter.username]);
  assert.deepEqual(adjusted.adjustment, { id: requested.id, explanation: '年中参保扩面超出预期，住院人次低于预期，生育医疗费用单列', adjusted: { id: original.id, number: 1 } });
  assert.equal(adjusted.supersededBy, null);

  // 收入 1,100,000 + 200,000; 支出 550,000 + 300,000 + 20,000 + 10,000; 结余 = 收入 − 支出; 滚存 = 上年滚存 + 结余
  assert.deepEqual(totals(adjusted, medical), ['1300000.00', '880000.00', '420000.00', '5000000.00', '5420000.00']);
  assert.equal(findLine(adjusted, medical, 'benefit_expense').amount, '870000.00', 'the line is the sum of its rows again');
  assert.deepEqual(tableOf(adjusted, medical).expense[0].items!.map((item) => item.subject), ['benefit_expense.inpatient', 'benefit_expense.outpatient', 'benefit_expense.maternity_medical'], 'a chart row in the layout\'s order');
  assert.deepEqual(findLine(adjusted, medical, 'benefit_expense.maternity_medical').adjustment?.reason, '生育医疗费用单列');
  assert.deepEqual([findLine(adjusted, medical, 'premium_income').adjustment?.reason, findLine(adjusted, medical, 'premium_income').adjustment?.by], ['扩面新增参保 5000 人', drafter.username]);
  // every other line and table as it was, the targets too
  for (const subject of ['fiscal_subsidy_income', 'benefit_expense.outpatient', 'other_expense']) assert.deepEqual(findLine(adjusted, medical, subject), findLine(original, medical, subject), subject);
  assert.deepEqual(tableOf(adjusted, injury), tableOf(original, injury));
  assert.deepEqual(tableOf(adjusted, medical).targets, tableOf(original, medical).targets);

  const superseded = await getVersion(test_.database, approver, BigInt(original.id));
  assert.deepEqual([superseded.status, superseded.supersededBy], ['approved', { id: resultId, number: 2 }]);
  assert.deepEqual(totals(superseded, medical), totals(original, medical), 'the version adjusted stays as approved');
  const listed = await listVersions(test_.database, approver, { year: 2028, region: '990100' });
  assert.deepEqual(listed.map((version) => [version.number, version.basis, version.supersededBy?.number ?? null]), [[2, 'adjustment', null], [1, 'model', 2]]);

  const after = await approvedAmounts('990100', 2028);
  assert.deepEqual([after[`${medical}|premium_income`], after[`${medical}|benefit_expense.inpatient`], after[`${medical}|benefit_expense.maternity_medical`]], [1_100_000_00n, 550_000_00n, 20_000_00n]);
  const changedKeys = Object.keys(after).filter((key) => after[key] !== before[key]);
  assert.deepEqual(changedKeys.sort(), [`${medical}|benefit_expense`, `${medical}|benefit_expense.inpatient`, `${medical}|benefit_expense.maternity_medical`, `${medical}|premium_income`]);
  assert.deepEqual((await diffVersions(test_.database, approver, BigInt(original.id), BigInt(resultId))).lines.map((entry) => [entry.subject, entry.from, entry.to]), [
    ['premium_income', '1000000.00', '1100000.00'], ['benefit_expense', '900000.00', '870000.00'],
    ['benefit_expense.inpatient', '600000.00', '550000.00'], ['benefit_expense.maternity_medical', null, '20000.00'],
  ]);

  // the history of a line through the approved versions, with the adjustment's reason and who signed
  const history = await lineHistory(test_.database, approver, { versionId: BigInt(resultId), fund: medical, subject: 'benefit_expense.inpatient' });
  assert.deepEqual([history.name, history.side], ['住院医疗费用', 'expense']);
  assert.deepEqual(history.entries.map((entry) => [entry.number, entry.amount, entry.change, entry.reason, entry.approvedBy, entry.adjustment?.requestedBy ?? null]), [
    [1, '600000.00', null, null, approver.username, null],
    [2, '550000.00', '-50000.00', '住院人次低于预期', approver.username, drafter.username],
  ]);
  const untouched = await lineHistory(test_.database, approver, { versionId: BigInt(original.id), fund: medical, subject: 'other_expense' });
  assert.deepEqual(untouched.entries.map((entry) => [entry.amount, entry.change, entry.reason, entry.adjustment?.changed ?? null]), [['10000.00', null, null, null], ['10000.00', '0.00', null, false]]);
  assert.equal((await refusal(lineHistory(test_.database, approver, { versionId: BigInt(resultId), fund: medical, subject: 'no_such_line' }))).status, 404);

  const [listedAdjustment] = await listAdjustments(test_.database, approver, { year: 2028, region: '990100' });
  assert.deepEqual([listedAdjustment.status, listedAdjustment.resultVersion, listedAdjustment.approvedBy, listedAdjustment.nextLevel], ['approved', { id: resultId, number: 2 }, approver.username, null]);

  // the superseded version is no longer adjusted: the refusal names the newer version
  const stale = await refusal(requestAdjustment(test_.database, drafter, BigInt(original.id), { explanation: '再调整', lines: [{ fund: medical, side: 'income', subject: 'premium_income', amount: '1.00', reason: '测试' }] }));
  assert.equal(stale.status, 409);
  assert.match(stale.message, new RegExp(`superseded by version 2 \\(${resultId}\\)`));
});

test('a bad request names every bad line and submits nothing; the explanation and at least one line are required', { skip }, async () => {
  const fund = 'medical-990200';
  const version = await approvedVersion('990200', 2028, [fixtureTable(fund, '990200', 'medical', '社预05', 2n, 1_000_000_00n)]);
  const id = BigInt(version.id);
  const good = { fund, side: 'income', subject: 'premium_income', amount: '2100000.00', reason: '扩面' };
  const bad = await refusal(requestAdjustment(test_.database, drafter, id, {
    explanation: '调整收支预算',
    lines: [
      good,
      { fund: 'pension-990200', side: 'income', subject: 'premium_income', amount: '1.00', reason: '不在本版本' },
      { fund, side: 'expense', subject: 'benefit_expense', amount: '1.00', reason: '调整合计行' },
      { fund, side: 'expense', subject: 'no_such_line', amount: '1.00', reason: '没有的科目' },
      { fund, side: 'expense', subject: 'other_expense', change: '-30000.00', reason: '减成负数' },
      { fund, side: 'expense', subject: 'benefit_expense.outpatient', amount: '1.00', reason: '' },
      { fund, side: 'income', subject: 'fiscal_subsidy_income', amount: '1.00', change: '1.00', reason: '两者都填' },
      { fund, side: 'expense', subject: 'benefit_expense.inpatient', amount: '1200000.00', reason: '金额未变' },
      { fund, side: 'both', subject: 'other_expense', amount: '1.00', reason: '方向不对' },
      { fund, side: 'income', subject: 'premium_income', amount: '5.00', reason: '重复' },
    ],
  }));
  assert.equal(bad.status, 422);
  assert.match(bad.message, /9 line\(s\) of the adjustment are refused/);
  assert.deepEqual(bad.rows!.map((row) => [row.row, row.field]), [
    [2, 'fund'], [3, 'subject'], [4, 'subject'], [5, 'change'], [6, 'reason'], [7, 'change'], [8, 'amount'], [9, 'side'], [10, 'subject'],
  ]);
  const messages = bad.rows!.map((row) => render(row.message, 'en'));
  assert.match(messages[1], /sum of its rows/);
  assert.match(messages[3], /from 20000.00 to -10000.00/);
  assert.match(render(bad.rows![2].message, 'zh-CN'), /既不是该版本的预算项目/);
  assert.equal((await listAdjustments(test_.database, approver, { year: 2028, region: '990200' })).length, 0, 'nothing stored');

  const noExplanation = await refusal(requestAdjustment(test_.database, drafter, id, { explanation: ' ', lines: [good] }));
  assert.deepEqual([noExplanation.status, noExplanation.field], [400, 'explanation']);
  const noLines = await refusal(requestAdjustment(test_.database, drafter, id, { explanation: '调整收支预算', lines: [] }));
  assert.deepEqual([noLines.status, noLines.field], [400, 'adjustmentLines']);
  const drafted = await saveDraftAsVersion(test_.database, drafter, { year: 2029, region: '990200', lastActualMonth: '2028-10', chartYear: 2018, tables: [fixtureTable(fund, '990200', 'medical', '社预05', 1n, 0n)] });
  assert.match((await refusal(requestAdjustment(test_.database, drafter, BigInt(drafted.id), { explanation: '调整收支预算', lines: [good] }))).message, /only an approved budget is adjusted/);
  // a good request is accepted after all those refusals: no item was left open
  assert.equal((await requestAdjustment(test_.database, drafter, id, { explanation: '调整收支预算', lines: [good] })).status, 'submitted');
});

test('a returned or withdrawn request changes no version; the same user never signs two levels', { skip }, async () => {
  const fund = 'medical-990200';
  const version = await approvedVersion('990200', 2030, [fixtureTable(fund, '990200', 'medical', '社预05', 1n, 0n)]);
  const before = await approvedAmounts('990200', 2030);
  const request = { explanation: '下调其他支出', lines: [{ fund, side: 'expense', subject: 'other_expense', amount: '5000.00', reason: '压减一般性支出' }] };
  const requested = await requestAdjustment(test_.database, drafter, BigInt(version.id), request);
  const itemId = BigInt(requested.approvalItemId);
  assert.equal((await refusal(requestAdjustment(test_.database, drafter, BigInt(version.id), request))).status, 409, 'one open adjustment per budget');

  const first = await decide(test_.database, reviewer, itemId, 'approve', '复核同意');
  assert.equal(first.nextLevel?.label, '审批');
  const twice = await refusal(decide(test_.database, reviewer, itemId, 'approve', '再签一级'));
  assert.equal(twice.status, 403);

  await decide(test_.database, approver, itemId, 'return', '压减依据不足');
  const [returned] = await listAdjustments(test_.database, approver, { year: 2030, region: '990200' });
  assert.deepEqual([returned.status, returned.resultVersion], ['returned', null]);
  assert.deepEqual(await approvedAmounts('990200', 2030), before);
  assert.equal((await listVersions(test_.database, approver, { year: 2030, region: '990200' })).length, 1);

  await drafterAction(test_.database, drafter, itemId, 'cancel', '撤回调整方案');
  const [cancelled] = await listAdjustments(test_.database, approver, { year: 2030, region: '990200' });
  assert.equal(cancelled.status, 'cancelled');
  assert.equal((await getApproval(test_.database, approver, itemId)).status, 'cancelled');
  assert.deepEqual(await approvedAmounts('990200', 2030), before);
  assert.equal((await getVersion(test_.database, approver, BigInt(version.id))).supersededBy, null);
});

test('sifund budget adjust --input submits a request file; budget adjustments lists the requests as JSON; a bad file exits 1 naming it', { skip }, async () => {
  const fund = 'medical-990100';
  const version = await approvedVersion('990100', 2031, [fixtureTable(fund, '990100', 'medical', '社预05', 1n, 0n)]);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-adjust-'));
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = test_.url;
  try {
    const run = (...args: string[]) => runCommand(registerVersionCommands, ['budget', ...args]);
    const file = path.join(folder, 'adjust.json');
    fs.writeFileSync(file, JSON.stringify({ explanation: '财政补贴到位提前', lines: [{ fund, side: 'income', subject: 'fiscal_subsidy_income', change: '50000.00', reason: '省级补助提前下达' }] }));
    const submitted = await run('adjust', '--version', version.id, '--input', file);
    assert.equal(submitted.code, 0, submitted.stderr);
    const answer = JSON.parse(submitted.stdout) as AdjustmentView;
    assert.deepEqual([answer.status, answer.requestedBy, answer.lines[0].to], ['submitted', 'system:budget', '250000.00']);
    const listed = await run('adjustments', '--year', '2031', '--region', '990100', '--format', 'json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual((JSON.parse(listed.stdout) as AdjustmentView[]).map((entry) => [entry.id, entry.status, entry.incomeChange]), [[answer.id, 'submitted', '50000.00']]);
    fs.writeFileSync(file, '{ not json');
    const broken = await run('adjust', '--version', version.id, '--input', file);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /input/);
    const neither = await run('adjust', '--version', version.id, '--fund', fund);
    assert.equal(neither.code, 1);
    assert.match(neither.stderr, /give --input/);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

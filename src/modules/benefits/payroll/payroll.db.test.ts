/**
 * The monthly pension payroll end to end on a small demo city: run (idempotent), sign-off (复核, 审批, a user never
 * signs twice), 用款申请 approved by finance, the bank file refused before funding and adding up to the payroll, the
 * bank's result booking the expense from the 支出户 to the fen, a returned payment re-queued — to the pensioner's new
 * account once its change is signed off — and the award suspended after the parameterised number of returns.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCommand } from '../../../platform/testing/cli.ts';
import { everyPage } from '../../../platform/http/lists.ts';
import { renderCsv } from '../../../platform/reports/csv.ts';
import { renderXlsx } from '../../../platform/reports/xlsx.ts';
import { streamCsv } from '../../../platform/reports/stream.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { decide, getApproval, listApprovals } from '../../../platform/signoff/signoff.service.ts';
import { render } from '../../../platform/messages.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { accountBalanceNow, getTrialBalance } from '../../ledger/index.ts';
import { inScope } from '../../../platform/actor.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { holdInExpenseAccount } from '../../ledger/ledger.testing.ts';
import { batchLinesPage, getBatch, payrollAccounts, payrollByRegion, payrollSummary, runPayroll, startPayroll } from './payroll.service.ts';
import { batchLinesReport, lineRow, payrollSummaryReport } from './payroll.report.ts';
import { registerPayrollCommands } from './payroll.cli.ts';
import { runJob } from '../../../platform/jobs/index.ts';
import { bankFile, importBankResult } from './payroll.bank.ts';
import { submitAdjustment } from '../adjustment/adjustment.service.ts';
import { requestAccountChange } from '../awards/award-account.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PERIOD = todayInChina().slice(0, 7);
const actor = systemActor('payroll', ['payroll.run', 'payroll.bank', 'benefits.read', 'approvals.read', 'personal.full.read']);
const reviewer = testUser('reviewer', 11), approver = testUser('approver', 12), finance = testUser('finance', 13);
const FUND = 'pension-990000';

let db: TestDatabase;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-payroll-'));
const previousUrl = process.env.DATABASE_URL;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await generateDemo(db.database, { persons: 1200, employers: 40, years: 2, seed: 3, password: 'demo-pass-2024' });
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  fs.rmSync(directory, { recursive: true, force: true });
  await db?.drop();
});

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const csvRows = (content: Buffer) => content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
const resultFile = (name: string, rows: string[][]) => ({ fileName: name, content: Buffer.from(['reference,status,reason', ...rows.map((r) => r.join(','))].join('\n')) });
const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return (error as Error).message; } return 'not refused'; };
const activeAwards = async () => Number((await db.owner.query(`select count(*) as n, sum(monthly_amount) as total from pension_award where status = 'active' and first_period <= $1`, [PERIOD])).rows[0].n);

test('the payroll: run twice, signed off, funded, paid through the bank file and booked to the fen', { skip }, async () => {
  const awards = await activeAwards();
  assert.ok(awards > 50, `the demo city has pensioners (${awards})`);
  // killed after three chunks of the first fund's job: the lines so far stay, the job stays running
  const [job] = await startPayroll(db.database, actor, { period: PERIOD });
  assert.ok(job.progress.total >= 3, `the job has chunks to resume (${job.progress.total})`);
  const kill = new AbortController();
  const outcome = await runJob(db.database, BigInt(job.id), { signal: kill.signal, onProgress: ({ done }) => { if (done >= 3) kill.abort(); } });
  assert.equal(outcome, 'stopped');
  const partial = Number((await db.owner.query('select count(*) as n from payroll_line')).rows[0].n);
  assert.ok(partial > 0 && partial < awards, `part of the lines written before the kill (${partial} of ${awards})`);
  // the next run resumes: only the chunks not done, exactly the lines an uninterrupted run writes
  const first = await runPayroll(db.database, actor, { period: PERIOD });
  assert.equal(first.summary.payees, awards);
  assert.equal(first.summary.status, 'submitted');
  const again = await runPayroll(db.database, actor, { period: PERIOD });
  assert.deepEqual([again.summary.payees, again.summary.total], [first.summary.payees, first.summary.total], 're-running adds nothing');
  const lines = Number((await db.owner.query('select count(*) as n from payroll_line')).rows[0].n);
  assert.equal(lines, awards, 'one line per award, once');

  const batch = first.summary.batches.find((b) => b.fund === FUND)!;
  // the demo holds its go-live balance in the 财政专户; 100.00 of it was moved to the 支出户 of FUND beforehand: its
  // 用款申请 asks for the rest only
  const keptInExpenseAccount = 10000n;
  await holdInExpenseAccount(db.database, FUND, keptInExpenseAccount);
  assert.match(await refusal(bankFile(db.database, actor, { period: PERIOD })), /not reviewed/);
  await decide(db.database, reviewer, BigInt(batch.approvalItemId!), 'approve', '复核通过');
  assert.match(await refusal(decide(db.database, reviewer, BigInt(batch.approvalItemId!), 'approve', '再签一次')), /./, 'the reviewer cannot sign the next level too');
  assert.equal((await getApproval(db.database, reviewer, BigInt(batch.approvalItemId!))).status, 'pending');
  assert.match(await refusal(bankFile(db.database, actor, { period: PERIOD })), /not approved/);
  for (const b of first.summary.batches) {
    if (b.id !== batch.id) await decide(db.database, reviewer, BigInt(b.approvalItemId!), 'approve', '复核通过');
    await decide(db.database, approver, BigInt(b.approvalItemId!), 'approve', '审批通过');
  }
  assert.match(await refusal(bankFile(db.database, actor, { period: PERIOD })), /not funded/);
  // the batches' (the demo's claims leave their own 用款申请 for their grants)
  const transfers = { items: (await listApprovals(db.database, finance, { status: 'pending', kind: 'fund.transfer' })).items.filter((item) => (item.payload as { batchId?: string }).batchId) };
  assert.equal(transfers.items.length, first.summary.batches.length, 'a transfer request per batch waits for finance');
  const accounts = payrollAccounts('pension', PERIOD);
  const special = async () => inScope(db.database, systemActor('test'), (tx) => accountBalanceNow(tx, FUND, accounts.specialBank));
  const specialBefore = await special();
  for (const item of transfers.items) await decide(db.database, finance, BigInt(item.id), 'approve', '同意拨付');
  assert.equal(specialBefore - await special(), fen(batch.total) - keptInExpenseAccount, 'the 财政专户 paid the batch total to the 支出户, less what the 支出户 held');

  const file = await bankFile(db.database, actor, { period: PERIOD });
  const rows = csvRows(file.content);
  assert.deepEqual(rows[0], ['reference', 'idNumber', 'name', 'bankAccount', 'amount']);
  assert.ok(file.content.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with BOM');
  assert.equal(rows.length - 1, first.summary.payees);
  assert.equal(rows.slice(1).reduce((sum, r) => sum + fen(r[4]), 0n), fen(first.summary.total), 'the bank file adds up to the payroll');

  // the first payee's money comes back; every other is paid
  const returned = rows[1];
  const answer = await importBankResult(db.database, actor, resultFile('result-1.csv', rows.slice(1).map((r, i) => [r[0], i === 0 ? 'returned' : 'paid', i === 0 ? '账户已销户' : ''])));
  assert.equal(answer.returned, 1);
  const repeat = await importBankResult(db.database, actor, resultFile('result-1.csv', rows.slice(1).map((r, i) => [r[0], i === 0 ? 'returned' : 'paid', i === 0 ? '账户已销户' : ''])));
  assert.equal(repeat.alreadyImported, true, 'the same file twice applies once');
  let expense = 0n;
  for (const b of first.summary.batches) {
    const tb = await getTrialBalance(db.database, testUser('auditor', 14), b.fund, PERIOD);
    expense += tb.accounts.filter((a) => a.role === 'expense').reduce((sum, a) => sum + fen(a.closing), 0n);
    const expenseBank = tb.accounts.find((a) => a.role === 'expense_bank')!;
    assert.ok(fen(expenseBank.closing) >= 0n, `${b.fund}: the 支出户 is not below zero`);
  }
  assert.equal(expense, fen(first.summary.total) - fen(returned[4]), 'expense booked = payroll total − the returned payment, to the fen');

  // the bank said the account is closed: the pensioner's new account is asked for and signed off (养老金发放账户变更);
  // the returned month is sent again to it
  const [{ id: awardId }] = (await db.owner.query<{ id: string }>(`select award_id::text as id from payroll_line where reference = $1`, [returned[0]])).rows;
  const newAccount = '6217000000000000123';
  const change = await requestAccountChange(db.database, testUser('operator', 15), BigInt(awardId), { bankAccount: newAccount, reason: '原账户已销户，银行退回' });
  assert.equal(csvRows((await bankFile(db.database, actor, { period: PERIOD })).content)[1][3], returned[3], 'before the approval the file still has the old account');
  await signOff(db.database, change.approvalItemId, [testUser('reviewer', 16), testUser('approver', 17)]);
  const corrected = csvRows((await bankFile(db.database, actor, { period: PERIOD })).content);
  assert.deepEqual(corrected.slice(1).map((r) => [r[0], r[3], r[4]]), [[returned[0], newAccount, returned[4]]], 'the returned month is paid into the new account');

  // the returned payment is sent again, and the award suspended after the parameterised number of returns
  const maxReturns = getParameters().integer('benefits.payroll.max_returns', todayInChina(), '990000');
  for (let round = 2; round <= maxReturns; round++) {
    const next = round === 2 ? corrected : csvRows((await bankFile(db.database, actor, { period: PERIOD })).content);
    assert.deepEqual(next.slice(1).map((r) => r[0]), [returned[0]], `round ${round}: only the returned payment is re-queued`);
    await importBankResult(db.database, actor, resultFile(`result-${round}.csv`, [[returned[0], 'returned', `第${round}次退回`]]));
  }
  const award = (await db.owner.query(`select a.status from pension_award a join payroll_line l on l.award_id = a.id where l.reference = $1`, [returned[0]])).rows[0];
  assert.equal(award.status, 'suspended');
  assert.equal(csvRows((await bankFile(db.database, actor, { period: PERIOD })).content).length, 1, 'a suspended award is not paid: the file has its header only');
  const summary = await payrollSummary(db.database, actor, { period: PERIOD });
  assert.equal(summary.status, 'settled');
  assert.ok(render((await refusal(importBankResult(db.database, actor, resultFile('late.csv', [[rows[2][0], 'returned', '迟到的退回']])))) as string, 'en').length > 0);
});

test('养老金发放汇总表 per fund and region (JSON unchanged, CSV, XLSX, the table) and every line of a batch as the export', { skip }, async () => {
  // the run above paid every award of the month: each region's payees and total are its pensioners' awards
  const summary = await payrollSummary(db.database, actor, { period: PERIOD });
  const regions = await payrollByRegion(db.database, actor, { period: PERIOD });
  const awardsByRegion = (await db.owner.query(`select fund_code, region_code, count(*)::int as n, sum(monthly_amount)::text as total
    from pension_award where first_period <= $1 group by fund_code, region_code order by fund_code, region_code`, [PERIOD])).rows;
  assert.ok(regions.length > 1, `the demo's pensioners live in several regions (${regions.length})`);
  assert.deepEqual(regions.map((r) => [r.fund, r.regionCode, r.payees, fen(r.total)]), awardsByRegion.map((a) => [a.fund_code, a.region_code, a.n, BigInt(a.total)]));
  assert.equal(regions.reduce((sum, r) => sum + r.payees, 0), summary.payees);
  assert.equal(regions.reduce((sum, r) => sum + fen(r.total), 0n), fen(summary.total), 'the regions add up to the payroll total');

  const report = payrollSummaryReport(summary, regions);
  const csv = csvRows(renderCsv(report));
  assert.deepEqual(csv[0], ['基金代码', '区划代码', '区划', '发放人数', '发放金额']);
  assert.deepEqual(csv.slice(1), regions.map((r) => [r.fund, r.regionCode, r.regionName, String(r.payees), r.total]));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await renderXlsx(report) as never);
  const sheet = workbook.getWorksheet('按基金和区划')!;
  const values: unknown[][] = [];
  sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  const totals = values.find((row) => row.includes('合计'))!;
  assert.deepEqual(totals.slice(-2), [summary.payees, Number(summary.total)], 'the XLSX totals row: payees and yuan of the month');
  assert.equal(values[0][0], '养老金发放汇总表 — 发放人数和金额 Payees and amounts by fund and region', 'the sheet carries the title');
  assert.ok(workbook.getWorksheet('发放批次'), 'the batches on a sheet of their own');

  // the command: --format json keeps its contract; csv to --out is the report's CSV; the table in Chinese
  const json = await runCommand(registerPayrollCommands, ['payroll', 'summary', '--period', PERIOD, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const answer = JSON.parse(json.stdout);
  assert.deepEqual(Object.keys(answer), ['period', 'payees', 'total', 'status', 'batches']);
  assert.deepEqual([answer.period, answer.payees, answer.total, answer.status], [PERIOD, summary.payees, summary.total, 'settled']);
  const out = path.join(directory, 'summary.csv');
  const written = await runCommand(registerPayrollCommands, ['payroll', 'summary', '--period', PERIOD, '--format', 'csv', '--out', out]);
  assert.equal(written.code, 0, written.stderr);
  assert.deepEqual(csvRows(fs.readFileSync(out)), csv);
  const table = await runCommand(registerPayrollCommands, ['payroll', 'summary', '--period', PERIOD]);
  assert.match(table.stdout, /养老金发放汇总表/);
  assert.match(table.stdout, new RegExp(`合计 .*${summary.payees} .*${summary.total.replace('.', '\\.')}`));
  assert.match(table.stdout, /已结清/);
  const refused = await runCommand(registerPayrollCommands, ['payroll', 'summary', '--period', PERIOD, '--format', 'xlsx']);
  assert.notEqual(refused.code, 0, 'xlsx needs --out');

  // the lines of a batch, page after page along the reference: every line once; as CSV, every row adding up to the batch
  const batch = await getBatch(db.database, actor, BigInt(summary.batches.find((b) => b.fund === FUND)!.id));
  const references: string[] = [];
  for await (const page of everyPage(async (request) => batchLinesPage(db.database, actor, BigInt(batch.id), {}, { ...request, limit: 7 }))) references.push(...page.map((l) => l.reference));
  assert.equal(references.length, batch.payees);
  assert.equal(new Set(references).size, batch.payees, 'no line twice');
  assert.deepEqual(references, [...references].sort(), 'in reference order');
  const pages = everyPage(async (request) => {
    const found = await batchLinesPage(db.database, actor, BigInt(batch.id), {}, request);
    return { items: found.items.map(lineRow), nextCursor: found.nextCursor };
  });
  const chunks: Buffer[] = [];
  for await (const chunk of streamCsv({ ...batchLinesReport(batch), pages })) chunks.push(Buffer.from(chunk as string));
  const lines = csvRows(Buffer.concat(chunks));
  assert.deepEqual(lines[0], ['发放流水号', '公民身份号码', '姓名', '发放金额', '抵扣金额', '发放状态', '退回次数', '退回原因', '发放日期']);
  assert.equal(lines.length - 1, batch.payees);
  assert.equal(lines.slice(1).reduce((sum, r) => sum + fen(r[3]), 0n), fen(batch.total), 'the export adds up to the batch total');
  assert.equal(lines.slice(1).reduce((sum, r) => sum + fen(r[4]), 0n), fen(batch.offset), 'and its offsets to the batch\'s');
  const statuses = new Set(lines.slice(1).map((r) => r[5]));
  assert.ok(statuses.has('已发放'), `paid lines say 已发放 (${[...statuses].join(', ')})`);
});

test('an approved adjustment: the next payroll pays the amount in force, the months before keep the award\'s own', { skip }, async () => {
  const year = Number(PERIOD.slice(0, 4));
  const december = `${year - 1}-12`, november = `${year - 1}-11`, january = `${year}-01`;
  const linesOf = async (period: string) => new Map((await db.owner.query<{ award_id: string; amount: string }>(
    `select l.award_id::text, l.amount::text from payroll_line l join payroll_batch b on b.id = l.batch_id where b.period = $1`, [period])).rows.map((r) => [r.award_id, BigInt(r.amount)]));
  const ownAmounts = new Map((await db.owner.query<{ id: string; amount: string }>(`select id::text, monthly_amount::text as amount from pension_award`)).rows.map((r) => [r.id, BigInt(r.amount)]));
  await runPayroll(db.database, actor, { period: december });

  const adjuster = systemActor('adjustment', ['pension.adjustment.request', 'benefits.read']);
  const submitted = await submitAdjustment(db.database, adjuster, { region: '990000', year });
  assert.equal((await signOff(db.database, submitted.approvalItem)).status, 'approved');
  const raised = new Map((await db.owner.query<{ award_id: string; after: string }>(
    `select award_id::text, (amount_before + increase)::text as after from pension_adjustment_line where increase > 0`)).rows.map((r) => [r.award_id, BigInt(r.after)]));
  assert.ok(raised.size > 20, `the adjustment raised pensions (${raised.size})`);

  await runPayroll(db.database, actor, { period: january });
  await runPayroll(db.database, actor, { period: november });
  const [decemberLines, januaryLines, novemberLines] = [await linesOf(december), await linesOf(january), await linesOf(november)];
  let paidRaised = 0;
  for (const [awardId, amount] of januaryLines) {
    if (raised.has(awardId)) paidRaised++;
    assert.equal(amount, raised.get(awardId) ?? ownAmounts.get(awardId), `January pays award ${awardId} its amount in force`);
  }
  assert.equal(paidRaised, raised.size, 'every raised award is paid its new amount in January');
  for (const lines of [decemberLines, novemberLines]) {
    assert.ok(lines.size > 20);
    for (const [awardId, amount] of lines) assert.equal(amount, ownAmounts.get(awardId), `award ${awardId} before the adjustment's month: its own amount`);
  }
  const januaryBatch = (await payrollSummary(db.database, actor, { period: january })).total;
  const expected = [...januaryLines.keys()].reduce((sum, awardId) => sum + (raised.get(awardId) ?? ownAmounts.get(awardId)!), 0n);
  assert.equal(fen(januaryBatch), expected, 'the January batches add up to the amounts in force');
});

/**
 * The fund accountant's month through the API: bank statements matched automatically and by hand, the
 * reconciliation statement, maker-checker entries, 收支两条线 on manual entries, period close and reopen,
 * statements and XLSX, and data scope.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { systemActor } from '../../platform/actor.ts';
import { signoffRoutes } from '../../platform/signoff/signoff.routes.ts';
import { ledgerRoutes } from './ledger.routes.ts';
import { ensureFunds } from './fund.service.ts';
import { importLedgerEntries } from './import.service.ts';
import type { AppError } from '../../platform/errors.ts';
import { render } from '../../platform/messages.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { addMonths } from './journal.calc.ts';

let server: TestServer;
let operator: Client;    // province operator: drafts entries, imports statements
let reviewer: Client;    // province reviewer: approves entries, closes months
let approver: Client;    // province approver: requests a reopen, signs the second level of large entries
let approver2: Client;   // a second province approver: approves the reopen
let cityOperator: Client;
let auditor: Client;
const F = 'pension-990000';
const base = `/api/ledger/funds/${F}`;

const line = (account: string, side: 'debit' | 'credit', amount: string, reference?: string) => ({ account, [side]: amount, ...(reference ? { reference } : {}) });
const entry = (key: string, date: string, lines: object[], extra: object = {}) => ({ key, fund: F, period: date.slice(0, 7), date, memo: key, lines, ...extra });
/** A decision on a sign-off item in the inbox (POST /api/approvals/:id/decisions). */
const decide = (client: Client, id: string, decision: 'approve' | 'return', comment?: string) =>
  client.json('POST', `/api/approvals/${id}/decisions`, { decision, ...(comment === undefined ? {} : { comment }) });

before(async () => {
  server = await startTestServer([ledgerRoutes, signoffRoutes]);
  const database = server.test.database;
  await database.db.insertInto('pooling_region').values([{ insurance: 'pension', region_code: '990000' }, { insurance: 'medical', region_code: '990100' }, { insurance: 'maternity', region_code: '990100' }]).execute();
  await ensureFunds(database);
  operator = await addUser(server, 'op.prov', 'operator', '990000');
  reviewer = await addUser(server, 'rv.prov', 'reviewer', '990000');
  approver = await addUser(server, 'ap.prov', 'approver', '990000');
  approver2 = await addUser(server, 'ap2.prov', 'approver', '990000');
  cityOperator = await addUser(server, 'op.city', 'operator', '990100');
  auditor = await addUser(server, 'au.prov', 'auditor', '990000');
  // Migrated history: the opening balance, a month of premiums, the sweep, an allocation and a benefit payment.
  await importLedgerEntries(database, systemActor('test'), [
    entry('open', '2025-12-31', [line('1002', 'debit', '10000.00'), line('3001', 'credit', '10000.00')]),
    entry('accrue', '2026-01-05', [line('1131', 'debit', '1000.00'), line('4001', 'credit', '1000.00')]),
    entry('receipt-1', '2026-01-10', [line('1002', 'debit', '600.00'), line('1131', 'credit', '600.00')], { source: { type: 'bill', id: 'BILL-2026-01-001' } }),
    entry('sweep', '2026-01-20', [line('1003', 'debit', '500.00', 'SWEEP-2026-01'), line('1002', 'credit', '500.00', 'SWEEP-2026-01')]),
    entry('allocate', '2026-01-25', [line('1004', 'debit', '300.00', 'ALLOC-1'), line('1003', 'credit', '300.00', 'ALLOC-1')]),
    entry('pay', '2026-01-28', [line('500101', 'debit', '280.00'), line('1004', 'credit', '280.00', 'PAY-1')]),
    entry('receipt-2', '2026-01-30', [line('1002', 'debit', '250.00'), line('1131', 'credit', '250.00')], { source: { type: 'bill', id: 'BILL-2026-01-002' } }),
  ]);
});
after(() => server.close());

test('data scope: a city user sees only the city funds; the province fund is not there for them', async () => {
  const funds = await cityOperator.json('GET', '/api/ledger/funds');
  assert.deepEqual(funds.body.items.map((f: { code: string }) => f.code), ['medical-990100']);
  assert.equal((await cityOperator.json('GET', `${base}/trial-balance?period=2026-01`)).status, 404);
  const province = await operator.json('GET', '/api/ledger/funds');
  assert.deepEqual(province.body.items.map((f: { code: string }) => f.code), ['medical-990100', 'occupational_annuity-990000', 'pension-990000', 'public_pension-990000']);
});

test('trial balance, drill-down to lines and to the source document', async () => {
  const tb = await auditor.json('GET', `${base}/trial-balance?period=2026-01`);
  assert.equal(tb.status, 200);
  const row = (code: string) => tb.body.accounts.find((a: { code: string }) => a.code === code);
  assert.deepEqual(row('1002'), { code: '1002', name: '收入户存款', role: 'income_bank', opening: '10000.00', debit: '850.00', credit: '500.00', closing: '10350.00' });
  assert.equal(row('3001').closing, '-10000.00');
  const lines = await auditor.json('GET', `${base}/accounts/1002/lines?period=2026-01`);
  assert.deepEqual(lines.body.lines.map((l: { date: string; debit: string }) => [l.date, l.debit]), [['2026-01-10', '600.00'], ['2026-01-20', '0.00'], ['2026-01-30', '250.00']]);
  assert.deepEqual(lines.body.lines[0].source, { type: 'bill', id: 'BILL-2026-01-001' });
  const detail = await auditor.json('GET', `${base}/entries/${lines.body.lines[0].entryId}`);
  assert.equal(detail.body.kind, 'import');
  assert.deepEqual(detail.body.lines.map((l: { account: string; debit: string; credit: string }) => [l.account, l.debit, l.credit]), [['1002', '600.00', '0.00'], ['1131', '0.00', '600.00']]);
  const bySource = await auditor.json('GET', `${base}/entries?sourceType=bill&sourceId=BILL-2026-01-002`);
  assert.equal(bySource.body.items.length, 1);
  assert.equal(bySource.body.items[0].total, '250.00');
  // the second entry of January in the imported history (after the accrual)
  assert.equal(lines.body.lines[0].voucherNumber, '记-2026-01-0002');
  assert.equal(detail.body.voucherNumber, lines.body.lines[0].voucherNumber);
});

test('trial balance export: balances as 方向 and a positive amount, as the page shows them; accounts with nothing left out unless zero=1', async () => {
  const tb = await auditor.json('GET', `${base}/trial-balance?period=2026-01`);
  const sheetRows = async (query: string) => {
    const sheet = await auditor.request('GET', `${base}/trial-balance?period=2026-01&format=xlsx${query}`);
    assert.equal(sheet.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    return workbook.getWorksheet('科目余额表')!.getSheetValues().filter(Boolean).map((r) => Array.from((r as unknown[]).slice(1, 9), (v) => v ?? null));
  };
  const rows = await sheetRows('');
  const header = rows.findIndex((r) => r[0] === '科目编码');
  assert.deepEqual(rows[header], ['科目编码', '科目名称', '期初方向', '期初余额', '本期借方', '本期贷方', '期末方向', '期末余额']);
  assert.deepEqual(rows.find((r) => r[0] === '1002'), ['1002', '收入户存款', '借', 10000, 850, 500, '借', 10350]);
  assert.deepEqual(rows.find((r) => r[0] === '3001'), ['3001', '基金结余', '贷', 10000, 0, 0, '贷', 10000], 'a credit balance is positive, on 贷');
  const total = rows.find((r) => r[1] === '合计')!;
  assert.deepEqual([total[2], total[3], total[6], total[7]], ['平', 0, '平', 0]);
  assert.equal(total[4], total[5], '借方合计 = 贷方合计');
  assert.equal(total[4], Number(tb.body.totals.debit));
  const debitBalances = rows.find((r) => r[1] === '借方余额合计')!;
  const creditBalances = rows.find((r) => r[1] === '贷方余额合计')!;
  assert.deepEqual([debitBalances[2], creditBalances[2]], ['借', '贷']);
  assert.equal(debitBalances[7], creditBalances[7], 'the debit balances add up to the credit balances');
  const nothing = tb.body.accounts.filter((a: Record<string, string>) => ['opening', 'debit', 'credit', 'closing'].every((k) => a[k] === '0.00'));
  assert.ok(nothing.length > 0);
  const accountRows = (list: unknown[][]) => list.filter((r) => typeof r[0] === 'string' && /^\d/.test(r[0] as string)).map((r) => r[0]);
  assert.deepEqual(accountRows(rows), tb.body.accounts.filter((a: { code: string }) => !nothing.includes(a)).map((a: { code: string }) => a.code));
  assert.deepEqual(accountRows(await sheetRows('&zero=1')), tb.body.accounts.map((a: { code: string }) => a.code));
  const csv = (await auditor.request('GET', `${base}/trial-balance?period=2026-01&format=csv`)).payload.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csv[0], '科目编码,科目名称,期初方向,期初余额,本期借方,本期贷方,期末方向,期末余额');
  assert.ok(csv.includes('3001,基金结余,贷,10000.00,0.00,0.00,贷,10000.00'), csv.join('\n'));
});

test('bank statements: camt.053 matched automatically, re-import adds nothing, malformed refused with lines, manual match and unmatch', async () => {
  const camt = fs.readFileSync(path.join(import.meta.dirname, 'bank', 'samples', 'camt053-income-2026-01.xml'));
  const imported = await operator.upload(`${base}/accounts/1002/bank-statements`, 'income-2026-01.xml', camt);
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  assert.equal(imported.body.matched, 2, 'the receipt by its bill number, the sweep by its reference');
  assert.deepEqual([imported.body.statements[0].opening, imported.body.statements[0].closing, imported.body.statements[0].newLines], ['10000.00', '10100.00', 2]);
  const again = await operator.upload(`${base}/accounts/1002/bank-statements`, 'income-2026-01.xml', camt);
  assert.equal(again.body.duplicateFile, true);
  const overlapping = await operator.upload(`${base}/accounts/1002/bank-statements`, 'copy.xml', camt.toString().replace('STMT-20260131-001', 'STMT-COPY'));
  assert.equal(overlapping.body.statements[0].newLines, 0, 'the same bank transactions in another file are not added twice');
  const bad = await operator.upload(`${base}/accounts/1002/bank-statements`, 'bad.csv', fs.readFileSync(path.join(import.meta.dirname, 'bank', 'samples', 'statement-malformed.csv')));
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.error.rows.map((r: { row: number }) => r.row), [3, 4, 6]);

  const matching = await operator.json('GET', `${base}/accounts/1002/matching?asOf=2026-02-10`);
  assert.deepEqual(matching.body.unmatchedBank, []);
  assert.deepEqual(matching.body.unmatchedLedger.map((l: { date: string; amount: string; ageDays: number }) => [l.date, l.amount, l.ageDays]), [['2026-01-30', '250.00', 11]]);
  const receiptMatch = matching.body.matches.find((m: { amount: string }) => m.amount === '600.00');
  const undo = await operator.json('DELETE', `${base}/accounts/1002/matches/${receiptMatch.id}`);
  assert.equal(undo.status, 200);
  const reopened = await operator.json('GET', `${base}/accounts/1002/matching?asOf=2026-02-10`);
  assert.equal(reopened.body.unmatchedBank.length, 1);
  const bankLine = reopened.body.unmatchedBank[0];
  const wrong = await operator.json('POST', `${base}/accounts/1002/matches`, { bankLineIds: [bankLine.id], ledgerLines: reopened.body.unmatchedLedger.map((l: { entryId: string; lineNumber: number }) => ({ entryId: l.entryId, lineNumber: l.lineNumber })) });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body.error.message, /equal sums/);
  const wrongInChinese = await operator.json('POST', `${base}/accounts/1002/matches`, { bankLineIds: [bankLine.id], ledgerLines: reopened.body.unmatchedLedger.map((l: { entryId: string; lineNumber: number }) => ({ entryId: l.entryId, lineNumber: l.lineNumber })) }, { 'accept-language': 'zh-CN' });
  assert.deepEqual([wrongInChinese.status, wrongInChinese.body.error.code, wrongInChinese.body.error.rule, wrongInChinese.body.error.field], [400, wrong.body.error.code, wrong.body.error.rule, 'ledgerLines']);
  assert.equal(wrongInChinese.body.error.fieldLabel, '账簿分录');
  assert.match(wrongInChinese.body.error.message, /^账簿分录：银行交易合计 600\.00，账簿分录合计 \d+\.\d\d：勾对双方金额须相等$/);
  const ledgerLine = reopened.body.unmatchedLedger.find((l: { amount: string }) => l.amount === bankLine.amount);
  const manual = await operator.json('POST', `${base}/accounts/1002/matches`, { bankLineIds: [bankLine.id], ledgerLines: [{ entryId: ledgerLine.entryId, lineNumber: ledgerLine.lineNumber }] });
  assert.equal(manual.status, 201);
  assert.equal(manual.body.amount, '600.00');
  const { rows } = await server.test.database.pool.query(`select action from audit_log where action like 'ledger.bank_match%' order by id`);
  assert.deepEqual(rows.map((r) => r.action), ['ledger.bank_match.auto', 'ledger.bank_match.undo', 'ledger.bank_match.manual']);
  assert.equal((await auditor.json('POST', `${base}/accounts/1002/matches/auto`, {})).status, 403, 'auditors read only');
});

test('reconciliation statement: items in transit, adjusted balances agree, XLSX', async () => {
  const r = await reviewer.json('GET', `${base}/accounts/1002/reconciliation?period=2026-01`);
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.ledgerBalance, r.body.bankBalance, r.body.adjustedLedgerBalance, r.body.adjustedBankBalance, r.body.agrees, r.body.reconciled],
    ['10350.00', '10100.00', '10350.00', '10350.00', true, true]);
  assert.deepEqual(r.body.ledgerReceivedNotInBank.map((i: { amount: string; ageDays: number }) => [i.amount, i.ageDays]), [['250.00', 1]]);
  assert.deepEqual([r.body.bankReceivedNotInLedger, r.body.bankPaidNotInLedger, r.body.ledgerPaidNotInBank], [[], [], []]);
  const sheet = await reviewer.request('GET', `${base}/accounts/1002/reconciliation?period=2026-01&format=xlsx`);
  assert.equal(sheet.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
  const rows = workbook.getWorksheet('银行存款余额调节表')!.getSheetValues().filter(Boolean).map((row) => Array.from((row as unknown[]).slice(1, 4), (v) => v ?? null));
  assert.deepEqual(rows.find((row) => String(row[0]).startsWith('加：企业已收')), ['加：企业已收、银行未收', null, 250]);
  assert.deepEqual(rows.filter((row) => String(row[0]).startsWith('调节后的存款余额')).map((row) => row.slice(1)), [['借', 10350], ['借', 10350]]);
  assert.deepEqual(rows.find((row) => String(row[0]).startsWith('银行对账单余额')), ['银行对账单余额 Bank balance', '借', 10100]);
});

test('maker-checker: the maker cannot approve; 收支两条线 holds for manual entries; the approved entry names both people', async () => {
  const forbiddenRoute = await operator.json('POST', `${base}/drafts`, { period: '2026-01', date: '2026-01-31', memo: 'pay from income', lines: [line('1004', 'debit', '5.00'), line('1002', 'credit', '5.00')] });
  assert.equal(forbiddenRoute.status, 422);
  assert.match(forbiddenRoute.body.error.rows[0].message, /收入户\) cannot pay out/);
  const typedSweep = await operator.json('POST', `${base}/drafts`, { period: '2026-01', date: '2026-01-31', lines: [line('1003', 'debit', '5.00'), line('1002', 'credit', '5.00')] });
  assert.match(typedSweep.body.error.rows[0].message, /generated by the monthly sweep/);
  const draft = await operator.json('POST', `${base}/drafts`, { period: '2026-01', date: '2026-01-31', memo: '调整应收', lines: [line('1131', 'debit', '12.34'), line('4009', 'credit', '12.34')] });
  assert.equal(draft.status, 201);
  assert.deepEqual([draft.body.kind, draft.body.status, draft.body.amount, draft.body.levels.map((l: { label: string }) => l.label)], ['ledger.entry', 'pending', '12.34', ['复核']],
    'a small entry needs one level');
  const own = await decide(operator, draft.body.id, 'approve');
  assert.equal(own.status, 403, 'the maker (an operator) cannot approve');
  const selfReviewed = await reviewer.json('POST', `${base}/drafts`, { period: '2026-01', date: '2026-01-31', lines: [line('1131', 'debit', '1.00'), line('4009', 'credit', '1.00')] });
  assert.equal(selfReviewed.status, 201);
  const selfApproval = await decide(reviewer, selfReviewed.body.id, 'approve');
  assert.equal(selfApproval.status, 403, 'a checker cannot approve their own draft either');
  assert.equal(selfApproval.body.error.code, 'separation_of_duties');
  assert.equal((await decide(approver, selfReviewed.body.id, 'return')).status, 400, 'a return needs a comment');
  const returned = await decide(approver, selfReviewed.body.id, 'return', 'not needed');
  assert.equal(returned.status, 200);
  assert.equal(returned.body.status, 'returned');
  const approved = await decide(reviewer, draft.body.id, 'approve', '同意');
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  const entryId = approved.body.result.entryId;
  const posted = await reviewer.json('GET', `${base}/entries/${entryId}`);
  assert.deepEqual([posted.body.kind, posted.body.createdBy, posted.body.approvedBy, posted.body.total], ['manual', 'op.prov', 'rv.prov', '12.34']);
  assert.equal((await decide(approver, draft.body.id, 'approve')).status, 409, 'an approved item takes no more decisions');
  // a reversal through a draft as well
  const reversal = await operator.json('POST', `${base}/entries/${entryId}/reversal-drafts`, {});
  assert.equal(reversal.status, 201);
  const reversed = await decide(approver, reversal.body.id, 'approve');
  assert.equal(reversed.status, 200, JSON.stringify(reversed.body));
  const reversalEntryId = reversed.body.result.entryId;
  const reversalEntry = await reviewer.json('GET', `${base}/entries/${reversalEntryId}`);
  assert.deepEqual([reversalEntry.body.kind, reversalEntry.body.reversesEntryId, reversalEntry.body.lines[0].credit], ['reversal', entryId, '12.34']);
  assert.equal((await reviewer.json('GET', `${base}/entries/${entryId}`)).body.reversedByEntryId, reversalEntryId);
  const tb = await reviewer.json('GET', `${base}/trial-balance?period=2026-01`);
  assert.equal(tb.body.accounts.find((a: { code: string }) => a.code === '4009').closing, '0.00');
});

test('a large entry needs two levels signed by two different people before it posts', async () => {
  const large = await operator.json('POST', `${base}/drafts`, { period: '2026-01', date: '2026-01-31', memo: '大额调整', lines: [line('1131', 'debit', '1000000.00'), line('4009', 'credit', '1000000.00')] });
  assert.equal(large.status, 201);
  assert.deepEqual(large.body.levels.map((l: { label: string }) => l.label), ['复核', '审批']);
  const first = await decide(reviewer, large.body.id, 'approve');
  assert.equal(first.status, 200);
  assert.deepEqual([first.body.status, first.body.nextLevel.label], ['pending', '审批']);
  const closing4009 = async () => (await reviewer.json('GET', `${base}/trial-balance?period=2026-01`)).body.accounts.find((a: { code: string }) => a.code === '4009').closing;
  assert.equal(await closing4009(), '0.00', 'nothing posts after one level');
  const twice = await decide(reviewer, large.body.id, 'approve');
  assert.equal(twice.status, 403, 'the same user never signs two levels');
  assert.equal(twice.body.error.code, 'separation_of_duties');
  const second = await decide(approver, large.body.id, 'approve');
  assert.equal(second.status, 200, JSON.stringify(second.body));
  assert.equal(second.body.status, 'approved');
  const posted = await reviewer.json('GET', `${base}/entries/${second.body.result.entryId}`);
  assert.deepEqual([posted.body.createdBy, posted.body.approvedBy, posted.body.total], ['op.prov', 'ap.prov', '1000000.00']);
  // undone the same way, so the statements below see only the migrated history
  const reversal = await operator.json('POST', `${base}/entries/${second.body.result.entryId}/reversal-drafts`, {});
  assert.equal(reversal.status, 201);
  assert.equal((await decide(approver, reversal.body.id, 'approve')).status, 200);
  assert.equal((await decide(approver, reversal.body.id, 'approve')).status, 403, 'the same user never signs two levels of the reversal either');
  const done = await decide(reviewer, reversal.body.id, 'approve');
  assert.equal(done.body.status, 'approved');
  assert.equal(await closing4009(), '0.00');
});

test('income and expenditure statement: lines, surplus, balance brought and carried forward; quarterly; XLSX', async () => {
  const s = await reviewer.json('GET', `${base}/statements/income-expenditure?period=2026-01`);
  assert.equal(s.status, 200);
  const income = Object.fromEntries(s.body.income.map((l: { subject: string; period: string }) => [l.subject, l.period]));
  assert.equal(income.premium_income, '1000.00');
  assert.equal(income.other_income, '0.00', 'the manual adjustment was reversed');
  assert.equal(s.body.income.length, 8);
  const benefits = s.body.expenditure.find((l: { subject: string }) => l.subject === 'benefit_expense');
  assert.equal(benefits.period, '280.00');
  assert.equal(benefits.detail.find((d: { subject: string }) => d.subject === 'benefit_expense.basic_pension').yearToDate, '280.00');
  assert.deepEqual([s.body.totalIncome.period, s.body.totalExpenditure.period, s.body.surplus.yearToDate], ['1000.00', '280.00', '720.00']);
  assert.deepEqual([s.body.balanceBroughtForward, s.body.balanceCarriedForward, s.body.netAssets], ['10000.00', '10720.00', '10720.00']);
  const quarter = await reviewer.json('GET', `${base}/statements/income-expenditure?period=2026-Q1`);
  assert.deepEqual([quarter.body.from, quarter.body.to, quarter.body.totalIncome.period], ['2026-01', '2026-03', '1000.00']);
  const sheet = await reviewer.request('GET', `${base}/statements/income-expenditure?period=2026-01&format=xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
  const rows = workbook.getWorksheet('基金收支表')!.getSheetValues().filter(Boolean).map((row) => Array.from((row as unknown[]).slice(1, 5), (v) => v ?? null));
  assert.deepEqual(rows.find((row) => row[0] === '五、年末滚存结余'), ['五、年末滚存结余', null, '贷', 10720], 'the fund balance on its credit side, positive');
  assert.deepEqual(rows.find((row) => row[0] === '三、本年收支结余'), ['三、本年收支结余', 720, null, 720]);
});

test('period close: a month not ended, or before the month ahead of it, is refused', async () => {
  const nextMonth = addMonths(todayInChina().slice(0, 7), 1);
  for (const period of [nextMonth, todayInChina().slice(0, 7)]) {
    const early = await reviewer.json('POST', `${base}/periods/${period}/close`);
    assert.deepEqual([early.status, early.body.error.rule, early.body.error.field], [409, 'ledger.periodNotEnded', 'period'], `${period} has not ended`);
    assert.match(early.body.error.message, new RegExp(`^${period} has not ended \\(today is ${todayInChina()} in China\\)`));
  }
  // The fund's first month with entries is 2025-12 (the opening balance): 2026-01 waits for it.
  const outOfOrder = await reviewer.json('POST', `${base}/periods/2026-01/close`, undefined, { 'accept-language': 'zh-CN' });
  assert.deepEqual([outOfOrder.status, outOfOrder.body.error.rule, outOfOrder.body.error.field], [409, 'ledger.previousPeriodOpen', 'period']);
  assert.match(outOfOrder.body.error.message, /基金 pension-990000 的上月 2025-12 尚未结账：须按月顺序结账/);
  assert.equal((await reviewer.json('GET', `${base}/periods`)).body.items.find((p: { period: string }) => p.period === '2026-01')?.status ?? 'open', 'open');
  // The migrated history's month was closed in the system it came from.
  await server.test.database.pool.query(`update fund_period set status = 'closed', closed_at = now(), closed_by = 'migration' where period = '2025-12' and fund_id = (select id from fund where code = $1)`, [F]);
});

test('period close: refused until every bank account is reconciled; then nothing posts into the month; reopen needs a second person', async () => {
  const refused = await reviewer.json('POST', `${base}/periods/2026-01/close`);
  assert.equal(refused.status, 409);
  assert.match(refused.body.error.message, /bank account 1003 财政专户存款 is not reconciled: no bank statement/);
  assert.match(refused.body.error.message, /bank account 1004 支出户存款 is not reconciled/);
  const inChinese = await reviewer.json('POST', `${base}/periods/2026-01/close`, undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
  assert.deepEqual([inChinese.status, inChinese.body.error.code, inChinese.body.error.rule], [409, refused.body.error.code, 'ledger.periodNotReady']);
  assert.equal(refused.body.error.rule, 'ledger.periodNotReady');
  assert.match(inChinese.body.error.message, /^基金 pension-990000 的 2026-01 不能结账：银行账户 1003 财政专户存款 未对平：该账户尚未导入银行对账单；银行账户 1004 支出户存款 未对平/);
  const reconciliationInChinese = await reviewer.json('GET', `${base}/reconciliation?period=2026-01`, undefined, { 'accept-language': 'zh-CN' });
  assert.deepEqual(reconciliationInChinese.body.items.map((r: { account: string; reason: string | null }) => [r.account, r.reason]).filter(([account]: string[]) => account === '1003'),
    [['1003', '该账户尚未导入银行对账单']], 'why an account is not reconciled, in the reader\'s language');
  const special = 'date,amount,balance,reference\n2026-01-21,500.00,500.00,SWEEP-2026-01\n2026-01-25,-300.00,200.00,ALLOC-1\n';
  const expense = 'date,credit,debit,balance,reference\n2026-01-25,300.00,,300.00,ALLOC-1\n2026-01-28,,280.00,20.00,PAY-1\n';
  assert.equal((await operator.upload(`${base}/accounts/1003/bank-statements?to=2026-01-31`, 'special.csv', special)).body.matched, 2);
  assert.equal((await operator.upload(`${base}/accounts/1004/bank-statements?to=2026-01-31`, 'expense.csv', expense)).body.matched, 2);
  assert.equal((await operator.json('POST', `${base}/periods/2026-01/close`)).status, 403, 'operators do not close months');
  const closed = await reviewer.json('POST', `${base}/periods/2026-01/close`);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal((await reviewer.json('POST', `${base}/periods/2026-01/close`)).status, 409);

  const late = await operator.json('POST', `${base}/drafts`, { period: '2026-01', date: '2026-01-31', lines: [line('1131', 'debit', '1.00'), line('4001', 'credit', '1.00')] });
  assert.equal(late.status, 422);
  assert.match(late.body.error.rows[0].message, /period 2026-01 .* is closed/);
  await assert.rejects(importLedgerEntries(server.test.database, systemActor('test'), [entry('late', '2026-01-31', [line('1131', 'debit', '1.00'), line('4001', 'credit', '1.00')])]),
    (error: AppError) => /period 2026-01 of fund pension-990000 is closed/.test(render(error.rows?.[0]?.message ?? '', 'en')));
  const { rows: [fund] } = await server.test.database.pool.query(`select id from fund where code = $1`, [F]);
  const client = await server.test.database.pool.connect();
  try {
    await client.query('begin');
    const { rows: [account] } = await client.query(`select id from fund_account where fund_id = $1 and code = '1131'`, [fund.id]);
    const { rows: [other] } = await client.query(`select id from fund_account where fund_id = $1 and code = '4001'`, [fund.id]);
    await assert.rejects(client.query(`with lines as (insert into accounting_entry_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit) values ($1, 1, 1, $2, '990000', '2026-01', '2026-01-31', 1, 0), ($1, 1, 2, $3, '990000', '2026-01', '2026-01-31', 0, 1))
      insert into accounting_entry (fund_id, id, region_code, period, value_date, kind, idempotency_key, content_hash, line_count, total, created_by, voucher_number) values ($1, 1, '990000', '2026-01', '2026-01-31', 'import', 'sql-late', 'x', 2, 1, 'sql', 9999)`, [fund.id, account.id, other.id]), /period 2026-01 is closed/);
  } finally { await client.query('rollback'); client.release(); }

  const correction = await operator.json('POST', `${base}/drafts`, { period: '2026-02', date: '2026-02-01', correctionOfPeriod: '2026-01', memo: 'late correction', lines: [line('1131', 'debit', '1.00'), line('4001', 'credit', '1.00')] });
  assert.equal(correction.status, 201);
  const correctionPosted = await decide(reviewer, correction.body.id, 'approve');
  assert.equal(correctionPosted.status, 200, JSON.stringify(correctionPosted.body));
  assert.equal((await reviewer.json('GET', `${base}/entries/${correctionPosted.body.result.entryId}`)).body.correctionOfPeriod, '2026-01');

  const request = await approver.json('POST', `${base}/periods/2026-01/reopen-requests`, { reason: 'bank charge found' });
  assert.equal(request.status, 201);
  assert.deepEqual([request.body.kind, request.body.status], ['ledger.period_reopen', 'pending']);
  const waiting = await reviewer.json('GET', `${base}/periods`);
  assert.deepEqual(waiting.body.items.find((p: { period: string }) => p.period === '2026-01').pendingReopenRequest, { id: request.body.id, reason: 'bank charge found', requestedBy: 'ap.prov' });
  const own = await decide(approver, request.body.id, 'approve');
  assert.equal(own.status, 403, 'the requester cannot approve');
  assert.equal(own.body.error.code, 'separation_of_duties');
  assert.equal((await decide(reviewer, request.body.id, 'approve')).status, 403, 'reviewers do not approve reopening');
  assert.equal((await server.admin.json('POST', `/api/approvals/${request.body.id}/decisions`, { decision: 'approve' })).status, 403, 'the administrator holds no ledger permission');
  assert.equal((await reviewer.json('GET', `${base}/periods`)).body.items.find((p: { period: string }) => p.period === '2026-01').status, 'closed', 'refused decisions change nothing');
  const approved = await decide(approver2, request.body.id, 'approve', '同意反结账');
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  const periods = await reviewer.json('GET', `${base}/periods`);
  assert.equal(periods.body.items.find((p: { period: string }) => p.period === '2026-01').status, 'open');
  const { rows } = await server.test.database.pool.query(`select action from audit_log where action like 'ledger.period%' order by id`);
  assert.deepEqual(rows.map((r) => r.action), ['ledger.period.close', 'ledger.period.reopen']);
  const { rows: signoff } = await server.test.database.pool.query(`select action, actor_username from audit_log where entity_type = 'approval_item' and entity_id = $1 order by id`, [request.body.id]);
  assert.deepEqual(signoff.map((r) => [r.action, r.actor_username]), [['signoff.submit', 'ap.prov'], ['signoff.approve', 'ap2.prov']], 'the request and its approval, by two people');
});

test('the consistency check and the hledger export over HTTP', async () => {
  const check = await auditor.json('GET', `${base}/check`);
  assert.equal(check.body.ok, true);
  const journal = await auditor.request('GET', `/api/ledger/export/hledger?from=2026-01-01&to=2026-01-31&fund=${F}`);
  assert.equal(journal.statusCode, 200);
  assert.match(journal.body, /2026-01-01 \* opening balances/);
  assert.match(journal.body, /pension-990000:资产:收入户存款:1002 +10000\.00 CNY/);
  const bad = await auditor.json('GET', `/api/ledger/export/hledger?from=2026-02-01&to=2026-01-01`);
  assert.equal(bad.status, 400);
});

/** The rows of an error workbook (errors.xlsx): row number, the cells as written, the reason. */
async function errorRows(client: Client, url: string): Promise<unknown[][]> {
  const response = await client.request('GET', url);
  assert.equal(response.statusCode, 200, response.body);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0].getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
}

test('bank statement on the import pipeline: a GBK CSV with Chinese headers keeps its names; the same file again changes nothing; a bad row 3 refuses the file with its error workbook', async () => {
  const medical = '/api/ledger/funds/medical-990100/accounts';
  const csv = [
    '记账日期,交易流水号,对方户名,对方账号,借方发生额,贷方发生额,余额,摘要',
    '2026/3/2,M-0001,示范市鑫源商贸有限公司,6217000000000009,,"1,234.50","11,234.50",医疗保险费 三月',
    '20260303,M-0002,示范市财政局,,234.50,,"11,000.00",归集财政专户',
    '',
  ].join('\r\n');
  const gbk = iconv.encode(csv, 'gbk');
  const imported = await operator.upload(`${medical}/1002/bank-statements`, '对账单-2026-03.csv', gbk);
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  assert.deepEqual([imported.body.duplicateFile, imported.body.alreadyImported, imported.body.statements[0].opening, imported.body.statements[0].closing, imported.body.statements[0].newLines],
    [false, false, '10000.00', '11000.00', 2]);
  const matching = await operator.json('GET', `${medical}/1002/matching?asOf=2026-03-31`);
  assert.deepEqual(matching.body.unmatchedBank.map((b: { counterparty: string; description: string; amount: string }) => [b.counterparty, b.description, b.amount]),
    [['示范市鑫源商贸有限公司', '医疗保险费 三月', '1234.50'], ['示范市财政局', '归集财政专户', '-234.50']]);
  const record = await operator.json('GET', `/api/imports/${imported.body.importId}`);
  assert.deepEqual([record.body.kind, record.body.encoding, record.body.status, record.body.rows, record.body.applied, record.body.by], ['bank_statement', 'gb18030', 'applied', 2, 2, 'op.prov']);

  const again = await operator.upload(`${medical}/1002/bank-statements`, 'again.csv', gbk);
  assert.equal(again.status, 200);
  assert.deepEqual([again.body.alreadyImported, again.body.duplicateFile, again.body.importId, again.body.statements[0].newLines], [true, true, imported.body.importId, 0]);
  const listed = await operator.json('GET', `${medical}/1002/bank-statements`);
  assert.equal(listed.body.items.length, 1, 'the second import added no statement');
  const elsewhere = await operator.upload(`${medical}/1003/bank-statements`, 'again.csv', gbk);
  assert.equal(elsewhere.status, 409, 'a statement file belongs to one bank account');
  assert.match(elsewhere.body.error.message, /imported as the statement of medical-990100 account 1002/);

  const bad = iconv.encode([
    '记账日期,交易流水号,对方户名,金额,余额',
    '2026-03-10,M-0003,示范市鑫源商贸有限公司,100.00,11100.00',
    '2026-03-11,M-0004,示范市某某有限公司,12.345,11112.35',
    '2026-03-12,M-0005,示范市某某有限公司,50.00,11162.35',
    '',
  ].join('\n'), 'gbk');
  const refused = await operator.upload(`${medical}/1002/bank-statements`, 'bad.csv', bad);
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.error.rows.map((r: { row: number; field: string; column: string; value: string }) => [r.row, r.field, r.column, r.value]), [[3, 'amount', '金额', '12.345']]);
  assert.match(refused.body.error.message, /1 of 3 rows have problems; nothing was imported/);
  assert.equal((await operator.json('GET', `${medical}/1002/matching?asOf=2026-03-31`)).body.unmatchedBank.length, 2, 'nothing of the refused file, not even its good rows');
  const rows = await errorRows(operator, refused.body.error.errorWorkbook);
  assert.deepEqual(rows[0], ['行号 row', '记账日期', '交易流水号', '对方户名', '金额', '余额', '原因 reason']);
  assert.equal(rows.length, 2, 'the header and the one bad row');
  assert.deepEqual(rows[1].slice(0, 6), [3, '2026-03-11', 'M-0004', '示范市某某有限公司', '12.345', '11112.35']);
  assert.match(String(rows[1][6]), /^金额: “12\.345”不是以元为单位、至多两位小数的金额/);
});

test('ledger entry import over HTTP: preview (entries, lines, totals per fund) posts nothing; another person with the approval permission confirms; bad rows refused with the error workbook', async () => {
  const csv = [
    'key,fund,period,date,memo,account,debit,credit',
    'M-OPEN,medical-990100,2026-03,2026-03-01,期初余额,1002,"10,000.00",',
    'M-OPEN,,,,,3001,,"10,000.00"',
    'M-ACCRUE,medical-990100,2026-03,2026/3/5,应收 三月,1131,1234.50,',
    'M-ACCRUE,,,,,4001,,1234.50',
    '',
  ].join('\n');
  const tb = async () => Object.fromEntries((await reviewer.json('GET', '/api/ledger/funds/medical-990100/trial-balance?period=2026-03')).body.accounts.map((a: { code: string; closing: string }) => [a.code, a.closing]));
  const before = await tb();
  const preview = await operator.upload('/api/ledger/imports?mode=preview', 'opening.csv', csv);
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.deepEqual([preview.body.entries, preview.body.toPost, preview.body.alreadyPosted, preview.body.lines, preview.body.amount], [2, 2, 0, 4, '11234.50']);
  assert.deepEqual(preview.body.funds, [{ fund: 'medical-990100', entries: 2, toPost: 2, lines: 4, amount: '11234.50' }]);
  assert.deepEqual(preview.body.sample.map((e: { key: string; date: string; amount: string; status: string }) => [e.key, e.date, e.amount, e.status]),
    [['M-OPEN', '2026-03-01', '10000.00', 'post'], ['M-ACCRUE', '2026-03-05', '1234.50', 'post']]);
  assert.deepEqual(await tb(), before, 'a preview posts nothing');

  assert.equal((await operator.json('POST', `/api/ledger/imports/${preview.body.importId}/confirm`, {})).status, 403, 'an operator does not post migrated entries');
  const own = await reviewer.upload('/api/ledger/imports?mode=preview', 'opening-reviewer.csv', `${csv}\n`);
  const self = await reviewer.json('POST', `/api/ledger/imports/${own.body.importId}/confirm`, {});
  assert.deepEqual([self.status, self.body.error.code], [403, 'separation_of_duties']);
  const confirmed = await approver.json('POST', `/api/ledger/imports/${preview.body.importId}/confirm`, { sha256: preview.body.sha256 });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  assert.deepEqual([confirmed.body.posted, confirmed.body.existing, confirmed.body.lines, confirmed.body.alreadyImported], [2, 0, 4, false]);
  const after = await tb();
  assert.deepEqual([after['1002'], after['1131'], after['4001']], ['10000.00', '1234.50', '-1234.50']);
  const repeat = await operator.upload('/api/ledger/imports?mode=preview', 'opening.csv', csv);
  assert.deepEqual([repeat.body.alreadyImported, repeat.body.importId, repeat.body.posted], [true, preview.body.importId, 2], 'the same file answers with its first import');
  const copy = await approver.json('POST', `/api/ledger/imports/${own.body.importId}/confirm`, {});
  assert.deepEqual([copy.status, copy.body.posted, copy.body.existing], [200, 0, 2], 'the same entries in another file are not posted twice');
  assert.deepEqual(await tb(), after);

  const bad = [
    '凭证号,基金代码,记账日期,科目代码,借方金额,贷方金额',
    'M-BAD,medical-990100,2026-03-20,1131,5.00,',
    'M-BAD,,,9999,,5.00',
    'M-OK,medical-990100,2026-03-21,1131,1.00,',
    'M-OK,,,4001,,1.00',
    '',
  ].join('\n');
  const refused = await operator.upload('/api/ledger/imports', 'bad.csv', bad);
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.error.rows.map((r: { row: number; field: string; rule: string; column: string; value: string }) => [r.row, r.field, r.rule, r.column, r.value]),
    [[3, 'account', 'known_account', '科目代码', '9999']]);
  const rows = await errorRows(operator, refused.body.error.errorWorkbook);
  assert.deepEqual(rows.map((row) => row[0]), ['行号 row', 3]);
  assert.match(String(rows[1][7]), /^科目代码: 基金 medical-990100 没有会计科目 9999$/, 'the error workbook speaks Chinese to the office that wrote the file');
});

test('银行对账单 as a list: a bank account\'s statements counted, by cursor to the last, the latest period first (ties by id), and exported whole', async () => {
  // 45 daily statements of the medical fund's expense account, five of them on 1 March
  await server.test.owner.query(`insert into bank_statement (fund_id, id, account_id, region_code, format, file_name, file_sha256, statement_reference, from_date, to_date,
      opening_balance, closing_balance, line_count, new_line_count, imported_by)
    select f.id, 900000 + i, a.id, f.region_code, 'csv', 'day-' || i || '.csv', lpad(to_hex(900000 + i), 64, '0'), 'S-' || i,
           date '2026-03-01' + greatest(i - 5, 0), date '2026-03-01' + greatest(i - 5, 0), i * 100, i * 100 + 50, 1, 1, 'op.prov'  -- balances in fen
      from fund f join fund_account a on a.fund_id = f.id and a.code = '1004', generate_series(1, 45) as i
     where f.code = 'medical-990100'`);
  const statements = '/api/ledger/funds/medical-990100/accounts/1004/bank-statements';
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: { id: string; from: string }[]; total: number; totalCapped: boolean; nextCursor: string | null } } = await operator.json('GET', `${statements}?limit=20${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.deepEqual([page.body.total, page.body.totalCapped], [45, false]);
    ids.push(...page.body.items.map((statement) => statement.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(ids, Array.from({ length: 45 }, (_, index) => String(900045 - index)), 'the latest day first; the five of 1 March by id, descending');
  const csv = (await operator.request('GET', `${statements}?format=csv`)).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, 45);
  assert.equal(csv[0], '\uFEFF起始日期,截止日期,格式,文件名,对账单编号,期初余额,期末余额,行数,导入人,导入时间');
  assert.match(csv[1], /^2026-04-10,2026-04-10,csv,day-45\.csv,S-45,45\.00,45\.50,1,op\.prov,/);
  assert.equal((await cityOperator.json('GET', `${statements}?limit=1`)).body.total, 45, 'the city holds the medical fund');
});

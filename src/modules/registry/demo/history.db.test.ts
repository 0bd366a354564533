import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { generateDemo, type DemoSummary } from './demo.service.ts';
import { historyMonths } from './history.calc.ts';

// Database tests run through `npm test` (which provides the server); a bare `node --test` skips them.
const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
// November 2025 to January 2026: the history crosses a year end (the next year's budget, the fiscal subsidy)
const OPTIONS = { persons: 1500, employers: 60, years: 1, seed: 11, password: 'demo-pass-2024', historyMonths: 3, endMonth: '2026-01' };
const REQUEST = 'sifund demo --history-months 3';

let first: TestDatabase, second: TestDatabase;
let summary: DemoSummary, again: DemoSummary;

const rows = async <T>(db: TestDatabase, text: string, parameters: unknown[] = []) => (await db.database.pool.query(text, parameters)).rows as T[];
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

/** Per fund: the movement of its accounts of a role (debit − credit), optionally of one account code. */
const movementByFund = (db: TestDatabase, where: string) => rows<{ fund: string; amount: string }>(db, `
  select f.code as fund, sum(l.debit - l.credit)::text as amount
  from accounting_entry_line l join fund f on f.id = l.fund_id join fund_account a on a.fund_id = l.fund_id and a.id = l.account_id
  where ${where} group by f.code order by f.code`).then((list) => new Map(list.map((r) => [r.fund, BigInt(r.amount)])));

before(async () => {
  if (skip) return;
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  summary = await generateDemo(first.database, OPTIONS);
  again = await generateDemo(second.database, OPTIONS);
});
after(async () => { await Promise.all([first?.drop(), second?.drop()]); });

test('the funds go live on the first day of the history and every month of it has its billing, payments and payroll', { skip }, async () => {
  const history = summary.history!;
  const months = historyMonths(summary.window.end.slice(0, 7), 3);
  assert.deepEqual([history.firstMonth, history.lastMonth, history.goLive], [months[0], months[2], `${months[0]}-01`]);
  const opening = await rows<{ date: string }>(first, `select distinct to_char(value_date, 'YYYY-MM-DD') as date from accounting_entry where source_type = 'opening_balance'`);
  assert.deepEqual(opening.map((r) => r.date), [history.goLive]);
  // four periods billed: the month before go-live (due in the first month) and the three months
  const billed = await rows<{ period: string }>(first, `select distinct period from bill order by 1`);
  assert.deepEqual(billed.map((r) => r.period), [historyMonthsBefore(months[0]), ...months]);
  const income = await rows<{ period: string }>(first, `select distinct e.period from accounting_entry e join payment p on e.source_type = 'payment' and e.source_id = p.id::text order by 1`);
  assert.deepEqual(income.map((r) => r.period), months, 'contributions arrive in every month of the history');
  const batches = await rows<{ period: string; status: string }>(first, `select distinct period, status from payroll_batch order by 1`);
  assert.deepEqual(batches, months.map((period) => ({ period, status: 'settled' })), 'every payee paid: the batches settled');
  assert.ok(history.counts.paymentsLate > 0 && history.counts.employersInArrears > 0, JSON.stringify(history.counts));
  assert.ok(history.counts.paymentsOnTime > history.counts.paymentsLate * 5, JSON.stringify(history.counts));
});

const historyMonthsBefore = (month: string) => historyMonths(month, 2)[0];

test('the ledger\'s contribution income of each fund is what the payments paid it (and the unemployment fund\'s medical contributions)', { skip }, async () => {
  const income = await movementByFund(first, `a.role = 'revenue' and a.subject in ('premium_income', 'other_income')`);
  const allocated = new Map((await rows<{ fund: string; amount: string }>(first, `
    select fund, sum(amount)::text as amount from (
      select fund_code as fund, amount from payment_allocation where part <> 'credit'
      union all select medical_fund_code, medical_contribution from benefit_claim_month) paid
    group by fund`)).map((r) => [r.fund, BigInt(r.amount)]));
  assert.ok(allocated.size >= 4, `funds paid: ${[...allocated.keys()].join(', ')}`);
  for (const [fund, amount] of allocated) assert.equal(-(income.get(fund) ?? 0n), amount, fund);
  for (const [fund, amount] of income) if (amount !== 0n) assert.ok(allocated.has(fund), `income without payments in ${fund}`);
  // what the history says it recorded is what the payment table holds
  const [recorded] = await rows<{ total: string }>(first, `select sum(amount)::text as total from payment`);
  assert.equal(BigInt(recorded.total), fen(summary.history!.totals.paid));
});

test('the pension expense of each fund is what its payrolls paid, from the 支出户 the 财政专户 funded', { skip }, async () => {
  const expense = await movementByFund(first, `a.role = 'expense' and a.subject = 'benefit_expense.basic_pension'`);
  const paid = new Map((await rows<{ fund: string; amount: string }>(first, `
    select b.fund_code as fund, sum(l.amount)::text as amount from payroll_line l join payroll_batch b on b.id = l.batch_id where l.status = 'paid' group by b.fund_code`))
    .map((r) => [r.fund, BigInt(r.amount)]));
  assert.ok(paid.size >= 1);
  for (const [fund, amount] of paid) assert.equal(expense.get(fund), amount, fund);
  assert.equal([...paid.values()].reduce((sum, amount) => sum + amount, 0n), fen(summary.history!.totals.pensionsPaid));
  // the medical pre-allocations were paid each month as the history reports
  const prepaid = await movementByFund(first, `a.role = 'expense' and f.insurance = 'medical' and a.subject in ('benefit_expense.inpatient', 'benefit_expense.outpatient')`);
  assert.equal([...prepaid.values()].reduce((sum, amount) => sum + amount, 0n), fen(summary.history!.totals.medicalPrepayments));
  // the claims' orders (one-off amounts, unemployment months, maternity) were paid by their funds' bank files
  const [orders] = await rows<{ paid: string }>(first, `select coalesce(sum(amount - amount_offset), 0)::text as paid from benefit_payment_order where status = 'paid' and source_type = 'benefit_claim'`);
  assert.ok(BigInt(orders.paid) > 0n, 'claims paid');
  assert.equal(BigInt(orders.paid), fen(summary.history!.totals.claimsPaid));
});

test('every bank account of every fund ends at or above zero, and the 收入户 of the swept months is empty', { skip }, async () => {
  const balances = await rows<{ fund: string; role: string; balance: string }>(first, `
    select f.code as fund, a.role, coalesce(sum(l.debit - l.credit), 0)::text as balance
    from fund_account a join fund f on f.id = a.fund_id left join accounting_entry_line l on l.fund_id = a.fund_id and l.account_id = a.id
    where a.role in ('income_bank', 'special_bank', 'expense_bank') group by f.code, a.role`);
  assert.ok(balances.length >= 15);
  for (const b of balances) assert.ok(BigInt(b.balance) >= 0n, `${b.fund} ${b.role} ${b.balance}`);
  // the sweeps moved each swept month's receipts: the 收入户 held nothing at the end of the history's second month
  const month = summary.history!.firstMonth;
  const second = historyMonths(summary.history!.lastMonth, 2)[0];
  const unswept = await rows<{ fund: string; balance: string }>(first, `
    select f.code as fund, sum(l.debit - l.credit)::text as balance from accounting_entry_line l join fund f on f.id = l.fund_id
    join fund_account a on a.fund_id = l.fund_id and a.id = l.account_id where a.role = 'income_bank' and l.period <= $1 group by f.code having sum(l.debit - l.credit) <> 0`, [second]);
  assert.deepEqual(unswept, [], `receipts of ${month} … ${second} left in a 收入户`);
});

test('the decisions are the demo staff\'s, never one person twice on an item, and the audit says the demo made them', { skip }, async () => {
  const steps = await rows<{ kind: string; actor: string; item: string }>(first, `
    select i.kind, s.username as actor, s.item_id::text as item from approval_step s join approval_item i on i.id = s.item_id where i.kind in ('pension.payroll', 'fund.transfer', 'medical.prepayment')`);
  const byKind = (kind: string) => [...new Set(steps.filter((s) => s.kind === kind).map((s) => s.actor))].sort();
  assert.deepEqual(byKind('pension.payroll'), ['approve.990000', 'op.990000', 'review.990000']);
  assert.deepEqual(byKind('medical.prepayment'), ['approve.990100', 'op.990100', 'review.990100']);
  const perItem = new Map<string, string[]>();
  for (const s of steps) perItem.set(s.item, [...(perItem.get(s.item) ?? []), s.actor]);
  for (const [item, actors] of perItem) assert.equal(new Set(actors).size, actors.length, `item ${item}: ${actors.join(', ')}`);
  const audit = await rows<{ action: string; actor: string }>(first, `select distinct action, actor_username as actor from audit_log where request_id = $1`, [REQUEST]);
  for (const action of ['payment.import', 'payroll.bank_file', 'payroll.bank_result']) assert.ok(audit.some((a) => a.action === action), action);
  assert.ok(audit.every((a) => a.actor !== null && !a.actor.startsWith('system:')), 'real staff, not system actors');
});

test('the same seed replays the same history', { skip }, async () => {
  assert.deepEqual(again.history!.totals, summary.history!.totals);
  assert.deepEqual(again.history!.counts, summary.history!.counts);
});

test('on 28 December next year\'s budget is drafted from the actuals, submitted by the 经办 and approved by 复核 and 审批', { skip }, async () => {
  const versions = await rows<{ region: string; status: string; created_by: string; last_actual_month: string }>(first,
    `select region_code as region, status, created_by, last_actual_month from budget_version where year = 2026 order by region_code`);
  assert.deepEqual(versions, [
    { region: '990000', status: 'approved', created_by: 'op.990000', last_actual_month: '2025-11' },
    { region: '990100', status: 'approved', created_by: 'op.990100', last_actual_month: '2025-11' },
  ]);
  assert.equal(summary.history!.counts.budgets, 2);
  // the city's premium income line: November's contributions carried forward, twelve months of them
  const [line] = await rows<{ amount: string }>(first, `select sum(l.amount)::text as amount from budget_line l join budget_version v on v.id = l.version_id
    where v.year = 2026 and v.region_code = '990100' and l.side = 'income' and l.subject = 'premium_income'`);
  assert.ok(BigInt(line.amount) > 0n, 'the approved budget has contribution income');
  const signers = await rows<{ username: string }>(first, `select distinct s.username from approval_step s join approval_item i on i.id = s.item_id where i.kind = 'budget.version' order by 1`);
  assert.deepEqual(signers.map((s) => s.username), ['approve.990000', 'approve.990100', 'op.990000', 'op.990100', 'review.990000', 'review.990100']);
});

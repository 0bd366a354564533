import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { getTrialBalance, listFunds } from '../../ledger/index.ts';
import { listBills } from '../billing/bills.service.ts';
import { employerArrears, dunningList } from '../arrears/arrears.service.ts';
import { collectionKpis } from '../kpi/kpi.service.ts';
import { applyCredits, confirmCollectionImport, importCollectionFile, listPayments, recordPayment } from './payments.service.ts';

const file = (fileName: string, text: string) => ({ fileName, content: Buffer.from(text) });
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from './payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test');
let test_: TestDatabase;
let employerB: bigint;

/** Per person and month on a base of 10,000.00: pension 1600 + 800, medical 900 + 200 (示范省 9%), unemployment 50 + 50, work injury class I 20. */
const PER_PERSON = parseYuan('3620.00');

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  ({ employerB } = await seedCollection(test_.database));
  await billPeriod(test_.database, '2026-01');
  await billPeriod(test_.database, '2026-02');
});
after(() => test_?.drop());

const billOf = async (creditCode: string, period: string) => (await listBills(test_.database, actor, { employer: creditCode, period }, { limit: 1 })).items[0];
const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(test_.database.db)).rows[0].n;
const counts = async () => Object.fromEntries(await Promise.all(['payment', 'payment_allocation', 'accounting_entry', 'individual_account_entry'].map(async (t) => [t, await count(t)])));
const paymentsOf = async (creditCode: string) => (await listPayments(test_.database, actor, { employer: creditCode }, { limit: 500 })).items.sort((a, b) => (a.date === b.date ? Number(BigInt(a.id) - BigInt(b.id)) : a.date < b.date ? -1 : 1));
const accountEntries = async (creditCode: string, period: string) => (await sql<{ amount: bigint }>`
  select e.amount from individual_account_entry e join employer r on r.id = e.employer_id
  where r.credit_code = ${creditCode} and e.period = ${period} and e.kind = 'contribution' order by e.person_id`.execute(test_.database.db)).rows.map((r) => formatYuan(r.amount));

async function rejected(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
}

/** Σ over every fund of an account's debit and credit in a month. */
async function ledgerMovement(account: string, period: string) {
  let debit = 0n, credit = 0n;
  for (const fund of await listFunds(test_.database, actor)) {
    const line = (await getTrialBalance(test_.database, actor, fund.code, period)).accounts.find((a) => a.code === account);
    if (line) { debit += parseYuan(line.debit); credit += parseYuan(line.credit); }
  }
  return { debit: formatYuan(debit), credit: formatYuan(credit) };
}

let janA: bigint, febA: bigint, janB: bigint, febB: bigint;
let collectionFile: string;

test('the fixture bills: one bill per employer and month, 3620.00 per person', { skip }, async () => {
  const [a1, a2, b1, b2] = await Promise.all([billOf(EMPLOYER_A, '2026-01'), billOf(EMPLOYER_A, '2026-02'), billOf(EMPLOYER_B, '2026-01'), billOf(EMPLOYER_B, '2026-02')]);
  [janA, febA, janB, febB] = [a1, a2, b1, b2].map((b) => parseYuan(b.total));
  assert.equal(janA, 2n * PER_PERSON);
  assert.equal(febA, 2n * PER_PERSON);
  assert.equal(janB, PER_PERSON);
  assert.equal(a1.dueDate, '2026-02-24', 'due the 15th, a Sunday in the Spring Festival holiday (02-15 … 23): the next working day');
  assert.equal(a2.dueDate, '2026-03-16', 'due Sunday the 15th: Monday');
  collectionFile = [
    'date,creditCode,amount,reference',
    `2026-02-10,${EMPLOYER_A},${formatYuan(febA)},${a2.number}`,
    `2026-02-10,${EMPLOYER_A},1000.00,`,
    `2026-02-14,${EMPLOYER_B},${formatYuan(janB + febB + 10_000n)},`,
  ].join('\n');
});

test('import: the bill named in the reference first, else the oldest; pension employee part first; overpayment kept as credit', { skip }, async () => {
  const { importId, sha256, alreadyImported, ...result } = await importCollectionFile(test_.database, actor, file('bank-2026-02.csv', collectionFile));
  assert.match(importId, /^\d+$/);
  assert.equal(sha256.length, 64);
  assert.equal(alreadyImported, false);
  assert.deepEqual(result, {
    fileName: 'bank-2026-02.csv', rows: 3, recorded: 3, alreadyRecorded: 0,
    amount: formatYuan(febA + 100_000n + janB + febB + 10_000n), allocated: formatYuan(febA + 100_000n + janB + febB), credit: '100.00',
  });
  const [byReference, oldestFirst] = await paymentsOf(EMPLOYER_A);
  const feb = await billOf(EMPLOYER_A, '2026-02'), jan = await billOf(EMPLOYER_A, '2026-01');
  assert.equal(byReference.allocated, formatYuan(febA));
  assert.deepEqual(new Set(byReference.allocations.map((a) => a.billNumber)), new Set([feb.number]));
  assert.deepEqual(byReference.allocations.slice(0, 4).map((a) => `${a.insurance}/${a.part}/${a.amount}`), ['pension/employee/1600.00', 'pension/employer/3200.00', 'medical/employee/400.00', 'medical/employer/1800.00']);
  assert.deepEqual(oldestFirst.allocations, [{ billNumber: jan.number, period: '2026-01', insurance: 'pension', part: 'employee', amount: '1000.00' }]);
  const [overpaid] = await paymentsOf(EMPLOYER_B);
  assert.equal(overpaid.allocated, formatYuan(janB + febB));
  assert.equal(overpaid.credit, '100.00');
  assert.deepEqual([...new Set(overpaid.allocations.map((a) => a.period))], ['2026-01', '2026-02']);
});

test('individual accounts are credited only when the bill\'s pension employee part is paid in full', { skip }, async () => {
  assert.deepEqual(await accountEntries(EMPLOYER_A, '2026-02'), ['800.00', '800.00']);
  assert.deepEqual(await accountEntries(EMPLOYER_A, '2026-01'), [], '1000.00 of 1600.00 paid: nobody credited yet');
  assert.deepEqual(await accountEntries(EMPLOYER_B, '2026-01'), ['800.00']);
});

test('re-importing the same file answers with the first result and changes nothing', { skip }, async () => {
  const before = await counts();
  const again = await importCollectionFile(test_.database, actor, file('bank-2026-02-again.csv', collectionFile));
  assert.deepEqual([again.alreadyImported, again.recorded, again.alreadyRecorded], [true, 3, 0]);
  assert.deepEqual(await counts(), before);
});

test('a bad file is refused listing every bad row, and nothing of it is applied', { skip }, async () => {
  const before = await counts();
  const error = await rejected(importCollectionFile(test_.database, actor, file('bad.csv', [
    'date,creditCode,amount,reference',
    `2026-02-20,${EMPLOYER_A},10.00,good row`,
    '2026-02-20,91990102MA00000099,10.00,',
    `2026-02-30,${EMPLOYER_A},10.00,`,
    `2026-02-20,${EMPLOYER_A},0.00,`,
    `2026-02-20,${EMPLOYER_A},12.345,`,
    `2026-02-20,${EMPLOYER_A}`,
  ].join('\n'))));
  assert.equal(error.status, 422);
  assert.deepEqual(error.rows!.map((r) => `${r.row}:${r.field}:${(r as { rule?: string }).rule}`), ['3:creditCode:known_employer', '4:date:date', '5:amount:above_zero', '6:amount:amount', '7:amount:required']);
  assert.match(error.message, /5 of 6 rows have problems; nothing was imported/);
  assert.deepEqual(await counts(), before);
});

test('ledger, cash basis: Dr 1002 收入户 = all money received; Cr 4001 = the contributions it paid; the overpayment is 暂收款; no receivable', { skip }, async () => {
  const paid = febA + 100_000n + janB + febB;
  assert.deepEqual(await ledgerMovement('1002', '2026-02'), { debit: formatYuan(paid + 10_000n), credit: '0.00' });
  assert.deepEqual(await ledgerMovement('4001', '2026-02'), { debit: '0.00', credit: formatYuan(paid) });
  assert.deepEqual(await ledgerMovement('2201', '2026-02'), { debit: '0.00', credit: '100.00' });
  assert.deepEqual(await ledgerMovement('1131', '2026-02'), { debit: '0.00', credit: '0.00' });
  assert.deepEqual(await ledgerMovement('4001', '2026-01'), { debit: '0.00', credit: '0.00' }, 'billing January booked no income');
  const pension = await getTrialBalance(test_.database, actor, 'pension-990000', '2026-02');
  // pension billed 2 × 2400.00 (A) + 2400.00 (B) a month; paid: A's February, 1000.00 of A's January, B's two months;
  // B's 100.00 overpayment is held by B's pension fund as 暂收款
  assert.equal(pension.accounts.find((a) => a.code === '4001')!.credit, formatYuan(480_000n + 100_000n + 480_000n));
  assert.equal(pension.accounts.find((a) => a.code === '2201')!.credit, '100.00');
  const entry = (await sql<{ reference: string | null; memo: string }>`
    select l.reference, e.memo from accounting_entry e join accounting_entry_line l on l.fund_id = e.fund_id and l.entry_id = e.id
    where e.source_type = 'payment' and l.debit > 0 and e.fund_id = (select id from fund where code = 'pension-990000') and l.reference is not null`.execute(test_.database.db)).rows;
  assert.deepEqual(entry.map((e) => e.reference), [(await billOf(EMPLOYER_A, '2026-02')).number]);
});

test('late fee: 10 days after the due date = principal × 0.0005 × 10; a payment settles principal, then the fee', { skip }, async () => {
  const principal = janA - 100_000n;
  const fee = (principal * 5n * 10n + 5_000n) / 10_000n; // × 0.0005 × 10, half up
  // January is due 2026-02-24 (after the Spring Festival holiday); 2026-03-06 is the 10th day after it.
  const arrears = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: '2026-03-06' });
  assert.deepEqual(arrears, {
    creditCode: EMPLOYER_A, employerName: '甲公司', asOf: '2026-03-06', principal: formatYuan(principal), lateFee: formatYuan(fee),
    periods: [{ period: '2026-01', principal: formatYuan(principal), dueDate: '2026-02-24', daysOverdue: 10, lateFee: formatYuan(fee) }],
  });
  assert.equal(formatYuan(fee), '31.20'); // 6240.00 × 0.0005 × 10
  const onDueDate = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: '2026-02-24' });
  assert.deepEqual([onDueDate.principal, onDueDate.lateFee], [formatYuan(principal), '0.00'], 'the due date itself is not late, though the 15th has passed');
  const dayAfterDueDate = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: '2026-02-25' });
  assert.equal(dayAfterDueDate.lateFee, formatYuan((principal * 5n + 5_000n) / 10_000n), 'one day late'); // 6240.00 × 0.0005 = 3.12

  const paid = await recordPayment(test_.database, actor, { creditCode: EMPLOYER_A, date: '2026-03-06', amount: formatYuan(principal + fee) });
  assert.deepEqual([paid.allocated, paid.credit], [formatYuan(principal + fee), '0.00']);
  const last = (await paymentsOf(EMPLOYER_A)).at(-1)!;
  // Principal first (7 parts), then the fee of each insurance on its own unpaid principal: 3800.00, 2200.00, 200.00, 40.00 × 0.005.
  assert.deepEqual(last.allocations.slice(7).map((a) => `${a.insurance}/${a.part}/${a.amount}`), ['pension/late_fee/19.00', 'medical/late_fee/11.00', 'unemployment/late_fee/1.00', 'work_injury/late_fee/0.20']);
  assert.deepEqual(last.allocations.slice(0, 2).map((a) => `${a.insurance}/${a.part}/${a.amount}`), ['pension/employee/600.00', 'pension/employer/3200.00']);
  assert.deepEqual(await ledgerMovement('4009', '2026-03'), { debit: '0.00', credit: '31.20' });
  const after = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_A, asOf: '2026-03-07' });
  assert.deepEqual([after.principal, after.lateFee, after.periods], ['0.00', '0.00', []]);
  assert.deepEqual(await accountEntries(EMPLOYER_A, '2026-01'), ['800.00', '800.00']);
});

test('a credit pays the next bill: first when the next payment is allocated, and as soon as the next bill is billed', { skip }, async () => {
  await billPeriod(test_.database, '2026-03');
  const march = await billOf(EMPLOYER_B, '2026-03');
  const next = await recordPayment(test_.database, actor, { creditCode: EMPLOYER_B, date: '2026-04-10', amount: formatYuan(parseYuan(march.total) - 10_000n) });
  assert.deepEqual([next.allocated, next.credit], [formatYuan(parseYuan(march.total) - 10_000n), '0.00']);
  const [overpaid] = await paymentsOf(EMPLOYER_B);
  assert.equal(overpaid.credit, '0.00');
  assert.deepEqual(overpaid.allocations.filter((a) => a.period === '2026-03').map((a) => `${a.insurance}/${a.part}/${a.amount}`), ['pension/employee/100.00']);
  const arrears = await employerArrears(test_.database, actor, { creditCode: EMPLOYER_B, asOf: '2026-04-30' });
  assert.deepEqual([arrears.principal, arrears.lateFee], ['0.00', '0.00']);

  const extra = await recordPayment(test_.database, actor, { creditCode: EMPLOYER_B, date: '2026-04-12', amount: '50.00' });
  assert.deepEqual([extra.allocated, extra.credit], ['0.00', '50.00']);
  await billPeriod(test_.database, '2026-04'); // billing applies the credit to the new bill
  assert.deepEqual(await applyCredits(test_.database, actor, employerB, '2026-05-01'), { used: '0.00' });
  const used = (await paymentsOf(EMPLOYER_B)).find((p) => p.id === extra.id)!;
  assert.deepEqual([used.credit, used.allocations.map((a) => `${a.period}/${a.insurance}/${a.part}/${a.amount}`)], ['0.00', ['2026-04/pension/employee/50.00']]);
});

test('dunning list, ageing buckets and KPIs', { skip }, async () => {
  const dunning = await dunningList(test_.database, actor, { asOf: '2026-05-20', region: '990000' });
  const aprilB = parseYuan((await billOf(EMPLOYER_B, '2026-04')).total) - 5_000n;
  const marchA = parseYuan((await billOf(EMPLOYER_A, '2026-03')).total);
  // A owes March (due 04-15, 35 days) and April (due 05-15, 5 days); B owes April less the 50.00 credit.
  assert.deepEqual(dunning.items.map((i) => [i.creditCode, i.principal, i.oldestPeriod, i.daysOverdue, i.bucket]), [
    [EMPLOYER_A, formatYuan(2n * marchA), '2026-03', 35, '31-90'],
    [EMPLOYER_B, formatYuan(aprilB), '2026-04', 5, '1-30'],
  ]);
  const second = await dunningList(test_.database, actor, { asOf: '2026-05-20', region: '990000', limit: 1, offset: 1 });
  assert.deepEqual([second.total, second.items.map((i) => i.creditCode)], [2, [EMPLOYER_B]], 'a page past the first still counts every employer');
  assert.deepEqual(dunning.buckets.slice(0, 2), [{ bucket: '1-30', employers: 2, principal: formatYuan(marchA + aprilB) }, { bucket: '31-90', employers: 1, principal: formatYuan(marchA) }]);
  const kpis = await collectionKpis(test_.database, actor, { from: '2026-01', to: '2026-02', region: '990000' });
  assert.deepEqual(kpis.months.map((m) => [m.period, m.billed, m.paid, m.collectionRate, m.paidOnTime, m.onTimeRate]), [
    ['2026-01', formatYuan(janA + janB), formatYuan(janA + janB), '1.0000', formatYuan(100_000n + janB), '0.4254'],
    ['2026-02', formatYuan(febA + febB), formatYuan(febA + febB), '1.0000', formatYuan(febA + febB), '1.0000'],
  ]);
  assert.deepEqual(kpis.regions, [{ regionCode: '990100', regionName: '示范市', billed: formatYuan(janA + janB + febA + febB), paid: formatYuan(janA + janB + febA + febB), collectionRate: '1.0000' }]);
});

test('payments, allocations and individual account entries are append-only', { skip }, async () => {
  for (const table of ['payment', 'payment_allocation', 'individual_account_entry']) {
    await assert.rejects(test_.database.pool.query(`update ${table} set region_code = region_code where false`), /append-only: UPDATE is not allowed/);
    await assert.rejects(test_.database.pool.query(`delete from ${table}`), /append-only: DELETE is not allowed/);
  }
});

test('payments are idempotent by the payment, not the line: a re-export with a trailing space records nothing, a second genuine payment does', { skip }, async () => {
  const before = await counts();
  const reexport = await importCollectionFile(test_.database, actor, file('bank-2026-02-reexport.csv', collectionFile.split('\n').map((line) => `${line} `).join('\r\n')));
  assert.deepEqual([reexport.alreadyImported, reexport.recorded, reexport.alreadyRecorded], [false, 0, 3]);
  assert.deepEqual(await counts(), before);
  // The same text as the second payment of the first file, once more in a later file of the same day with one more such payment.
  const [, secondLine] = collectionFile.split('\n').slice(1);
  const later = await importCollectionFile(test_.database, actor, file('bank-2026-02-later.csv', ['date,creditCode,amount,reference', secondLine, secondLine].join('\n')));
  assert.deepEqual([later.recorded, later.alreadyRecorded, later.amount], [1, 1, '1000.00']);
  // With the bank's transaction id, a payment with exactly the same date, payer and amount is its own payment.
  const withId = (id: string) => ['date,creditCode,amount,交易流水号', `2026-02-10,${EMPLOYER_A},1000.00,${id}`].join('\n');
  assert.equal((await importCollectionFile(test_.database, actor, file('tx1.csv', withId('TX-1')))).recorded, 1);
  assert.equal((await importCollectionFile(test_.database, actor, file('tx2.csv', withId('TX-2')))).recorded, 1);
  assert.equal((await importCollectionFile(test_.database, actor, file('tx1-again.csv', `${withId('TX-1')}\n`))).recorded, 0);
  assert.equal((await counts()).payment, before.payment + 3);
});

test('preview shows the payments, their total and allocation, records nothing; confirming applies exactly that file once', { skip }, async () => {
  const content = ['交易日期,统一社会信用代码,金额', `2026/2/20,${EMPLOYER_B},"1,000.00"`, `20260221,${EMPLOYER_B},¥50.00`].join('\n');
  const before = await counts();
  const preview = await importCollectionFile(test_.database, actor, file('bank-preview.csv', content), 'preview') as unknown as Record<string, any>;
  assert.deepEqual([preview.toRecord, preview.amount, preview.alreadyImported], [2, '1050.00', false]);
  assert.deepEqual(preview.employers.map((e: { creditCode: string; payments: number; amount: string }) => [e.creditCode, e.payments, e.amount]), [[EMPLOYER_B, 2, '1050.00']]);
  assert.equal(parseYuan(preview.allocated) + parseYuan(preview.credit), 105_000n);
  assert.deepEqual(await counts(), before, 'a preview records nothing');
  await assert.rejects(confirmCollectionImport(test_.database, actor, BigInt(preview.importId), '0'.repeat(64)), /previewed a file with SHA-256/);
  const applied = await confirmCollectionImport(test_.database, actor, BigInt(preview.importId), preview.sha256);
  assert.deepEqual([applied.recorded, applied.amount, applied.allocated, applied.credit], [2, '1050.00', preview.allocated, preview.credit], 'applied as previewed');
  const again = await confirmCollectionImport(test_.database, actor, BigInt(preview.importId));
  assert.deepEqual([again.alreadyImported, again.recorded], [true, 2]);
  assert.equal((await counts()).payment, before.payment + 2);
});

test('a file of several payers is one posting: its entries (one per payment and fund) under one audit record, and one record of the import with its counts', { skip }, async () => {
  const since = new Date();
  const result = await importCollectionFile(test_.database, actor, file('bank-2026-04.csv', [
    'date,creditCode,amount,reference', `2026-04-20,${EMPLOYER_A},30.00,`, `2026-04-20,${EMPLOYER_B},20.00,`, `2026-04-21,${EMPLOYER_A},10.00,`,
  ].join('\n')));
  assert.deepEqual([result.recorded, result.amount], [3, '60.00']);
  const entries = (await sql<{ payment: string; funds: number }>`
    select e.source_id as payment, count(*)::int as funds from accounting_entry e join payment p on p.id = e.source_id::bigint
    where e.source_type = 'payment' and p.file_name = 'bank-2026-04.csv' group by e.source_id`.execute(test_.database.db)).rows;
  assert.equal(entries.length, 3, 'every payment booked');
  const audit = (await sql<{ action: string; after: Record<string, unknown> }>`
    select action, after from audit_log where created_at >= ${since} and action in ('ledger.entries.post', 'payment.import') order by id`.execute(test_.database.db)).rows;
  assert.deepEqual(audit.map((record) => record.action), ['ledger.entries.post', 'payment.import']);
  assert.equal(audit[0].after.entries, entries.reduce((sum, entry) => sum + entry.funds, 0));
  assert.deepEqual([audit[1].after.recorded, audit[1].after.amount], [3, '60.00']);
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { refreshRegionalValues, setRegionalValueBySystem } from '../../../platform/params/regional-values.service.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { getTrialBalance, listFunds } from '../../ledger/index.ts';
import { listBills } from '../billing/bills.service.ts';
import { billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from '../payments/payments.testing.ts';
import { importTaxCollections, taxAssessment, taxReconciliation } from './tax.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test', ['billing.read', 'payment.read', 'payment.record']);
let test_: TestDatabase;

const HEADER = 'period,creditCode,idNumber,insurance,base,employerAmount,employeeAmount';
const COLLECTION_HEADER = 'date,period,creditCode,idNumber,insurance,amount,taxVoucher';
const PERSON_A1 = '990102198501010011', PERSON_A2 = '990102198501010027', PERSON_B = '990102198501010035';
const file = (fileName: string, lines: string[]) => ({ fileName, content: Buffer.from(lines.join('\n')) });
const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(test_.database.db)).rows[0].n;
const counts = async () => Object.fromEntries(await Promise.all(['tax_collection', 'payment', 'payment_allocation', 'accounting_entry'].map(async (t) => [t, await count(t)])));

async function rejected(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
}

async function assessmentText(period: string): Promise<string> {
  const assessment = await taxAssessment(test_.database, actor, { period });
  const chunks: Buffer[] = [];
  for await (const chunk of assessment.csv) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The collection file the tax bureau would send for the assessment rows: each line's two parts as one amount. */
function collectionsOf(assessment: string, date: string, voucher: (k: number) => string): string[] {
  const rows = assessment.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((line) => line.split(','));
  return [COLLECTION_HEADER, ...rows.map(([period, creditCode, idNumber, insurance, , employer, employee], k) =>
    [date, period, creditCode, idNumber, insurance, formatYuan(parseYuan(employer) + (employee ? parseYuan(employee) : 0n)), voucher(k)].join(','))];
}

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedCollection(test_.database);
  await billPeriod(test_.database, '2026-01');
  await billPeriod(test_.database, '2026-02');
  // 示范省 hands collection to the tax authority from February 2026 (January stays with the agency)
  await test_.database.db.transaction().execute((tx) => setRegionalValueBySystem(tx, systemActor('test'), {
    path: 'collection.model', region: '990000', since: '2026-02-01', value: 'tax', reference: '示范省社会保险费征收职责划转公告（测试）[local]',
  }));
  await refreshRegionalValues(test_.database);
});
after(() => test_?.drop());

test('the system sets a regional value without sign-off, audited; people cannot', { skip }, async () => {
  const [value] = (await sql<{ approval_item_id: bigint | null; proposed_by: string; approved_by: string }>`
    select approval_item_id, proposed_by, approved_by from parameter_value where path = 'collection.model'`.execute(test_.database.db)).rows;
  assert.deepEqual(value, { approval_item_id: null, proposed_by: 'system:test', approved_by: 'system:test' });
  const audit = (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'params.regional_value.set'`.execute(test_.database.db)).rows[0].n;
  assert.equal(audit, 1);
  const person = { userId: 7n, username: 'op', role: 'operator', regionCode: '990000', grants: [] } as unknown as Parameters<typeof setRegionalValueBySystem>[1];
  const refusal = await rejected(test_.database.db.transaction().execute((tx) => setRegionalValueBySystem(tx, person, {
    path: 'collection.model', region: '990000', since: '2020-01-01', value: 'agency', reference: 'x x',
  })));
  assert.equal(refusal.status, 403);
});

test('assessment: a period the agency collects for has nothing for the tax bureau (400)', { skip }, async () => {
  const error = await rejected(taxAssessment(test_.database, actor, { period: '2026-01' }));
  assert.equal(error.status, 400);
  assert.match(render(error.said, 'en'), /no region under 990000 has the tax authority collect for 2026-01/);
});

test('assessment: one row per bill line, the documented header, UTF-8 with BOM and CRLF, money in yuan, empty employee part', { skip }, async () => {
  const text = await assessmentText('2026-02');
  assert.ok(text.startsWith(`\uFEFF${HEADER}\r\n`));
  const lines = text.slice(1).trimEnd().split('\r\n').slice(1);
  const billLines = (await sql<{ n: number }>`select count(*)::int as n from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id where b.period = '2026-02'`.execute(test_.database.db)).rows[0].n;
  assert.equal(lines.length, billLines);
  assert.equal(lines.length, 3 * 4, 'three persons, four insurances each (maternity merged into medical)');
  assert.ok(lines.includes(`2026-02,${EMPLOYER_A},${PERSON_A1},pension,10000.00,1600.00,800.00`));
  assert.ok(lines.includes(`2026-02,${EMPLOYER_B},${PERSON_B},work_injury,10000.00,20.00,`), 'work injury has no employee part: the cell is empty');
  const total = lines.reduce((sum, line) => { const cells = line.split(','); return sum + parseYuan(cells[5]) + (cells[6] ? parseYuan(cells[6]) : 0n); }, 0n);
  const billed = (await listBills(test_.database, actor, { period: '2026-02' }, { limit: 10 })).items.reduce((sum, bill) => sum + parseYuan(bill.total), 0n);
  assert.equal(formatYuan(total), formatYuan(billed));
});

test('collection import: a file with bad rows is refused listing every one, and nothing of it is applied', { skip }, async () => {
  const before = await counts();
  const error = await rejected(importTaxCollections(test_.database, actor, file('tax-bad.csv', [
    COLLECTION_HEADER,
    `2026-03-10,2026-02,${EMPLOYER_A},${PERSON_A1},pension,2400.00,TV0001`,
    `2026-03-10,2026-02,91990102MA00000099,${PERSON_A1},pension,2400.00,TV0002`,
    `2026-03-10,2026-02,${EMPLOYER_A},990102198501019999,pension,2400.00,TV0003`,
    `2026-03-10,2026-02,${EMPLOYER_A},${PERSON_A2},pension_plus,2400.00,TV0004`,
    `2026-03-10,2026-01,${EMPLOYER_A},${PERSON_A2},pension,2400.00,TV0005`,
    `2026-03-10,2026-02,${EMPLOYER_A},${PERSON_A1},pension,2400.00,TV0001`,
    `2026-03-10,2026-02,${EMPLOYER_B},${PERSON_B},medical,0.00,TV0006`,
  ])));
  assert.equal(error.status, 422);
  assert.deepEqual(error.rows!.map((r) => `${r.row}:${r.field}:${(r as { rule?: string }).rule}`), [
    '3:creditCode:known_employer', '4:idNumber:id_number', '5:insurance:code', '6:creditCode:tax_model', '7:taxVoucher:unique_in_file', '8:amount:above_zero',
  ]);
  assert.match(error.message, /6 of 7 rows have problems; nothing was imported/);
  assert.deepEqual(await counts(), before);
});

let assessment: string;
let collections: string[];

test('collection import: rows recorded, bills settled by payments of source tax; the same file or the same rows again add nothing', { skip }, async () => {
  assessment = await assessmentText('2026-02');
  // everything but person A2's unemployment is collected; B also pays maternity, which was not assessed
  collections = collectionsOf(assessment, '2026-03-10', (k) => `3260162603${String(k).padStart(8, '0')}`)
    .filter((line) => !(line.includes(PERSON_A2) && line.includes(',unemployment,')));
  collections.push(`2026-03-10,2026-02,${EMPLOYER_B},${PERSON_B},maternity,50.00,326016260399999999`);
  const amount = collections.slice(1).reduce((sum, line) => sum + parseYuan(line.split(',')[5]), 0n);
  const first = await importTaxCollections(test_.database, actor, file('tax-2026-03-10.csv', collections));
  assert.deepEqual([first.alreadyImported, first.recorded, first.alreadyRecorded, first.amount, first.payments], [false, 12, 0, formatYuan(amount), 2]);
  const payments = (await sql<{ source: string; amount: bigint }>`select source, amount from payment order by amount`.execute(test_.database.db)).rows;
  assert.deepEqual(payments.map((p) => p.source), ['tax', 'tax']);
  assert.equal(formatYuan(payments.reduce((sum, p) => sum + p.amount, 0n)), formatYuan(amount));

  const after = await counts();
  const again = await importTaxCollections(test_.database, actor, file('tax-2026-03-10-again.csv', collections));
  assert.deepEqual([again.alreadyImported, again.recorded], [true, 12]);
  // the same rows in another file (another order, Chinese header): every row recorded before, nothing added
  const reordered = ['入库日期,费款所属期,统一社会信用代码,公民身份号码,征收品目,金额,电子税票号码', ...collections.slice(1).reverse()];
  const rows = await importTaxCollections(test_.database, actor, file('tax-2026-03-10-reexport.csv', reordered));
  assert.deepEqual([rows.alreadyImported, rows.recorded, rows.alreadyRecorded, rows.payments], [false, 0, 12, 0]);
  assert.deepEqual(await counts(), after);
});

test('collection import: the money is in the 财政专户 (1003) as contribution income, never in a 收入户 (1002)', { skip }, async () => {
  let special = 0n, income = 0n;
  for (const fund of await listFunds(test_.database, actor)) {
    const accounts = (await getTrialBalance(test_.database, actor, fund.code, '2026-03')).accounts;
    special += parseYuan(accounts.find((a) => a.code === '1003')?.debit ?? '0.00');
    income += parseYuan(accounts.find((a) => a.code === '1002')?.debit ?? '0.00');
  }
  const collected = collections.slice(1).reduce((sum, line) => sum + parseYuan(line.split(',')[5]), 0n);
  assert.equal(formatYuan(special), formatYuan(collected));
  assert.equal(formatYuan(income), '0.00');
});

test('reconciliation: assessed but not collected, and collected but not assessed, per employer, person and insurance', { skip }, async () => {
  const reconciliation = await taxReconciliation(test_.database, actor, { period: '2026-02' });
  assert.deepEqual(reconciliation.regions, ['990102']);
  assert.deepEqual(reconciliation.assessedNotCollected, [
    { creditCode: EMPLOYER_A, idNumber: PERSON_A2, insurance: 'unemployment', assessed: '100.00', collected: '0.00', difference: '100.00' },
  ]);
  assert.deepEqual(reconciliation.collectedNotAssessed, [
    { creditCode: EMPLOYER_B, idNumber: PERSON_B, insurance: 'maternity', assessed: '0.00', collected: '50.00', difference: '50.00' },
  ]);
});

/**
 * The self-paying bill worked by hand (issue 11, R3.9): a flexible worker at 137% of the 2026 average wage (8,500.00)
 * pays on a base of 11,645.00 — pension 20% (12% to the pooled fund 1,397.40, 8% to the individual account 931.60)
 * and medical at the demo province's flexible rate 8% (931.60): 3,260.60 for February 2026, due 2026-03-16 (the 15th
 * is a Sunday). A person an employer pays for that month is not billed again; a bank payment with the payer code
 * settles the bill, credits the individual account 8% and books Dr 1002 收入户 / Cr 4001 社会保险费收入 per fund on the
 * day the money arrived (cash basis).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { parseYuan } from '../../../platform/money.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { newId } from '../../../platform/ids.ts';
import { registerSelfPaying } from '../../registry/self-paying.service.ts';
import { idNumberCheckCharacter } from '../../registry/identifiers.calc.ts';
import { employerArrears } from '../arrears/arrears.service.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { seedCollection } from '../payments/payments.testing.ts';
import { selfPayingBase } from './self-paying.calc.ts';
import { runSelfPayingBilling } from './self-paying-billing.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test', ['registry.self_paying.register', 'billing.run', 'billing.read', 'payment.record', 'arrears.read']);
const FLEXIBLE = `99010219900505004${idNumberCheckCharacter('99010219900505004')}`;
/** 甲公司's employee (payments.testing.ts), who also registered as self-paying: the employer pays for the month. */
const EMPLOYED = '990102198501010011';
let test_: TestDatabase;
let payerCode: string, employedPayerCode: string;

const query = async <T>(text: string, parameters: unknown[] = []) => (await test_.database.pool.query(text, parameters)).rows as T[];

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedCollection(test_.database);
  await test_.database.db.insertInto('person').values({ id: newId(), id_number: FLEXIBLE, name: '钱自由', gender: 'M', birth_date: '1990-05-05', region_code: '990102' }).execute();
  payerCode = (await registerSelfPaying(test_.database, actor, { idNumber: FLEXIBLE, contributorKind: 'flexible', regionCode: '990102', fromMonth: '2026-01', baseRatio: '1.37' })).payerCode;
  employedPayerCode = (await registerSelfPaying(test_.database, actor, { idNumber: EMPLOYED, contributorKind: 'flexible', regionCode: '990102', fromMonth: '2026-01', baseRatio: '0.60' })).payerCode;
});
after(() => test_?.drop());

test('the bill of a month to the fen: pension 20% of which 8% to the account, medical at the region\'s flexible rate, nothing else', { skip }, async () => {
  assert.equal(selfPayingBase(850_000n, '1.37', 510_000n, 2_550_000n, 'half_up'), 1_164_500n, '8,500.00 × 1.37');
  const job = await runSelfPayingBilling(test_.database, actor, { period: '2026-02', region: '990000' });
  assert.deepEqual([job.kind, job.key, job.status], ['billing.self_paying', '2026-02/990000', 'completed']);
  const bills = await query<{ number: string; kind: string; due_date: string; persons: number; lines: number; total: string; employer_type: string }>(`
    select b.number, b.kind, to_char(b.due_date, 'YYYY-MM-DD') as due_date, b.persons, b.lines, b.total::text, e.employer_type
    from bill b join employer e on e.id = b.employer_id where e.employer_type = 'self_paying' order by b.number`);
  assert.deepEqual(bills, [{ number: `202602${payerCode}01`, kind: 'regular', due_date: '2026-03-16', persons: 1, lines: 2, total: '326060', employer_type: 'self_paying' }],
    'one bill, addressed to the payer record; nothing for the person 甲公司 pays pension and medical for');
  const lines = await query<{ insurance: string; base: string; employer_rate: string; employee_rate: string | null; employer_amount: string; employee_amount: string | null; fund_code: string; id_number: string }>(`
    select l.insurance, l.base::text, trim_scale(l.employer_rate)::text as employer_rate, trim_scale(l.employee_rate)::text as employee_rate,
      l.employer_amount::text, l.employee_amount::text, i.fund_code, p.id_number
    from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id and i.insurance = l.insurance
      join person p on p.id = l.person_id
    where b.number = $1 order by l.insurance desc`, [`202602${payerCode}01`]);
  assert.deepEqual(lines, [
    { insurance: 'pension', base: '1164500', employer_rate: '0.12', employee_rate: '0.08', employer_amount: '139740', employee_amount: '93160', fund_code: 'pension-990000', id_number: FLEXIBLE },
    { insurance: 'medical', base: '1164500', employer_rate: '0.08', employee_rate: null, employer_amount: '93160', employee_amount: null, fund_code: 'medical-990100', id_number: FLEXIBLE },
  ]);
  const again = await runSelfPayingBilling(test_.database, actor, { period: '2026-02', region: '990000' });
  assert.equal(again.id, job.id, 'the same job');
  assert.equal((await query<{ n: number }>(`select count(*)::int as n from bill b join employer e on e.id = b.employer_id where e.employer_type = 'self_paying'`))[0].n, 1, 'nothing billed twice');
  assert.equal((await query<{ n: number }>(`select count(*)::int as n from bill b join employer e on e.credit_code = $1 and e.id = b.employer_id`, [employedPayerCode]))[0].n, 0);
});

test('unpaid after the due date it is 欠费 with the late fee of an employer\'s bill', { skip }, async () => {
  const arrears = await employerArrears(test_.database, actor, { creditCode: payerCode, asOf: '2026-03-26' });
  // 10 days after 2026-03-16 × 0.05% × 3,260.60 = 16.303 → 16.30
  assert.deepEqual([arrears.principal, arrears.lateFee, arrears.periods[0].daysOverdue], ['3260.60', '16.30', 10]);
});

test('a bank payment with the payer code settles the bill, credits the individual account 8% and books the income on the cash basis', { skip }, async () => {
  const payment = await recordPayment(test_.database, actor, { creditCode: payerCode, date: '2026-03-10', amount: '3260.60' });
  assert.deepEqual([payment.allocated, payment.credit], ['3260.60', '0.00']);
  const arrears = await employerArrears(test_.database, actor, { creditCode: payerCode, asOf: '2026-03-26' });
  assert.deepEqual([arrears.principal, arrears.lateFee], ['0.00', '0.00']);
  const account = await query<{ period: string; kind: string; amount: string; id_number: string }>(`
    select e.period, e.kind, e.amount::text, p.id_number from individual_account_entry e join person p on p.id = e.person_id where e.payment_id = $1`, [payment.id]);
  assert.deepEqual(account, [{ period: '2026-02', kind: 'contribution', amount: '93160', id_number: FLEXIBLE }], '8% of 11,645.00');
  const ledger = await query<{ fund: string; account: string; debit: string; credit: string; value_date: string }>(`
    select f.code as fund, a.code as account, l.debit::text, l.credit::text, to_char(l.value_date, 'YYYY-MM-DD') as value_date
    from accounting_entry e join accounting_entry_line l on l.fund_id = e.fund_id and l.entry_id = e.id
      join fund_account a on a.fund_id = l.fund_id and a.id = l.account_id join fund f on f.id = e.fund_id
    where e.source_type = 'payment' and e.source_id = $1 order by f.code desc, l.line_number`, [payment.id]);
  assert.deepEqual(ledger, [
    { fund: 'pension-990000', account: '1002', debit: String(parseYuan('2329.00')), credit: '0', value_date: '2026-03-10' },
    { fund: 'pension-990000', account: '4001', debit: '0', credit: String(parseYuan('2329.00')), value_date: '2026-03-10' },
    { fund: 'medical-990100', account: '1002', debit: String(parseYuan('931.60')), credit: '0', value_date: '2026-03-10' },
    { fund: 'medical-990100', account: '4001', debit: '0', credit: String(parseYuan('931.60')), value_date: '2026-03-10' },
  ]);
});

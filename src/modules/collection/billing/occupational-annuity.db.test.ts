/**
 * 职业年金 (国办发〔2015〕18号) billed, paid and credited, worked by hand: a government body's and a partly funded
 * institution's staff pay 8% (employer) and 4% (employee) of their public pension base as an item of its own, in
 * the annuity's book; an enterprise pays none; a payment credits the person's occupational annuity account part by
 * part when the part is paid in full; a region that does not bill it bills none, and a region keeping the employer
 * part of fully funded bodies notional (记账) leaves it off their bills.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../../../platform/actor.ts';
import { projectRoot } from '../../../platform/config.ts';
import { newId } from '../../../platform/ids.ts';
import { reloadParameters } from '../../../platform/params/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { ensureFunds, getTrialBalance } from '../../ledger/index.ts';
import { defaultInsurances } from '../../registry/index.ts';
import { runBilling } from './billing.service.ts';
import { listBills } from './bills.service.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { occupationalAnnuityAccount } from '../accounts/occupational-annuity.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test');
const accountReader = systemActor('test', ['accounts.read']);
let db: TestDatabase;
const employers: Record<string, { id: bigint; creditCode: string }> = {};
const persons: Record<string, bigint> = {};

/** An employer of `region` (work-injury class 1) with one person hired 2025-01-01 into the four insurances, declared at `wage` fen for 2026. */
async function employerWithOnePerson(key: string, region: string, employerType: string, wage: bigint) {
  const id = newId(), personId = newId(), employmentId = newId();
  const creditCode = `12${region}MB${String(Object.keys(employers).length + 1).padStart(7, '0')}X`;
  await db.database.db.insertInto('employer').values({ id, credit_code: creditCode, name: `单位${key}`, region_code: region, work_injury_class: 1, employer_type: employerType as never }).execute();
  await db.database.db.insertInto('person').values({ id: personId, id_number: `${region}19850101${String(Object.keys(persons).length + 10).padStart(3, '0')}1`, name: `职工${key}`, gender: 'M', birth_date: '1985-01-01', region_code: region }).execute();
  await db.database.db.insertInto('employment').values({ employer_id: id, id: employmentId, person_id: personId, region_code: region, hired_on: '2025-01-01' }).execute();
  await db.database.db.insertInto('enrollment').values(defaultInsurances.map((insurance) => ({
    employer_id: id, id: newId(), employment_id: employmentId, person_id: personId, insurance, region_code: region, valid_from: '2025-01-01',
  }))).execute();
  await db.database.db.insertInto('base_declaration').values({ employer_id: id, id: newId(), person_id: personId, region_code: region, year: 2026, version: 1, monthly_wage: wage, reason: null, declared_by: null, employee_confirmed_at: null }).execute();
  employers[key] = { id, creditCode };
  persons[key] = personId;
}

const billOf = async (key: string, period: string) => (await listBills(db.database, actor, { employer: employers[key].creditCode, period }, { limit: 1 })).items[0];

/** The period's lines of an employer: "insurance base employer employee" (fen), by insurance. */
async function linesOf(key: string, period: string): Promise<string[]> {
  const { rows } = await db.owner.query<{ line: string }>(`
    select l.insurance || ' ' || l.base || ' ' || l.employer_amount || ' ' || coalesce(l.employee_amount::text, '-') as line
    from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
    where l.employer_id = $1 and b.period = $2 order by l.insurance`, [employers[key].id, period]);
  return rows.map((row) => row.line);
}

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await db.database.db.insertInto('region').values([
    { code: '990000', name: '示范省', level: 'province', parent_code: null },
    { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
    { code: '990102', name: '东城区', level: 'county', parent_code: '990100' },
    { code: '990200', name: '示范二市', level: 'city', parent_code: '990000' },
    { code: '990202', name: '二市城区', level: 'county', parent_code: '990200' },
  ]).onConflict((oc) => oc.doNothing()).execute();
  await db.database.db.insertInto('pooling_region').values([
    { insurance: 'pension', region_code: '990000' },
    ...['medical', 'unemployment', 'work_injury', 'maternity'].flatMap((insurance) => ['990100', '990200'].map((region_code) => ({ insurance, region_code }))),
  ]).onConflict((oc) => oc.doNothing()).execute();
  await ensureFunds(db.database);
  await employerWithOnePerson('government', '990102', 'government', 987_654n);        // 9,876.54
  await employerWithOnePerson('institution', '990102', 'institution_partial', 1_000_000n);
  await employerWithOnePerson('enterprise', '990102', 'enterprise', 1_000_000n);
  await employerWithOnePerson('otherCity', '990202', 'government', 1_000_000n);
  await runBilling(db.database, actor, { period: '2026-05', region: '990000' });
});
after(() => db?.drop());

test('a government body\'s bill: 职业年金 an item of its own in the annuity book, 8% and 4% of the public pension base', { skip }, async () => {
  // 9,876.54 × 8% = 790.1232 → 790.12; × 4% = 395.0616 → 395.06; public pension 16% = 1,580.2464 → 1,580.25, 8% = 790.12
  assert.deepEqual((await linesOf('government', '2026-05')).filter((line) => /pension|annuity/.test(line)), [
    'occupational_annuity 987654 79012 39506',
    'pension 987654 158025 79012',
  ]);
  const bill = await billOf('government', '2026-05');
  const annuity = bill.items.find((item) => item.insurance === 'occupational_annuity')!;
  const pension = bill.items.find((item) => item.insurance === 'pension')!;
  assert.deepEqual([annuity.fund, annuity.employerAmount, annuity.employeeAmount, annuity.total], ['occupational_annuity-990000', '790.12', '395.06', '1185.18']);
  assert.equal(annuity.fundName, '示范省职业年金基金（代理归集）');
  assert.deepEqual([pension.fund, pension.total], ['public_pension-990000', '2370.37'], 'the basic pension item keeps its own amount and fund');
  assert.equal(bill.items.at(-1)!.insurance, 'occupational_annuity', 'shown after the social insurances');
  // a partly funded institution the same on 10,000.00; an enterprise pays none
  assert.ok((await linesOf('institution', '2026-05')).includes('occupational_annuity 1000000 80000 40000'));
  assert.ok(!(await linesOf('enterprise', '2026-05')).some((line) => line.startsWith('occupational_annuity')));
});

test('a payment credits the occupational annuity account part by part, and its money goes to the annuity book', { skip }, async () => {
  const bill = await billOf('government', '2026-05');
  const total = bill.items.reduce((sum, item) => sum + BigInt(item.total.replace('.', '')), 0n);
  // one fen short: the annuity is paid last and its employer part last of all, so only the employee part is complete
  const short = total - 1n;
  await recordPayment(db.database, actor, { creditCode: employers.government.creditCode, date: '2026-06-05', amount: `${short / 100n}.${String(short % 100n).padStart(2, '0')}` });
  let account = await occupationalAnnuityAccount(db.database, accountReader, persons.government);
  assert.deepEqual([account.employeeTotal, account.employerTotal, account.balance], ['395.06', '0.00', '395.06']);
  await recordPayment(db.database, actor, { creditCode: employers.government.creditCode, date: '2026-06-06', amount: '0.01' });
  account = await occupationalAnnuityAccount(db.database, accountReader, persons.government);
  assert.deepEqual([account.employeeTotal, account.employerTotal, account.balance], ['395.06', '790.12', '1185.18']);
  assert.deepEqual(account.credits.map((credit) => `${credit.period} ${credit.part} ${credit.amount} ${credit.billNumber}`), [
    `2026-05 employee 395.06 ${bill.number}`, `2026-05 employer 790.12 ${bill.number}`,
  ]);
  const premiums = (await getTrialBalance(db.database, actor, 'occupational_annuity-990000', '2026-06')).accounts.find((a) => a.code === '4001')!;
  assert.equal(premiums.credit, '1185.18', 'the annuity book took exactly the annuity parts');
  const { rows } = await db.owner.query<{ n: number }>(`select count(*)::int as n from occupational_annuity_entry where person_id = $1`, [persons.institution]);
  assert.equal(rows[0].n, 0, 'an unpaid bill credits nothing');
});

test('a region that does not bill it bills none; a region keeping fully funded bodies\' employer part notional leaves it off', { skip }, async () => {
  // the annuity's rates set for 示范市 only, its employer part of fully funded bodies notional there (记账)
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-params-'));
  fs.cpSync(path.join(projectRoot, 'params'), directory, { recursive: true });
  for (const file of ['employer_rate', 'employee_rate', 'employer_part']) {
    const name = path.join(directory, 'contribution', 'occupational_annuity', `${file}.yaml`);
    fs.writeFileSync(name, fs.readFileSync(name, 'utf8').replace('"990000":\n    name: 示范省', '"990100":\n    name: 示范市').replace('value: funded', 'value: notional'));
  }
  const previous = process.env.SIFUND_PARAMS_DIR;
  process.env.SIFUND_PARAMS_DIR = directory;
  reloadParameters();
  try {
    await runBilling(db.database, actor, { period: '2026-06', region: '990000' });
  } finally {
    if (previous === undefined) delete process.env.SIFUND_PARAMS_DIR; else process.env.SIFUND_PARAMS_DIR = previous;
    reloadParameters();
    fs.rmSync(directory, { recursive: true, force: true });
  }
  assert.ok((await linesOf('otherCity', '2026-06')).some((line) => line.startsWith('pension 1000000 160000 80000')), 'its public pension is billed');
  assert.ok(!(await linesOf('otherCity', '2026-06')).some((line) => line.startsWith('occupational_annuity')), '示范二市 does not bill the annuity');
  assert.ok((await linesOf('government', '2026-06')).includes('occupational_annuity 987654 0 39506'), 'a government body: the employee part only');
  assert.ok((await linesOf('institution', '2026-06')).includes('occupational_annuity 1000000 80000 40000'), 'a partly funded institution pays both parts');
  assert.equal((await billOf('otherCity', '2026-06')).items.some((item) => item.insurance === 'occupational_annuity'), false);
});

/**
 * Individual accounts on PostgreSQL: the set-based interest run equals the pure calculation for every person,
 * is idempotent and refuses what it must; statements of consecutive years; the `sifund accounts` commands.
 * The parameters are the installation's, except that region 990000 accrues monthly from 2024 (both methods run).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../../platform/testing/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { projectRoot } from '../../../platform/config.ts';
import { systemActor } from '../../../platform/actor.ts';
import { parseDecimal } from '../../../platform/money.ts';
import { reloadParameters } from '../../../platform/params/index.ts';
import { accountStatement, runInterest } from './accounts.service.ts';
import { registerAccountsCommands } from './accounts.cli.ts';
import { creditMonth, yearEnd, type InterestMethod } from './interest.calc.ts';
import { insertBill, insertEmployer, insertEntries, insertPerson, regions, type EntryFixture } from './accounts.testing.ts';

let database: TestDatabase;
const paramsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-accounts-params-'));
const environment = { params: process.env.SIFUND_PARAMS_DIR, url: process.env.DATABASE_URL };
const system = systemActor('test', ['accounts.read', 'accounts.interest.run']);
let employer: bigint;
let anna: bigint;     // 10000.00 brought forward from 2022, 12 × 640.00 in 2023, 6 × 640.00 in 2024
let ben: bigint;      // credits from July 2023, a transfer in 2024
let nobody: bigint;   // no entries at all

/** A deterministic pseudo-random sequence (LCG), so the generated accounts are the same on every run. */
function sequence(seed: number) {
  let state = seed;
  return (below: number) => { state = (state * 1103515245 + 12345) % 2147483648; return state % below; };
}

before(async () => {
  fs.cpSync(path.join(projectRoot, 'params'), paramsDir, { recursive: true });
  fs.writeFileSync(path.join(paramsDir, 'pension/account/interest_method.yaml'), [
    'description: 个人账户计息方法 (test copy)', 'unit: text', 'choices: [annual_1083, monthly]', 'values:',
    '  1998-01-01: {value: annual_1083, reference: "劳办发〔1997〕116号 [check]"}', 'regions:', '  "990000":', '    values:',
    '      2024-01-01: {value: monthly, reference: "test: the province accrues monthly from 2024 [local]"}', '',
  ].join('\n'));
  process.env.SIFUND_PARAMS_DIR = paramsDir;
  reloadParameters();

  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const handle = database.database;
  await handle.db.insertInto('region').values([...regions]).execute();
  employer = await insertEmployer(handle, '91110000600037341L', '示范机械厂', '990102');
  anna = await insertPerson(handle, '11010519491231002X', '张三', '990102');
  ben = await insertPerson(handle, '440524198001010013', '李四', '990103');
  nobody = await insertPerson(handle, '110101200002290018', '王五', '990102');

  const entries: EntryFixture[] = [{ personId: anna, regionCode: '990102', year: 2022, kind: 'opening', amount: 1_000_000n }];
  for (const period of [...Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 6 }, (_, i) => `2024-0${i + 1}`)]) {
    const bill = await insertBill(handle, employer, '990102', period, [{ personId: anna, insurance: 'pension', base: 800_000n, employerAmount: 128_000n, employeeAmount: 64_000n }]);
    entries.push({ personId: anna, regionCode: '990102', year: Number(period.slice(0, 4)), period, kind: 'contribution', amount: 64_000n, employerId: employer, billId: bill.id });
  }
  for (let month = 7; month <= 12; month++) entries.push({ personId: ben, regionCode: '990103', year: 2023, period: `2023-${String(month).padStart(2, '0')}`, kind: 'contribution', amount: 48_123n });
  entries.push({ personId: ben, regionCode: '990103', year: 2024, kind: 'transfer_in', amount: 2_345_678n });

  // 60 generated accounts from 2021 on: contributions of odd amounts, back-payments of an earlier year's period,
  // transfers in (no period) and out, and takeover balances, to exercise every branch and the rounding.
  const next = sequence(7);
  for (let index = 0; index < 60; index++) {
    const personId = await insertPerson(handle, `99010219800101${String(index).padStart(4, '0')}`, `参保人${index}`, index % 2 ? '990102' : '990103');
    const regionCode = index % 2 ? '990102' : '990103';
    if (next(4) === 0) entries.push({ personId, regionCode, year: 2021, kind: 'opening', amount: BigInt(next(5_000_000)) });
    for (const year of [2021, 2022, 2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        if (next(3) === 0) continue;
        const period = next(10) === 0 && year > 2021 ? `${year - 1}-${String(month).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}`;
        entries.push({ personId, regionCode, year, period, kind: 'contribution', amount: BigInt(1 + next(120_000)) });
      }
      if (next(8) === 0) entries.push({ personId, regionCode, year, kind: 'transfer_in', amount: BigInt(next(900_000)) });
      if (next(12) === 0) entries.push({ personId, regionCode, year, kind: 'transfer_out', amount: -BigInt(next(300_000)) });
    }
  }
  await insertEntries(handle, entries);
});

after(async () => {
  for (const [name, value] of [['SIFUND_PARAMS_DIR', environment.params], ['DATABASE_URL', environment.url]] as const) {
    if (value === undefined) delete process.env[name]; else process.env[name] = value;
  }
  await database.drop();
  fs.rmSync(paramsDir, { recursive: true, force: true });
});

/** The interest of `year` per person by the pure calculation, from the entries in the database. */
async function calculatedInterest(year: number, rate: string, method: InterestMethod): Promise<Map<bigint, bigint>> {
  const rows = await database.database.db.selectFrom('individual_account_entry').select(['person_id', 'year', 'period', 'kind', 'amount'])
    .where('year', '<=', year).execute();
  const accounts = new Map<bigint, { openingBalance: bigint; credits: { month: number; amount: bigint }[] }>();
  for (const row of rows) {
    const account = accounts.get(row.person_id) ?? { openingBalance: 0n, credits: [] };
    if (row.year < year) account.openingBalance += row.amount;
    else if (row.kind !== 'interest') account.credits.push({ month: creditMonth(year, row.period), amount: row.amount });
    accounts.set(row.person_id, account);
  }
  const result = new Map<bigint, bigint>();
  for (const [personId, account] of accounts) {
    const { interest } = yearEnd(account, parseDecimal(rate), method);
    if (interest !== 0n) result.set(personId, interest);
  }
  return result;
}

const creditedInterest = async (year: number) => new Map((await database.database.db.selectFrom('individual_account_entry')
  .select(['person_id', 'amount']).where('year', '=', year).where('kind', '=', 'interest').execute()).map((row) => [row.person_id, row.amount]));

test('refusals: a year not ended, a year without its crediting rate, not a year; nothing is written', async () => {
  const refusal = (year: number | string) => runInterest(database.database, system, year).then(() => assert.fail(`${year} was run`), (error) => error);
  const notEnded = await refusal(2026);
  assert.deepEqual([notEnded.status, notEnded.field], [400, 'year']);
  assert.match(notEnded.message, /2026 has not ended \(today is 2026-/);
  assert.match((await refusal(2025)).message, /no crediting rate \(pension\.account\.crediting_rate\) is set for 2025/, 'the 2024 rate does not carry over');
  assert.match((await refusal(2015)).message, /no crediting rate/);
  assert.equal((await refusal('20x4')).status, 400);
  assert.equal((await database.database.db.selectFrom('interest_run').selectAll().execute()).length, 0);
});

test('the interest runs of 2023 (annual, 3.97%) and 2024 (monthly, 2.62%) equal the pure calculation for every person', async () => {
  for (const [year, rate, method] of [[2023, '0.0397', 'annual_1083'], [2024, '0.0262', 'monthly']] as const) {
    const expected = await calculatedInterest(year, rate, method);
    const run = await runInterest(database.database, system, year);
    const credited = await creditedInterest(year);
    assert.deepEqual(credited, expected, `${year}: SQL and calc agree person by person`);
    assert.ok(credited.size >= 55, `${year}: most of the 62 accounts earn interest (got ${credited.size})`);
    assert.equal(credited.has(nobody), false, 'an account without entries gets no interest entry');
    const total = [...expected.values()].reduce((sum, amount) => sum + amount, 0n);
    assert.deepEqual({ ...run, runAt: undefined }, {
      year, rate, method, persons: expected.size, amount: `${total / 100n}.${String(total % 100n).padStart(2, '0')}`, runBy: 'system:test', runAt: undefined,
    });
  }
  // by hand: 0.0397 × (1 000 000 + 768 000 × 1.083 / 2) = 56 210.1184; 0.0262 × (1 824 210 + 64 000 × 57 / 12) = 55 759.102
  assert.equal((await creditedInterest(2023)).get(anna), 56_210n);
  assert.equal((await creditedInterest(2024)).get(anna), 55_759n);
});

test('a second run of a year returns the first result and adds nothing', async () => {
  const before = (await database.database.db.selectFrom('individual_account_entry').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const first = await database.database.db.selectFrom('interest_run').selectAll().where('year', '=', 2024).executeTakeFirstOrThrow();
  const again = await runInterest(database.database, system, 2024);
  assert.equal(again.runAt, first.run_at.toISOString());
  assert.equal(again.persons, first.persons);
  const afterwards = (await database.database.db.selectFrom('individual_account_entry').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  assert.equal(afterwards, before);
  const audits = await database.database.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'accounts.interest.run').orderBy('id').execute();
  assert.deepEqual(audits.map((audit) => audit.entity_id), ['2023', '2024'], 'one audit record per run, none for the repeat');
});

test('statements of two consecutive years: opening, credits, interest, closing', async () => {
  const year2023 = await accountStatement(database.database, system, anna, 2023);
  assert.deepEqual({ ...year2023, credits: year2023.credits.length }, {
    personId: String(anna), idNumber: '11010519491231002X', name: '张三', year: 2023,
    opening: '10000.00', credits: 12, creditsTotal: '7680.00', interest: '562.10', rate: '0.0397', closing: '18242.10',
  });
  assert.deepEqual(year2023.credits[0], { kind: 'contribution', period: '2023-01', amount: '640.00', billNumber: `202301-${employer}`, employerName: '示范机械厂' });
  const year2024 = await accountStatement(database.database, system, anna, 2024);
  assert.deepEqual([year2024.opening, year2024.creditsTotal, year2024.interest, year2024.rate, year2024.closing], ['18242.10', '3840.00', '557.59', '0.0262', '22639.69']);
  assert.deepEqual(year2024.credits.map((credit) => credit.period), ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);

  // 李四: 6 × 481.23 from July 2023: 0.0397 × 288 738 × 1.083 / 2 = 6 207.16; in 2024 a transfer in without a period
  // counts from December under the monthly method: 0.0262 × (294 945 + 2 345 678 / 12) = 12 848.956
  const ben2024 = await accountStatement(database.database, system, ben, 2024);
  assert.deepEqual([ben2024.opening, ben2024.creditsTotal, ben2024.interest, ben2024.closing], ['2949.45', '23456.78', '128.49', '26534.72']);
  assert.deepEqual(ben2024.credits, [{ kind: 'transfer_in', period: null, amount: '23456.78', billNumber: null, employerName: null }]);

  const future = await accountStatement(database.database, system, anna, 2025);
  assert.deepEqual([future.opening, future.creditsTotal, future.interest, future.rate, future.closing], ['22639.69', '0.00', '0.00', null, '22639.69']);
});

/** Runs `sifund accounts …` in this process; returns stdout, stderr and the exit code. */
const sifund = (...args: string[]) => runCommand(registerAccountsCommands, ['accounts', ...args]);

test('sifund accounts interest and statement', async () => {
  const again = await sifund('interest', '--year', '2023', '--format', 'json');
  assert.equal(again.code, 0);
  assert.match(again.stderr, /crediting the 2023 interest to every individual account/);
  assert.deepEqual({ ...JSON.parse(again.stdout), runAt: undefined, persons: undefined, amount: undefined }, { year: 2023, rate: '0.0397', method: 'annual_1083', runBy: 'system:test', runAt: undefined, persons: undefined, amount: undefined });

  const statement = await sifund('statement', '--person', '11010519491231002x', '--year', '2024', '--format', 'json');
  assert.equal(statement.code, 0);
  assert.deepEqual(JSON.parse(statement.stdout), JSON.parse(JSON.stringify(await accountStatement(database.database, system, anna, 2024))));
  const table = await sifund('statement', '--person', '11010519491231002X', '--year', '2024');
  assert.match(table.stdout, /本年利息 Interest（记账利率 0\.0262） +557\.59/);
  assert.match(table.stdout, /年末余额 Closing balance +22639\.69/);

  const refused = await sifund('interest', '--year', '2026');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /error: year: 2026 has not ended/);
  const unknown = await sifund('statement', '--person', '110101199001011237', '--year', '2024');
  assert.deepEqual([unknown.code, unknown.stderr], [1, 'error: person with ID number 110101199001011237 not found\n']);
});

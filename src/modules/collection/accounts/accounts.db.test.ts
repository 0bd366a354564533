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
import { creditMonth, missedGrowth, missedInterest, yearEnd, type InterestMethod } from './interest.calc.ts';
import { render } from '../../../platform/messages.ts';
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
    // a 建账余额 of the year is its closing balance (interest credited by the system it came from)
    else if (!['interest', 'back_interest', 'opening'].includes(row.kind)) account.credits.push({ month: creditMonth(year, row.period), amount: row.amount });
    accounts.set(row.person_id, account);
  }
  const result = new Map<bigint, bigint>();
  for (const [personId, account] of accounts) {
    const { interest } = yearEnd(account, parseDecimal(rate), method);
    if (interest !== 0n) result.set(personId, interest);
  }
  return result;
}

/** The 补记利息 of `year` per person and period by the pure calculation: back-payments of earlier years' months, grown over the runs before. */
async function calculatedBackInterest(year: number): Promise<Map<string, bigint>> {
  const runs = await database.database.db.selectFrom('interest_run').select(['year', 'rate', 'method']).where('year', '<', year).orderBy('year').execute();
  const closed = runs.map((run) => ({ year: run.year, rate: parseDecimal(run.rate), method: run.method as InterestMethod }));
  const backPayments = new Map<string, bigint>();
  for (const row of await database.database.db.selectFrom('individual_account_entry').select(['person_id', 'period', 'amount'])
    .where('year', '=', year).where('kind', '=', 'contribution').where('period', '<', `${year}-01`).execute()) {
    const key = `${row.person_id} ${row.period}`;
    backPayments.set(key, (backPayments.get(key) ?? 0n) + row.amount);
  }
  const result = new Map<string, bigint>();
  for (const [key, amount] of backPayments) {
    const interest = missedInterest(amount, missedGrowth(key.split(' ')[1], closed));
    if (interest !== 0n) result.set(key, interest);
  }
  return result;
}

const creditedBackInterest = async (year: number) => new Map((await database.database.db.selectFrom('individual_account_entry')
  .select(['person_id', 'period', 'amount']).where('year', '=', year).where('kind', '=', 'back_interest').execute()).map((row) => [`${row.person_id} ${row.period}`, row.amount]));

const yuan = (fen: bigint) => `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, '0')}`;

const creditedInterest = async (year: number) => new Map((await database.database.db.selectFrom('individual_account_entry')
  .select(['person_id', 'amount']).where('year', '=', year).where('kind', '=', 'interest').execute()).map((row) => [row.person_id, row.amount]));

test('refusals: a year not ended, a year before the previous year\'s run, a year without its crediting rate, not a year; nothing is written', async () => {
  const refusal = (year: number | string) => runInterest(database.database, system, year).then(() => assert.fail(`${year} was run`), (error) => error);
  const notEnded = await refusal(2026);
  assert.deepEqual([notEnded.status, notEnded.field], [400, 'year']);
  assert.match(notEnded.message, /2026 has not ended \(today is 2026-/);
  // the accounts were open in 2023 (and since 2021): 2024 waits for 2023, 2022 for 2021; 2021 is the system's first year
  const outOfOrder = await refusal(2024);
  assert.deepEqual([outOfOrder.status, outOfOrder.code, outOfOrder.field], [409, 'conflict', 'year']);
  assert.equal(outOfOrder.message, 'the interest of 2023 has not been run: interest compounds year by year, so run 2023 before 2024');
  assert.equal(render(outOfOrder.said, 'zh-CN'), '2023 年度尚未计息：个人账户利息逐年滚存，请先完成 2023 年度计息，再计 2024 年度');
  assert.match((await refusal(2022)).message, /the interest of 2021 has not been run/);
  assert.match((await refusal(2015)).message, /no crediting rate \(pension\.account\.crediting_rate\) is set for 2015/, 'no run before the first published rate');
  assert.equal((await refusal('20x4')).status, 400);
  assert.equal((await database.database.db.selectFrom('interest_run').selectAll().execute()).length, 0);
});

test('the interest runs of 2021 to 2023 (annual) and 2024 (monthly, 2.62%), in order, equal the pure calculation for every person', async () => {
  const runs = [[2021, '0.0669', 'annual_1083'], [2022, '0.0612', 'annual_1083'], [2023, '0.0397', 'annual_1083'], [2024, '0.0262', 'monthly']] as const;
  for (const [year, rate, method] of runs) {
    const expected = await calculatedInterest(year, rate, method);
    const expectedBack = await calculatedBackInterest(year);
    const run = await runInterest(database.database, system, year);
    const credited = await creditedInterest(year);
    assert.deepEqual(credited, expected, `${year}: SQL and calc agree person by person`);
    assert.ok(credited.size >= 30, `${year}: most of the generated accounts earn interest (got ${credited.size})`);
    assert.equal(credited.has(nobody), false, 'an account without entries gets no interest entry');
    // the generated back-payments of an earlier year's month, credited after that year's run: 补记利息 for the years missed
    assert.deepEqual(await creditedBackInterest(year), expectedBack, `${year}: 补记利息 of SQL and calc agree`);
    assert.equal(expectedBack.size > 0, year > 2021, `${year}: back-payments into a closed year (got ${expectedBack.size})`);
    const total = [...expected.values()].reduce((sum, amount) => sum + amount, 0n);
    const backTotal = [...expectedBack.values()].reduce((sum, amount) => sum + amount, 0n);
    assert.deepEqual({ ...run, runAt: undefined }, {
      year, rate, method, persons: expected.size, amount: yuan(total), backInterest: yuan(backTotal), runBy: 'system:test', runAt: undefined,
    });
  }
  assert.equal((await creditedInterest(2022)).has(anna), false, 'a 建账余额 of 2022 is 2022\'s closing balance: no 2022 interest on it');
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
  assert.deepEqual(audits.map((audit) => audit.entity_id), ['2021', '2022', '2023', '2024'], 'one audit record per run, none for the repeat');
  // years run in order: once 2021 has run, 2020 (rate published) can no longer be
  const earlier = await runInterest(database.database, system, 2020).then(() => assert.fail('2020 was run'), (error) => error);
  assert.deepEqual([earlier.status, earlier.message], [409, '2021 has already been run: years are credited in order, so 2020 can no longer be run']);
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
  assert.deepEqual({ ...JSON.parse(again.stdout), runAt: undefined, persons: undefined, amount: undefined, backInterest: undefined }, { year: 2023, rate: '0.0397', method: 'annual_1083', runBy: 'system:test', runAt: undefined, persons: undefined, amount: undefined, backInterest: undefined });

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

test('补记利息: a back-payment into a year whose interest has run leaves that year\'s statement as issued; the next run credits the interest it missed', async () => {
  const issued = [await accountStatement(database.database, system, anna, 2023), await accountStatement(database.database, system, anna, 2024)];
  // credited as payments credit a paid period: dated in the period's year, 2023 — closed by its run (and 2024's)
  await insertEntries(database.database, [{ personId: anna, regionCode: '990102', year: 2023, period: '2023-05', kind: 'contribution', amount: 50_000n, employerId: employer }]);
  const entry = await database.database.db.selectFrom('individual_account_entry').select('year')
    .where('person_id', '=', anna).where('period', '=', '2023-05').where('amount', '=', 50_000n).executeTakeFirstOrThrow();
  assert.equal(entry.year, 2025, 'dated in the first year after the last run');
  assert.deepEqual([await accountStatement(database.database, system, anna, 2023), await accountStatement(database.database, system, anna, 2024)], issued, 'the issued statements are unchanged');

  // 2024 has run, but the 2025 crediting rate is not published yet: named with its year, never read as zero
  const unpublished = await runInterest(database.database, system, 2025).then(() => assert.fail('2025 was run'), (error) => error);
  assert.deepEqual([unpublished.status, unpublished.field], [400, 'year']);
  assert.equal(unpublished.message, 'year: no crediting rate (pension.account.crediting_rate) is set for 2025: add the published rate to params/pension/account/crediting_rate.yaml');
  assert.equal(await database.database.db.selectFrom('individual_account_entry').select('id').where('year', '=', 2025).where('kind', '=', 'interest').executeTakeFirst(), undefined);

  fs.writeFileSync(path.join(paramsDir, 'pension/account/crediting_rate.yaml'), fs.readFileSync(path.join(paramsDir, 'pension/account/crediting_rate.yaml'), 'utf8')
    .replace('values:\n', 'values:\n  2025-01-01: {value: 0.0250, reference: "test: the 2025 rate"}\n'));
  reloadParameters();
  const run = await runInterest(database.database, system, 2025);
  // by hand: on time, 500.00 of May 2023 would have grown by 3.97% × 1083/2000 in 2023 (the annual method of that run)
  // and by 2.62% in 2024 (a whole year in the balance): 50 000 × 1.02149755 × 1.0262 = 52 413.039 → 52 413 fen
  assert.equal(run.backInterest, '24.13');
  const year2025 = await accountStatement(database.database, system, anna, 2025);
  assert.deepEqual(year2025.credits, [
    { kind: 'contribution', period: '2023-05', amount: '500.00', billNumber: null, employerName: '示范机械厂' },
    { kind: 'back_interest', period: '2023-05', amount: '24.13', billNumber: null, employerName: null },
  ]);
  assert.equal(year2025.opening, issued[1].closing);
  assert.equal(year2025.creditsTotal, '524.13');
  // its own 2025 interest is the run's, as for any credit of an earlier year's month (monthly method: one month)
  assert.equal(year2025.closing, yuan(BigInt(year2025.opening.replace('.', '')) + 52_413n + BigInt(year2025.interest.replace('.', ''))));
  const table = await sifund('statement', '--person', '11010519491231002X', '--year', '2025');
  assert.match(table.stdout, /2023-05 +补记利息 Interest on a back-payment +24\.13/);
  assert.deepEqual([await accountStatement(database.database, system, anna, 2023), await accountStatement(database.database, system, anna, 2024)], issued, 'still unchanged after the run');
});

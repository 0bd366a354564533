/**
 * Payroll benchmark (`npm run bench -- payroll`): the monthly pension payroll of 1,000,000 pensioners
 * (BENCH_PAYROLL_PENSIONERS) on a fresh embedded PostgreSQL. A small demo city gives the regions, funds and
 * parameters; the pensioners and their active awards are then inserted in bulk (one statement each, spread over the
 * demo's regions, a tenth in the 机关事业单位 fund). Reports the run's seconds (`runPayroll`: a job per fund, chunks of
 * set-based inserts, the totals and the submission to sign-off), Node's peak RSS during it, the CPU seconds of Node
 * and PostgreSQL, and the floor — PostgreSQL inserting as many rows from generate_series into a copy of payroll_line
 * (same columns and indexes) in the same run — with the ratio of the two, and the chunks' insert as one statement
 * over every award (what the runner and its chunks add). Then the bank file of the month: its batches
 * are marked funded directly (the sign-off and the 用款申请 are not what is measured here) and the file is written,
 * timed with its own peak RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemActor } from '../src/platform/actor.ts';
import { idExpression, reserveIds } from '../src/platform/ids.ts';
import { todayInChina } from '../src/platform/params/index.ts';
import { formatYuan, parseYuan } from '../src/platform/money.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';
import { runPayroll } from '../src/modules/benefits/payroll/payroll.service.ts';
import { bankFile } from '../src/modules/benefits/payroll/payroll.bank.ts';
import { cpuSample, cpuSince } from './cpu.ts';
import { withPeakRss } from './memory.ts';

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;
const log = (message: string) => process.stderr.write(`payroll bench: ${message}\n`);
const actor = systemActor('payroll', ['payroll.run', 'payroll.bank', 'benefits.read', 'approvals.read', 'personal.full.read']);

export async function run(): Promise<object> {
  const pensioners = Number(process.env.BENCH_PAYROLL_PENSIONERS ?? 1_000_000);
  const period = todayInChina().slice(0, 7);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-payroll-'));
  fs.chmodSync(dataDir, 0o755); // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  const query = <Row extends object>(text: string, values: unknown[] = []) => database.pool.query<Row & Record<string, unknown>>(text, values).then((r) => r.rows);
  try {
    await migrate(database.pool);
    log('a small demo city for the regions, funds and parameters');
    await generateDemo(database, { persons: 2000, employers: 80, years: 1, seed: 7, password: 'bench-password-1' });
    const [{ demo_awards: demoAwards }] = await query<{ demo_awards: number }>(`select count(*)::int as demo_awards from pension_award where status = 'active' and first_period <= $1`, [period]);
    const bulk = pensioners - demoAwards;
    const regions = (await query<{ region_code: string }>('select distinct region_code from person order by 1')).map((r) => r.region_code);
    const funds = await query<{ code: string; insurance: string }>(`select code, insurance from fund where insurance in ('pension', 'public_pension') order by code`);
    const fundOf = (insurance: string) => funds.find((f) => f.insurance === insurance)!.code;

    log(`inserting ${bulk} pensioners and their awards`);
    const persons = reserveIds(bulk), awards = reserveIds(bulk);
    await query(`insert into person (id, id_number, name, gender, birth_date, hukou_type, region_code)
      select ${idExpression(persons, 'k')}, '98' || lpad(k::text, 16, '0'), '退休' || chr((19968 + k % 20000)::int) || chr((19968 + k % 7919)::int),
        case when k % 2 = 0 then 'F' else 'M' end, date '1940-01-01' + (k % 9000)::int, 'urban', ($2::text[])[1 + k % cardinality($2::text[])]
      from generate_series(0, $1::bigint - 1) k`, [bulk, regions]);
    await query(`insert into pension_award (person_id, id, region_code, fund_code, scheme, awarded_on, first_period, basic_pension, account_pension,
        transitional_pension, monthly_amount, bank_account, quote, awarded_by)
      select ${idExpression(persons, 'k')}, ${idExpression(awards, 'k')}, ($2::text[])[1 + k % cardinality($2::text[])],
        case when k % 10 = 0 then $4 else $3 end, case when k % 10 = 0 then 'public' else 'enterprise' end, date '2020-01-01' + (k % 1500)::int,
        to_char(date '2020-01-01' + (k % 1500)::int + interval '1 month', 'YYYY-MM'), 180000 + k % 90001, 60000 + k % 40001, 0,
        240000 + k % 90001 + k % 40001, '6217' || lpad(k::text, 15, '0'), '{"source": "payroll bench"}', 'system:bench'
      from generate_series(0, $1::bigint - 1) k`, [bulk, regions, fundOf('pension'), fundOf('public_pension')]);
    await query('vacuum analyze');

    log('running the payroll');
    const before = cpuSample(dataDir);
    const started = performance.now();
    const { result, peakRssMiB } = await withPeakRss(() => runPayroll(database, actor, { period }));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(before, dataDir);
    const { summary } = result;
    if (summary.payees !== pensioners) throw new Error(`the payroll paid ${summary.payees} pensioners, not ${pensioners}`);
    log(`${summary.payees} lines in ${seconds.toFixed(1)} s`);

    // The floor: as many rows from generate_series into a copy of payroll_line with its indexes.
    await query('create table bench_payroll_line (like payroll_line including all)');
    const floorStarted = performance.now();
    await query(`insert into bench_payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount)
      select k, k, k % 2, k, '990000', 'YL' || $2 || k::text, 250000 + k % 90001 from generate_series(0, $1::bigint - 1) k`, [summary.payees, period.replace('-', '')]);
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    await query('drop table bench_payroll_line');
    // What the runner's chunks cost: the chunks' insert as one statement over every award, as the owner (no job, no
    // row security), into a copy of payroll_line.
    await query('create table bench_payroll_line (like payroll_line including all)');
    const oneStarted = performance.now();
    await query(`insert into bench_payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount)
      select a.person_id, row_number() over (order by a.person_id, a.id), b.id, a.id, b.region_code, 'YL' || $1 || a.id::text, a.monthly_amount
      from pension_award a join payroll_batch b on b.fund_code = a.fund_code and b.period = $2 where a.status = 'active' and a.first_period <= $2`, [period.replace('-', ''), period]);
    const oneStatementSeconds = (performance.now() - oneStarted) / 1000;
    await query('drop table bench_payroll_line');
    log(`floor ${floorSeconds.toFixed(1)} s, the chunks' insert as one statement ${oneStatementSeconds.toFixed(1)} s`);

    await query(`update payroll_batch set status = 'funded' where period = $1`, [period]);
    const fileStarted = performance.now();
    const file = await withPeakRss(() => bankFile(database, actor, { period }));
    const fileSeconds = (performance.now() - fileStarted) / 1000;
    // the bank pays each batch's payable: its total less what its lines keep back against overpayments (none here)
    const payable = formatYuan(summary.batches.reduce((sum, b) => sum + parseYuan(b.payable), 0n));
    if (file.result.rows !== pensioners || file.result.total !== payable) throw new Error(`the bank file pays ${file.result.rows} payees ${file.result.total}, not the payroll's ${pensioners} ${payable}`);
    log(`bank file of ${file.result.rows} rows in ${fileSeconds.toFixed(1)} s`);
    return {
      postgres: 'embedded 15', pensioners, period, funds: summary.batches.map((b) => ({ fund: b.fund, payees: b.payees, total: b.total })),
      payroll: { lines: summary.payees, total: summary.total, seconds: round(seconds), linesPerSecond: Math.round(summary.payees / seconds), goalSeconds: 30, cpuSeconds: cpu },
      floor: { lines: summary.payees, seconds: round(floorSeconds), payrollOverFloor: round(seconds / floorSeconds, 2), goalRatio: 2,
        oneStatementSeconds: round(oneStatementSeconds), payrollOverOneStatement: round(seconds / oneStatementSeconds, 2) },
      nodePeakRssMiB: peakRssMiB, goalNodePeakRssMiB: 512,
      bankFile: { rows: file.result.rows, total: file.result.total, megabytes: round(file.result.content.length / 2 ** 20, 1), seconds: round(fileSeconds), nodePeakRssMiB: file.peakRssMiB },
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/payroll.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'), (error) => { process.stderr.write(`${error.stack ?? error}\n`); process.exit(1); });
}

/**
 * The performance evaluation on a small demo city with two months of history (bills, payments, arrears): every
 * county scored 0–100 and ranked, the pool split to the fen; a county's collection rate and findings per 10,000 as
 * its records give them; the pool of the year's parameter when none is given, a negative one refused; the CLI's JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../../platform/testing/cli.ts';
import { systemActor } from '../../../platform/actor.ts';
import { parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { useDemoCity } from '../supervision.testing.ts';
import { DEMO_COUNTIES } from '../../registry/demo/demo.calc.ts';
import { evaluateRegions } from './evaluation.service.ts';
import { registerEvaluationCommand } from './evaluation.cli.ts';

const YEAR = Number(todayInChina().slice(0, 4));
const auditor = systemActor('evaluation-test', ['supervision.read']);

const { skip, db } = useDemoCity({ persons: 500, employers: 24, years: 1, seed: 31, password: 'demo-pass-2024', historyMonths: 2 });

const fenOf = (yuan: string) => parseYuan(yuan);

test('every county scored, ranked, and the pool split by score to the fen', { skip }, async () => {
  const result = await evaluateRegions(db.database, auditor, { year: YEAR, pool: '1000000.00' });
  assert.deepEqual(result.regions.map((r) => r.region).sort(), DEMO_COUNTIES.map((c) => c.code).sort());
  assert.ok(result.regions.every((r) => r.score >= 0 && r.score <= 100 && Number.isInteger(r.rank)));
  assert.ok(new Set(result.regions.map((r) => r.score)).size > 1, `the counties differ (${result.regions.map((r) => r.score)})`);
  assert.equal(result.regions.reduce((sum, r) => sum + fenOf(r.reward), 0n), 100_000_000n);
  for (let i = 1; i < result.regions.length; i++) {
    const [better, worse] = [result.regions[i - 1], result.regions[i]];
    assert.ok(better.score >= worse.score && better.rank <= worse.rank && fenOf(better.reward) >= fenOf(worse.reward), `${better.region} before ${worse.region}`);
  }
  // a reward is the pool × score ÷ Σ scores, within a fen
  const total = result.regions.reduce((sum, r) => sum + Math.round(r.score * 100), 0);
  for (const r of result.regions) assert.ok(Math.abs(Number(fenOf(r.reward)) - 100_000_000 * Math.round(r.score * 100) / total) < 1, r.region);
  // no county has an approved budget: the deviation does not count
  assert.ok(result.regions.every((r) => r.indicators.find((i) => i.code === 'execution_deviation')!.value === null));
});

test('a county\'s collection rate and findings per 10,000 as its records give them', { skip }, async () => {
  const county = '990103';
  const [facts] = (await db.owner.query(`
    select sum(b.total)::text as billed,
      (select coalesce(sum(a.amount), 0) from payment_allocation a join bill x on x.employer_id = a.employer_id and x.id = a.bill_id
        where x.region_code = $1 and x.period like $2 and a.part in ('employee', 'employer'))::text as paid,
      (select count(distinct l.person_id) from bill_line l join bill x on x.employer_id = l.employer_id and x.id = l.bill_id where x.region_code = $1 and x.period like $2)::int as insured
    from bill b where b.region_code = $1 and b.period like $2`, [county, `${YEAR}-%`])).rows;
  assert.ok(Number(facts.billed) > 0 && Number(facts.paid) > 0, `the county is billed and paid (${facts.billed}, ${facts.paid})`);
  await db.owner.query(`insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id) values
    (9001, 'split-admission', 'k1', 'H1', $1, $2, 100, '{}', '医疗保障基金使用监督管理条例 第十五条', 1),
    (9002, 'split-admission', 'k2', 'H1', $1, $2, 100, '{}', '医疗保障基金使用监督管理条例 第十五条', 1),
    (9003, 'split-admission', 'k3', 'H1', $1, $3, 100, '{}', '医疗保障基金使用监督管理条例 第十五条', 1)`, [county, `${YEAR}-01`, `${YEAR - 1}-12`]);
  const result = await evaluateRegions(db.database, auditor, { year: YEAR, pool: '100.00' });
  const measured = Object.fromEntries(result.regions.find((r) => r.region === county)!.indicators.map((i) => [i.code, i.value]));
  assert.equal(measured.collection_rate, Math.round(Number(facts.paid) / Number(facts.billed) * 10_000) / 10_000);
  assert.equal(measured.findings_per_10000, Math.round(2 * 10_000 / facts.insured * 10_000) / 10_000, 'the two findings of the year, not last year\'s');
  assert.equal(result.regions.find((r) => r.region === '990104')!.indicators.find((i) => i.code === 'findings_per_10000')!.value, 0);
});

test('the pool of the year\'s parameter by default; a negative pool refused; the CLI\'s JSON', { skip }, async () => {
  assert.equal((await evaluateRegions(db.database, auditor, { year: YEAR })).pool, '1000000.00');
  await assert.rejects(evaluateRegions(db.database, auditor, { year: YEAR, pool: '-1.00' }), (error: Error & { status?: number; field?: string }) =>
    error.status === 400 && error.field === 'pool' && /must not be negative/.test(error.message));
  const run = await runCommand(registerEvaluationCommand, ['evaluation', '--year', String(YEAR), '--pool', '1000000.00', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.deepEqual([answer.year, answer.pool, answer.regions.length], [YEAR, '1000000.00', DEMO_COUNTIES.length]);
  assert.equal(answer.regions.reduce((sum: bigint, r: { reward: string }) => sum + fenOf(r.reward), 0n), 100_000_000n);
});

test('the evaluation as a workbook and a CSV: the ranking with each county\'s reward and leaf scores as the JSON has them, the rewards summed to the pool, each county\'s indicators', { skip }, async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-evaluation-'));
  try {
    const result = await evaluateRegions(db.database, auditor, { year: YEAR, pool: '1000000.00' });
    const out = path.join(directory, 'evaluation.xlsx');
    const run = await runCommand(registerEvaluationCommand, ['evaluation', '--year', String(YEAR), '--pool', '1000000.00', '--format', 'xlsx', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['考核排名', '指标明细']);
    const ranking = workbook.getWorksheet('考核排名')!;
    const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((cell) => (cell && typeof cell === 'object' && 'result' in cell ? (cell as { result: unknown }).result : cell));
    const rows: unknown[][] = [];
    ranking.eachRow((row) => rows.push(values(row)));
    const header = rows.findIndex((row) => row[0] === '名次');
    assert.ok(header >= 0, 'the header row');
    const leaves = result.regions[0].indicators;
    assert.deepEqual(rows[header].slice(5), leaves.map((leaf) => leaf.name), 'a column per leaf indicator');
    const body = rows.slice(header + 1, header + 1 + result.regions.length);
    assert.deepEqual(body.map((row) => [row[0], row[1], row[2], row[3], Number(row[4]).toFixed(2)]),
      result.regions.map((region) => [region.rank, region.region, region.name, region.score.toFixed(2), region.reward]));
    const total = rows[header + 1 + result.regions.length];
    assert.deepEqual([total.includes('合计'), Number(total[4]).toFixed(2)], [true, '1000000.00'], 'the rewards add up to the pool');
    const details = workbook.getWorksheet('指标明细')!;
    let detailRows = 0;
    details.eachRow((row) => { if (leaves.some((leaf) => leaf.code === values(row)[0])) detailRows += 1; });
    assert.equal(detailRows, result.regions.length * leaves.length, 'every county\'s every indicator');

    const csvFile = path.join(directory, 'evaluation.csv');
    const csv = await runCommand(registerEvaluationCommand, ['evaluation', '--year', String(YEAR), '--pool', '1000000.00', '--format', 'csv', '--out', csvFile]);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.match(lines[0], /^名次,区划代码,区县,总得分,以奖代补（元）/);
    assert.equal(lines[1].split(',')[1], result.regions[0].region);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

/**
 * Budget benchmark (`npm run bench -- budget`), issue 13:
 * - projection: a 30-year cohort projection of the pension fund (goal ≤ 200 ms) on a province-sized starting point —
 *   contributors of every age 16–64 in the three retirement categories, pensioners of every age 45–104 — with the
 *   shipped parameters. No database: the projection is pure; the starting point's queries are not timed here.
 *   Reports the first (cold) run and the median of the next ten.
 * - provinceDraft: drafting a province's budget (goal ≤ 10 s for 20 counties): a fresh embedded PostgreSQL in a
 *   temporary directory with a province, two cities and 20 counties, each county pooling every scheme the budget chart
 *   has a table for (so a fund per table: enterprise and public-institution pension, medical, unemployment, work
 *   injury), and the 36 complete months up to last month of monthly movements posted through the ledger's posting API
 *   (contribution income with growth and seasonality, benefits on every 其中 row, quarterly interest, fiscal subsidies
 *   on some funds, transfers; setup timed apart), and each fund's ten years before its go-live year imported as past
 *   final accounts (the same movements summed per year, walked back by their growth; timed apart), so that every line
 *   is drafted on its annual series too. Then `draftBudget` for the province and next year: the first (cold)
 *   run and the median of three more, the lines drafted and the model each chose, and once where the time goes
 *   (the ledger read against the forecasting of the lines), CPU seconds beside wall seconds. Scale with
 *   BUDGET_BENCH_COUNTIES (default 20).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { inScope, scopePrefix, systemActor, type Actor } from '../src/platform/actor.ts';
import { todayInChina } from '../src/platform/params/index.ts';
import { createRegion } from '../src/modules/registry/registry.service.ts';
import { Rng } from '../src/modules/registry/demo/demo.calc.ts';
import { addMonths, chartFor, ensureFunds, fundAccounts, openingBalanceEntry, periodEnd, postEntries, type EntryInput } from '../src/modules/ledger/index.ts';
import { actualsOf, draftBudget, lastCompleteMonth, type BudgetDraft } from '../src/modules/budget/draft/draft.service.ts';
import { draftMonths, draftTable, tableAnnualSeries, tableSeries } from '../src/modules/budget/draft/draft.calc.ts';
import { forecastFundsLines } from '../src/modules/budget/draft/line-forecast.pool.ts';
import { budgetChartFor, schemeTable } from '../src/modules/budget/draft/budget-chart.ts';
import * as draftRepository from '../src/modules/budget/draft/draft.repository.ts';
import { historySubjects } from '../src/modules/budget/history/history.calc.ts';
import { finalAccountsWorkbook } from '../src/modules/budget/history/history.demo.ts';
import { importFinalAccounts, pastFinalAccounts } from '../src/modules/budget/history/history.service.ts';
import { itemSubject } from '../src/modules/budget/versions/versions.calc.ts';
import { cpuSample, cpuSince } from './cpu.ts';
import { getParameters } from '../src/platform/params/index.ts';
import { parseDecimal } from '../src/platform/money.ts';
import { projectPensionFund, type StartingPoint } from '../src/modules/budget/projection/projection.calc.ts';
import { projectionAssumptions } from '../src/modules/budget/projection/projection.parameters.ts';
import { scenarios } from '../src/modules/budget/projection/projection.scenarios.ts';

const YEARS = 30, BASE_YEAR = 2025, GOAL_MS = 200;

function provinceStart(): StartingPoint {
  const contributors: StartingPoint['contributors'] = [], pensioners: StartingPoint['pensioners'] = [];
  for (let age = 16; age <= 64; age++) {
    for (const category of ['male', 'female_cadre', 'female_worker'] as const) contributors.push({ category, birthYear: BASE_YEAR - age, count: 4_000 + age * 37 });
  }
  for (let age = 45; age <= 104; age++) {
    for (const sex of ['M', 'F'] as const) {
      const count = Math.max(10, 9_000 - (age - 45) * 140);
      pensioners.push({ sex, birthYear: BASE_YEAR - age, count, monthlyTotal: BigInt(count) * 330_000n });
    }
  }
  return { baseYear: BASE_YEAR, contributors, pensioners, averageBase: 780_000n, accumulatedBalance: 60_000_000_000_00n };
}

// ── provinceDraft ────────────────────────────────────────────────────────────

const PROVINCE = '990000', HISTORY_MONTHS = 36, PAST_YEARS = 10, COUNTIES_PER_CITY = 10, DRAFT_GOAL_SECONDS = 10, SEED = 13;

/** A month's factor per calendar month (January first). */
type Season = readonly number[];
// 春节 lowers February's collection, July's new contribution base brings its back pay, December collects arrears (清欠)
const CONTRIBUTION_SEASON: Season = [1.03, 0.92, 1.00, 1.00, 1.00, 0.99, 1.03, 1.01, 1.00, 1.00, 1.00, 1.07];
// winter's respiratory season and December's year-end settlement with the hospitals; February's holiday
const MEDICAL_SEASON: Season = [1.12, 0.85, 1.02, 0.97, 0.95, 0.96, 1.00, 1.01, 0.97, 0.98, 1.03, 1.14];
// the yearly pension increase is paid from August with its arrears back to January
const PENSION_SEASON: Season = [1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.07, 1.00, 1.00, 1.00, 1.00];
const QUARTER_ENDS = [3, 6, 9, 12];   // 季度结息

/**
 * One ledger subject's monthly amount in a county of weight 1: yuan at the first month, growing by `growth` a year,
 * times the season, times lognormal noise (σ = `noise`); only in `months` when given, and only with probability
 * `chance` when given; `subsidised` ones only in the counties whose fund gets a fiscal subsidy.
 */
interface Movement { subject: string; yuan: number; growth: number; noise: number; season?: Season; months?: number[]; chance?: number; subsidised?: true }
interface SchemePlan { income: Movement[]; expense: Movement[] }

const benefit = (type: string) => `benefit_expense.${type}`;
const plans: Record<string, SchemePlan> = {
  pension: {
    income: [
      { subject: 'premium_income', yuan: 20_000_000, growth: 0.05, noise: 0.03, season: CONTRIBUTION_SEASON },
      { subject: 'fiscal_subsidy_income', yuan: 6_000_000, growth: 0.03, noise: 0.02, months: QUARTER_ENDS, subsidised: true },
      { subject: 'interest_income', yuan: 900_000, growth: 0.02, noise: 0.05, months: QUARTER_ENDS },
      { subject: 'transfer_income', yuan: 400_000, growth: 0.04, noise: 0.4 },
      { subject: 'other_income', yuan: 30_000, growth: 0, noise: 0.6, chance: 0.5 },
    ],
    expense: [
      { subject: benefit('basic_pension'), yuan: 18_000_000, growth: 0.06, noise: 0.01, season: PENSION_SEASON },
      { subject: benefit('medical_subsidy'), yuan: 150_000, growth: 0.02, noise: 0.05 },
      { subject: benefit('funeral_and_survivor_grant'), yuan: 800_000, growth: 0.03, noise: 0.25 },
      { subject: benefit('disability_allowance'), yuan: 50_000, growth: 0.01, noise: 0.1 },
      { subject: benefit('other_benefit'), yuan: 100_000, growth: 0, noise: 0.4, chance: 0.6 },
      { subject: 'transfer_expense', yuan: 350_000, growth: 0.04, noise: 0.45 },
    ],
  },
  public_pension: {
    income: [
      { subject: 'premium_income', yuan: 5_000_000, growth: 0.04, noise: 0.02, season: CONTRIBUTION_SEASON },
      { subject: 'fiscal_subsidy_income', yuan: 2_500_000, growth: 0.05, noise: 0.02 },
      { subject: 'interest_income', yuan: 150_000, growth: 0.02, noise: 0.05, months: QUARTER_ENDS },
      { subject: 'other_income', yuan: 20_000, growth: 0, noise: 0.6, chance: 0.3 },
    ],
    expense: [
      { subject: benefit('basic_pension'), yuan: 7_000_000, growth: 0.05, noise: 0.01, season: PENSION_SEASON },
      { subject: benefit('funeral_and_survivor_grant'), yuan: 300_000, growth: 0.03, noise: 0.3 },
      { subject: benefit('other_benefit'), yuan: 50_000, growth: 0, noise: 0.4, chance: 0.5 },
      { subject: 'transfer_expense', yuan: 60_000, growth: 0, noise: 0.5, chance: 0.4 },
    ],
  },
  medical: {
    income: [
      { subject: 'premium_income', yuan: 15_000_000, growth: 0.06, noise: 0.03, season: CONTRIBUTION_SEASON },
      { subject: 'interest_income', yuan: 400_000, growth: 0.02, noise: 0.05, months: QUARTER_ENDS },
      { subject: 'other_income', yuan: 50_000, growth: 0, noise: 0.6, chance: 0.5 },
    ],
    expense: [
      { subject: benefit('inpatient'), yuan: 7_000_000, growth: 0.08, noise: 0.06, season: MEDICAL_SEASON },
      { subject: benefit('outpatient'), yuan: 4_000_000, growth: 0.10, noise: 0.05, season: MEDICAL_SEASON },
      { subject: benefit('maternity_medical'), yuan: 600_000, growth: -0.03, noise: 0.1 },
      { subject: benefit('maternity_allowance'), yuan: 800_000, growth: -0.03, noise: 0.15 },
      { subject: benefit('other_benefit'), yuan: 100_000, growth: 0, noise: 0.3 },
    ],
  },
  unemployment: {
    income: [
      { subject: 'premium_income', yuan: 1_500_000, growth: 0.04, noise: 0.04, season: CONTRIBUTION_SEASON },
      { subject: 'interest_income', yuan: 200_000, growth: 0.02, noise: 0.05, months: QUARTER_ENDS },
    ],
    expense: [
      { subject: benefit('unemployment_benefit'), yuan: 600_000, growth: 0.07, noise: 0.08 },
      { subject: benefit('medical_premium_for_unemployed'), yuan: 150_000, growth: 0.07, noise: 0.08 },
      { subject: benefit('funeral_and_survivor_grant'), yuan: 20_000, growth: 0, noise: 0.5, chance: 0.3 },
      { subject: benefit('training_and_placement_subsidy'), yuan: 300_000, growth: 0.03, noise: 0.3, months: QUARTER_ENDS },
      { subject: benefit('job_retention_refund'), yuan: 3_000_000, growth: 0.02, noise: 0.2, months: [6] },
      { subject: benefit('other_benefit'), yuan: 10_000, growth: 0, noise: 0.5, chance: 0.3 },
    ],
  },
  work_injury: {
    income: [
      { subject: 'premium_income', yuan: 1_200_000, growth: 0.05, noise: 0.04, season: CONTRIBUTION_SEASON },
      { subject: 'interest_income', yuan: 60_000, growth: 0.02, noise: 0.05, months: QUARTER_ENDS },
      { subject: 'other_income', yuan: 10_000, growth: 0, noise: 0.6, chance: 0.2 },
    ],
    expense: [
      { subject: benefit('medical_treatment'), yuan: 400_000, growth: 0.06, noise: 0.2 },
      { subject: benefit('disability'), yuan: 350_000, growth: 0.04, noise: 0.03 },
      { subject: benefit('work_related_death'), yuan: 600_000, growth: 0, noise: 0.3, chance: 0.15 },
      { subject: benefit('work_capacity_appraisal'), yuan: 30_000, growth: 0.02, noise: 0.3 },
      { subject: benefit('injury_prevention'), yuan: 200_000, growth: 0.05, noise: 0.2, months: [4, 10] },
      { subject: benefit('other_benefit'), yuan: 10_000, growth: 0, noise: 0.5, chance: 0.3 },
    ],
  },
};

interface County { code: string; name: string; weight: number; subsidised: boolean }

/** The province, its cities (ten counties each) and the counties, through the registry's service; each county pools every planned scheme. */
async function createRegions(database: DatabaseHandle, actor: Actor, counties: number): Promise<County[]> {
  const rng = new Rng(SEED, 'counties');
  await createRegion(database, actor, { code: PROVINCE, name: '基准省' });
  const list: County[] = [];
  for (let index = 0; index < counties; index++) {
    const city = `${PROVINCE.slice(0, 2)}${String(Math.floor(index / COUNTIES_PER_CITY) + 1).padStart(2, '0')}00`;
    if (index % COUNTIES_PER_CITY === 0) await createRegion(database, actor, { code: city, name: `基准${city.slice(2, 4)}市` });
    const code = `${city.slice(0, 4)}${String((index % COUNTIES_PER_CITY) + 1).padStart(2, '0')}`;
    await createRegion(database, actor, { code, name: `基准${code.slice(2)}县` });
    // two counties in three have a fiscal subsidy to their enterprise pension fund
    list.push({ code, name: `基准${code.slice(2)}县`, weight: 0.5 + rng.next() * 1.5, subsidised: index % 3 !== 2 });
  }
  // no service creates pooling regions (a migration or the demo seeds them): as the ledger's tests do
  const pooled = [...new Set(Object.keys(plans).map((insurance) => chartFor(Number(todayInChina().slice(0, 4))).insurances[insurance]?.pooledAs ?? insurance))];
  await database.db.insertInto('pooling_region').values(list.flatMap((county) => pooled.map((insurance) => ({ insurance, region_code: county.code })))).execute();
  await ensureFunds(database);
  return list;
}

/** Fen of a movement in month `index` (0 = the first history month) of calendar month `month`, or 0 when it does not occur. */
function amountOf(movement: Movement, county: County, index: number, month: number, rng: Rng): bigint {
  const noise = Math.exp(movement.noise * rng.normal()), happens = rng.next();   // drawn every month: the series do not shift
  if (movement.months && !movement.months.includes(month)) return 0n;
  if (movement.chance !== undefined && happens >= movement.chance) return 0n;
  if (movement.subsidised && !county.subsidised) return 0n;
  const yuan = movement.yuan * county.weight * (1 + movement.growth) ** (index / 12) * (movement.season?.[month - 1] ?? 1) * noise;
  return BigInt(Math.round(yuan * 100));
}

/**
 * Each fund's entries, month by month: the go-live balance in the 财政专户 (two years of its benefits), then each
 * month every income received into the 财政专户, the month's allocation 财政专户 → 支出户 and the payment of its
 * expense lines from the 支出户 (收支两条线, as posting checks).
 */
function historyEntries(counties: County[], months: string[]): { opening: EntryInput[]; monthly: EntryInput[][] } {
  const chart = chartFor(Number(months[0].slice(0, 4)));
  const bank = (role: 'special_bank' | 'expense_bank') => chart.accounts.find((account) => account.role === role)!.code;
  const special = bank('special_bank'), expenseBank = bank('expense_bank');
  const opening: EntryInput[] = [];
  const monthly: EntryInput[][] = months.map(() => []);
  for (const county of counties) {
    for (const [insurance, plan] of Object.entries(plans)) {
      const fund = `${insurance}-${county.code}`;
      const accounts = fundAccounts(chart, insurance);
      const account = (subject: string) => {
        const found = accounts.find((entry) => entry.subject === subject);
        if (!found) throw new Error(`the ledger chart ${chart.year} has no account of subject ${subject} for ${insurance}`);
        return found;
      };
      const openingYuan = plan.expense.reduce((total, movement) => total + movement.yuan, 0) * county.weight * 24;
      opening.push(openingBalanceEntry({ fund, amount: BigInt(Math.round(openingYuan * 100)), date: `${months[0]}-01`, memo: '期初建账' }));
      const rng = new Rng(SEED, fund);
      months.forEach((period, index) => {
        const month = Number(period.slice(5));
        for (const movement of plan.income) {
          const amount = amountOf(movement, county, index, month, rng);
          if (amount === 0n) continue;
          const { code, name } = account(movement.subject);
          monthly[index].push({ key: `bench:${fund}:${period}:${movement.subject}`, fund, period, date: `${period}-20`, memo: name, lines: [{ account: special, debit: amount }, { account: code, credit: amount }] });
        }
        const paid = plan.expense.map((movement) => ({ code: account(movement.subject).code, amount: amountOf(movement, county, index, month, rng) })).filter((line) => line.amount > 0n);
        const total = paid.reduce((sum, line) => sum + line.amount, 0n);
        monthly[index].push(
          { key: `bench:${fund}:${period}:allocation`, fund, period, date: `${period}-10`, memo: '财政专户拨入支出户', lines: [{ account: expenseBank, debit: total }, { account: special, credit: total }] },
          { key: `bench:${fund}:${period}:payment`, fund, period, date: periodEnd(period), memo: '待遇及其他支出', lines: [...paid.map((line) => ({ account: line.code, debit: line.amount })), { account: expenseBank, credit: total }] },
        );
      });
    }
  }
  return { opening, monthly };
}

/**
 * The rows (standard layout: year, scheme, region, subject, name, yuan) of each fund's past final accounts, the
 * `PAST_YEARS` before the year of the first history month: each line the year's sum of its movements' expected months
 * (growth walked back from the first month, season, the share of months a chance or a quarter gives, no subsidy where
 * the county has none) times a yearly noise; 社会保险待遇支出 left to its 其中 rows, as the import allows.
 */
function pastFinalAccountsRows(counties: County[], firstMonth: string): string[][] {
  const goLiveYear = Number(firstMonth.slice(0, 4)), goLiveMonth = Number(firstMonth.slice(5));
  const rows: string[][] = [];
  for (const county of counties) {
    for (const [insurance, plan] of Object.entries(plans)) {
      const rng = new Rng(SEED, `past ${insurance}-${county.code}`);
      for (let year = goLiveYear - PAST_YEARS; year < goLiveYear; year++) {
        const table = schemeTable(budgetChartFor(year), insurance)!;
        const units = [...table.income, ...table.expense].flatMap((line) => (line.items ?? [line]).map((unit) => ({ unit, subject: line.items ? itemSubject(line.line, unit.line) : line.line })));
        const names = new Map(historySubjects(table).map((subject) => [subject.subject, subject.name]));
        for (const { unit, subject } of units) {
          const yuan = [...plan.income, ...plan.expense].filter((movement) => unit.subjects.includes(movement.subject)).reduce((total, movement) => {
            if (movement.subsidised && !county.subsidised) return total;
            const months = Array.from({ length: 12 }, (_, index) => index + 1).filter((month) => !movement.months || movement.months.includes(month));
            const expected = months.reduce((sum, month) => sum + (movement.season?.[month - 1] ?? 1) * (1 + movement.growth) ** (((year - goLiveYear) * 12 + month - goLiveMonth) / 12), 0);
            return total + movement.yuan * county.weight * expected * (movement.chance ?? 1) * Math.exp((movement.noise / 3) * rng.normal());
          }, 0);
          if (yuan > 0) rows.push([String(year), insurance, county.code, subject, names.get(subject)!, yuan.toFixed(2)]);
        }
      }
    }
  }
  return rows;
}

/** The lines a draft forecast on their own (a line with 其中 rows: its rows), by the model each chose. */
function modelsChosen(draft: BudgetDraft): { lines: number; byModel: Record<string, number>; byFrequency: Record<string, number> } {
  const byModel: Record<string, number> = {}, byFrequency: Record<string, number> = {};
  let lines = 0;
  for (const table of draft.tables) {
    for (const line of [...table.income, ...table.expense].flatMap((entry) => entry.items ?? [entry])) {
      lines++;
      byModel[line.model!] = (byModel[line.model!] ?? 0) + 1;
      byFrequency[line.frequency!] = (byFrequency[line.frequency!] ?? 0) + 1;
    }
  }
  return { lines, byModel, byFrequency };
}

/**
 * Where a draft's time goes, measured apart: the steps of `draftBudget` (draft.service.ts) one by one — the ledger
 * read (the region's funds, their first months, their movements per subject and month, their past final accounts), the
 * grouping of the movements per fund, and the forecasting of every line with its backtests on the draft's worker pool
 * (tableSeries, then tableAnnualSeries, forecastFundsLines) with the tables made from them (draftTable, pure).
 */
async function timeSplit(database: DatabaseHandle, dataDir: string, actor: Actor, year: number, lastMonth: string) {
  const chart = budgetChartFor(year);
  let began = performance.now();
  const read = await inScope(database, actor, async (tx) => {
    const funds = (await draftRepository.fundsWithin(tx, scopePrefix(PROVINCE))).flatMap((fund) => {
      const table = schemeTable(chart, fund.insurance);
      return table ? [{ fund, table }] : [];
    });
    const ids = funds.map(({ fund }) => fund.id);
    return {
      funds, firstMonths: await draftRepository.firstMonths(tx, ids), movements: await draftRepository.nominalMovements(tx, ids, lastMonth),
      pastYears: await pastFinalAccounts(tx, funds.map(({ fund }) => fund)),
    };
  });
  const readSeconds = seconds(began);
  began = performance.now();
  const grouped = read.funds.map(({ fund, table }) => ({
    table, actuals: { ...actualsOf(read.movements.filter((row) => row.fund_id === fund.id)), pastYears: read.pastYears.get(fund.code) },
    months: draftMonths(read.firstMonths.get(fund.id)!, lastMonth, year),
  }));
  const groupingSeconds = seconds(began);
  began = performance.now();
  const cpu = cpuSample(dataDir);
  const forecasts = await forecastFundsLines(grouped.map(({ table, actuals, months }) => tableSeries(table, actuals, months)));
  const monthlySeconds = seconds(began);
  const annualForecasts = await forecastFundsLines(grouped.map(({ table, actuals, months }, index) => tableAnnualSeries(table, actuals, months, forecasts[index])));
  grouped.forEach(({ table, actuals, months }, index) => draftTable(table, actuals, months, forecasts[index], annualForecasts[index]));
  const forecastingSeconds = seconds(began);
  return {
    readSeconds, movementRows: read.movements.length, groupingSeconds, forecastingSeconds, monthlyForecastingSeconds: monthlySeconds,
    annualForecastingAndTablesSeconds: Math.round((forecastingSeconds - monthlySeconds) * 1000) / 1000, forecastingCpuSeconds: cpuSince(cpu, dataDir).node,
    forecastingWorkers: os.availableParallelism(),
  };
}

const seconds = (began: number) => Math.round(performance.now() - began) / 1000;

async function provinceDraft() {
  const counties = Number(process.env.BUDGET_BENCH_COUNTIES ?? 20);
  const lastMonth = lastCompleteMonth(todayInChina());
  const months = Array.from({ length: HISTORY_MONTHS }, (_, index) => addMonths(lastMonth, index - HISTORY_MONTHS + 1));
  const year = Number(lastMonth.slice(0, 4)) + 1;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-budget-'));
  fs.chmodSync(dataDir, 0o755);   // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  const log = (message: string) => process.stderr.write(`  budget bench: ${message}\n`);
  try {
    let began = performance.now();
    await migrate(database.pool);
    const actor = systemActor('bench', ['region.manage', 'ledger.read']);
    const list = await createRegions(database, actor, counties);
    const { opening, monthly } = historyEntries(list, months);
    await postEntries(database, actor, opening, { kind: 'import' });
    for (const [index, entries] of monthly.entries()) {
      await postEntries(database, actor, entries, { kind: 'import' });
      if (index % 12 === 11) log(`posted ${months[index]}`);
    }
    const entries = opening.length + monthly.reduce((total, month) => total + month.length, 0);
    const lines = [...opening, ...monthly.flat()].reduce((total, entry) => total + entry.lines.length, 0);
    const setupSeconds = seconds(began);
    began = performance.now();
    const pastRows = pastFinalAccountsRows(list, months[0]);
    const imported = await importFinalAccounts(database, systemActor('bench', ['budget.draft']), { fileName: 'bench-past-final-accounts.xlsx', content: await finalAccountsWorkbook(pastRows) });
    const pastFinalAccounts = { seconds: seconds(began), rows: pastRows.length, result: imported };
    log(`setup ${setupSeconds} s: ${entries} entries, ${lines} lines; past final accounts ${pastFinalAccounts.seconds} s: ${pastRows.length} rows; drafting ${year}`);

    const loadAverage = fs.readFileSync('/proc/loadavg', 'utf8').trim();
    began = performance.now();
    const cpu = cpuSample(dataDir);
    const draft = await draftBudget(database, actor, { year, region: PROVINCE });
    const coldSeconds = seconds(began);
    const coldCpuSeconds = cpuSince(cpu, dataDir);
    const warm: number[] = [];
    for (let run = 0; run < 3; run++) {
      began = performance.now();
      await draftBudget(database, actor, { year, region: PROVINCE });
      warm.push(seconds(began));
    }
    const split = await timeSplit(database, dataDir, actor, year, lastMonth);
    const { lines: linesDrafted, byModel, byFrequency } = modelsChosen(draft);
    return {
      counties, funds: draft.tables.length, historyMonths: { from: months[0], to: lastMonth, count: months.length }, year,
      setup: { seconds: setupSeconds, entries, journalLines: lines }, pastFinalAccounts,
      coldSeconds, coldCpuSeconds, medianSeconds: warm.sort((a, b) => a - b)[1], runsSeconds: warm,
      goalSeconds: DRAFT_GOAL_SECONDS, meetsGoal: coldSeconds <= DRAFT_GOAL_SECONDS,
      linesDrafted, linesByModel: byModel, linesByFrequency: byFrequency,
      whereTheTimeGoes: { ...split, forecastingMsPerLine: Math.round((split.forecastingSeconds * 1000 / linesDrafted) * 100) / 100 },
      loadAverageBeforeDraft: loadAverage,
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run() {
  const start = provinceStart();
  const assumptions = projectionAssumptions(getParameters(), { poolingRegion: '990000', baseYear: BASE_YEAR, years: YEARS, overrides: scenarios.reform, newPensionRatio: parseDecimal('0.45') });
  const time = () => { const began = performance.now(); const projection = projectPensionFund(start, assumptions); return { ms: performance.now() - began, projection }; };
  const cold = time();
  const warm = Array.from({ length: 10 }, () => time().ms).sort((a, b) => a - b);
  const median = (warm[4] + warm[5]) / 2;
  const last = cold.projection.years[YEARS - 1];
  return {
    projection: {
      years: YEARS,
      contributors: start.contributors.reduce((total, row) => total + row.count, 0),
      pensioners: start.pensioners.reduce((total, row) => total + row.count, 0),
      coldMs: Math.round(cold.ms * 10) / 10,
      medianMs: Math.round(median * 10) / 10,
      goalMs: GOAL_MS,
      meetsGoal: cold.ms <= GOAL_MS,
      depletionYear: cold.projection.depletionYear,
      lastYear: { year: last.year, contributors: last.contributors, pensioners: last.pensioners, accumulatedBalance: last.accumulatedBalance },
    },
    provinceDraft: await provinceDraft(),
  };
}

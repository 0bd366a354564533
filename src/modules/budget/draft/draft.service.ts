/**
 * `draftBudget`: next year's budget tables of a region's funds (社预02–08 per fund, 社预01 their sum) drafted from the
 * cash-basis ledger and the funds' past final accounts (../history/; ./draft.calc.ts says how). The actuals end with the last complete month (the month before today
 * in China); the budget year must come after it. A fund of the region is one whose pooling region is the region or
 * lies below it; a ledger book with no budget table (职业年金) is left out.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { draftRules as say } from '../budget.messages.ts';
import { budgetChartFor, forecastLines, schemeTable, type SchemeTable } from './budget-chart.ts';
import { formatYuan } from '../../../platform/money.ts';
import {
  annualActuals, BASE_DATA_TABLES, baseDataYears, draftMonths, draftTable, nextMonth, summaryTable, tableAnnualSeries, tableSeries,
  type BaseDataYear, type DraftMonths, type DraftTable, type FundActuals, type FundDrivers,
} from './draft.calc.ts';
import { BENEFIT_ROWS, monthlyIndexation, monthlyRates } from './draft.parameters.ts';
import * as repository from './draft.repository.ts';
import { forecastFundsLines } from './line-forecast.pool.ts';
import { pastFinalAccounts } from '../history/history.service.ts';

export interface FundDraft extends DraftTable { fund: string; fundName: string; region: string }

/** 社预附01–03: a fund's base data. */
export interface FundBaseData { fund: string; fundName: string; insurance: string; table: string; years: BaseDataYear[] }

export interface BudgetDraft {
  year: number;
  region: string;
  regionName: string | null;
  /** The last month whose actuals the draft reads. */
  lastActualMonth: string;
  chart: { year: number; reference: string };
  tables: FundDraft[];
  baseData: FundBaseData[];
  summary: { table: string; tableName: string } & ReturnType<typeof summaryTable>;
}

/** The month before `day`'s month: the last complete month of actuals. */
export function lastCompleteMonth(day: string): string {
  const [year, month] = day.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** A fund's movements as actuals: income and expense per subject and month, and its balance at the end of them. */
export function actualsOf(movements: readonly repository.MovementRow[]): FundActuals {
  const amounts = new Map<string, Map<string, bigint>>();
  let balanceAtLastMonth = 0n;
  for (const row of movements) {
    // 基金结余 and the year's income less expense together are what the fund holds (credit-positive)
    balanceAtLastMonth += row.credit - row.debit;
    if (row.role === 'fund_balance') continue;
    const amount = row.role === 'revenue' ? row.credit - row.debit : row.debit - row.credit;
    const months = amounts.get(row.subject!) ?? new Map<string, bigint>();
    months.set(row.period, (months.get(row.period) ?? 0n) + amount);
    amounts.set(row.subject!, months);
  }
  return { amounts, balanceAtLastMonth };
}

/** The drivers read for every fund of the draft, per fund code and month. */
interface DriverReadings { contributors: Map<string, repository.DriverRow>; recipients: Map<string, repository.DriverRow> }

async function readDrivers(tx: Tx, fundCodes: string[], firstMonth: string, lastMonth: string): Promise<DriverReadings> {
  const keyed = (rows: repository.DriverRow[]) => new Map(rows.map((row) => [`${row.fund_code} ${row.period}`, row]));
  // one transaction, one connection: the queries one after the other
  const contributors = await repository.contributorsPerMonth(tx, fundCodes, firstMonth, lastMonth);
  const pensioners = await repository.pensionersPerMonth(tx, fundCodes, firstMonth, lastMonth);
  const claimants = await repository.unemploymentClaimantsPerMonth(tx, fundCodes, firstMonth, lastMonth);
  return { contributors: keyed(contributors), recipients: keyed([...pensioners, ...claimants]) };
}

/** A fund's drivers over the draft's months: counts and averages over the actual months, parameters over all of them. */
function fundDrivers(fund: repository.DraftFundRow, months: DraftMonths, readings: DriverReadings): FundDrivers {
  const all = [...months.actual, ...months.bridge, ...months.budget];
  const series = (rows: Map<string, repository.DriverRow>) => {
    const found = months.actual.map((month) => rows.get(`${fund.code} ${month}`));
    return { persons: found.map((row) => row?.persons ?? 0), average: found.map((row) => (row && row.persons > 0 ? Number(row.total) / row.persons : 0)) };
  };
  const contributors = series(readings.contributors);
  const row = BENEFIT_ROWS[fund.insurance];
  const recipients = series(readings.recipients);
  return {
    contributors: contributors.persons, averageBase: contributors.average, rate: monthlyRates(fund.insurance, fund.region_code, all),
    benefit: row ? {
      row, recipients: recipients.persons, averageAmount: recipients.average,
      indexation: monthlyIndexation(fund.insurance, fund.region_code, all),
    } : null,
  };
}

/** Ledger subjects with actuals that no line of the table sums: their money would be missing from the draft. */
function unmappedActuals(table: SchemeTable, actuals: FundActuals): string[] {
  const mapped = new Set([...table.income, ...table.expense].flatMap(forecastLines).flatMap((line) => line.subjects));
  return [...actuals.amounts.keys()].filter((subject) => !mapped.has(subject));
}

/** The year and region of a request, each refusal naming its field. */
function checkedYearAndRegion(input: { year: string | number; region: string }): { year: number; region: string } {
  const yearText = String(input.year);
  if (!/^\d{4}$/.test(yearText)) throw invalid('year', say.yearShape({ value: yearText }));
  if (!/^\d{6}$/.test(input.region)) throw invalid('region', say.regionShape({ value: input.region }));
  return { year: Number(yearText), region: input.region };
}

/** The region's funds that have a table in the chart, each with it. */
async function budgetedFunds(tx: Tx, chart: ReturnType<typeof budgetChartFor>, region: string) {
  return (await repository.fundsWithin(tx, scopePrefix(region)))
    .map((fund) => ({ fund, table: schemeTable(chart, fund.insurance) }))
    .filter((entry): entry is { fund: repository.DraftFundRow; table: SchemeTable } => entry.table !== undefined);
}

export async function draftBudget(database: DatabaseHandle, actor: Actor, input: { year: string | number; region: string }): Promise<BudgetDraft> {
  const { year } = checkedYearAndRegion(input);
  const lastMonth = lastCompleteMonth(todayInChina());
  const lastYear = Number(lastMonth.slice(0, 4));
  if (year <= lastYear) throw invalid('year', say.yearNotAfterActuals({ lastYear, lastMonth }));
  const chart = budgetChartFor(year);

  return inScope(database, actor, async (tx) => {
    const funds = await budgetedFunds(tx, chart, input.region);
    if (!funds.length) throw invalid('region', say.noFund({ region: input.region }));
    const fundIds = funds.map(({ fund }) => fund.id);
    const firstMonths = await repository.firstMonths(tx, fundIds);
    const movements = await repository.nominalMovements(tx, fundIds, lastMonth);
    const earliest = [...firstMonths.values()].sort()[0] ?? lastMonth;
    const readings = await readDrivers(tx, funds.map(({ fund }) => fund.code), earliest, lastMonth);
    const pastYears = await pastFinalAccounts(tx, funds.map(({ fund }) => fund));
    const read = funds.map(({ fund, table }) => {
      // a fund with no posting up to the last month has no actual month
      const months = draftMonths(firstMonths.get(fund.id) ?? nextMonth(lastMonth), lastMonth, year);
      if (months.actual.length === 0) {
        throw conflict('region', say.noActuals({ fund: fund.code, lastMonth }));
      }
      const drivers = fundDrivers(fund, months, readings);
      const actuals = { ...actualsOf(movements.filter((row) => row.fund_id === fund.id)), drivers, pastYears: pastYears.get(fund.code) };
      const unmapped = unmappedActuals(table, actuals);
      if (unmapped.length) throw new Error(`budget chart ${chart.year}, ${table.table}: no line sums the ledger subject(s) ${unmapped.join(', ')} of fund ${fund.code}`);
      return { fund, table, months, drivers, actuals };
    });
    // nearly all of a draft's time: every line's models fitted at each backtest origin, on every core; the annual series
    // end with Y−1, whose months still to come the monthly forecasts give
    const forecasts = await forecastFundsLines(read.map(({ table, actuals, months }) => tableSeries(table, actuals, months)));
    const annualForecasts = await forecastFundsLines(read.map(({ table, actuals, months }, index) => tableAnnualSeries(table, actuals, months, forecasts[index])));
    const drafted = read.map(({ fund, table, months, drivers, actuals }, index) => {
      const draft: FundDraft = { fund: fund.code, fundName: fund.name, region: fund.region_code, ...draftTable(table, actuals, months, forecasts[index], annualForecasts[index]) };
      const baseTable = BASE_DATA_TABLES[fund.insurance];
      const baseData: FundBaseData | null = baseTable ? { fund: fund.code, fundName: fund.name, insurance: fund.insurance, table: baseTable, years: baseDataYears(drivers, months, actuals.pastYears) } : null;
      return { draft, baseData };
    });
    const tables = drafted.map((entry) => entry.draft);
    return {
      year, region: input.region, regionName: (await repository.regionName(tx, input.region))?.name ?? null, lastActualMonth: lastMonth,
      chart: { year: chart.year, reference: chart.reference }, tables,
      baseData: drafted.flatMap((entry) => (entry.baseData ? [entry.baseData] : [])).sort((a, b) => a.table.localeCompare(b.table) || a.fund.localeCompare(b.fund)),
      summary: { table: chart.summary.table, tableName: chart.summary.name, ...summaryTable(tables) },
    };
  });
}

/**
 * What the ledger holds for each line of the region's fund tables (the chart of `year`), per calendar year from the
 * fund's go-live to the last complete month, after the fund's past final accounts: the history beside a budget
 * version's lines (the workbench's chart). A year with months still to come says how many are actual; each year says
 * its source; no forecast is made.
 */
export async function lineActuals(database: DatabaseHandle, actor: Actor, input: { year: string | number; region: string }) {
  const { year, region } = checkedYearAndRegion(input);
  const lastMonth = lastCompleteMonth(todayInChina());
  const chart = budgetChartFor(year);
  return inScope(database, actor, async (tx) => {
    const funds = await budgetedFunds(tx, chart, region);
    const fundIds = funds.map(({ fund }) => fund.id);
    const firstMonths = await repository.firstMonths(tx, fundIds);
    const movements = await repository.nominalMovements(tx, fundIds, lastMonth);
    const pastYears = await pastFinalAccounts(tx, funds.map(({ fund }) => fund));
    return {
      year, region, chartYear: chart.year, lastActualMonth: lastMonth,
      funds: funds.map(({ fund, table }) => {
        const months = draftMonths(firstMonths.get(fund.id) ?? nextMonth(lastMonth), lastMonth, year).actual;
        return {
          fund: fund.code, table: table.table,
          lines: annualActuals(table, { ...actualsOf(movements.filter((row) => row.fund_id === fund.id)), pastYears: pastYears.get(fund.code) }, months).map((line) => ({
            ...line, years: line.years.map((annual) => ({ year: annual.year, amount: formatYuan(annual.amount), actualMonths: annual.actualMonths, source: annual.source })),
          })),
        };
      }),
    };
  });
}

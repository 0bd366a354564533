/**
 * 预算草案: next year's fund budget table drafted from the fund's cash-basis actuals and its past final accounts (pure;
 * the service reads them).
 *
 * - Monthly series: each line's monthly amounts from the fund's first month in the ledger (go-live) to the last
 *   complete month, forecast by the forecasting engine (../forecast/forecast.calc.ts: naive, seasonal naive, drift,
 *   linear trend, ETS, each backtested, naive kept unless beaten); a fund just gone live, with fewer months than a
 *   backtest needs, carries its last month forward (naive, unjudged: no backtest to show).
 * - The months from the last actual one to the end of Y−1 (the bridge) and the twelve months of Y are forecast
 *   together; without an annual series (below) a line's amount for Y is the sum of its twelve months, rounded to the
 *   fen once. A forecast month below zero counts as zero: an income or expense line is money received or paid.
 * - Annual series, where the fund has past final accounts (历年决算, imported: ../history/): per line, each year from
 *   the first imported one to Y−1, oldest first — a year whose twelve months the ledger holds (actual months plus the
 *   bridge's forecast of the rest) as the ledger has it; otherwise the year's final accounts; otherwise, for the
 *   go-live year that neither holds whole, its ledger months plus the months before go-live at the previous year's
 *   monthly average (naive: only the past and the year's own months, nothing later); a year with none of these breaks
 *   the series and only the unbroken run ending with Y−1 counts. A line with at least MINIMUM_HISTORY points is
 *   forecast on its annual series, one year ahead, and its amount for Y is that forecast (rounded to the fen once,
 *   never below zero): the budget is an annual amount, and the annual backtest judges every model by its one-year-ahead
 *   error on the line's own years — ten of them where the monthly series holds two or three, too few to see a trend
 *   across years. The monthly forecast still makes the bridge (Y−1's last point and 上年滚存结余); the line's
 *   actuarial model is monthly, so it drafts only lines without an annual series (docs/decisions.md, "The budget
 *   draft reads the past final accounts").
 * - Annualised history per line: the past final accounts of the years the ledger does not hold whole, then the
 *   ledger's years as posted, a year with months still to come as its actual months plus the forecast of the rest
 *   (rounded once per year); each year says its source.
 * - Actuarial lines (./actuarial.calc.ts): where the fund has drivers, 社会保险费收入 and the 其中 row the benefit
 *   drivers make (基本养老金, 失业保险金) also get the actuarial model, backtested beside the others and chosen only
 *   when it beats naive; a line drafted by it states its drivers for the budget year.
 * - Base data (社预附01–03): each year's contributors, average base, recipients and average benefit — the past final
 *   accounts' years before go-live as imported, the actual months' monthly averages — and the budget year's projected
 *   drivers.
 * - Identities (财社〔2017〕144号): 本年收支结余 = 收入合计 − 支出合计; 年末滚存结余 = 上年滚存结余 + 本年收支结余, where
 *   上年滚存结余 is the fund balance at the end of the last actual month plus the bridge's forecast income less its
 *   forecast expense (each line's bridge rounded once per year). All sums in fen, exact.
 */
import { MINIMUM_HISTORY, type ForecastResult, type Frequency, type ModelName } from '../forecast/forecast.calc.ts';
import { benefitSteps, contributionSteps, drift, growth, type BenefitDrivers, type ContributionDrivers, type LineDrivers } from './actuarial.calc.ts';
import { itemSubject } from '../versions/versions.calc.ts';
import { forecastLines, type BudgetLine, type SchemeTable } from './budget-chart.ts';
import { forecastFundLines, type LineSeries } from './line-forecast.calc.ts';

/** A fund's actuals as the ledger holds them. */
export interface FundActuals {
  /** Fen per ledger subject and month: income lines credit − debit, expense lines debit − credit. */
  amounts: ReadonlyMap<string, ReadonlyMap<string, bigint>>;
  /** 基金结余 at the end of the last actual month: the fund balance brought forward plus income less expense since. */
  balanceAtLastMonth: bigint;
  /** The fund's drivers from the registry and the benefit tables (none: every line forecast on its own series). */
  drivers?: FundDrivers;
  /** The fund's past final accounts, oldest year first (none: every line forecast on its monthly series). */
  pastYears?: readonly PastYear[];
}

/**
 * A year of a fund's past final accounts: each line's and 其中 row's amount (fen) by subject as a version names it (a row
 * `<line>.<row>`), and its base data where the file gave it (persons; the average base in fen a month).
 */
export interface PastYear {
  year: number; amounts: ReadonlyMap<string, bigint>;
  base?: { contributors: number | null; retirees: number | null; averageBase: bigint | null };
}

/** A fund's drivers per month; counts and amounts over the actual months, parameters over every month of the draft. */
export interface FundDrivers {
  /** Persons billed in the month for the fund's insurance. */
  contributors: readonly number[];
  /** Fen: their billed bases ÷ contributors (0 when nobody was billed). */
  averageBase: readonly number[];
  /** The contribution rate in force per month (actual, bridge, budget); null where no single rate applies (work injury). */
  rate: readonly number[] | null;
  /** Pensioners paid in the month and their average pension, or unemployment claimants and their average benefit. */
  benefit: { row: string; recipients: readonly number[]; averageAmount: readonly number[]; indexation: readonly number[] } | null;
}

/** The budget year's drivers of a line the actuarial model drafted: monthly means over the twelve months, amounts per person weighted by the persons. */
export type ActuarialDrivers =
  | { contributors: number; averageBase: bigint; rate: number; collectionRate: number }
  | { recipients: number; averageAmount: bigint; indexation: number };

/** The months a draft reads and forecasts (YYYY-MM, oldest first). */
export interface DraftMonths { actual: string[]; bridge: string[]; budget: string[] }

/** Where a year's amount comes from: the ledger (cash-basis actuals), or the imported past final accounts (a whole year: 12 months). */
export type AnnualSource = 'ledger' | 'final_accounts';

export interface AnnualAmount { year: number; amount: bigint; actualMonths: number; source: AnnualSource }

export interface LineBacktest { origins: number; mape: number | null; mase: number | null; naiveMape: number | null; naiveMase: number | null }

export interface DraftLine {
  subject: string;
  name: string;
  amount: bigint;
  /** The model behind a line forecast on its own (a line with 其中 rows sums theirs). */
  model?: ModelName;
  /** The series the model was chosen on: annual (past final accounts and the ledger's years) or monthly (the ledger's months). */
  frequency?: Frequency;
  beatsNaive?: boolean;
  /** When the model is actuarial: its drivers in the budget year. */
  drivers?: ActuarialDrivers;
  backtest?: LineBacktest | null;
  /** The line's annualised history up to Y−1, the past final accounts first. */
  history: AnnualAmount[];
  items?: DraftLine[];
}

export interface DraftTable {
  scheme: string; table: string; tableName: string;
  income: DraftLine[]; expense: DraftLine[];
  totalIncome: bigint; totalExpense: bigint; balance: bigint;
  previousAccumulatedBalance: bigint; accumulatedBalance: bigint;
}

/** The months of a draft for `year` when the last actual month is `lastMonth` and the fund started in `firstMonth`. */
export function draftMonths(firstMonth: string, lastMonth: string, year: number): DraftMonths {
  const months = (from: string, to: string) => {
    const list: string[] = [];
    for (let month = from; month <= to; month = nextMonth(month)) list.push(month);
    return list;
  };
  return { actual: months(firstMonth, lastMonth), bridge: months(nextMonth(lastMonth), `${year - 1}-12`), budget: months(`${year}-01`, `${year}-12`) };
}

export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

const fen = (value: number) => BigInt(Math.round(value));
const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);
const total = (values: readonly number[]) => values.reduce((result, value) => result + value, 0);
const yearOf = (month: string) => Number(month.slice(0, 4));

interface Forecasted { line: DraftLine; bridge: bigint }

const average = (values: readonly number[]) => total(values) / values.length;
/** A rate worked out in floating point, to ten decimals (parameters have at most six). */
const decimal = (value: number) => Number(value.toFixed(10));

/** The budget year's drivers as the actuarial model projects them (the months after the bridge). */
function budgetYearDrivers(drivers: LineDrivers, monthly: readonly number[], months: DraftMonths): ActuarialDrivers {
  const horizon = months.bridge.length + months.budget.length;
  if (drivers.kind === 'benefit') {
    const year = benefitSteps(drivers, monthly.length, horizon).slice(months.bridge.length);
    return {
      recipients: Math.round(average(year.map((step) => step.recipients))),
      averageAmount: weightedMean(year.map((step) => step.recipients), year.map((step) => step.averageAmount)),
      indexation: decimal(drivers.indexation.slice(monthly.length + months.bridge.length).reduce((factor, rate) => factor * (1 + rate), 1) - 1),
    };
  }
  const year = contributionSteps(drivers, monthly, horizon)!.slice(months.bridge.length);
  return {
    contributors: Math.round(average(year.map((step) => step.contributors))),
    averageBase: weightedMean(year.map((step) => step.contributors), year.map((step) => step.averageBase)),
    rate: decimal(average(year.map((step) => step.rate))), collectionRate: year[0].collectionRate,
  };
}

/** A line's amounts per actual month. */
const monthlyOf = (line: BudgetLine, actuals: FundActuals, months: DraftMonths) =>
  months.actual.map((month) => sum(line.subjects.map((subject) => actuals.amounts.get(subject)?.get(month) ?? 0n)));

/** The lines the draft of a table forecasts on their own, in order: income, then expense, a line with 其中 rows by its rows. */
function forecastUnits(table: SchemeTable, drivers: FundDrivers | undefined): { line: BudgetLine; subject: string; drivers?: LineDrivers }[] {
  return [...table.income, ...table.expense].flatMap((line) => forecastLines(line).map((unit) => ({
    line: unit, subject: line.items ? itemSubject(line.line, unit.line) : unit.line,
    drivers: line.items ? lineDrivers(drivers, line.line, unit.line) : lineDrivers(drivers, line.line),
  })));
}

/**
 * The series of each line the draft of the table forecasts, in the order `draftTable` takes their forecasts; null for
 * a line with fewer months than a backtest needs (a fund just gone live: naive, the last month carried forward, unjudged).
 */
export function tableSeries(table: SchemeTable, actuals: FundActuals, months: DraftMonths): (LineSeries | null)[] {
  const horizon = months.bridge.length + months.budget.length;
  return forecastUnits(table, actuals.drivers).map(({ line, drivers }) => {
    const monthly = monthlyOf(line, actuals, months);
    return monthly.length >= MINIMUM_HISTORY ? { values: monthly.map(Number), horizon, ...(drivers ? { drivers } : {}) } : null;
  });
}

/** A calendar year of a line in the ledger: its actual months summed, and the bridge's forecast of its months still to come (rounded once). */
interface LedgerYear { year: number; actual: bigint; actualMonths: number; bridgeMonths: number; rest: bigint }

const wholeInLedger = (entry: LedgerYear) => entry.actualMonths + entry.bridgeMonths === 12;

/** The line's forecast months, bridge then budget year (`result` null: too short a history, its last month carried forward), none below zero. */
function monthlyForecast(monthly: readonly bigint[], months: DraftMonths, result: ForecastResult | null): number[] {
  const horizon = months.bridge.length + months.budget.length;
  return result ? result.forecast.map((point) => Math.max(0, point.value)) : Array.from({ length: horizon }, () => Math.max(0, Number(monthly.at(-1) ?? 0n)));
}

/** The line's calendar years of the actual months and the bridge. */
function ledgerYears(monthly: readonly bigint[], months: DraftMonths, forecast: readonly number[]): LedgerYear[] {
  const bridgeForecast = forecast.slice(0, months.bridge.length);
  return [...new Set([...months.actual, ...months.bridge].map(yearOf))].map((year) => ({
    year,
    actual: sum(monthly.filter((_, index) => yearOf(months.actual[index]) === year)),
    actualMonths: months.actual.filter((month) => yearOf(month) === year).length,
    bridgeMonths: months.bridge.filter((month) => yearOf(month) === year).length,
    rest: fen(total(bridgeForecast.filter((_, index) => yearOf(months.bridge[index]) === year))),
  }));
}

/**
 * The line's annual series (fen, oldest first) from the past final accounts to `lastYear` (Y−1), as the header says:
 * the ledger's whole years, else the final accounts, else the go-live year completed at the previous year's monthly
 * average; the unbroken run of years ending with `lastYear` (empty without past final accounts).
 */
function annualSeries(subject: string, pastYears: readonly PastYear[], ledger: readonly LedgerYear[], lastYear: number): bigint[] {
  const values: bigint[] = [];
  for (let year = pastYears[0]?.year ?? lastYear + 1; year <= lastYear; year++) {
    const inLedger = ledger.find((entry) => entry.year === year);
    const past = pastYears.find((entry) => entry.year === year);
    const previous = values.at(-1);
    if (inLedger && wholeInLedger(inLedger)) values.push(inLedger.actual + inLedger.rest);
    else if (past) values.push(past.amounts.get(subject) ?? 0n);
    else if (inLedger && previous !== undefined) {
      const monthsBeforeGoLive = 12 - inLedger.actualMonths - inLedger.bridgeMonths;
      values.push(inLedger.actual + inLedger.rest + fen((Number(previous) * monthsBeforeGoLive) / 12));
    } else values.length = 0;
  }
  return values;
}

/** The line's years for the officer: the past final accounts of the years the ledger does not hold whole, then the ledger's years. */
function lineHistory(subject: string, pastYears: readonly PastYear[], ledger: readonly LedgerYear[]): AnnualAmount[] {
  const past = pastYears.filter((entry) => !ledger.some((year) => year.year === entry.year && wholeInLedger(year)));
  return [
    ...past.map((entry): AnnualAmount => ({ year: entry.year, amount: entry.amounts.get(subject) ?? 0n, actualMonths: 12, source: 'final_accounts' })),
    ...ledger.filter((year) => !past.some((entry) => entry.year === year.year))
      .map((year): AnnualAmount => ({ year: year.year, amount: year.actual + year.rest, actualMonths: year.actualMonths, source: 'ledger' })),
  ].sort((a, b) => a.year - b.year);
}

/**
 * The annual series of each line the draft of the table forecasts, in `tableSeries`'s order, from the monthly
 * forecasts of `tableSeries` (the bridge completes Y−1); null for a line with fewer than MINIMUM_HISTORY annual points
 * (a fund without past final accounts: every line), which is drafted on its monthly series.
 */
export function tableAnnualSeries(table: SchemeTable, actuals: FundActuals, months: DraftMonths, forecasts: readonly (ForecastResult | null)[]): (LineSeries | null)[] {
  const pastYears = actuals.pastYears ?? [];
  const lastYear = yearOf(months.budget[0]) - 1;
  return forecastUnits(table, actuals.drivers).map(({ line, subject }, index) => {
    if (!pastYears.length) return null;
    const monthly = monthlyOf(line, actuals, months);
    const values = annualSeries(subject, pastYears, ledgerYears(monthly, months, monthlyForecast(monthly, months, forecasts[index])), lastYear);
    return values.length >= MINIMUM_HISTORY ? { values: values.map(Number), horizon: 1, frequency: 'annual' } : null;
  });
}

/**
 * One line drafted from its forecasts (`forecastLineSeries` of its series): the monthly one (null: too short a history)
 * makes the bridge, and the budget year unless the line has an annual one (null: none), which then makes the budget year.
 */
function forecastLine(line: BudgetLine, subject: string, actuals: FundActuals, months: DraftMonths, drivers: LineDrivers | undefined, result: ForecastResult | null, annual: ForecastResult | null): Forecasted {
  const monthly = monthlyOf(line, actuals, months);
  const forecast = monthlyForecast(monthly, months, result);
  const years = ledgerYears(monthly, months, forecast);
  const judged = annual ?? result;
  const chosen = judged?.models.find((model) => model.name === judged.chosen);
  const naive = judged?.models.find((model) => model.name === 'naive');
  return {
    line: {
      subject: line.line, name: line.name,
      amount: annual ? fen(Math.max(0, annual.forecast[0].value)) : fen(total(forecast.slice(months.bridge.length))),
      model: judged?.chosen ?? 'naive', frequency: annual ? 'annual' : 'monthly', beatsNaive: judged?.beatsNaive ?? false,
      ...(!annual && result?.chosen === 'actuarial' ? { drivers: budgetYearDrivers(drivers!, monthly.map(Number), months) } : {}),
      backtest: chosen?.backtest ? {
        origins: chosen.backtest.origins, mape: chosen.backtest.mape, mase: chosen.backtest.mase, naiveMape: naive!.backtest!.mape, naiveMase: naive!.backtest!.mase,
      } : null,
      history: lineHistory(subject, actuals.pastYears ?? [], years),
    },
    bridge: sum(years.map((year) => year.rest)),
  };
}

/** The actuarial drivers of 社会保险费收入 and of the 其中 row the benefit drivers make, where the fund has them. */
function lineDrivers(drivers: FundDrivers | undefined, line: string, row?: string): LineDrivers | undefined {
  if (!drivers) return undefined;
  if (line === 'premium_income' && row === undefined && drivers.rate) {
    return { kind: 'contribution', contributors: drivers.contributors, averageBase: drivers.averageBase, rate: drivers.rate } satisfies ContributionDrivers;
  }
  if (line === 'benefit_expense' && drivers.benefit && row === drivers.benefit.row) {
    return { kind: 'benefit', recipients: drivers.benefit.recipients, averageAmount: drivers.benefit.averageAmount, indexation: drivers.benefit.indexation } satisfies BenefitDrivers;
  }
  return undefined;
}

/** A budget line: forecast on its own, or (社会保险待遇支出) the sum of its 其中 rows, each forecast on its own; `next` drafts the next unit. */
function draftLine(line: BudgetLine, next: () => Forecasted): Forecasted {
  if (!line.items) return next();
  const items = line.items.map(() => next());
  const history = items[0].line.history.map((annual, index) => ({ ...annual, amount: sum(items.map((item) => item.line.history[index].amount)) }));
  return {
    line: { subject: line.line, name: line.name, amount: sum(items.map((item) => item.line.amount)), history, items: items.map((item) => item.line) },
    bridge: sum(items.map((item) => item.bridge)),
  };
}

/**
 * The draft of one fund's table for the budget year of `months`. `forecasts` are those of `tableSeries`, and
 * `annualForecasts` those of `tableAnnualSeries` (the service makes them on every core, ./line-forecast.pool.ts);
 * without them they are made here, one after the other.
 */
export function draftTable(
  table: SchemeTable, actuals: FundActuals, months: DraftMonths, forecasts?: readonly (ForecastResult | null)[], annualForecasts?: readonly (ForecastResult | null)[],
): DraftTable {
  const units = forecastUnits(table, actuals.drivers);
  const results = forecasts ?? forecastFundLines(tableSeries(table, actuals, months));
  if (results.length !== units.length) throw new RangeError(`${table.table}: ${results.length} forecasts for ${units.length} lines`);
  const annualResults = annualForecasts ?? forecastFundLines(tableAnnualSeries(table, actuals, months, results));
  if (annualResults.length !== units.length) throw new RangeError(`${table.table}: ${annualResults.length} annual forecasts for ${units.length} lines`);
  let index = 0;
  const next = () => {
    const { line, subject, drivers } = units[index];
    return forecastLine(line, subject, actuals, months, drivers, results[index], annualResults[index++]);
  };
  const income = table.income.map((line) => draftLine(line, next));
  const expense = table.expense.map((line) => draftLine(line, next));
  const totalIncome = sum(income.map((line) => line.line.amount));
  const totalExpense = sum(expense.map((line) => line.line.amount));
  const previousAccumulatedBalance = actuals.balanceAtLastMonth + sum(income.map((line) => line.bridge)) - sum(expense.map((line) => line.bridge));
  const balance = totalIncome - totalExpense;
  return {
    scheme: table.scheme, table: table.table, tableName: table.name,
    income: income.map((line) => line.line), expense: expense.map((line) => line.line),
    totalIncome, totalExpense, balance, previousAccumulatedBalance, accumulatedBalance: previousAccumulatedBalance + balance,
  };
}

/** A line's (or 其中 row's, subject `<line>.<row>` as a version names it) actuals per calendar year. */
export interface LineActuals { side: 'income' | 'expense'; subject: string; years: AnnualAmount[] }

/**
 * Each line and 其中 row of the table summed per calendar year of `months` (the actual months, oldest first); a year
 * only partly among them says how many of its months are actual. A line with 其中 rows sums their subjects (the chart
 * lists them on the line too). The fund's past final accounts come first, for the years the ledger does not hold whole.
 */
export function annualActuals(table: SchemeTable, actuals: FundActuals, months: readonly string[]): LineActuals[] {
  const years = [...new Set(months.map(yearOf))];
  const annual = (subject: string, subjects: readonly string[]): AnnualAmount[] => lineHistory(subject, actuals.pastYears ?? [], years.map((year): LedgerYear => {
    const inYear = months.filter((month) => yearOf(month) === year);
    const actual = sum(inYear.flatMap((month) => subjects.map((entry) => actuals.amounts.get(entry)?.get(month) ?? 0n)));
    return { year, actual, actualMonths: inYear.length, bridgeMonths: 0, rest: 0n };
  }));
  const sides = [['income', table.income], ['expense', table.expense]] as const;
  return sides.flatMap(([side, lines]) => lines.flatMap((line) => [
    { side, subject: line.line, years: annual(line.line, line.subjects) },
    ...(line.items ?? []).map((item) => ({ side, subject: itemSubject(line.line, item.line), years: annual(itemSubject(line.line, item.line), item.subjects) })),
  ]));
}

export interface SummaryLine { subject: string; name: string; amount: bigint }

/**
 * 社预01: the fund tables summed line by line. A line some schemes only have (劳动能力鉴定费支出) takes its place after
 * the line it follows in their table.
 */
export function summaryTable(tables: readonly DraftTable[]) {
  const side = (pick: (table: DraftTable) => DraftLine[]): SummaryLine[] => {
    const lines: SummaryLine[] = [];
    for (const table of tables) pick(table).forEach((line, index) => {
      let row = lines.find((entry) => entry.subject === line.subject);
      if (!row) {
        row = { subject: line.subject, name: line.name, amount: 0n };
        const previous = index === 0 ? -1 : lines.findIndex((entry) => entry.subject === pick(table)[index - 1].subject);
        lines.splice(previous + 1, 0, row);
      }
      row.amount += line.amount;
    });
    return lines;
  };
  const of = (pick: (table: DraftTable) => bigint) => sum(tables.map(pick));
  return {
    income: side((table) => table.income), expense: side((table) => table.expense),
    totalIncome: of((table) => table.totalIncome), totalExpense: of((table) => table.totalExpense), balance: of((table) => table.balance),
    previousAccumulatedBalance: of((table) => table.previousAccumulatedBalance), accumulatedBalance: of((table) => table.accumulatedBalance),
  };
}

/**
 * 社预附01–03 基本数据表 (domain.md "Budget practice" [common]): 附01 the pension funds, 附02 the medical funds, 附03
 * unemployment and work injury. Which rows each table prints in the standard layout is not at hand [check]: sifund
 * prints per fund and year the contributors, the average base and, where the fund pays a monthly benefit, its
 * recipients and average amount.
 */
export const BASE_DATA_TABLES: Readonly<Record<string, string>> = {
  pension: '社预附01', public_pension: '社预附01', resident_pension: '社预附01',
  medical: '社预附02', resident_medical: '社预附02',
  unemployment: '社预附03', work_injury: '社预附03',
};

/** One year of a fund's base data: the past final accounts', monthly averages over its actual months, or the budget year's projected drivers. */
export interface BaseDataYear {
  year: number;
  /** 0 for the budget year (projected); 12 for a year of the past final accounts. */
  actualMonths: number;
  source: 'final_accounts' | 'ledger' | 'projected';
  contributors: number;
  /** Fen a month. */
  averageBase: bigint;
  recipients: number | null;
  averageAmount: bigint | null;
}

/** Fen per person, weighted by each month's persons (0 when there were none). */
function weightedMean(persons: readonly number[], amounts: readonly number[]): bigint {
  const count = total(persons);
  return count > 0 ? fen(total(persons.map((number, index) => number * amounts[index])) / count) : 0n;
}

/**
 * A fund's base data per year: the years before the actual months whose past final accounts give the contributors and
 * the average base (their 离退休人数 / 领取失业保险金人数 as the recipients where the fund pays a monthly benefit; the
 * average benefit is not in the file), each year of the actual months (contributors and recipients the mean of the
 * months, the average base and benefit weighted by the persons of each month), then the budget year's drivers
 * projected as the actuarial models project them (contributors and recipients by drift, the base by its growth, the
 * benefit with the indexation taking effect in the bridge or the year).
 */
export function baseDataYears(drivers: FundDrivers, months: DraftMonths, pastYears: readonly PastYear[] = []): BaseDataYear[] {
  const observed = months.actual.length;
  const weighted = (counts: readonly number[], amounts: readonly number[], indexes: readonly number[]) =>
    weightedMean(indexes.map((index) => counts[index]), indexes.map((index) => amounts[index]));
  const past = pastYears.flatMap(({ year, base }): BaseDataYear[] => (
    year < yearOf(months.actual[0]) && base?.contributors != null && base.averageBase != null
      ? [{ year, actualMonths: 12, source: 'final_accounts', contributors: base.contributors, averageBase: base.averageBase, recipients: drivers.benefit ? base.retirees : null, averageAmount: null }]
      : []));
  const history = [...new Set(months.actual.map(yearOf))].map((year): BaseDataYear => {
    const indexes = months.actual.flatMap((month, index) => (yearOf(month) === year ? [index] : []));
    const benefit = drivers.benefit;
    return {
      year, actualMonths: indexes.length, source: 'ledger',
      contributors: Math.round(average(indexes.map((index) => drivers.contributors[index]))),
      averageBase: weighted(drivers.contributors, drivers.averageBase, indexes),
      recipients: benefit ? Math.round(average(indexes.map((index) => benefit.recipients[index]))) : null,
      averageAmount: benefit ? weighted(benefit.recipients, benefit.averageAmount, indexes) : null,
    };
  });
  const budgetSteps = months.budget.map((_, index) => months.bridge.length + index + 1);
  const benefit = drivers.benefit
    ? benefitSteps({ kind: 'benefit', ...drivers.benefit }, observed, months.bridge.length + months.budget.length).slice(months.bridge.length)
    : null;
  const contributors = budgetSteps.map((step) => drift(drivers.contributors, step));
  const bases = budgetSteps.map((step) => growth(drivers.averageBase, step));
  return [...past, ...history, {
    year: yearOf(months.budget[0]), actualMonths: 0, source: 'projected',
    contributors: Math.round(average(contributors)),
    averageBase: weightedMean(contributors, bases),
    recipients: benefit ? Math.round(average(benefit.map((step) => step.recipients))) : null,
    averageAmount: benefit ? weightedMean(benefit.map((step) => step.recipients), benefit.map((step) => step.averageAmount)) : null,
  }];
}

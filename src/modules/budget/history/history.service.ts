/**
 * Past final accounts (历年决算, issue 13 "History"): the years of a fund before it went live in sifund, imported in the
 * standard table layout through the kernel's import pipeline (all rows or none, every bad row listed with its column,
 * the same file twice applied once, CSV in UTF-8/GB18030 or XLSX, Chinese or English headers), read back per region,
 * and joined with the ledger's complete years for the draft (`annualHistory`).
 *
 * The layout: one row per fund, year and line — 年度/year, 险种/scheme, 统筹区/region, 科目编码/subject,
 * 科目名称/name (not checked: offices word it their way), 决算数/amount. The subject is a line of the year's budget
 * chart (premium_income … benefit_expense.basic_pension …), a total (total_income, total_expense, balance) or base
 * data in the same column: contributors and retirees (persons, whole), average_base (yuan per month).
 * A year the fund has in the ledger (its go-live year or later) is refused: the ledger's actuals are the truth there.
 * Each import of a fund-year is a new version of it; every version is kept and the latest counts.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { moreProblems, registerFields, runImport, tableReader, type CheckedTable, type ImportDefinition, type ImportFile, type ImportSchema } from '../../../platform/imports/index.ts';
import { budgetChartFor, schemeTable, type BudgetChart, type SchemeTable } from '../draft/budget-chart.ts';
import { annualActuals, nextMonth, type PastYear } from '../draft/draft.calc.ts';
import { actualsOf } from '../draft/draft.service.ts';
import * as draftRepository from '../draft/draft.repository.ts';
import { fundYearTable, historySubjects, identityProblems, storedAmount, type FundYearTable, type GivenValue, type HistorySubject } from './history.calc.ts';
import { historyRules as say } from './history.messages.ts';
import * as repository from './history.repository.ts';

// The standard layout's headers (险种 is the registry's insurances field, 年度 the year other imports read too).
registerFields({
  year: { titles: ['年度'] },
  insurances: { titles: ['险种', 'scheme'] },
  region: { titles: ['统筹区', '统筹地区', '统筹区代码'] },
  subject: { titles: ['科目编码'] },
  name: { titles: ['科目名称'] },
  amount: { titles: ['决算数', '决算金额'] },
});

export const HISTORY_IMPORT_KIND = 'budget_final_accounts';

const historySchema: ImportSchema = {
  kind: HISTORY_IMPORT_KIND,
  columns: [
    { field: 'year', required: true },
    { field: 'insurances', required: true },
    { field: 'region', required: true },
    { field: 'subject', required: true },
    { field: 'name' },
    { field: 'amount', required: true, type: 'amount' },
  ],
};

/** A scheme as a file may name it: its code (pension) or its name as the chart's table title says it (企业职工基本养老保险). */
function schemeOf(chart: BudgetChart, text: string): string | undefined {
  if (chart.schemes[text]) return text;
  return Object.entries(chart.schemes).find(([, entry]) => entry.name.replace(/基金.*$/, '') === text || entry.name.replace(/预算表$/, '') === text)?.[0];
}

interface PreparedYear { fund: repository.FundRow; year: number; chartYear: number; values: { subject: HistorySubject; amount: bigint; row: number }[] }

export interface HistoryImportView { rows: number; fundYears: number; funds: string[]; firstYear: number | null; lastYear: number | null }

const historyImport: ImportDefinition<CheckedTable, PreparedYear[], HistoryImportView> = {
  kind: HISTORY_IMPORT_KIND,
  read: tableReader(historySchema),
  async check(tx, actor, file) {
    const problems = moreProblems(file);
    const thisYear = Number(todayInChina().slice(0, 4));
    const scope = scopePrefix(actor.regionCode);
    const parsed: { row: number; year: number; scheme: string; region: string; subject: HistorySubject; table: SchemeTable; chart: BudgetChart; amount: bigint }[] = [];
    for (const { row, values, valid } of file.rows) {
      if (!valid) continue;
      const yearText = String(values.year), schemeText = String(values.insurances), region = String(values.region), subjectText = String(values.subject);
      if (!/^\d{4}$/.test(yearText)) { problems.add(row, 'year', 'year', say.yearShape({ value: yearText })); continue; }
      const year = Number(yearText);
      if (year >= thisYear) { problems.add(row, 'year', 'year_ended', say.yearNotPast({ year: thisYear, value: year })); continue; }
      const chart = budgetChartFor(year);
      const scheme = schemeOf(chart, schemeText);
      if (!/^\d{6}$/.test(region)) problems.add(row, 'region', 'region_code', say.regionShape({ value: region }));
      if (!scheme) { problems.add(row, 'insurances', 'scheme', say.unknownScheme({ value: schemeText, schemes: Object.keys(chart.schemes).filter((code) => schemeTable(chart, code)).join(', ') })); continue; }
      const table = schemeTable(chart, scheme);
      if (!table) { problems.add(row, 'insurances', 'scheme_table', say.noTable({ scheme: chart.schemes[scheme].name, year })); continue; }
      const subject = historySubjects(table).find((entry) => entry.subject === subjectText);
      if (!subject) problems.add(row, 'subject', 'chart_subject', say.unknownSubject({ year, table: table.table, value: subjectText, subjects: historySubjects(table).map((entry) => entry.subject).join(', ') }));
      if (!subject || !/^\d{6}$/.test(region)) continue;
      parsed.push({ row, year, scheme, region, subject, table, chart, amount: values.amount as bigint });
    }

    const pairs = [...new Map(parsed.map((entry) => [`${entry.scheme}/${entry.region}`, { insurance: entry.scheme, region: entry.region }])).values()];
    const funds = new Map((await repository.fundsOf(tx, pairs)).filter((fund) => fund.region_code.startsWith(scope)).map((fund) => [`${fund.insurance}/${fund.region_code}`, fund]));
    // the fund's go-live: its first month in the ledger (none before it has postings)
    const firstMonths = await draftRepository.firstMonths(tx, [...funds.values()].map((fund) => fund.id));
    const years = new Map<string, PreparedYear & { subjects: HistorySubject[] }>();
    const seen = new Map<string, number>();
    for (const entry of parsed) {
      const fund = funds.get(`${entry.scheme}/${entry.region}`);
      if (!fund) { problems.add(entry.row, 'region', 'fund', say.noFund({ region: entry.region, scheme: entry.chart.schemes[entry.scheme].name })); continue; }
      const goLive = firstMonths.get(fund.id);
      if (goLive && entry.year >= Number(goLive.slice(0, 4))) { problems.add(entry.row, 'year', 'before_go_live', say.yearInLedger({ year: entry.year, fund: fund.code, goLive })); continue; }
      const key = `${fund.id}/${entry.year}`;
      const first = seen.get(`${key}/${entry.subject.subject}`);
      if (first !== undefined) { problems.add(entry.row, 'subject', 'unique_in_file', say.duplicate({ row: first })); continue; }
      seen.set(`${key}/${entry.subject.subject}`, entry.row);
      const fundYear = years.get(key) ?? { fund, year: entry.year, chartYear: entry.chart.year, values: [], subjects: historySubjects(entry.table) };
      fundYear.values.push({ subject: entry.subject, amount: entry.amount, row: entry.row });
      years.set(key, fundYear);
    }
    for (const fundYear of years.values()) {
      const given: GivenValue[] = fundYear.values.map((value) => ({ subject: value.subject.subject, amount: value.amount, row: value.row }));
      for (const problem of identityProblems(fundYear.subjects, given)) {
        const amounts = { expected: problem.expected === undefined ? '' : formatYuan(problem.expected), given: formatYuan(problem.given) };
        const message = problem.rule === 'whole_persons' ? say.wholePersons({ value: amounts.given })
          : problem.rule === 'not_negative' ? say.notNegative()
            : problem.rule === 'benefit_items_sum' ? say.benefitItemsSum({ name: problem.parentName!, ...amounts })
              : problem.rule === 'total_income' ? say.totalIncome(amounts) : problem.rule === 'total_expense' ? say.totalExpense(amounts) : say.balance(amounts);
        problems.add(problem.row, 'amount', problem.rule, message);
      }
    }
    return { prepared: [...years.values()].map(({ subjects: _subjects, ...fundYear }) => fundYear), problems: problems.list };
  },
  async apply(tx, actor, prepared, { importId }) {
    const versions = await repository.latestVersions(tx, [...new Set(prepared.map((entry) => entry.fund.id))]);
    const years = prepared.map((entry) => ({
      id: newId(), region_code: entry.fund.region_code, fund_id: entry.fund.id, year: entry.year, version: (versions.get(`${entry.fund.id}/${entry.year}`) ?? 0) + 1,
      import_id: importId, chart_year: entry.chartYear, imported_by: actor.username,
    }));
    await repository.insertYears(tx, years);
    await repository.insertValues(tx, prepared.flatMap((entry, index) => entry.values.map((value) => ({
      year_id: years[index].id, region_code: entry.fund.region_code, subject: value.subject.subject, kind: value.subject.kind,
      amount: storedAmount(value.subject, value.amount), source_row: value.row,
    }))));
    const yearNumbers = prepared.map((entry) => entry.year);
    const rows = prepared.reduce((total, entry) => total + entry.values.length, 0);
    const result: HistoryImportView = {
      rows, fundYears: prepared.length, funds: [...new Set(prepared.map((entry) => entry.fund.code))].sort(),
      firstYear: yearNumbers.length ? Math.min(...yearNumbers) : null, lastYear: yearNumbers.length ? Math.max(...yearNumbers) : null,
    };
    return { applied: rows, result };
  },
};

/** Imports a file of past final accounts (all rows or none; the same file again answers with its first result). */
export const importFinalAccounts = (database: DatabaseHandle, actor: Actor, file: ImportFile) => runImport(database, actor, historyImport, file, 'apply');

export interface HistoryYear extends FundYearTable { year: number; version: number; importId: bigint; importedAt: Date; chartYear: number }
export interface FundHistory { fund: string; fundName: string; scheme: string; region: string; table: string; tableName: string; years: HistoryYear[] }

/** The latest version of each imported fund-year of the funds, as tables. */
async function historiesOf(tx: Tx, funds: repository.FundRow[]): Promise<FundHistory[]> {
  const values = await repository.latestValues(tx, funds.map((fund) => fund.id));
  return funds.flatMap((fund) => {
    const own = values.filter((value) => value.fund_id === fund.id);
    const years = [...new Set(own.map((value) => value.year))].sort((a, b) => a - b);
    const latestTable = schemeTable(budgetChartFor(years.at(-1) ?? Number(todayInChina().slice(0, 4))), fund.insurance);
    if (!latestTable) return [];
    return [{
      fund: fund.code, fundName: fund.name, scheme: fund.insurance, region: fund.region_code, table: latestTable.table, tableName: latestTable.name,
      years: years.map((year): HistoryYear => {
        const ofYear = own.filter((value) => value.year === year);
        const table = schemeTable(budgetChartFor(year), fund.insurance)!;
        const first = ofYear[0];
        return {
          year, version: first.version, importId: first.import_id, importedAt: first.imported_at, chartYear: first.chart_year,
          ...fundYearTable(historySubjects(table), new Map(ofYear.map((value) => [value.subject, value.amount]))),
        };
      }),
    }];
  });
}

/** A fund's imported years as the draft reads them: each line's and 其中 row's amount by subject, and the base data. */
const pastYearsOf = (history: FundHistory): PastYear[] => history.years.map((year) => ({
  year: year.year, amounts: new Map([...year.income, ...year.expense].map((line) => [line.subject, line.amount])), base: year.base,
}));

/** For the draft: each fund's past final accounts (latest version of each year), oldest year first, by fund code; a fund without any is absent. */
export async function pastFinalAccounts(tx: Tx, funds: repository.FundRow[]): Promise<Map<string, PastYear[]>> {
  return new Map((await historiesOf(tx, funds)).filter((history) => history.years.length).map((history) => [history.fund, pastYearsOf(history)]));
}

/** The past final accounts of a region's funds (pooling region the region or below it), or of one of them. */
export async function budgetHistory(database: DatabaseHandle, actor: Actor, input: { region: string; fund?: string }): Promise<{ region: string; funds: FundHistory[] }> {
  if (!/^\d{6}$/.test(input.region)) throw invalid('region', say.regionShape({ value: input.region }));
  if (input.fund !== undefined && !/^[a-z][a-z_]*-\d{6}$/.test(input.fund)) throw invalid('fund', say.fundShape({ value: input.fund }));
  return inScope(database, actor, async (tx) => {
    const funds = (await draftRepository.fundsWithin(tx, scopePrefix(input.region))).filter((fund) => input.fund === undefined || fund.code === input.fund);
    if (input.fund !== undefined && !funds.length) throw notFound(say.fundUnknown({ value: input.fund }));
    return { region: input.region, funds: await historiesOf(tx, funds) };
  });
}

export interface AnnualLine {
  subject: string; name: string; side: 'income' | 'expense'; parent?: string;
  /** Oldest first: the past final accounts, then the ledger's complete years. */
  years: { year: number; amount: bigint; source: 'final_accounts' | 'ledger' }[];
}

export interface AnnualHistory {
  fund: string; scheme: string;
  lines: AnnualLine[];
  /** The base-data series of the past final accounts (the ledger years' come from the registry, not here). */
  base: { year: number; contributors: number | null; retirees: number | null; averageBase: bigint | null }[];
}

/**
 * Per line of the fund's table (this year's chart) its annual amounts — the past final accounts (latest version of each
 * year), then each complete calendar year of the ledger (12 months posted, before this year), a year both hold as the
 * ledger has it: the draft's rule (../draft/draft.calc.ts, `annualActuals`).
 */
export async function annualHistory(tx: Tx, fundCode: string): Promise<AnnualHistory> {
  const fund = await repository.fundByCode(tx, fundCode);
  if (!fund) throw notFound(say.fundUnknown({ value: fundCode }));
  const thisYear = Number(todayInChina().slice(0, 4));
  const table = schemeTable(budgetChartFor(thisYear), fund.insurance);
  if (!table) throw invalid('fund', say.noTable({ scheme: fund.insurance, year: thisYear }));
  const [history] = await historiesOf(tx, [fund]);
  const lastMonth = `${thisYear - 1}-12`;
  const firstMonth = (await draftRepository.firstMonths(tx, [fund.id])).get(fund.id);
  const months: string[] = [];
  for (let month = firstMonth; month && month <= lastMonth; month = nextMonth(month)) months.push(month);
  const movements = months.length ? await draftRepository.nominalMovements(tx, [fund.id], lastMonth) : [];
  const annual = annualActuals(table, { ...actualsOf(movements), pastYears: history && pastYearsOf(history) }, months);
  const lines = historySubjects(table).filter((subject) => subject.kind === 'line').map((subject): AnnualLine => ({
    subject: subject.subject, name: subject.name, side: subject.side!, ...(subject.parent ? { parent: subject.parent } : {}),
    years: annual.find((line) => line.subject === subject.subject)!.years.filter((year) => year.actualMonths === 12).map(({ year, amount, source }) => ({ year, amount, source })),
  }));
  return { fund: fund.code, scheme: fund.insurance, lines, base: (history?.years ?? []).map((year) => ({ year: year.year, ...year.base })) };
}

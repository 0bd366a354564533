/**
 * The budget subject chart (预算科目) as versioned data (chart/<year>.yaml), validated strictly at load: the lines of
 * each scheme's fund budget table (社预02–08) and of the summary (社预01), each line naming the ledger subjects it sums.
 * domain.md "Budget tables": keep the subject chart as data, versioned by year, never hard-coded.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { fundAccounts, type Chart } from '../../ledger/index.ts';

/** A budget line: the ledger subjects it sums, or (社会保险待遇支出) the sum of its 其中 rows. */
export interface BudgetLine { line: string; name: string; subjects: string[]; items?: BudgetLine[] }

/** One scheme's table with its lines resolved: the common income lines, 社会保险待遇支出 with the scheme's rows, the rest. */
export interface SchemeTable { scheme: string; table: string; name: string; income: BudgetLine[]; expense: BudgetLine[] }

interface CommonLine { line: string; name: string; subjects?: string[]; detail?: 'scheme' }
interface SchemeEntry { table: string; name: string; benefits?: BudgetLine[]; extraExpense?: BudgetLine[] }

export interface BudgetChart {
  year: number;
  reference: string;
  summary: { table: string; name: string };
  income: CommonLine[];
  expense: CommonLine[];
  schemes: Record<string, SchemeEntry>;
  /** Ledger fund insurances that are no social insurance fund and have no budget table (职业年金). */
  notBudgeted: string[];
}

export const budgetChartDirectory = path.join(import.meta.dirname, 'chart');
const CODE = /^[a-z][a-z_]*$/;
const TABLE = /^社预0[1-9]$/;

/** Parses and checks one budget chart file; throws naming every problem. */
export function parseBudgetChart(text: string, fileName = 'budget chart'): BudgetChart {
  const raw = YAML.parse(text) as Record<string, any>;
  const problems: string[] = [];
  const need = (ok: unknown, message: string) => { if (!ok) problems.push(message); };
  need(raw && Number.isInteger(raw.year) && raw.year >= 1990 && raw.year <= 2100, 'year must be a year like 2018');
  need(TABLE.test(raw?.summary?.table) && typeof raw?.summary?.name === 'string', 'summary needs a table (社预01) and a name');
  for (const list of ['income', 'expense']) need(Array.isArray(raw?.[list]) && raw[list].length > 0, `${list} must be a list of lines`);
  need(raw?.schemes && typeof raw.schemes === 'object', 'schemes must be a map');
  need(raw?.notBudgeted === undefined || (Array.isArray(raw.notBudgeted) && raw.notBudgeted.every((i: unknown) => typeof i === 'string')), 'notBudgeted must be a list of insurances');
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);

  const lines = (list: unknown, where: string, allowDetail: boolean): CommonLine[] => {
    if (!Array.isArray(list)) { problems.push(`${where} must be a list`); return []; }
    const seen = new Set<string>();
    return list.map((entry: any, index) => {
      const at = `${where}[${index}]`;
      need(typeof entry?.line === 'string' && CODE.test(entry.line), `${at}.line must be lower_case words`);
      need(!seen.has(entry?.line), `${at}.line ${entry?.line} appears twice`);
      seen.add(entry?.line);
      need(typeof entry?.name === 'string' && entry.name.length > 0, `${at}.name is required`);
      const detail = allowDetail && entry?.detail === 'scheme';
      need(detail !== Array.isArray(entry?.subjects), `${at} needs subjects (a list of ledger subjects)${allowDetail ? ' or detail: scheme' : ''}, not both`);
      if (Array.isArray(entry?.subjects)) need(entry.subjects.length > 0 && entry.subjects.every((s: unknown) => typeof s === 'string'), `${at}.subjects must name ledger subjects`);
      return detail ? { line: entry.line, name: entry.name, detail: 'scheme' as const } : { line: entry.line, name: entry.name, subjects: entry.subjects ?? [] };
    });
  };
  const income = lines(raw.income, 'income', false);
  const expense = lines(raw.expense, 'expense', true);
  need(expense.filter((line) => line.detail).length === 1, 'expense: exactly one line takes its rows from the scheme (detail: scheme)');
  const schemes: Record<string, SchemeEntry> = {};
  const tables = new Set<string>([raw.summary.table]);
  for (const [scheme, entry] of Object.entries(raw.schemes as Record<string, any>)) {
    need(CODE.test(scheme), `schemes.${scheme}: name must be lower_case words`);
    need(TABLE.test(entry?.table) && !tables.has(entry.table), `schemes.${scheme}.table must be a table number 社预0N used once`);
    tables.add(entry?.table);
    need(typeof entry?.name === 'string' && entry.name.length > 0, `schemes.${scheme}.name is required`);
    need(entry?.extraExpense === undefined || entry?.benefits !== undefined, `schemes.${scheme}: extraExpense needs benefits (a scheme with a table of lines)`);
    schemes[scheme] = {
      table: entry?.table, name: entry?.name,
      ...(entry?.benefits !== undefined ? { benefits: lines(entry.benefits, `schemes.${scheme}.benefits`, false) as BudgetLine[] } : {}),
      ...(entry?.extraExpense !== undefined ? { extraExpense: lines(entry.extraExpense, `schemes.${scheme}.extraExpense`, false) as BudgetLine[] } : {}),
    };
  }
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);
  return { year: raw.year, reference: String(raw.reference ?? ''), summary: raw.summary, income, expense, schemes, notBudgeted: raw.notBudgeted ?? [] };
}

let cache: BudgetChart[] | undefined;

/** Every budget chart version, oldest first. */
export function loadBudgetCharts(directory = budgetChartDirectory): BudgetChart[] {
  if (cache && directory === budgetChartDirectory) return cache;
  const charts = fs.readdirSync(directory).filter((file) => /^\d{4}\.ya?ml$/.test(file)).sort().map((file) => {
    const chart = parseBudgetChart(fs.readFileSync(path.join(directory, file), 'utf8'), file);
    if (String(chart.year) !== file.slice(0, 4)) throw new Error(`${file}: year ${chart.year} does not match the file name`);
    return chart;
  });
  if (!charts.length) throw new Error(`no budget subject chart in ${directory}`);
  if (directory === budgetChartDirectory) cache = charts;
  return charts;
}

/** The budget chart in force in `year`: the newest version not after it (the oldest when all are later). */
export function budgetChartFor(year: number, charts = loadBudgetCharts()): BudgetChart {
  return charts.reduce((chosen, chart) => (chart.year <= year ? chart : chosen), charts[0]);
}

/** The table of a scheme with its lines, or undefined when the scheme has no table of lines (no fund in the ledger). */
export function schemeTable(chart: BudgetChart, scheme: string): SchemeTable | undefined {
  const entry = chart.schemes[scheme];
  if (!entry?.benefits) return undefined;
  const resolve = (line: CommonLine): BudgetLine[] => (line.detail
    ? [{ line: line.line, name: line.name, subjects: entry.benefits!.flatMap((item) => item.subjects), items: entry.benefits }, ...(entry.extraExpense ?? [])]
    : [{ line: line.line, name: line.name, subjects: line.subjects! }]);
  return { scheme, table: entry.table, name: entry.name, income: chart.income.flatMap(resolve), expense: chart.expense.flatMap(resolve) };
}

/** The lines that carry their own forecast: a line's 其中 rows, or the line itself when it has none. */
export const forecastLines = (line: BudgetLine): BudgetLine[] => line.items ?? [line];

/** The revenue and expense subjects a fund of `insurance` has in a ledger chart (its income and expenditure lines). */
export function ledgerSubjectsOf(ledgerChart: Chart, insurance: string): { income: string[]; expense: string[] } {
  const accounts = fundAccounts(ledgerChart, insurance);
  return {
    income: accounts.filter((account) => account.role === 'revenue').map((account) => account.subject!),
    expense: accounts.filter((account) => account.role === 'expense').map((account) => account.subject!),
  };
}

export interface MappingProblems { unmapped: string[]; mappedTwice: string[]; unknown: string[] }

/**
 * How a scheme's table falls short of mapping the ledger one-to-one: ledger subjects no line sums (their money would
 * be lost to the budget), subjects two lines sum (counted twice), and line subjects the fund does not have. Income
 * lines may only sum income subjects and expense lines expense subjects.
 */
export function mappingProblems(table: SchemeTable, ledger: { income: string[]; expense: string[] }): MappingProblems {
  const problems: MappingProblems = { unmapped: [], mappedTwice: [], unknown: [] };
  for (const side of ['income', 'expense'] as const) {
    const mapped = table[side].flatMap(forecastLines).flatMap((line) => line.subjects);
    const counts = new Map<string, number>();
    for (const subject of mapped) counts.set(subject, (counts.get(subject) ?? 0) + 1);
    problems.unmapped.push(...ledger[side].filter((subject) => !counts.has(subject)));
    problems.mappedTwice.push(...[...counts].filter(([, count]) => count > 1).map(([subject]) => subject));
    problems.unknown.push(...[...counts.keys()].filter((subject) => !ledger[side].includes(subject)));
  }
  return problems;
}

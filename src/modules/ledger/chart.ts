/**
 * The chart of accounts and budget subjects as versioned data (chart/<year>.yaml), validated strictly at load.
 * domain.md "Budget tables": keep the subject chart as data, versioned by year, never hard-coded.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { accountRoles, type AccountRole } from './ledger.tables.ts';
import type { EntryInput } from './journal.calc.ts';

export interface ChartSubject { code: string; name: string; kind: 'income' | 'expense'; parent?: string }
export interface ChartAccount { code: string; name: string; role: AccountRole; subject?: string }
export interface ChartInsurance { name: string; mergedInto?: undefined }
export interface Chart {
  year: number;
  reference: string;
  subjects: ChartSubject[];
  /**
   * insurance → fund name, or the insurance whose fund it uses (maternity → medical); pooledAs: a fund of a scheme
   * with no pooling_region rows of its own, created wherever that insurance is pooled (public_pension → pension).
   */
  insurances: Record<string, { name?: string; mergedInto?: string; pooledAs?: string }>;
  accounts: ChartAccount[];
  benefits: Record<string, { code: string; name: string; type: string }[]>;
}

export const chartDirectory = path.join(import.meta.dirname, 'chart');
const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

/** Parses and checks one chart file; throws naming every problem. */
export function parseChart(text: string, fileName = 'chart'): Chart {
  const raw = YAML.parse(text) as Record<string, any>;
  const problems: string[] = [];
  const need = (ok: unknown, message: string) => { if (!ok) problems.push(message); };
  need(raw && Number.isInteger(raw.year) && raw.year >= 1990 && raw.year <= 2100, 'year must be a year like 2018');
  need(Array.isArray(raw?.subjects), 'subjects must be a list');
  need(Array.isArray(raw?.accounts), 'accounts must be a list');
  need(raw?.insurances && typeof raw.insurances === 'object', 'insurances must be a map');
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);

  const subjects: ChartSubject[] = [];
  for (const [i, s] of (raw.subjects as any[]).entries()) {
    need(typeof s?.code === 'string' && /^[a-z_]+$/.test(s.code), `subjects[${i}].code must be lower_case words`);
    need(typeof s?.name === 'string' && s.name.length > 0, `subjects[${i}].name is required`);
    need(s?.kind === 'income' || s?.kind === 'expense', `subjects[${i}].kind must be income or expense`);
    subjects.push({ code: s.code, name: s.name, kind: s.kind });
  }
  const insurances: Chart['insurances'] = {};
  for (const [insurance, value] of Object.entries(raw.insurances as Record<string, any>)) {
    need(/^[a-z][a-z_]*$/.test(insurance), `insurances.${insurance}: name must be lower_case words`);
    need(typeof value?.name === 'string' || typeof value?.mergedInto === 'string', `insurances.${insurance} needs a name or mergedInto`);
    need(value?.pooledAs === undefined || typeof value?.name === 'string', `insurances.${insurance}.pooledAs is for an insurance with a fund (a name)`);
    insurances[insurance] = { name: value?.name, mergedInto: value?.mergedInto, ...(value?.pooledAs !== undefined ? { pooledAs: value.pooledAs } : {}) };
  }
  for (const [insurance, value] of Object.entries(insurances)) {
    if (value.mergedInto) need(insurances[value.mergedInto]?.name, `insurances.${insurance}.mergedInto: ${value.mergedInto} has no fund`);
    if (value.pooledAs) need(insurances[value.pooledAs]?.name && !insurances[value.pooledAs].pooledAs, `insurances.${insurance}.pooledAs: ${value.pooledAs} is not an insurance with a fund of its own pooling`);
  }
  const subjectCodes = new Set(subjects.map((s) => s.code));
  const accounts: ChartAccount[] = [];
  const checkAccount = (a: any, where: string, codes: Set<string>) => {
    need(typeof a?.code === 'string' && CODE.test(a.code), `${where}.code must be letters, digits, . _ - (it ends hledger account names)`);
    need(!codes.has(a?.code), `${where}.code ${a?.code} appears twice`);
    codes.add(a?.code);
    need(typeof a?.name === 'string' && a.name.length > 0 && !a.name.includes(':'), `${where}.name is required and has no colon`);
  };
  const common = new Set<string>();
  for (const [i, a] of (raw.accounts as any[]).entries()) {
    checkAccount(a, `accounts[${i}]`, common);
    need(accountRoles.includes(a?.role), `accounts[${i}].role must be one of ${accountRoles.join(', ')}`);
    const nominal = a?.role === 'revenue' || a?.role === 'expense';
    if (nominal) need(subjectCodes.has(a?.subject), `accounts[${i}].subject must be a subject code (revenue and expense accounts have one)`);
    else need(a?.subject === undefined, `accounts[${i}].subject is only for revenue and expense accounts`);
    accounts.push({ code: a.code, name: a.name, role: a.role, ...(nominal ? { subject: a.subject } : {}) });
  }
  for (const role of ['income_bank', 'special_bank', 'expense_bank', 'fund_balance'] as const) {
    need(accounts.filter((a) => a.role === role).length === 1, `accounts: exactly one ${role} account`);
  }
  const benefits: Chart['benefits'] = {};
  for (const [insurance, list] of Object.entries((raw.benefits ?? {}) as Record<string, any[]>)) {
    need(insurances[insurance]?.name, `benefits.${insurance}: not an insurance with a fund`);
    const codes = new Set(common);
    benefits[insurance] = [];
    for (const [i, b] of (list ?? []).entries()) {
      checkAccount(b, `benefits.${insurance}[${i}]`, codes);
      need(typeof b?.type === 'string' && /^[a-z_]+$/.test(b.type), `benefits.${insurance}[${i}].type must be lower_case words`);
      benefits[insurance].push({ code: b.code, name: b.name, type: b.type });
    }
  }
  if (problems.length) throw new Error(`${fileName}: ${problems.join('; ')}`);
  return { year: raw.year, reference: String(raw.reference ?? ''), subjects, insurances, accounts, benefits };
}

let cache: Chart[] | undefined;

/** Every chart version, oldest first. */
export function loadCharts(directory = chartDirectory): Chart[] {
  if (cache && directory === chartDirectory) return cache;
  const charts = fs.readdirSync(directory).filter((f) => /^\d{4}\.ya?ml$/.test(f)).sort()
    .map((file) => {
      const chart = parseChart(fs.readFileSync(path.join(directory, file), 'utf8'), file);
      if (String(chart.year) !== file.slice(0, 4)) throw new Error(`${file}: year ${chart.year} does not match the file name`);
      return chart;
    });
  if (!charts.length) throw new Error(`no chart of accounts in ${directory}`);
  if (directory === chartDirectory) cache = charts;
  return charts;
}

/** The chart in force in `year`: the newest version not after it (the oldest when all are later). */
export function chartFor(year: number, charts = loadCharts()): Chart {
  let chosen = charts[0];
  for (const chart of charts) if (chart.year <= year) chosen = chart;
  return chosen;
}

/** The insurance whose fund a pooling-region insurance uses (maternity → medical), or undefined when it has none. */
export function fundInsurance(chart: Chart, insurance: string): string | undefined {
  const entry = chart.insurances[insurance];
  if (!entry) return undefined;
  return entry.mergedInto ?? insurance;
}

/** The insurance whose pooling regions (pooling_region rows) place a fund of `insurance`: public_pension → pension. */
export function poolingInsuranceOf(chart: Chart, insurance: string): string {
  return chart.insurances[insurance]?.pooledAs ?? insurance;
}

/**
 * The funds a pooling_region row of `insurance` calls for: its own fund (or the fund it is merged into) and every
 * fund pooled as it — a pension pooling region has an enterprise and a public-institution pension fund.
 */
export function fundInsurancesOfPooling(chart: Chart, insurance: string): string[] {
  const own = fundInsurance(chart, insurance);
  const pooledAs = Object.entries(chart.insurances).filter(([, entry]) => entry.pooledAs === insurance).map(([name]) => name);
  return [...(own ? [own] : []), ...pooledAs];
}

/** The accounts of a fund of `insurance`: the common ones plus its benefit expense accounts, by code. */
export function fundAccounts(chart: Chart, insurance: string): ChartAccount[] {
  const benefitAccounts: ChartAccount[] = (chart.benefits[insurance] ?? []).map((b) => ({
    code: b.code, name: `社会保险待遇支出—${b.name}`, role: 'expense', subject: `benefit_expense.${b.type}`,
  }));
  return [...chart.accounts, ...benefitAccounts].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The 其他收入 account of the chart: late fees, and benefits recovered for an earlier year (财社〔2017〕144号 社会保险基金
 * 财务制度) — a case's recovery, an overpaid pension recovered in money or offset.
 */
export function otherIncomeAccount(chart: Chart): string {
  return chart.accounts.find((a) => a.role === 'revenue' && a.subject === 'other_income')!.code;
}

/** The statement line (top-level subject) of a subject code: benefit_expense.basic_pension → benefit_expense. */
export function subjectLine(subject: string): string {
  return subject.split('.')[0];
}

/** Every subject code a line may carry: the chart's subjects and the benefit types of every insurance. */
export function knownSubjects(chart: Chart): Map<string, string> {
  const names = new Map(chart.subjects.map((s) => [s.code, s.name]));
  for (const list of Object.values(chart.benefits)) for (const b of list) names.set(`benefit_expense.${b.type}`, `社会保险待遇支出—${b.name}`);
  return names;
}

/**
 * 期初建账: a fund's balance brought into the ledger when sifund takes over its books (go-live), held in the bank
 * account where it stands that day — the 财政专户 unless said otherwise — Dr that account / Cr 基金结余 on the day, in
 * the chart of its year (财会〔2017〕28号: 基金结余 carries the balance forward).
 */
export function openingBalanceEntry(input: { fund: string; amount: bigint; date: string; memo: string; heldIn?: 'special_bank' | 'expense_bank' }): EntryInput {
  const chart = chartFor(Number(input.date.slice(0, 4)));
  const account = (role: AccountRole) => chart.accounts.find((a) => a.role === role)!.code;
  return {
    key: `opening:${input.fund}:${input.date}`, fund: input.fund, period: input.date.slice(0, 7), date: input.date, source: { type: 'opening_balance', id: input.fund },
    memo: input.memo, lines: [{ account: account(input.heldIn ?? 'special_bank'), debit: input.amount }, { account: account('fund_balance'), credit: input.amount }],
  };
}

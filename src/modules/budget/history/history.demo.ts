/**
 * The demo's ten earlier years (`sifund demo`): the final accounts of each budgeted fund of the demo province and city
 * for the ten years before its go-live, generated consistently with the city's growth, written as an XLSX in the
 * standard layout and imported through the same import an agency uses (`importFinalAccounts`).
 *
 * How a year is drawn (deterministic from the seed; demo assumptions, not statistics):
 *  - contributors and retirees: the registry's population now (enrollments in force; live pension awards, or a share
 *    of contributors for the schemes whose beneficiaries the registry does not hold), walked back by a yearly growth
 *    of 2–3% (contributors) and 4–5% (retirees, an ageing city);
 *  - average base: the average-wage parameter of the year (contribution.base.average_wage, 示范省), the earliest
 *    one walked back by 5% a year before it;
 *  - 社会保险费收入 = contributors × base × 12 × the year's rate (employer + employee parameters; work injury the mean
 *    of the class 1–2 base rates) × a collection rate of 96–99%;
 *  - pension 基本养老金 = retirees × the average award now walked back by 5% a year (the yearly adjustments) × 12; the
 *    other schemes' benefits a share of their contribution income; 财政补贴收入 for pension a share of its benefits;
 *    interest on about a year's expense held; small transfer and other lines.
 * Totals, balance and base data are written too, so the import's identity checks run on the demo's own file.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, systemActor, type Tx } from '../../../platform/actor.ts';
import { formatYuan } from '../../../platform/money.ts';
import { newWorkbook } from '../../../platform/workbook.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { Rng } from '../../registry/index.ts';
import { publicPensionEmployerTypes } from '../../collection/index.ts';
import { budgetChartFor, schemeTable } from '../draft/budget-chart.ts';
import * as draftRepository from '../draft/draft.repository.ts';
import { AVERAGE_BASE, BALANCE, CONTRIBUTORS, RETIREES, TOTAL_EXPENSE, TOTAL_INCOME, fundYearTable, historySubjects } from './history.calc.ts';
import { historyColumns } from './history.messages.ts';
import { importFinalAccounts, type HistoryImportView } from './history.service.ts';
import * as repository from './history.repository.ts';

export const DEMO_HISTORY_YEARS = 10;

/** What a fund is now, the point the years are walked back from. */
export interface FundNow {
  code: string; insurance: string; region: string; goLiveYear: number;
  contributors: number; retirees: number;
  /** fen per month; pension schemes only (the others' benefits are a share of income). */
  averagePension: number | null;
}

export interface DemoYearInputs {
  /** Average wage (fen per month) of a year. */
  averageWage: (year: number) => number;
  /** The contribution rate (employer + employee) of an insurance in a year. */
  rate: (insurance: string, year: number) => number;
}

/** Benefit expense as a share of contribution income, for the schemes whose beneficiaries the demo does not draw one by one. */
const benefitShare: Record<string, number> = { medical: 0.86, unemployment: 0.45, work_injury: 0.62 };
/** Beneficiaries as a share of contributors where the registry holds none (领取失业保险金, 享受工伤待遇). */
const beneficiaryShare: Record<string, number> = { unemployment: 0.012, work_injury: 0.006 };
/** How the 其中 rows of 社会保险待遇支出 share it, per scheme (the rest of the rows 0). */
const itemShares: Record<string, Record<string, number>> = {
  pension: { basic_pension: 0.97, funeral_and_survivor_grant: 0.02, disability_allowance: 0.01 },
  public_pension: { basic_pension: 0.98, funeral_and_survivor_grant: 0.02 },
  medical: { inpatient: 0.58, outpatient: 0.34, maternity_medical: 0.03, maternity_allowance: 0.05 },
  work_injury: { medical_treatment: 0.35, disability: 0.5, work_related_death: 0.1, injury_prevention: 0.05 },
  unemployment: { unemployment_benefit: 0.55, medical_premium_for_unemployed: 0.15, training_and_placement_subsidy: 0.1, job_retention_refund: 0.2 },
};

const fen = (value: number) => BigInt(Math.round(value));

/** The standard layout's rows (year, scheme, region, subject, name, amount as written) of a fund's ten years. */
export function demoFundYears(fund: FundNow, inputs: DemoYearInputs, seed: number): string[][] {
  const rng = new Rng(seed, `budget-history/${fund.code}`);
  const contributorGrowth = 0.02 + rng.next() * 0.01, retireeGrowth = 0.04 + rng.next() * 0.01;
  const rows: string[][] = [];
  for (let back = DEMO_HISTORY_YEARS; back >= 1; back--) {
    const year = fund.goLiveYear - back;
    const table = schemeTable(budgetChartFor(year), fund.insurance)!;
    const subjects = historySubjects(table);
    const contributors = Math.round(fund.contributors / (1 + contributorGrowth) ** back);
    const retirees = Math.round(fund.retirees / (1 + retireeGrowth) ** back);
    const base = inputs.averageWage(year);
    const premium = contributors * base * 12 * inputs.rate(fund.insurance, year) * (0.96 + rng.next() * 0.03);
    const benefits = fund.averagePension !== null
      ? retirees * (fund.averagePension / 1.05 ** back) * 12
      : premium * benefitShare[fund.insurance] * (0.95 + rng.next() * 0.1);
    const values = new Map<string, bigint>([
      ['premium_income', fen(premium)],
      ['fiscal_subsidy_income', fen(fund.averagePension !== null ? benefits * (0.1 + rng.next() * 0.04) : 0)],
      ['interest_income', fen(benefits * 0.012)],
      ['transfer_income', fen(premium * 0.004)],
      ['other_income', fen(premium * 0.0005)],
      ['transfer_expense', fen(premium * 0.003)],
      ['other_expense', fen(benefits * 0.0004)],
    ]);
    const shares = itemShares[fund.insurance];
    const items = subjects.filter((subject) => subject.parent);
    // the 其中 rows sum exactly to 社会保险待遇支出: the largest row takes the rounding
    let rest = fen(benefits);
    for (const item of items.slice(1)) { const amount = fen(benefits * (shares[item.subject.split('.')[1]] ?? 0)); values.set(item.subject, amount); rest -= amount; }
    values.set(items[0].subject, rest);
    values.set(items[0].parent!, fen(benefits));
    if (fund.insurance === 'work_injury') values.set('work_capacity_appraisal_expense', fen(premium * 0.002));
    const lines = fundYearTable(subjects, values);
    const amounts = new Map<string, string>([
      ...[...values].map(([subject, amount]) => [subject, formatYuan(amount)] as [string, string]),
      [TOTAL_INCOME, formatYuan(lines.totalIncome)], [TOTAL_EXPENSE, formatYuan(lines.totalExpense)], [BALANCE, formatYuan(lines.balance)],
      [CONTRIBUTORS, String(contributors)], [RETIREES, String(retirees)], [AVERAGE_BASE, formatYuan(fen(base))],
    ]);
    for (const subject of subjects) {
      const amount = amounts.get(subject.subject);
      if (amount !== undefined) rows.push([String(year), fund.insurance, fund.region, subject.subject, subject.name, amount]);
    }
  }
  return rows;
}

/** The rows as an XLSX of the standard layout (one sheet, 历年决算). */
export async function finalAccountsWorkbook(rows: string[][]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('历年决算');
  sheet.addRow([historyColumns.year, historyColumns.scheme, historyColumns.region, historyColumns.subject, historyColumns.name, historyColumns.amount]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const AVERAGE_WAGE = 'contribution.base.average_wage';
const DEMO_PROVINCE = '990000';

/** The year's parameters the demo reads: the province's average wage and the rates in force on 1 July. */
function parameterInputs(): DemoYearInputs {
  const params = getParameters();
  const valueOn = (path: string, year: number, region?: string) => params.find(path, `${year}-07-01`, region)?.value;
  /** The first year from `year` on that has a value (the parameter's earliest, for a year before it). */
  const firstKnown = (path: string, year: number, region?: string) => {
    let known = year;
    while (valueOn(path, known, region) === undefined && known < year + 100) known++;
    return known;
  };
  return {
    averageWage(year) {
      const known = firstKnown(AVERAGE_WAGE, year, DEMO_PROVINCE);
      return Number(String(valueOn(AVERAGE_WAGE, known, DEMO_PROVINCE))) / 1.05 ** (known - year);
    },
    rate(insurance, year) {
      if (insurance === 'work_injury') {
        const path = 'contribution.work_injury.class_base_rate';
        const table = valueOn(path, firstKnown(path, year)) as Record<string, unknown>;
        return (Number(String(table['1'])) + Number(String(table['2']))) / 2;
      }
      const rate = (path: string) => Number(String(valueOn(path, firstKnown(path, year))));
      return rate(`contribution.${insurance}.employer_rate`) + rate(`contribution.${insurance}.employee_rate`);
    },
  };
}

const demoActor = () => systemActor('demo', ['budget.draft']);

/** Who in the demo province (99) is enrolled today, per insurance, region and public employer or not: persons, not enrollments. */
export type DemoEnrollment = Awaited<ReturnType<typeof repository.enrolledNow>>;

/**
 * The registry's part of the demo's final accounts, read on its own: at 1,000,000 persons its count of the distinct
 * persons enrolled today takes ~3 s on one core, so the demo reads it beside the other modules' demo data, once the
 * registry is committed, rather than after them.
 */
export function readDemoEnrollment(database: DatabaseHandle): Promise<DemoEnrollment> {
  return inScope(database, demoActor(), (tx) => repository.enrolledNow(tx, '99', todayInChina(), publicPensionEmployerTypes));
}

/** The budgeted funds of the demo province (99) with what they are now: the registry's headcounts and awards. */
async function demoFundsNow(tx: Tx, enrolled: DemoEnrollment): Promise<FundNow[]> {
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const funds = (await draftRepository.fundsWithin(tx, '99')).filter((fund) => schemeTable(budgetChartFor(thisYear), fund.insurance));
  const firstMonths = await draftRepository.firstMonths(tx, funds.map((fund) => fund.id));
  const awards = await repository.liveAwards(tx, '99');
  return funds.map((fund) => {
    const within = (region: string) => region.startsWith(scopePrefix(fund.region_code));
    const insurance = fund.insurance === 'public_pension' ? 'pension' : fund.insurance;
    const contributors = enrolled.filter((row) => row.insurance === insurance && within(row.region_code)
      && (fund.insurance === 'pension' ? !row.public : fund.insurance === 'public_pension' ? row.public : true)).reduce((sum, row) => sum + row.count, 0);
    const pensionAwards = awards.filter((row) => (fund.insurance === 'medical' ? within(row.region_code) : row.fund_code === fund.code));
    const awardCount = pensionAwards.reduce((sum, row) => sum + row.count, 0);
    const monthly = pensionAwards.reduce((sum, row) => sum + Number(row.monthly), 0);
    const pension = fund.insurance === 'pension' || fund.insurance === 'public_pension';
    return {
      code: fund.code, insurance: fund.insurance, region: fund.region_code, goLiveYear: Number((firstMonths.get(fund.id) ?? today).slice(0, 4)),
      contributors, retirees: beneficiaryShare[fund.insurance] !== undefined ? Math.round(contributors * beneficiaryShare[fund.insurance]) : awardCount,
      averagePension: pension ? (awardCount ? monthly / awardCount : 0) : null,
    };
  });
}

/**
 * Generates the ten years before go-live of every budgeted fund of the demo province and city and imports them as an
 * agency would (kind budget_final_accounts); answers the import's result. `enrolled`: readDemoEnrollment's answer;
 * the awards and the funds' go-live are read here, once the pensioners and the opening balances are in.
 */
export async function loadDemoFinalAccounts(database: DatabaseHandle, options: { seed: number; enrolled: DemoEnrollment }): Promise<HistoryImportView> {
  const actor = demoActor();
  const funds = await inScope(database, actor, (tx) => demoFundsNow(tx, options.enrolled));
  const inputs = parameterInputs();
  const rows = funds.flatMap((fund) => demoFundYears(fund, inputs, options.seed));
  const content = await finalAccountsWorkbook(rows);
  return importFinalAccounts(database, actor, { fileName: `示范省历年决算-${options.seed}.xlsx`, content });
}

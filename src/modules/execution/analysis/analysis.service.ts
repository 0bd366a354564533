/**
 * 月度基金收支分析 (R7.5; issue 14 "Analysis report"; domain.md "Budget practice": execution analysis at least quarterly,
 * within 25 days of the quarter's end [common]): for a region and a month, the headline figures over its funds, each
 * fund's income and expense of the month and the year to date against its budget and against the same period of last
 * year, the budget lines furthest from the time progress with the drivers the data holds (persons billed and their
 * average base; pensioners paid and their average pension; the unemployed paid and their average benefit), and the
 * region's open alerts.
 *
 * Every figure is one the rest of the module already computes, read again here, never recomputed another way: the
 * year to date and its budget are the execution report's (executionFigures); the month and last year's periods are
 * the same table lines over other periods (actualsByFund, executionLines); the months of payment capacity are the
 * alert rule's (capacityPositions, monthsOfPaymentCapacity); the alerts are the alert list's.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { notFound } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { monthsOfPaymentCapacity } from '../alerts.calc.ts';
import { capacityPositions, listAlerts, type AlertView } from '../alerts.service.ts';
import { executionLines, progressText, yearToDate, type ExecutionLine, type Side } from '../execution.calc.ts';
import { executionSaid } from '../execution.messages.ts';
import * as executionRepository from '../execution.repository.ts';
import type { FundRow } from '../execution.repository.ts';
import { actualsByFund, executionFigures, tableLinesOf, type ReportInput } from '../report.service.ts';
import { compared, driversOf, largestDeviations, sideActual, sideBudget, type Comparison, type Driver, type DriverCounts } from './analysis.calc.ts';
import * as repository from './analysis.repository.ts';
import { analysisSummary } from './analysis.report.ts';

export interface PeriodComparison { month: Comparison; yearToDate: Comparison }
export interface SideAnalysis extends PeriodComparison { budget: string; rate: string | null; deviation: string | null }
export interface FundAnalysis {
  fund: string; name: string; region: string; budgetApproved: boolean;
  accumulatedBalance: string; monthsOfPaymentCapacity: string | null;
  income: SideAnalysis; expense: SideAnalysis;
}
export interface DeviationAnalysis {
  fund: string; fundName: string; subject: string; name: string; side: Side;
  budget: string; actual: string; rate: string; deviation: string; drivers: Driver[];
}
export interface AnalysisReport {
  year: number; month: number; region: string; regionName: string | null; asOf: string; timeProgress: string;
  /** false when no fund of the region has a ledger movement in the year to the month: nothing to analyse. */
  hasMovement: boolean;
  headline: { income: PeriodComparison; expense: PeriodComparison; surplus: PeriodComparison; accumulatedBalance: string };
  funds: FundAnalysis[];
  deviations: DeviationAnalysis[];
  openAlerts: AlertView[];
  openAlertsTotal: number;
  /** 综述: the figures above told in sentences (analysis.report.ts analysisSummary), in Chinese. */
  summary: string[];
}

/** The open alerts the analysis lists at most (the alert inbox holds them all). */
const ALERTS_LISTED = 500;

const period = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** One fund's figures over some periods: its table lines' actuals, and whether the ledger moved at all. */
interface PeriodFigures { lines: ExecutionLine[]; moved: boolean }

/** The execution report's lines of each fund over other periods (no budget: the actuals only). */
async function figuresOver(tx: Tx, funds: { fund: FundRow; lines: ExecutionLine[] }[], year: number, from: string, to: string, progress: Parameters<typeof executionLines>[3]) {
  const actuals = await actualsByFund(tx, funds.map(({ fund }) => fund), from, to);
  return new Map(funds.map(({ fund }): [bigint, PeriodFigures] => {
    const fundActuals = actuals.get(fund.id)!;
    return [fund.id, { lines: executionLines(tableLinesOf(year, fund.insurance)!, [], fundActuals, progress), moved: fundActuals.size > 0 }];
  }));
}

const countsOf = <Row>(rows: Row[], code: (row: Row) => string, counts: (row: Row) => DriverCounts) => new Map(rows.map((row) => [code(row), counts(row)]));

/**
 * Per fund code, the drivers' counts of the month and of the same month of last year: persons billed, pensioners paid,
 * the unemployed paid their benefit.
 */
export async function driverCounts(tx: Tx, codes: string[], year: number, month: number) {
  const contributorCounts = async (month: string) => countsOf(await repository.contributorsInMonth(tx, codes, month), (row) => row.fund_code, (row) => ({ persons: row.persons, lines: row.lines, total: row.base_total }));
  const pensionerCounts = async (month: string) => countsOf(await repository.pensionersInMonth(tx, codes, month), (row) => row.fund_code, (row) => ({ persons: row.pensioners, lines: row.pensioners, total: row.amount_total }));
  const claimantCounts = async (month: string) => countsOf(await repository.claimantsInMonth(tx, codes, month), (row) => row.fund_code, (row) => ({ persons: row.claimants, lines: row.claimants, total: row.amount_total }));
  const thisMonth = period(year, month), sameMonthLastYear = period(year - 1, month);
  return {
    contributors: { current: await contributorCounts(thisMonth), lastYear: await contributorCounts(sameMonthLastYear) },
    pensioners: { current: await pensionerCounts(thisMonth), lastYear: await pensionerCounts(sameMonthLastYear) },
    claimants: { current: await claimantCounts(thisMonth), lastYear: await claimantCounts(sameMonthLastYear) },
  };
}

/**
 * The drivers of a fund's line: income moves with who pays and on what base; expense with who is paid and how much —
 * a pension fund's payroll, an unemployment fund's monthly benefit (a fund has one or the other, or neither).
 */
export const lineDrivers = (counts: Awaited<ReturnType<typeof driverCounts>>, fund: string, side: Side): Driver[] => {
  if (side === 'income') return driversOf('contributors', 'averageBase', counts.contributors.current.get(fund), counts.contributors.lastYear.get(fund));
  if (counts.claimants.current.has(fund)) return driversOf('claimants', 'averageBenefit', counts.claimants.current.get(fund), counts.claimants.lastYear.get(fund));
  return driversOf('pensioners', 'averagePension', counts.pensioners.current.get(fund), counts.pensioners.lastYear.get(fund));
};

/** `sifund execution analysis`, GET /api/execution/analysis: the analysis of the region's funds for the month. */
export async function analysisReport(database: DatabaseHandle, actor: Actor, input: ReportInput, today = todayInChina()): Promise<AnalysisReport> {
  requirePermission(actor, 'execution.read');
  const report = await inScope(database, actor, async (tx) => {
    const figures = await executionFigures(tx, input, today);
    if (!figures.funds.length) throw notFound(executionSaid.noFundInRegion({ region: input.region }));
    const { year, month, progress } = figures;
    const thisMonth = period(year, month), sameMonthLastYear = period(year - 1, month);
    // last year read through this year's table: the same lines, so that each comparison is of the same money
    const monthFigures = await figuresOver(tx, figures.funds, year, thisMonth, thisMonth, progress);
    const lastYearMonth = await figuresOver(tx, figures.funds, year, sameMonthLastYear, sameMonthLastYear, progress);
    const lastYearToDate = await figuresOver(tx, figures.funds, year, yearToDate(year - 1, month).from, sameMonthLastYear, progress);
    const yearToDateMoved = await figuresOver(tx, figures.funds, year, yearToDate(year, month).from, thisMonth, progress);
    const capacity = await capacityPositions(tx, figures.funds.map(({ fund }) => fund.id), thisMonth);
    const counts = await driverCounts(tx, figures.funds.map(({ fund }) => fund.code), year, month);

    const totals = { monthIncome: 0n, monthExpense: 0n, yearIncome: 0n, yearExpense: 0n, lastMonthIncome: 0n, lastMonthExpense: 0n, lastYearIncome: 0n, lastYearExpense: 0n, balance: 0n };
    let lastMonthMoved = false, lastYearMoved = false;
    const funds = figures.funds.map(({ fund, budgetApproved, lines }): FundAnalysis => {
      const current = monthFigures.get(fund.id)!, lastMonth = lastYearMonth.get(fund.id)!, lastPeriod = lastYearToDate.get(fund.id)!;
      lastMonthMoved ||= lastMonth.moved;
      lastYearMoved ||= lastPeriod.moved;
      const side = (which: Side): SideAnalysis => {
        const budget = sideBudget(lines, which, progress);
        return {
          month: compared(sideActual(current.lines, which), lastMonth.moved ? sideActual(lastMonth.lines, which) : undefined),
          yearToDate: compared(sideActual(lines, which), lastPeriod.moved ? sideActual(lastPeriod.lines, which) : undefined),
          budget: formatYuan(budget.budget), rate: budget.rate, deviation: budget.deviation,
        };
      };
      totals.monthIncome += sideActual(current.lines, 'income'); totals.monthExpense += sideActual(current.lines, 'expense');
      totals.yearIncome += sideActual(lines, 'income'); totals.yearExpense += sideActual(lines, 'expense');
      totals.lastMonthIncome += sideActual(lastMonth.lines, 'income'); totals.lastMonthExpense += sideActual(lastMonth.lines, 'expense');
      totals.lastYearIncome += sideActual(lastPeriod.lines, 'income'); totals.lastYearExpense += sideActual(lastPeriod.lines, 'expense');
      const position = capacity.get(fund.id);
      totals.balance += position?.balance ?? 0n;
      return {
        fund: fund.code, name: fund.name, region: fund.region_code, budgetApproved,
        accumulatedBalance: formatYuan(position?.balance ?? 0n), monthsOfPaymentCapacity: position ? monthsOfPaymentCapacity(position) : null,
        income: side('income'), expense: side('expense'),
      };
    });

    const candidates = figures.funds.flatMap(({ fund, lines }) => lines.map((line) => ({ fund, line })));
    const deviations = largestDeviations(candidates, progress).map(({ fund, line }): DeviationAnalysis => ({
      fund: fund.code, fundName: fund.name, subject: line.subject, name: line.name, side: line.side,
      budget: formatYuan(line.budget), actual: formatYuan(line.actual), rate: line.rate!, deviation: line.deviation!,
      drivers: lineDrivers(counts, fund.code, line.side),
    }));

    const periodComparison = (month: bigint, lastMonth: bigint, year: bigint, lastYear: bigint): PeriodComparison => ({
      month: compared(month, lastMonthMoved ? lastMonth : undefined), yearToDate: compared(year, lastYearMoved ? lastYear : undefined),
    });
    return {
      year, month, region: input.region, regionName: (await executionRepository.regionName(tx, input.region)) ?? null,
      asOf: progress.asOf, timeProgress: progressText(progress),
      hasMovement: [...yearToDateMoved.values()].some((fund) => fund.moved),
      headline: {
        income: periodComparison(totals.monthIncome, totals.lastMonthIncome, totals.yearIncome, totals.lastYearIncome),
        expense: periodComparison(totals.monthExpense, totals.lastMonthExpense, totals.yearExpense, totals.lastYearExpense),
        surplus: periodComparison(totals.monthIncome - totals.monthExpense, totals.lastMonthIncome - totals.lastMonthExpense,
          totals.yearIncome - totals.yearExpense, totals.lastYearIncome - totals.lastYearExpense),
        accumulatedBalance: formatYuan(totals.balance),
      },
      funds, deviations,
    };
  });
  const alerts = await listAlerts(database, actor, { region: input.region, status: 'open' }, { limit: ALERTS_LISTED });
  const analysis = { ...report, openAlerts: alerts.items, openAlertsTotal: alerts.total };
  return { ...analysis, summary: analysisSummary(analysis) };
}

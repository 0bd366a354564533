/**
 * 精算测算模型 (actuarial line models, pure): a budget line forecast from its drivers, the way a budget officer
 * reckons it (issue 13 R6.2; 财社〔2017〕144号 第十四条: 编制收入预算应综合考虑参保人数、缴费基数、缴费比例、征缴率等因素；
 * 编制支出预算应综合考虑待遇领取人数、待遇标准、调待政策等因素).
 *
 * - 社会保险费收入 = contributors × average base × rate × collection rate. The rate is the dated parameters' rate of
 *   each month (employer + employee, all of it the pooled fund's income), known in advance, so a new rate dated in
 *   the forecast months flows in; the collection rate is the line's actual income over the last twelve months (or
 *   fewer) before the origin ÷ Σ contributors × average base × rate over the same months.
 * - 基本养老金 = pensioners × average pension, raised by the indexation (benefits.adjustment.overall_rate) whose value
 *   takes effect in a forecast month; 失业保险金 = claimants × average monthly amount.
 * - The drivers go forward on their own trends: contributors, pensioners and claimants by drift (last value plus the
 *   average monthly change), the average base by its average monthly growth (geometric), an average benefit flat
 *   (its growth comes from the indexation parameter, not from the trend, which already holds the past adjustments).
 * - Each model is a `ForecastModel` of ../forecast/forecast.calc.ts: it enters the same rolling-origin backtest as
 *   the statistical models (one step ahead, seeing the drivers only before the origin, the rate and indexation of the
 *   forecast month being parameters) and is chosen only when its MASE beats naive's.
 */
import type { ForecastModel } from '../forecast/forecast.calc.ts';

/** 社会保险费收入's drivers per month: counts and bases over the observed months, the rate over them and the forecast months. */
export interface ContributionDrivers {
  kind: 'contribution';
  contributors: readonly number[];
  /** Fen a month: the contributors' billed bases ÷ contributors. */
  averageBase: readonly number[];
  /** The rate in force each month, observed then forecast. */
  rate: readonly number[];
}

/** 基本养老金's or 失业保险金's drivers per month. */
export interface BenefitDrivers {
  kind: 'benefit';
  recipients: readonly number[];
  /** Fen a month per recipient. */
  averageAmount: readonly number[];
  /** The indexation taking effect each month (0 when none), observed then forecast. */
  indexation: readonly number[];
}

export type LineDrivers = ContributionDrivers | BenefitDrivers;

/** The drivers of one forecast month, as the model used them. */
export interface ContributionStep { contributors: number; averageBase: number; rate: number; collectionRate: number }
export interface BenefitStep { recipients: number; averageAmount: number }

/** The months the collection rate averages over: the last year. */
export const COLLECTION_WINDOW = 12;

const steps = (horizon: number) => Array.from({ length: horizon }, (_, index) => index + 1);

/** Drift: the last value plus the average change per month, h months ahead. */
export function drift(values: readonly number[], step: number): number {
  const last = values[values.length - 1];
  return values.length < 2 ? last : last + ((last - values[0]) / (values.length - 1)) * step;
}

/** Geometric growth: the last value times the average monthly growth factor to the power h (flat when it started at 0). */
export function growth(values: readonly number[], step: number): number {
  const last = values[values.length - 1];
  if (values.length < 2 || !(values[0] > 0) || !(last > 0)) return last;
  return last * (last / values[0]) ** (step / (values.length - 1));
}

/** The contribution drivers of the `horizon` months after the first `observed` ones, or undefined when nothing was expected to be collected. */
export function contributionSteps(drivers: ContributionDrivers, history: readonly number[], horizon: number): ContributionStep[] | undefined {
  const observed = history.length;
  const contributors = drivers.contributors.slice(0, observed);
  const averageBase = drivers.averageBase.slice(0, observed);
  const window = Array.from({ length: Math.min(COLLECTION_WINDOW, observed) }, (_, index) => observed - 1 - index);
  const expected = window.reduce((sum, month) => sum + contributors[month] * averageBase[month] * drivers.rate[month], 0);
  if (!(expected > 0)) return undefined;
  const collectionRate = window.reduce((sum, month) => sum + history[month], 0) / expected;
  return steps(horizon).map((step) => ({
    contributors: drift(contributors, step), averageBase: growth(averageBase, step), rate: drivers.rate[observed - 1 + step], collectionRate,
  }));
}

/** The benefit drivers of the `horizon` months after the first `observed` ones: recipients by drift, the amount raised by each indexation. */
export function benefitSteps(drivers: BenefitDrivers, observed: number, horizon: number): BenefitStep[] {
  const recipients = drivers.recipients.slice(0, observed);
  let averageAmount = drivers.averageAmount[observed - 1];
  return steps(horizon).map((step) => {
    averageAmount *= 1 + drivers.indexation[observed - 1 + step];
    return { recipients: drift(recipients, step), averageAmount };
  });
}

/** The actuarial model of a line with these drivers, to be backtested beside the statistical ones. */
export function actuarialModel(drivers: LineDrivers): ForecastModel {
  return {
    name: 'actuarial',
    applies: () => true,
    // two months give the drivers a trend
    minimumHistory: () => 2,
    forecast: ({ history, horizon }) => {
      if (drivers.kind === 'benefit') return benefitSteps(drivers, history.length, horizon).map((step) => step.recipients * step.averageAmount);
      return contributionSteps(drivers, history, horizon)?.map((step) => step.contributors * step.averageBase * step.rate * step.collectionRate);
    },
  };
}

/**
 * The early-warning rules (R8.1, R8.2; domain.md "Early-warning indicators"), pure: what a fund's figures of a month
 * raise. Each condition has a key that names it across evaluations (the fund; the fund and the budget line), so that
 * an open alert is refreshed, never raised twice, and resolved by itself once the condition is gone.
 *
 * - current_deficit (当期收支缺口) [common]: contribution income (社会保险费收入) of the year to date below benefit
 *   expenditure (社会保险待遇支出); fiscal subsidies are not counted as income.
 * - payment_capacity (可支付月数) [common; 人社部发〔2009〕67号 for the medical pooled fund]: the accumulated balance
 *   divided by the average monthly expense of the last twelve months (fewer since go-live) below the warning level
 *   (warning) or the critical level (critical); a fund with no expense yet has no such figure.
 * - execution_deviation (预算执行偏差) [local]: a line of the budget table (not a 其中 row) with a budget whose execution
 *   rate lies more than the threshold (percentage points) off the time progress, either way.
 * - medical_balance_range (医保统筹基金结余超出合理区间) [check; 人社部发〔2009〕67号: 累计结余原则上控制在6–9个月平均支付
 *   水平，超过15个月为结余过多，低于3个月为结余不足]: an employee medical fund whose months of payment capacity lie above
 *   the reasonable range's upper bound (warning: 高于合理区间) or above the too-much line (critical: 结余过多 — money
 *   held back from the insured). Below the range is payment_capacity's (its levels, regional overrides allowed).
 * - collection_rate (征缴率同比下降) [check; issue 14 R8.1, no national threshold: params/warning/collection]: the fund's
 *   collection rate of the year to date (principal paid on the bills of January to the month, by the as-of day ÷
 *   principal billed, as the collection KPIs define it) more than the threshold (percentage points) below the same
 *   months of last year paid by the same day of last year; no figure when either year has nothing billed.
 * - arrears_growth (欠费同比增长) [check; issue 14 R8.1]: the fund's arrears principal (billed, past due, unpaid) on the
 *   as-of day grown against the same day of last year by more than the threshold percent and by more than the
 *   minimum amount (100 yuan of arrears does not alarm); from no arrears at all, any growth above the minimum.
 * Comparisons are exact on fen (no rounded rate decides), and "below" / "more than" are strict.
 */
import { divideRounded, formatYuan } from '../../platform/money.ts';
import type { AlertRule, AlertSeverity } from './alerts.statuses.ts';
import { deviationFraction, progressText, ratioText, type ExecutionLine, type TimeProgress } from './execution.calc.ts';

/** The levels in force for a fund's region on the evaluation's date (params/execution, params/warning). */
export interface AlertThresholds {
  warningMonths: number; criticalMonths: number; deviationPoints: number;
  /** The employee medical pooled fund's range (params/warning/medical): above `reasonableMax` months a warning, above `tooMuch` critical. */
  medicalRange: { reasonableMax: number; tooMuch: number };
  /** params/warning/collection: the collection rate's drop (points), the arrears' growth (percent) and its minimum (fen, a number: job parameters are JSON). */
  collectionRateDropPoints: number;
  arrearsGrowth: { percent: number; minimumFen: number };
}

/** Principal billed for a year's months to the as-of day and paid of it by that day (fen). */
export interface Collected { billed: bigint; paid: bigint }

/** What an evaluation knows of one fund, money in fen. */
export interface FundFigures {
  fund: string;
  /** The fund's insurance (medical, pension, …): some rules look at one scheme only. */
  insurance: string;
  contributionIncome: bigint;
  benefitExpense: bigint;
  balance: bigint;
  /** Expense of the last `expenseMonths` months up to the evaluated one. */
  recentExpense: bigint;
  expenseMonths: number;
  progress: TimeProgress;
  /** The budget table's lines (其中 rows are skipped by the rule). */
  lines: ExecutionLine[];
  /** Collected of January to the month, this year and last year. */
  collected: Collected; collectedLastYear: Collected;
  /** Arrears principal on the as-of day and on the same day of last year. */
  arrears: bigint; arrearsLastYear: bigint;
}

export interface FoundCondition { rule: AlertRule; conditionKey: string; severity: AlertSeverity; figures: Record<string, string | number> }

/** Months over which the payment capacity averages the expense. */
export const CAPACITY_MONTHS = 12;

export function currentDeficit(figures: FundFigures): FoundCondition[] {
  if (figures.contributionIncome >= figures.benefitExpense) return [];
  return [{
    rule: 'current_deficit', conditionKey: figures.fund, severity: 'warning',
    figures: { contributionIncome: formatYuan(figures.contributionIncome), benefitExpense: formatYuan(figures.benefitExpense), gap: formatYuan(figures.benefitExpense - figures.contributionIncome) },
  }];
}

/** Months of payment capacity: balance ÷ (expense ÷ months), as a decimal string; null when the fund has no expense yet. */
export const monthsOfPaymentCapacity = (figures: Pick<FundFigures, 'balance' | 'recentExpense' | 'expenseMonths'>): string | null =>
  figures.expenseMonths <= 0 || figures.recentExpense <= 0n ? null : ratioText(figures.balance * BigInt(figures.expenseMonths), figures.recentExpense);

export function paymentCapacity(figures: FundFigures, thresholds: AlertThresholds): FoundCondition[] {
  if (figures.expenseMonths <= 0 || figures.recentExpense <= 0n) return [];
  // balance ÷ (expense ÷ months) < level  ⇔  balance · months < level · expense (exact)
  const below = (level: number) => figures.balance * BigInt(figures.expenseMonths) < BigInt(level) * figures.recentExpense;
  const severity: AlertSeverity | null = below(thresholds.criticalMonths) ? 'critical' : below(thresholds.warningMonths) ? 'warning' : null;
  if (!severity) return [];
  return [{
    rule: 'payment_capacity', conditionKey: figures.fund, severity,
    figures: {
      balance: formatYuan(figures.balance), averageMonthlyExpense: formatYuan(divideRounded(figures.recentExpense, BigInt(figures.expenseMonths))),
      months: monthsOfPaymentCapacity(figures)!, expenseMonths: figures.expenseMonths,
      warningMonths: thresholds.warningMonths, criticalMonths: thresholds.criticalMonths,
    },
  }];
}

export function executionDeviation(figures: FundFigures, thresholds: AlertThresholds): FoundCondition[] {
  return figures.lines.filter((line) => line.parentSubject === null && line.budget > 0n).flatMap((line): FoundCondition[] => {
    const { numerator, denominator } = deviationFraction(line.budget, line.actual, figures.progress);
    // |numerator ÷ denominator| > points ÷ 100
    const beyond = (numerator < 0n ? -numerator : numerator) * 100n > BigInt(thresholds.deviationPoints) * denominator;
    if (!beyond) return [];
    return [{
      rule: 'execution_deviation', conditionKey: `${figures.fund}/${line.side}/${line.subject}`, severity: 'warning',
      figures: {
        subject: line.subject, name: line.name, side: line.side, budget: formatYuan(line.budget), actual: formatYuan(line.actual),
        rate: line.rate!, timeProgress: progressText(figures.progress), deviation: line.deviation!, thresholdPoints: thresholds.deviationPoints,
      },
    }];
  });
}

export function medicalBalanceRange(figures: FundFigures, thresholds: AlertThresholds): FoundCondition[] {
  if (figures.insurance !== 'medical' || figures.expenseMonths <= 0 || figures.recentExpense <= 0n) return [];
  // balance ÷ (expense ÷ months) > level  ⇔  balance · months > level · expense (exact)
  const above = (level: number) => figures.balance * BigInt(figures.expenseMonths) > BigInt(level) * figures.recentExpense;
  const { reasonableMax, tooMuch } = thresholds.medicalRange;
  const severity: AlertSeverity | null = above(tooMuch) ? 'critical' : above(reasonableMax) ? 'warning' : null;
  if (!severity) return [];
  return [{
    rule: 'medical_balance_range', conditionKey: figures.fund, severity,
    figures: {
      balance: formatYuan(figures.balance), averageMonthlyExpense: formatYuan(divideRounded(figures.recentExpense, BigInt(figures.expenseMonths))),
      months: monthsOfPaymentCapacity(figures)!, reasonableMax, tooMuch,
    },
  }];
}

export function collectionRateDrop(figures: FundFigures, thresholds: AlertThresholds): FoundCondition[] {
  const now = figures.collected, before = figures.collectedLastYear;
  if (now.billed <= 0n || before.billed <= 0n) return [];
  // (before.paid ÷ before.billed − now.paid ÷ now.billed) · 100 > points, on a common denominator (exact)
  const dropTimesBilled = (before.paid * now.billed - now.paid * before.billed) * 100n;
  const billedProduct = now.billed * before.billed;
  if (dropTimesBilled <= BigInt(thresholds.collectionRateDropPoints) * billedProduct) return [];
  return [{
    rule: 'collection_rate', conditionKey: figures.fund, severity: 'warning',
    figures: {
      billed: formatYuan(now.billed), paid: formatYuan(now.paid), rate: ratioText(now.paid, now.billed),
      billedLastYear: formatYuan(before.billed), paidLastYear: formatYuan(before.paid), rateLastYear: ratioText(before.paid, before.billed),
      dropPoints: ratioText(dropTimesBilled, billedProduct), thresholdPoints: thresholds.collectionRateDropPoints,
    },
  }];
}

export function arrearsGrowth(figures: FundFigures, thresholds: AlertThresholds): FoundCondition[] {
  const growth = figures.arrears - figures.arrearsLastYear;
  const { percent, minimumFen } = thresholds.arrearsGrowth;
  // growth > minimum, and growth ÷ last year > percent ÷ 100 (exact; from no arrears any growth is beyond any percent)
  if (growth <= BigInt(minimumFen) || growth * 100n <= BigInt(percent) * figures.arrearsLastYear) return [];
  return [{
    rule: 'arrears_growth', conditionKey: figures.fund, severity: 'warning',
    figures: {
      arrears: formatYuan(figures.arrears), arrearsLastYear: formatYuan(figures.arrearsLastYear), growth: formatYuan(growth),
      ...(figures.arrearsLastYear > 0n ? { growthRate: ratioText(growth, figures.arrearsLastYear) } : {}),
      thresholdPercent: percent, minimum: formatYuan(BigInt(minimumFen)),
    },
  }];
}

/** Every condition the fund's figures raise. */
export const conditionsOf = (figures: FundFigures, thresholds: AlertThresholds): FoundCondition[] => [
  ...currentDeficit(figures), ...paymentCapacity(figures, thresholds), ...executionDeviation(figures, thresholds), ...medicalBalanceRange(figures, thresholds),
  ...collectionRateDrop(figures, thresholds), ...arrearsGrowth(figures, thresholds),
];

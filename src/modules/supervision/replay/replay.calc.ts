/**
 * Replay (重算复核) as pure functions: an amount sifund calculated, recomputed from its recorded inputs by the very
 * rule that produced it, and compared with what is stored. A bill line is recomputed by the billing calculation
 * itself (collection's lineAmount: base × rate, exact, rounded once to the fen by contribution.rounding of the
 * period, 国办发〔2019〕13号 one base per person), never by a copy of it; its base is held against the period's floor
 * and ceiling (baseLimits). A pension payroll line is compared with the award's monthly amount in force when the
 * payroll was computed. Every difference names what was recorded and what the rule gives.
 */
import { formatYuan, type RoundingMode } from '../../../platform/money.ts';
import { baseLimits, contributionBase, lineAmount } from '../../collection/index.ts';

/** What differs: a bill line's amount or base, or a payroll line's amount. */
export type DifferenceKind = 'bill_line' | 'payroll_line';

export interface ReplayDifference {
  kind: DifferenceKind;
  /** bill line: employerId/billId/personId/insurance (its key); payroll line: its reference (YL<period><award>). */
  id: string;
  /** bill line: employerAmount, employeeAmount or base; payroll line: amount. */
  field: string;
  /** money in yuan, as stored */
  recorded: string;
  /** money in yuan, as the rule gives it */
  recomputed: string;
}

/** A bill line as stored, with the bill it belongs to. Money in fen, rates as exact decimal text. */
export interface RecordedBillLine {
  employerId: bigint; billId: bigint; personId: bigint; insurance: string;
  base: bigint; employerRate: string; employeeRate: string | null; employerAmount: bigint; employeeAmount: bigint | null;
}

/** The parameters of the line's period and region the replay reads (contribution.rounding, contribution.base.*). */
export interface PeriodRules { rounding: RoundingMode; averageWage: bigint; floorRatio: string; ceilingRatio: string }

const billLineId = (line: RecordedBillLine) => `${line.employerId}/${line.billId}/${line.personId}/${line.insurance}`;

/**
 * Recomputes one bill line: each amount from the recorded base and rate by the billing rule; the base of a billed
 * line (a positive base: a regular bill, or the new line of a supplementary bill) clamped to the period's limits as
 * billing clamps it. A credit note's reversing line (negative base) repeats a line billed before with its sign
 * turned, so only its amounts are recomputed.
 */
export function replayBillLine(line: RecordedBillLine, rules: PeriodRules): ReplayDifference[] {
  const differences: ReplayDifference[] = [];
  const differ = (field: string, recorded: bigint | null, recomputed: bigint | null) => {
    if (recorded === recomputed) return;
    differences.push({ kind: 'bill_line', id: billLineId(line), field, recorded: recorded === null ? '' : formatYuan(recorded), recomputed: recomputed === null ? '' : formatYuan(recomputed) });
  };
  if (line.base > 0n) {
    const { floor, ceiling } = baseLimits(rules.averageWage, rules.floorRatio, rules.ceilingRatio, rules.rounding);
    differ('base', line.base, contributionBase(line.base, floor, ceiling));
  }
  differ('employerAmount', line.employerAmount, lineAmount(line.base, line.employerRate, rules.rounding));
  differ('employeeAmount', line.employeeAmount, line.employeeRate === null ? null : lineAmount(line.base, line.employeeRate, rules.rounding));
  return differences;
}

/** A pension payroll line as stored, with the award's monthly amount in force for its month when it was computed. */
export interface RecordedPayrollLine { reference: string; amount: bigint; amountInForce: bigint }

/** 养老金按月足额发放: a payroll line pays the award's monthly amount in force for the month (the award, or its latest adjustment). */
export function replayPayrollLine(line: RecordedPayrollLine): ReplayDifference[] {
  return line.amount === line.amountInForce ? []
    : [{ kind: 'payroll_line', id: line.reference, field: 'amount', recorded: formatYuan(line.amount), recomputed: formatYuan(line.amountInForce) }];
}

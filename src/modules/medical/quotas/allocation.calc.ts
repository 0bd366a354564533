/**
 * 总额预算指标分配 (issue 13 R6.4), pure: the annual quotas of a pooling region's designated institutions from the
 * approved budget of its employee medical fund (docs/domain.md "Medical total budget control": 以收定支、收支平衡、
 * 略有结余, a reserve kept for mid-year adjustment and year-end sharing [common]).
 *
 * - Two pools, one per budget line the quotas are paid from (what medical.ledger.ts books them on): the hospitals'
 *   quotas from 住院医疗费用 (benefit_expense.inpatient), the pharmacies' from 门诊医疗费用 (benefit_expense.outpatient).
 * - Each pool keeps back the adjustment reserve (`medical.quota_allocation.adjustment_reserve` × the line, rounded once
 *   to the fen, half up); the rest is allocable.
 * - An institution's basis is its history: the fund-payable of its settled months in the twelve months read, annualised
 *   (× 12 ÷ its months) when it has fewer; without a settled month, its quota of the year before; without either, none.
 * - Its weight is the basis × the factor of its kind (`medical.quota_allocation.level_factors`, weighted towards primary
 *   care); the allocable is split over the weights by the largest remainder (platform/money.ts), so the quotas of a
 *   pool sum to its allocable to the fen.
 * - Adjusted by hand: an institution given a quota keeps it (with the reason); the rest of its pool's allocable is split
 *   over the others' weights. What nobody can take (no weight left) stays unallocated, said per pool; more given by
 *   hand than the pool allows is an overrun the caller refuses.
 */
import { multiplyFen, splitByLargestRemainder, type Decimal } from '../../../platform/money.ts';
import type { InstitutionKind } from '../medical.tables.ts';

export type BudgetLineName = 'inpatient' | 'outpatient';
export type BasisSource = 'settled' | 'previous_quota' | 'none';

/** The budget line an institution's payments are booked on, hence the pool its quota comes from. */
export const budgetLineOf = (kind: InstitutionKind): BudgetLineName => (kind === 'pharmacy' ? 'outpatient' : 'inpatient');

export interface AllocationRules { adjustmentReserve: Decimal; levelFactors: Readonly<Record<InstitutionKind, Decimal>> }

export interface InstitutionHistory {
  code: string; kind: InstitutionKind;
  /** Fen: Σ fund-payable of its settled months among the twelve read. */
  settled: bigint;
  /** Its settled months among them (0–12). */
  settledMonths: number;
  /** Fen: its quota in force for the year before, if any. */
  previousQuota: bigint | null;
}

export interface QuotaAdjustment { quota: bigint; reason: string }

export interface AllocatedQuota {
  code: string; kind: InstitutionKind; line: BudgetLineName;
  basis: bigint; basisSource: BasisSource; basisMonths: number; factor: Decimal;
  /** Fen: by the weights alone. */
  proposed: bigint;
  /** Fen: the quota allocated (the proposal, or as adjusted, or re-spread after others' adjustments). */
  quota: bigint;
  reason: string | null;
}

export interface AllocationPool { line: BudgetLineName; budget: bigint; reserve: bigint; allocable: bigint; allocated: bigint; unallocated: bigint }

const MONTHS = 12;

/** The institution's basis: settled (annualised), else its quota of the year before, else none. */
export function basisOf(history: InstitutionHistory): { basis: bigint; source: BasisSource; months: number } {
  if (history.settledMonths > 0) {
    const basis = history.settledMonths >= MONTHS ? history.settled : (history.settled * BigInt(MONTHS)) / BigInt(history.settledMonths);
    return { basis, source: 'settled', months: Math.min(history.settledMonths, MONTHS) };
  }
  if (history.previousQuota !== null) return { basis: history.previousQuota, source: 'previous_quota', months: 0 };
  return { basis: 0n, source: 'none', months: 0 };
}

/** basis × factor as integers on one scale, so weights of different factors compare exactly. */
function weightOf(basis: bigint, factor: Decimal, scale: number): bigint {
  return basis * factor.units * 10n ** BigInt(scale - factor.scale);
}

/** Splits `amount` over the weights; all weights zero: nothing is split (every part 0). */
function split(amount: bigint, weights: readonly bigint[]): bigint[] {
  return weights.some((weight) => weight > 0n) && amount > 0n ? splitByLargestRemainder(amount, weights) : weights.map(() => 0n);
}

export function allocateQuotas(
  budget: Readonly<Record<BudgetLineName, bigint>>, institutions: readonly InstitutionHistory[], rules: AllocationRules,
  adjustments: ReadonlyMap<string, QuotaAdjustment> = new Map(),
): { pools: AllocationPool[]; quotas: AllocatedQuota[] } {
  const scale = Math.max(...Object.values(rules.levelFactors).map((factor) => factor.scale));
  const quotas: AllocatedQuota[] = [];
  const pools = (['inpatient', 'outpatient'] as const).map((line): AllocationPool => {
    const reserve = multiplyFen(budget[line], rules.adjustmentReserve);
    const allocable = budget[line] - reserve;
    const members = institutions.filter((institution) => budgetLineOf(institution.kind) === line).map((institution) => {
      const { basis, source, months } = basisOf(institution);
      const factor = rules.levelFactors[institution.kind];
      return { institution, basis, source, months, factor, weight: weightOf(basis, factor, scale), adjustment: adjustments.get(institution.code) };
    });
    const proposed = split(allocable, members.map((member) => member.weight));
    const fixed = members.reduce((sum, member) => sum + (member.adjustment?.quota ?? 0n), 0n);
    const rest = allocable - fixed;
    const respread = split(rest > 0n ? rest : 0n, members.map((member) => (member.adjustment ? 0n : member.weight)));
    members.forEach((member, index) => quotas.push({
      code: member.institution.code, kind: member.institution.kind, line, basis: member.basis, basisSource: member.source, basisMonths: member.months,
      factor: member.factor, proposed: proposed[index], quota: member.adjustment?.quota ?? respread[index], reason: member.adjustment?.reason ?? null,
    }));
    const allocated = quotas.filter((quota) => quota.line === line).reduce((sum, quota) => sum + quota.quota, 0n);
    return { line, budget: budget[line], reserve, allocable, allocated, unallocated: allocable - allocated };
  });
  return { pools, quotas };
}

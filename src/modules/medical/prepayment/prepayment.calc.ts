/**
 * 月度预拨: an institution's monthly pre-allocation is its annual quota less the reserve kept back for the year-end
 * settlement, spread evenly over the months (docs/domain.md "Medical total budget control": 年度总额 → 月度预拨 →
 * 年终清算, the reserve "for mid-year adjustment and year-end sharing"). Pure; rounded once to the fen, half up.
 */
import { divideRounded, type Decimal } from '../../../platform/money.ts';

/** quota × (1 − reserve) ÷ months, computed exactly and rounded once. */
export function monthlyPrepayment(annualQuota: bigint, reserveShare: Decimal, months: number): bigint {
  const whole = 10n ** BigInt(reserveShare.scale);
  return divideRounded(annualQuota * (whole - reserveShare.units), whole * BigInt(months));
}

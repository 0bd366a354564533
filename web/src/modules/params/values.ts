import { percentOf } from '../../format.ts';

/** A value as written, a rate followed by its percentage: "0.085" → "0.085（8.5%）". */
export function withPercent(value: string, unit: string): string {
  const percent = unit === 'rate' ? percentOf(value) : null;
  return percent ? `${value}（${percent}）` : value;
}

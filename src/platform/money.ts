/**
 * Money and exact rates. Money is bigint fen (分) everywhere in the code and the database; in JSON it is a
 * decimal string in yuan with two places ("1234.56"). Rates are exact decimals (never binary floats).
 */
import { invalid } from './errors.ts';
import { fieldRules } from './fields.messages.ts';

const YUAN = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450n. Throws a 400 naming `field` when the text is not an amount in yuan. */
export function parseYuan(text: string | number, field = 'amount'): bigint {
  const match = YUAN.exec(String(text).trim());
  if (!match) throw invalid(field, fieldRules.yuanGot({ text: String(text) }));
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** 123450n → "1234.50" */
export function formatYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Fen as 万元 with two decimals ("1234.57"), rounded half away from zero: a cell of a paper layout, a figure of a narrative. */
export function tenThousandYuan(fen: bigint): string {
  const hundredYuan = (fen < 0n ? fen - 5_000n : fen + 5_000n) / 10_000n;
  return formatYuan(hundredYuan);
}

/** An exact decimal: value = units / 10^scale. */
export interface Decimal { units: bigint; scale: number }

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string, field = 'value'): Decimal {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw invalid(field, fieldRules.decimalGot({ text }));
  const fraction = match[3] ?? '';
  const units = BigInt(match[2] + fraction);
  return { units: match[1] ? -units : units, scale: fraction.length };
}

export function formatDecimal(decimal: Decimal): string {
  const negative = decimal.units < 0n;
  let digits = (negative ? -decimal.units : decimal.units).toString().padStart(decimal.scale + 1, '0');
  if (decimal.scale > 0) digits = `${digits.slice(0, -decimal.scale)}.${digits.slice(-decimal.scale)}`.replace(/\.?0+$/, '');
  return `${negative ? '-' : ''}${digits}`;
}

/** a compared with b: negative, zero or positive; exact, whatever their scales. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.units * 10n ** BigInt(scale - a.scale), right = b.units * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

export type RoundingMode = 'half_up' | 'half_even' | 'down';

/** Divides exactly and rounds once: numerator / denominator to an integer by `mode` (denominator > 0). */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode = 'half_up'): bigint {
  if (denominator <= 0n) throw new Error('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let quotient = abs / denominator;
  const twiceRemainder = (abs % denominator) * 2n;
  if (mode === 'half_up' && twiceRemainder >= denominator) quotient += 1n;
  if (mode === 'half_even' && (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n))) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** fen × rate, rounded once to the fen. */
export function multiplyFen(fen: bigint, rate: Decimal, mode: RoundingMode = 'half_up'): bigint {
  return divideRounded(fen * rate.units, 10n ** BigInt(rate.scale), mode);
}

/**
 * Splits `amount` fen over the weights (non-negative, at least one positive) by the largest remainder (Hamilton's
 * method): each part first gets the floor of amount × weight ÷ total weight, then the fen left over go one each to the
 * parts with the largest remainders (the earlier part first on a tie), so the parts sum to `amount` exactly and none is
 * more than one fen from its exact share.
 */
export function splitByLargestRemainder(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total <= 0n || weights.some((weight) => weight < 0n)) throw new Error('the weights must be non-negative with a positive sum');
  const shares = weights.map((weight) => ({ floor: (amount * weight) / total, remainder: (amount * weight) % total }));
  let left = amount - shares.reduce((sum, share) => sum + share.floor, 0n);
  const order = shares.map((share, part) => ({ part, remainder: share.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.part - b.part : a.remainder > b.remainder ? -1 : 1));
  const result = shares.map((share) => share.floor);
  for (const { part } of order) {
    if (left === 0n) break;
    result[part] += 1n;
    left -= 1n;
  }
  return result;
}

export { yuanInChineseCapitals } from '../shared/capitals.ts';

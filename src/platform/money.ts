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

/*
 * 大写金额: an amount in Chinese capitals, as printed money documents carry it (人民币大写：壹仟贰佰叁拾肆元伍角陆分).
 * The rules are 中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》 (第二条):
 *  - 整 after 元 when there is no 角 and no 分, and after 角 (nothing can be added after it); never after 分;
 *  - a zero between digits is written 零, a run of zeros (also across 万 and 亿) as one 零;
 *  - a zero 元 digit or a zero 万 digit before a non-zero 仟 or 角 may go without 零, and does here;
 *  - a zero 角 before a non-zero 分 is written 零 after 元 (¥325.04: 叁佰贰拾伍元零肆分);
 *  - ten is 壹拾 (壹拾元整), so no 拾 stands without its digit.
 * A negative amount (a credit note, 红字) is prefixed with 负. The web shows the same words
 * (web/src/platform/capitals.ts, which cannot import server code; web/e2e/capitals.test.ts keeps the two equal).
 */
const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CAPITAL_PLACES = ['仟', '佰', '拾', ''];
/** Groups of four digits are counted in 万, then 亿, then 万亿. */
const CAPITAL_GROUPS = ['', '万', '亿', '万亿'];

/** Whole yuan (positive) in capitals, without 元. */
function wholeYuanInCapitals(yuan: bigint): string {
  const digits = String(yuan);
  if (digits.length > CAPITAL_GROUPS.length * 4) throw new RangeError(`amount too large for Chinese capitals: ${digits} yuan`);
  const padded = digits.padStart(Math.ceil(digits.length / 4) * 4, '0');
  const groupCount = padded.length / 4;
  let words = '';
  let zeroPending = false;
  for (let group = 0; group < groupCount; group++) {
    const groupDigits = padded.slice(group * 4, group * 4 + 4);
    if (groupDigits === '0000') { zeroPending = words !== ''; continue; }
    for (let place = 0; place < 4; place++) {
      const digit = Number(groupDigits[place]);
      if (digit === 0) { zeroPending = words !== ''; continue; }
      if (zeroPending) words += '零';
      zeroPending = false;
      words += CAPITAL_DIGITS[digit] + CAPITAL_PLACES[place];
    }
    words += CAPITAL_GROUPS[groupCount - 1 - group];
    // the group's own trailing zeros end at its 万 or 亿: 壹拾万柒仟, not 壹拾万零柒仟
    zeroPending = false;
  }
  return words;
}

/** 123456n (1,234.56 yuan) → 壹仟贰佰叁拾肆元伍角陆分; 0n → 零元整. */
export function yuanInChineseCapitals(fen: bigint): string {
  if (fen < 0n) return `负${yuanInChineseCapitals(-fen)}`;
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);
  if (jiao === 0 && cents === 0) return `${yuan === 0n ? '零' : wholeYuanInCapitals(yuan)}元整`;
  let words = yuan === 0n ? '' : `${wholeYuanInCapitals(yuan)}元`;
  if (jiao > 0) words += `${CAPITAL_DIGITS[jiao]}角`;
  else if (yuan > 0n) words += '零';
  return cents > 0 ? `${words}${CAPITAL_DIGITS[cents]}分` : `${words}整`;
}

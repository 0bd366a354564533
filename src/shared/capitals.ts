/**
 * 大写金额: an amount in Chinese capitals, as money documents print it (壹仟贰佰叁拾肆元伍角陆分).
 * The rules are 中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》 (第二条):
 *  - 整 after 元 when there is no 角 and no 分; after 角 it may be written and is (nothing can be added after it);
 *    never after 分;
 *  - a zero between digits is written 零, a run of zeros (also across 万 and 亿) as one 零;
 *  - a zero 元 digit or a zero 万 digit before a non-zero 仟 or 角 may go without 零, and does here;
 *  - a zero 角 before a non-zero 分 is written 零 after 元 (¥325.04: 叁佰贰拾伍元零肆分);
 *  - ten is 壹拾 (壹拾元整), so no 拾 stands without its digit.
 * A negative amount (a red-ink reversal, 红字凭证) is prefixed with 负. One implementation for the server's PDFs and the
 * web's pages: pure, with no imports, in src/shared/ — the one server folder the web may import values from
 * (web/e2e/web-types.test.ts).
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
